// .dockerignore patterns (Docker's semantics): one pattern per line, `#` comment lines, blank
// lines skipped, surrounding whitespace trimmed, `!` re-includes, paths cleaned and a leading
// `/` dropped; `*` matches within one path element, `?` one character, `[...]` a class, `\`
// escapes, `**` any number of elements. A pattern that matches a parent directory excludes
// everything below it; the last matching pattern decides.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace dockml {

class DockerIgnore {
 public:
  struct Pattern {
    std::string text;       // cleaned pattern as matched
    bool exclusion = false; // written with `!`
    uint32_t line = 0;      // 1-based line in the file
    std::shared_ptr<const re2::RE2> re;
  };

  static DockerIgnore parse(std::string_view contents);
  // Reads `path`; nullopt when it does not exist or cannot be read (or is over 1 MiB).
  static std::optional<DockerIgnore> load(const std::string& path);

  // The pattern that excludes `path` (relative to the context, `/`-separated), or nullptr
  // when the path is included.
  const Pattern* excluding(std::string_view path) const;

  const std::vector<Pattern>& patterns() const { return patterns_; }

 private:
  std::vector<Pattern> patterns_;
};

// Lexically cleans a `/`-separated path: drops `.` elements and empty elements, resolves `..`
// (nullopt when it leaves the root), strips a leading `/`. "" for the root itself.
std::optional<std::string> clean_context_path(std::string_view path);

}  // namespace dockml
