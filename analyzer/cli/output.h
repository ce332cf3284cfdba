// Writing output files atomically: a temporary file in the same directory, then rename().
#pragma once

#include <string>
#include <string_view>

namespace dockml {

// Writes `content` to `path` (replacing it atomically). On failure returns false and sets
// `error` to a one-line reason naming the path; no partial file is left behind.
bool write_file_atomic(const std::string& path, std::string_view content, std::string& error);

}  // namespace dockml
