#include "analyzer/lsp/server.h"

#include <algorithm>
#include <cstdio>

#include "analyzer/lsp/code_actions.h"
#include "analyzer/lsp/convert.h"
#include "analyzer/lsp/uri.h"

namespace dockml::lsp {

using nlohmann::json;

namespace {

const json kNull = nullptr;

const json& field(const json& obj, const char* key) {
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

std::string string_field(const json& obj, const char* key) {
  const json& v = field(obj, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

}  // namespace

Server::Server(std::unique_ptr<Backend> backend, Sender send, ServerOptions options)
    : backend_(std::move(backend)),
      send_(std::move(send)),
      options_(options),
      worker_(options.debounce) {}

Server::~Server() { worker_.stop(); }

void Server::reply(const json& id, json result) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::notify(const std::string& method, json params) {
  send_(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void Server::show_message(int type, const std::string& message) {
  notify("window/showMessage", json{{"type", type}, {"message", "dockml: " + message}});
}

void Server::handle_framing_error(const std::string& why) {
  reply_error(nullptr, kParseError, "bad message header: " + why);
}

void Server::handle_raw(std::string_view body) {
  json message = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded()) {
    reply_error(nullptr, kParseError, "message is not valid JSON");
    return;
  }
  handle(message);
}

void Server::handle(const json& message) {
  if (!message.is_object()) {
    reply_error(nullptr, kInvalidRequest, "a JSON-RPC message must be an object");
    return;
  }
  const json& method = field(message, "method");
  bool has_id = message.contains("id");
  const json& id = field(message, "id");
  if (method.is_null()) {
    if (has_id && (message.contains("result") || message.contains("error"))) return;  // a reply to us
    reply_error(has_id && (id.is_string() || id.is_number_integer()) ? id : kNull, kInvalidRequest,
                "message has no method");
    return;
  }
  if (!method.is_string()) {
    if (has_id) reply_error(id.is_string() || id.is_number_integer() ? id : kNull, kInvalidRequest,
                            "method must be a string");
    return;
  }
  const json& params = field(message, "params");
  std::string name = method.get<std::string>();
  if (has_id) {
    if (!id.is_string() && !id.is_number_integer()) {
      reply_error(nullptr, kInvalidRequest, "request id must be a string or an integer");
      return;
    }
    try {
      on_request(id, name, params);
    } catch (const json::exception& e) {
      reply_error(id, kInvalidParams, std::string("invalid params for ") + name + ": " + e.what());
    } catch (const std::exception& e) {
      reply_error(id, kInternalError, std::string("internal error in ") + name + ": " + e.what());
    }
    return;
  }
  try {
    on_notification(name, params);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dockml lsp: ignoring %s: %s\n", name.c_str(), e.what());
  }
}

void Server::on_request(const json& id, const std::string& method, const json& params) {
  if (method == "initialize") {
    if (initialized_) return reply_error(id, kInvalidRequest, "initialize was already received");
    initialized_ = true;
    return reply(id, initialize(params));
  }
  if (!initialized_) return reply_error(id, kServerNotInitialized, "the server is not initialized");
  if (shutdown_) return reply_error(id, kInvalidRequest, "the server is shutting down");
  if (method == "shutdown") {
    // Requests received before `shutdown` are answered first (their handlers run on the
    // worker); pending lints are dropped. Then nothing runs on the worker any more.
    worker_.drain_and_stop();
    shutdown_ = true;
    return reply(id, nullptr);
  }
  if (method == "textDocument/codeAction") return code_action(id, params);
  if (method == "textDocument/hover") return hover(id, params);
  if (method == "workspace/executeCommand") return execute_command(id, params);
  reply_error(id, kMethodNotFound, "unhandled method " + method);
}

void Server::on_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exited_ = true;
    worker_.stop();
    return;
  }
  if (!initialized_ || shutdown_) return;
  if (method == "textDocument/didOpen") return did_open(params);
  if (method == "textDocument/didChange") return did_change(params);
  if (method == "textDocument/didSave") return did_save(params);
  if (method == "textDocument/didClose") return did_close(params);
  if (method == "workspace/didChangeConfiguration") return did_change_configuration(params);
  if (method == "workspace/didChangeWatchedFiles") {
    std::vector<std::string> uris;
    {
      std::lock_guard lock(mu_);
      for (const Document& d : docs_.all()) {
        if (d.kind == FileKind::kDockerfile) {
          results_[d.uri].version = -1;
          uris.push_back(d.uri);
        }
      }
    }
    for (const std::string& uri : uris) schedule_lint(uri, false);
    return;
  }
  // initialized, $/cancelRequest, $/setTrace and unknown notifications: nothing to do.
}

json Server::initialize(const json& params) {
  const json& caps = field(params, "capabilities");
  const json& encodings = field(field(caps, "general"), "positionEncodings");
  std::vector<std::string> warnings;
  std::unique_lock lock(mu_);
  encoding_ = PositionEncoding::kUtf16;
  if (encodings.is_array()) {
    for (const json& e : encodings) {
      if (e.is_string() && e.get<std::string>() == "utf-8") encoding_ = PositionEncoding::kUtf8;
    }
  }
  const json& code_action_caps = field(field(caps, "textDocument"), "codeAction");
  disabled_support_ = field(code_action_caps, "disabledSupport").is_boolean() &&
                      field(code_action_caps, "disabledSupport").get<bool>();
  const json& folders = field(params, "workspaceFolders");
  std::string root_uri = string_field(params, "rootUri");
  if (folders.is_array() && !folders.empty()) root_uri = string_field(folders[0], "uri");
  if (auto path = uri_to_path(root_uri)) root_dir_ = *path;
  else root_dir_ = string_field(params, "rootPath");
  if (const json& init = field(params, "initializationOptions"); init.is_object()) {
    settings_ = parse_settings(init, warnings);
  }
  resolved_ = resolve_settings(settings_, warnings);
  PositionEncoding encoding = encoding_;
  lock.unlock();
  for (const std::string& w : warnings) show_message(2, w);
  return json{
      {"capabilities",
       {{"positionEncoding", std::string(encoding_name(encoding))},
        {"textDocumentSync",
         {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"codeActionProvider",
         {{"codeActionKinds", json::array({"quickfix", std::string(kFixAllKind)})},
          {"resolveProvider", false}}},
        {"hoverProvider", true},
        {"executeCommandProvider", {{"commands", json::array({"dockml.applyFixAll"})}}}}},
      {"serverInfo", {{"name", "dockml"}, {"version", DOCKML_VERSION}}}};
}

void Server::did_open(const json& params) {
  const json& td = field(params, "textDocument");
  const json& text = field(td, "text");
  std::string uri = string_field(td, "uri");
  if (uri.empty() || !text.is_string()) return;
  const json& version = field(td, "version");
  std::optional<Document> opened;
  {
    std::lock_guard lock(mu_);
    const Document* doc = docs_.open(uri, string_field(td, "languageId"),
                                     version.is_number_integer() ? version.get<int64_t>() : 0,
                                     text.get<std::string>());
    results_.erase(uri);
    if (doc) opened = *doc;
  }
  if (!opened) return;
  schedule_lint(uri, true);
  if (opened->kind == FileKind::kRequirements) schedule_dependents(*opened);
}

void Server::did_change(const json& params) {
  const json& td = field(params, "textDocument");
  std::string uri = string_field(td, "uri");
  const json& changes = field(params, "contentChanges");
  if (uri.empty() || !changes.is_array()) return;
  std::vector<ContentChange> parsed;
  for (const json& c : changes) {
    const json& text = field(c, "text");
    if (!text.is_string()) return;  // malformed: keep the old text rather than guess
    ContentChange change;
    change.text = text.get<std::string>();
    if (c.contains("range")) {
      change.range = parse_range(c["range"]);
      if (!change.range) return;
    }
    parsed.push_back(std::move(change));
  }
  const json& version = field(td, "version");
  std::optional<Document> changed;
  {
    std::lock_guard lock(mu_);
    const Document* before = docs_.find(uri);
    if (!before) return;
    int64_t v = version.is_number_integer() ? version.get<int64_t>() : before->version + 1;
    docs_.change(uri, v, parsed, encoding_);
    if (auto it = cancel_flags_.find(uri); it != cancel_flags_.end()) it->second->store(true);
    changed = *docs_.find(uri);
  }
  schedule_lint(uri, false);
  if (changed->kind == FileKind::kRequirements) schedule_dependents(*changed);
}

void Server::did_save(const json& params) {
  std::string uri = string_field(field(params, "textDocument"), "uri");
  std::optional<Document> saved;
  {
    std::lock_guard lock(mu_);
    if (const Document* doc = docs_.find(uri)) {
      results_[uri].version = -1;  // files on disk (COPY sources, config) may have changed
      saved = *doc;
    }
  }
  if (!saved) return;
  schedule_lint(uri, true);
  if (saved->kind == FileKind::kRequirements) schedule_dependents(*saved);
}

void Server::did_close(const json& params) {
  std::string uri = string_field(field(params, "textDocument"), "uri");
  std::vector<json> out;
  std::optional<Document> closed;
  {
    std::lock_guard lock(mu_);
    const Document* doc = docs_.find(uri);
    if (!doc) return;
    closed = *doc;
    docs_.close(uri);
    worker_.cancel(uri);
    results_.erase(uri);
    if (auto it = cancel_flags_.find(uri); it != cancel_flags_.end()) it->second->store(true);
    std::set<std::string> targets{uri};
    if (auto it = published_.find(uri); it != published_.end()) {
      for (const auto& [target, _] : it->second.by_target) targets.insert(target);
      published_.erase(it);
    }
    publish_locked(targets, out);
  }
  send_all(out);
  if (closed->kind == FileKind::kRequirements) schedule_dependents(*closed);
}

void Server::did_change_configuration(const json& params) {
  std::vector<std::string> warnings;
  std::vector<std::string> uris;
  {
    std::lock_guard lock(mu_);
    const json& settings = field(params, "settings");
    if (settings.is_object()) {
      settings_ = parse_settings(settings, warnings);
      resolved_ = resolve_settings(settings_, warnings);
    }
    for (const Document& d : docs_.all()) {
      results_[d.uri].version = -1;
      uris.push_back(d.uri);
    }
  }
  for (const std::string& w : warnings) show_message(2, w);
  for (const std::string& uri : uris) schedule_lint(uri, true);
}

void Server::send_all(std::vector<json>& messages) {
  for (json& m : messages) send_(m);
  messages.clear();
}

}  // namespace dockml::lsp
