// The LSP server: dispatches JSON-RPC messages (on the thread that reads them) and lints on
// a LintWorker thread. Transport-agnostic: messages come in through handle_*() and go out
// through the Sender, which must be safe to call from two threads.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/lsp/backend.h"
#include "analyzer/lsp/document_store.h"
#include "analyzer/lsp/lint_worker.h"
#include "analyzer/lsp/settings.h"

namespace dockml::lsp {

struct ServerOptions {
  std::chrono::milliseconds debounce{150};
};

class Server {
 public:
  using Sender = std::function<void(const nlohmann::json&)>;

  Server(std::unique_ptr<Backend> backend, Sender send, ServerOptions options = {});
  ~Server();

  // One message body as read from the transport (answers a JSON parse error itself).
  void handle_raw(std::string_view body);
  void handle(const nlohmann::json& message);
  // The transport could not frame a message (bad Content-Length): answers a parse error.
  void handle_framing_error(const std::string& why);

  bool exited() const { return exited_; }
  // 0 when `shutdown` came before `exit` (or before the input ended), 1 otherwise.
  int exit_code() const { return shutdown_ ? 0 : 1; }

  // Blocks until no lint or request work is pending (tests, benchmarks).
  void wait_idle() { worker_.wait_idle(); }
  // Stops the worker (pending work is dropped). Called by the destructor too.
  void stop() { worker_.stop(); }

 private:
  using Diagnostics = std::shared_ptr<const std::vector<Diagnostic>>;
  struct Linted {
    int64_t version = -1;
    SourcePtr source;
    Diagnostics diagnostics = std::make_shared<const std::vector<Diagnostic>>();  // never null
  };
  // What a lint published: the diagnostics (shared with its Linted) for each target uri, turned
  // into LSP JSON only when a message is built.
  struct Published {
    std::string uri;   // the producer
    std::string path;  // its file path (labels in it use its uri)
    Diagnostics diagnostics;
    std::map<std::string, std::vector<uint32_t>> by_target;  // target uri -> indices
  };

  void on_request(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
  void on_notification(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  void did_open(const nlohmann::json& params);
  void did_change(const nlohmann::json& params);
  void did_save(const nlohmann::json& params);
  void did_close(const nlohmann::json& params);
  void did_change_configuration(const nlohmann::json& params);
  void code_action(const nlohmann::json& id, const nlohmann::json& params);
  void hover(const nlohmann::json& id, const nlohmann::json& params);
  void execute_command(const nlohmann::json& id, const nlohmann::json& params);

  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, const std::string& message);
  void notify(const std::string& method, nlohmann::json params);
  void show_message(int type, const std::string& message);

  // Lint scheduling (callers hold no lock).
  void schedule_lint(const std::string& uri, bool immediate);
  void schedule_dependents(const Document& requirement_doc);
  // Worker side: lints `uri` unless its result is current, then publishes.
  void lint_now(const std::string& uri);
  // Current diagnostics of `uri` (linting first when stale); false when not open.
  bool current_result(const std::string& uri, Document& doc, Linted& result);
  LintJob make_job_locked(const Document& doc) const;
  // Publishes the union of every producer's diagnostics for each target.
  void publish_locked(const std::set<std::string>& targets, std::vector<nlohmann::json>& out) const;
  void send_all(std::vector<nlohmann::json>& messages);
  std::optional<nlohmann::json> fix_all_edit(const Document& doc, const Linted& result);

  std::unique_ptr<Backend> backend_;
  Sender send_;
  ServerOptions options_;

  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;

  mutable std::mutex mu_;  // guards everything below
  PositionEncoding encoding_ = PositionEncoding::kUtf16;
  bool disabled_support_ = false;
  std::string root_dir_;
  Settings settings_;
  ResolvedSettings resolved_;
  DocumentStore docs_;
  std::map<std::string, Linted> results_;
  // producer uri -> what it published (a Dockerfile may report into the requirement file it
  // installs).
  std::map<std::string, Published> published_;
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> cancel_flags_;
  std::string last_error_;
  int next_request_id_ = 1;

  LintWorker worker_;  // last: destroyed (joined) first
};

}  // namespace dockml::lsp
