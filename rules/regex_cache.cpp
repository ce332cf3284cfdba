#include "rules/regex_cache.h"

#include <map>
#include <memory>
#include <mutex>

namespace dockml::rules {

const RE2& cached_regex(const std::string& pattern) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<RE2>, std::less<>> compiled;
  std::lock_guard<std::mutex> lock(mu);
  auto it = compiled.find(pattern);
  if (it == compiled.end()) it = compiled.emplace(pattern, std::make_unique<RE2>(pattern)).first;
  return *it->second;
}

}  // namespace dockml::rules
