// Path globs of the configuration (`exclude`, `overrides`), matched with RE2 (linear time):
// `*` any run of characters within one path segment, `?` one character but `/`, `**` any
// number of whole segments (`**/x`, `a/**`, `a/**/b`), `[...]` a character class, `\` escapes
// the next character. Paths are relative to the configuration's folder, `/`-separated. A glob
// also matches everything below a folder it matches (`vendor` excludes `vendor/a/Dockerfile`),
// and a glob without `/` matches a file or folder name at any depth (`*.gpu.Dockerfile`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace dockml::config {

class PathGlob {
 public:
  // nullopt with `error` set ("unterminated character class") when the glob is invalid.
  static std::optional<PathGlob> compile(std::string_view glob, std::string* error);

  // `relative_path` is relative to the configuration's folder, `/`-separated, without `./`.
  bool matches(std::string_view relative_path) const;

  const std::string& glob() const { return glob_; }

 private:
  std::string glob_;
  std::shared_ptr<const re2::RE2> re_;
};

}  // namespace dockml::config
