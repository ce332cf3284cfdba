#include "analyzer/lsp/lsp_main.h"

#include <csignal>
#include <iostream>
#include <mutex>

#include "analyzer/lsp/framing.h"
#include "analyzer/lsp/server.h"

namespace dockml {

int run_lsp_server(std::istream& in, std::ostream& out, std::unique_ptr<lsp::Backend> backend,
                   lsp::ServerOptions options) {
  std::mutex out_mu;
  auto send = [&](const nlohmann::json& message) {
    std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(out_mu);
    out << lsp::frame_message(body);
    out.flush();
  };
  lsp::Server server(std::move(backend), send, options);
  while (!server.exited()) {
    lsp::ReadResult message = lsp::read_message(in);
    if (message.status == lsp::ReadStatus::kEof) break;
    if (message.status == lsp::ReadStatus::kBadHeader) {
      server.handle_framing_error(message.error);
      continue;
    }
    server.handle_raw(message.body);
  }
  server.stop();
  return server.exit_code();
}

int run_lsp_server(std::istream& in, std::ostream& out) {
  return run_lsp_server(in, out, lsp::make_engine_backend(), lsp::ServerOptions{});
}

int run_lsp_stdio() {
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  try {
    return run_lsp_server(std::cin, std::cout);
  } catch (const std::exception& e) {
    std::cerr << "dockml lsp: internal error: " << e.what() << '\n';
  }
  return 1;
}

}  // namespace dockml
