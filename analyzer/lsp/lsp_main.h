// Entry points of `dockml lsp`.
#pragma once

#include <istream>
#include <memory>
#include <ostream>

namespace dockml {

namespace lsp {
class Backend;
struct ServerOptions;
}  // namespace lsp

// Runs the language server over framed JSON-RPC on `in`/`out` until `exit` or the end of
// input, with the engine as backend. Returns 0 when `shutdown` came first, else 1.
int run_lsp_server(std::istream& in, std::ostream& out);
int run_lsp_server(std::istream& in, std::ostream& out, std::unique_ptr<lsp::Backend> backend,
                   lsp::ServerOptions options);

// `dockml lsp [--stdio]`: the server on stdin/stdout (SIGPIPE ignored, unsynced streams).
int run_lsp_stdio();

}  // namespace dockml
