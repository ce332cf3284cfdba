// Server: lint scheduling, publishing, and the requests answered on the worker thread
// (codeAction, hover, executeCommand).
#include <algorithm>

#include "analyzer/engine/rule.h"
#include "analyzer/lsp/code_actions.h"
#include "analyzer/lsp/convert.h"
#include "analyzer/lsp/server.h"
#include "analyzer/lsp/uri.h"
#include "analyzer/render/render.h"

namespace dockml::lsp {

using nlohmann::json;

namespace {

std::string string_field(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool covers(Span span, uint32_t offset) {
  return span.contains(offset) || (span.empty() && span.begin == offset);
}

std::string rule_markdown(const std::string& code, const std::string& message) {
  const RuleEntry* rule = find_rule(code);
  std::string md;
  if (rule) {
    md = "**" + code + "** `" + std::string(rule->meta->name) + "`: " +
         std::string(rule->meta->summary) + "\n\n" + std::string(rule->meta->doc);
  } else {
    md = "**" + code + "**: " + message;
  }
  md += "\n\n[" + code + " documentation](" + rule_url(code) + ")";
  return md;
}

}  // namespace

void Server::schedule_lint(const std::string& uri, bool immediate) {
  worker_.schedule(uri, [this, uri] { lint_now(uri); }, immediate);
}

void Server::schedule_dependents(const Document& requirement_doc) {
  // Textual reference check: an open Dockerfile mentioning the file's name (COPY/RUN).
  std::string name = uri_basename(requirement_doc.uri);
  if (name.empty()) return;
  std::vector<std::string> uris;
  {
    std::lock_guard lock(mu_);
    for (const Document& d : docs_.all()) {
      if (d.kind != FileKind::kDockerfile) continue;
      if (d.source->text().find(name) == std::string_view::npos) continue;
      results_[d.uri].version = -1;
      uris.push_back(d.uri);
    }
  }
  for (const std::string& uri : uris) schedule_lint(uri, false);
}

LintJob Server::make_job_locked(const Document& doc) const {
  LintJob job;
  job.doc = doc;
  job.options = resolved_.options;
  if (job.options.config_path.empty() && !job.options.no_config) {
    job.options.config_path = discover_config(doc.path, root_dir_).value_or("");
  }
  for (const Document& other : docs_.all()) {
    if (other.uri != doc.uri && !other.path.empty()) job.open_files[other.path] = other.source;
  }
  return job;
}

void Server::publish_locked(const std::set<std::string>& targets, std::vector<json>& out) const {
  for (const std::string& target : targets) {
    json params(json::value_t::object);
    params["uri"] = target;
    json& diagnostics = params["diagnostics"] = json::array();
    for (const auto& [producer, published] : published_) {
      auto it = published.by_target.find(target);
      if (it == published.by_target.end()) continue;
      for (uint32_t i : it->second) {
        diagnostics.push_back(diagnostic_json((*published.diagnostics)[i], encoding_, published.uri,
                                              published.path, resolved_.threshold));
      }
    }
    if (auto r = results_.find(target); r != results_.end() && r->second.version >= 0) {
      if (const Document* doc = docs_.find(target); doc && doc->version == r->second.version)
        params["version"] = doc->version;
    }
    json& message = out.emplace_back(json::value_t::object);
    message["jsonrpc"] = "2.0";
    message["method"] = "textDocument/publishDiagnostics";
    message["params"] = std::move(params);
  }
}

void Server::lint_now(const std::string& uri) {
  LintJob job;
  std::shared_ptr<std::atomic<bool>> flag;
  {
    std::lock_guard lock(mu_);
    const Document* doc = docs_.find(uri);
    if (!doc) return;
    auto r = results_.find(uri);
    if (r != results_.end() && r->second.version == doc->version && r->second.source == doc->source)
      return;
    job = make_job_locked(*doc);
    flag = std::make_shared<std::atomic<bool>>(false);
    cancel_flags_[uri] = flag;
    job.cancelled = flag.get();
  }
  LintOutput result;
  try {
    result = backend_->lint(job);
  } catch (const std::exception& e) {
    result.diagnostics.clear();
    result.error = std::string("internal error while linting: ") + e.what();
  }
  std::vector<json> messages;
  {
    std::lock_guard lock(mu_);
    if (auto it = cancel_flags_.find(uri); it != cancel_flags_.end() && it->second == flag)
      cancel_flags_.erase(it);
    const Document* doc = docs_.find(uri);
    if (!doc || doc->source != job.doc.source) return;  // a newer change or a close won
    std::map<std::string, std::string> uri_by_path;
    for (const Document& d : docs_.all()) {
      if (!d.path.empty()) uri_by_path[d.path] = d.uri;
    }
    Published published{uri, doc->path, std::make_shared<const std::vector<Diagnostic>>(std::move(result.diagnostics)), {}};
    published.by_target[uri];
    const std::string& own_path = job.doc.source->path();
    for (uint32_t i = 0; i < published.diagnostics->size(); ++i) {
      const Diagnostic& d = (*published.diagnostics)[i];
      std::string target = uri;
      if (d.source && d.source->path() != own_path) {
        auto known = uri_by_path.find(d.source->path());
        target = known != uri_by_path.end() ? known->second : path_to_uri(d.source->path());
      }
      published.by_target[target].push_back(i);
    }
    std::set<std::string> targets;
    for (const auto& [t, _] : published_[uri].by_target) targets.insert(t);
    for (const auto& [t, _] : published.by_target) targets.insert(t);
    results_[uri] = Linted{job.doc.version, job.doc.source, published.diagnostics};
    published_[uri] = std::move(published);
    publish_locked(targets, messages);
    if (result.error != last_error_) {
      last_error_ = result.error;
      if (!result.error.empty()) {
        messages.push_back(json{{"jsonrpc", "2.0"}, {"method", "window/showMessage"},
                                {"params", {{"type", 1}, {"message", "dockml: " + result.error}}}});
      }
    }
  }
  send_all(messages);
}

bool Server::current_result(const std::string& uri, Document& doc, Linted& result) {
  lint_now(uri);
  std::lock_guard lock(mu_);
  const Document* open = docs_.find(uri);
  if (!open) return false;
  auto r = results_.find(uri);
  if (r == results_.end() || !r->second.source) {
    doc = *open;
    result = Linted{open->version, open->source};
    return true;
  }
  doc = *open;
  doc.source = r->second.source;  // answer for the text the diagnostics belong to
  doc.version = r->second.version;
  result = r->second;
  return true;
}

std::optional<json> Server::fix_all_edit(const Document& doc, const Linted& result) {
  auto relint = [&](const SourcePtr& source) {
    LintJob job;
    {
      std::lock_guard lock(mu_);
      Document copy = doc;
      copy.source = source;
      job = make_job_locked(copy);
    }
    try {
      return backend_->lint(job).diagnostics;
    } catch (const std::exception&) {
      return std::vector<Diagnostic>{};
    }
  };
  auto fixed = fix_all_text(result.source, *result.diagnostics, relint);
  if (!fixed) return std::nullopt;
  Edit edit = minimal_edit(result.source->text(), *fixed);
  PositionEncoding enc;
  {
    std::lock_guard lock(mu_);
    enc = encoding_;
  }
  return json{{"changes", {{doc.uri, text_edits_json(*result.source, {edit}, enc)}}}};
}

void Server::code_action(const json& id, const json& params) {
  std::string uri = string_field(params.at("textDocument"), "uri");
  auto range = parse_range(params.at("range"));
  if (!range) return reply_error(id, kInvalidParams, "textDocument/codeAction: invalid range");
  std::vector<std::string> only;
  if (params.contains("context") && params["context"].contains("only")) {
    for (const json& k : params["context"]["only"]) {
      if (k.is_string()) only.push_back(k.get<std::string>());
    }
  }
  worker_.post([this, id, uri, range = *range, only] {
    Document doc;
    Linted result;
    if (!current_result(uri, doc, result)) return reply(id, json::array());
    CodeActionInput in;
    in.doc = &doc;
    in.diagnostics = result.diagnostics.get();
    {
      std::lock_guard lock(mu_);
      in.encoding = encoding_;
      in.threshold = resolved_.threshold;
      in.disabled_support = disabled_support_;
    }
    in.instruction_line = [&](uint32_t offset) { return backend_->instruction_start_line(doc, offset); };
    Span span = to_span(*doc.source, range, in.encoding);
    reply(id, code_actions(in, span, only, [&] { return fix_all_edit(doc, result); }));
  });
}

void Server::hover(const json& id, const json& params) {
  std::string uri = string_field(params.at("textDocument"), "uri");
  auto pos = parse_position(params.at("position"));
  if (!pos) return reply_error(id, kInvalidParams, "textDocument/hover: invalid position");
  worker_.post([this, id, uri, pos = *pos] {
    Document doc;
    Linted result;
    if (!current_result(uri, doc, result)) return reply(id, nullptr);
    LintJob job;
    PositionEncoding enc;
    {
      std::lock_guard lock(mu_);
      job = make_job_locked(doc);
      enc = encoding_;
    }
    uint32_t offset = to_offset(*doc.source, pos, enc);
    std::vector<std::string> parts;
    std::optional<Span> range;
    if (auto image = backend_->hover_image(job, offset)) parts.push_back(*image);
    std::set<std::string> seen;
    for (const Diagnostic& d : *result.diagnostics) {
      if (d.source && d.source->path() != doc.source->path()) continue;
      if (!covers(d.span, offset) || !seen.insert(d.code).second) continue;
      parts.push_back(rule_markdown(d.code, d.message));
      if (!range) range = d.span;
    }
    if (parts.empty()) return reply(id, nullptr);
    std::string value;
    for (size_t i = 0; i < parts.size(); ++i) value += (i ? "\n\n---\n\n" : "") + parts[i];
    json hover{{"contents", {{"kind", "markdown"}, {"value", value}}}};
    if (range) hover["range"] = range_json(to_range(*doc.source, *range, enc));
    reply(id, std::move(hover));
  });
}

void Server::execute_command(const json& id, const json& params) {
  std::string command = string_field(params, "command");
  if (command != "dockml.applyFixAll") {
    return reply_error(id, kInvalidParams, "unknown command '" + command + "'");
  }
  std::string uri;
  if (params.contains("arguments") && params["arguments"].is_array() && !params["arguments"].empty()) {
    const json& arg = params["arguments"][0];
    uri = arg.is_string() ? arg.get<std::string>() : string_field(arg, "uri");
  }
  worker_.post([this, id, uri] {
    Document doc;
    Linted result;
    if (current_result(uri, doc, result)) {
      if (auto edit = fix_all_edit(doc, result)) {
        int request_id;
        {
          std::lock_guard lock(mu_);
          request_id = next_request_id_++;
        }
        send_(json{{"jsonrpc", "2.0"},
                   {"id", "dockml-" + std::to_string(request_id)},
                   {"method", "workspace/applyEdit"},
                   {"params", {{"label", "dockml: Fix all"}, {"edit", std::move(*edit)}}}});
      }
    }
    reply(id, nullptr);
  });
}

}  // namespace dockml::lsp
