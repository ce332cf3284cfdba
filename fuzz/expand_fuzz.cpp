// libFuzzer target: BuildKit variable expansion (expand_word, expand_words, find_references).
// The first byte picks the options; a few variables are set, unknown or partially known so
// every lookup state is reached.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/dockerfile/expand.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  dockml::ExpandOptions options;
  options.escape = (flags & 1) ? '`' : '\\';
  options.process_quotes = (flags & 2) == 0;
  options.raw_quotes = (flags & 4) != 0;
  options.raw_escapes = (flags & 8) != 0;
  options.keep_unset = (flags & 16) != 0;

  dockml::VarMap vars((flags & 32) != 0);
  vars.set("A", "a b  c");
  vars.set("EMPTY", "");
  vars.set("PATH", "/usr/local/bin:/usr/bin");
  vars.set_unknown("U");
  vars.set_unknown("TAG");

  dockml::ExpandResult word = dockml::expand_word(text, vars, options);
  if (word.error) (void)dockml::buildkit_error_message(text, *word.error);
  (void)dockml::expand_words(text, vars, options);
  (void)dockml::find_references(text, options);
  return 0;
}
