#include "analyzer/render/render.h"

namespace dockml {

// Rule pages are generated into docs/rules/<CODE>.md of the repository; ShellCheck's SCxxxx
// (from --shellcheck) are documented on ShellCheck's wiki.
std::string rule_url(std::string_view code) {
  if (code.size() > 2 && code.starts_with("SC") && code.find_first_not_of("0123456789", 2) == std::string_view::npos)
    return "https://www.shellcheck.net/wiki/" + std::string(code);
  return "https://github.com/dockml/dockml/blob/main/docs/rules/" + std::string(code) + ".md";
}

}  // namespace dockml
