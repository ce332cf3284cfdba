// file:// URIs <-> filesystem paths (RFC 3986 percent-encoding, as VS Code writes them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dockml::lsp {

// "file:///home/a%20b/Dockerfile" -> "/home/a b/Dockerfile"; nullopt for other schemes
// (untitled:, vscode-notebook-cell:, ...) or malformed escapes.
std::optional<std::string> uri_to_path(std::string_view uri);

// "/home/a b/Dockerfile" -> "file:///home/a%20b/Dockerfile". Relative paths are made absolute.
std::string path_to_uri(std::string_view path);

// The last path component of a URI or path ("Dockerfile.gpu"), percent-decoded.
std::string uri_basename(std::string_view uri);

}  // namespace dockml::lsp
