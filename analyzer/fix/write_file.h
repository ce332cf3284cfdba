// Writing a fixed file in place: atomically and keeping what the user set on the file.
#pragma once

#include <string>
#include <string_view>

namespace dockml {

// Replaces the contents of the existing regular file `path` with `content`: a temporary file
// in the same directory (so rename() cannot cross file systems), written, given the original's
// permission bits (and owner when allowed), fsync'ed, then renamed over the original, and the
// directory fsync'ed. A symbolic link is followed: its target is replaced, the link stays.
// When `expected` is given and the file no longer holds exactly those bytes (edited meanwhile),
// nothing is written. On failure returns false with a one-line `error` naming the path; no
// temporary file is left behind.
bool replace_file_contents(const std::string& path, std::string_view content, std::string& error,
                           const std::string_view* expected = nullptr);

}  // namespace dockml
