// Parses of shell scripts kept between lints, for the editor: after a one-character edit
// every RUN but one is the same text again, often at another offset. A script is found again
// when its text, its layout in the source (relative to its first byte), its SHELL, its
// context and the value of every variable the parse looked up are all the same; the stored
// parse is then returned with its spans moved to the script's new position. So a cached
// parse is exactly what parsing again would give.
//
// Used through a scope on the linting thread (as ScopedFileOverlay): without one (the
// command line) nothing is cached. Bounded: the least recently used entries are dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "analyzer/shell/shell.h"

namespace dockml::shell {

class ParseCache {
 public:
  explicit ParseCache(size_t max_entries = 4096);
  ~ParseCache();
  ParseCache(const ParseCache&) = delete;
  ParseCache& operator=(const ParseCache&) = delete;

  using Parser = std::function<ShellScript(const LogicalText&, const ShellOptions&)>;
  // The parse of `text` with `options`: the stored one (spans moved) or `parse(text, o)`,
  // where `o` is `options` with a lookup that records the variables asked for. Scripts whose
  // parse ran out of time are not stored. `context` tells scripts parsed differently apart.
  ShellScript parse(const LogicalText& text, const ShellOptions& options, uint16_t context,
                    const Parser& parse);

  size_t size() const;
  uint64_t hits() const;
  uint64_t misses() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Makes `cache` the one parse_run/parse_shell use on this thread until the scope ends.
class ScopedParseCache {
 public:
  explicit ScopedParseCache(ParseCache* cache);
  ~ScopedParseCache();
  ScopedParseCache(const ScopedParseCache&) = delete;
  ScopedParseCache& operator=(const ScopedParseCache&) = delete;

 private:
  ParseCache* previous_;
};

// The cache of the innermost scope on this thread; nullptr when none.
ParseCache* current_parse_cache();

// Moves every source span of `script` (words, commands, syntax errors, its source mapping)
// by `delta` bytes.
void shift_spans(ShellScript& script, int64_t delta);

}  // namespace dockml::shell
