// The server driven in-process with a fake backend (no engine, no rules needed).
#include "analyzer/lsp/server.h"

#include <gtest/gtest.h>

#include <sstream>

#include "analyzer/lsp/framing.h"
#include "analyzer/lsp/lsp_main.h"

namespace dockml::lsp {
namespace {

using nlohmann::json;

// Reports "bad" (XX001, safe fix -> "good") and "worse" (XX002, error, a label and a note).
class FakeBackend : public Backend {
 public:
  explicit FakeBackend(std::atomic<int>* calls = nullptr) : calls_(calls) {}
  LintOutput lint(const LintJob& job) override {
    if (calls_) ++*calls_;
    LintOutput out;
    std::string_view text = job.doc.source->text();
    for (size_t at = text.find("bad"); at != std::string_view::npos; at = text.find("bad", at + 1)) {
      Diagnostic& d = out.diagnostics.emplace_back();
      d.code = "XX001";
      d.message = "bad word";
      d.source = job.doc.source;
      d.span = Span{uint32_t(at), uint32_t(at + 3)};
      d.fix = Fix{Applicability::kSafe, "Say good", {Edit{d.span, "good"}}};
    }
    for (size_t at = text.find("worse"); at != std::string_view::npos; at = text.find("worse", at + 1)) {
      Diagnostic& d = out.diagnostics.emplace_back();
      d.code = "XX002";
      d.severity = Severity::kError;
      d.message = "worse word";
      d.notes = {"note: really"};
      d.source = job.doc.source;
      d.span = Span{uint32_t(at), uint32_t(at + 5)};
      d.labels.push_back(Label{job.doc.source, Span{0, 4}, "first word"});
    }
    return out;
  }
  std::optional<std::string> hover_image(const LintJob& job, uint32_t offset) override {
    Position p = job.doc.source->position(offset);
    if (job.doc.source->line_text(p.line).substr(0, 4) != "FROM") return std::nullopt;
    return "CUDA 12.1";
  }

 private:
  std::atomic<int>* calls_;
};

class ServerTest : public ::testing::Test {
 protected:
  ServerTest()
      : server_(std::make_unique<FakeBackend>(&lint_calls_), [this](const json& m) {
          std::lock_guard lock(mu_);
          sent_.push_back(m);
        }, ServerOptions{std::chrono::milliseconds(0)}) {}

  std::vector<json> take() {
    server_.wait_idle();
    std::lock_guard lock(mu_);
    return std::exchange(sent_, {});
  }
  json request(int id, const std::string& method, json params) {
    server_.handle(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    for (json& m : take()) {
      if (m.contains("id") && m["id"] == id) return m;
    }
    ADD_FAILURE() << "no reply to " << method;
    return json();
  }
  void notify(const std::string& method, json params) {
    server_.handle(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  void initialize(json caps = json::object()) {
    json r = request(1, "initialize", {{"capabilities", caps}, {"rootUri", nullptr}});
    notify("initialized", json::object());
    init_result_ = r["result"];
  }
  void open(const std::string& text, const std::string& uri = kUri) {
    notify("textDocument/didOpen",
           {{"textDocument", {{"uri", uri}, {"languageId", "dockerfile"}, {"version", 1}, {"text", text}}}});
  }
  static json only_publish(const std::vector<json>& messages) {
    std::vector<json> pubs;
    for (const json& m : messages) {
      if (m.value("method", "") == "textDocument/publishDiagnostics") pubs.push_back(m["params"]);
    }
    EXPECT_EQ(pubs.size(), 1u);
    return pubs.empty() ? json() : pubs.back();
  }

  static constexpr const char* kUri = "file:///nonexistent/dockml/Dockerfile";
  std::atomic<int> lint_calls_{0};
  std::mutex mu_;
  std::vector<json> sent_;
  json init_result_;
  Server server_;
};

TEST_F(ServerTest, RequestsBeforeInitializeAreRejected) {
  json r = request(7, "textDocument/hover", json::object());
  EXPECT_EQ(r["error"]["code"], -32002);
  notify("textDocument/didOpen", json::object());  // dropped silently
  EXPECT_TRUE(take().empty());
}

TEST_F(ServerTest, InitializeNegotiatesEncodingAndAdvertisesCapabilities) {
  initialize();
  EXPECT_EQ(init_result_["capabilities"]["positionEncoding"], "utf-16");
  EXPECT_EQ(init_result_["capabilities"]["textDocumentSync"]["change"], 2);
  EXPECT_EQ(init_result_["capabilities"]["hoverProvider"], true);
  EXPECT_EQ(init_result_["capabilities"]["codeActionProvider"]["codeActionKinds"],
            json::parse(R"(["quickfix", "source.fixAll.dockml"])"));
  EXPECT_EQ(init_result_["serverInfo"]["name"], "dockml");
  EXPECT_EQ(request(2, "initialize", json::object())["error"]["code"], -32600);
}

TEST_F(ServerTest, Utf8IsChosenWhenOffered) {
  initialize(json::parse(R"({"general": {"positionEncodings": ["utf-16", "utf-8"]}})"));
  EXPECT_EQ(init_result_["capabilities"]["positionEncoding"], "utf-8");
  open("FROM \xC3\xA9 bad\n");
  json pub = only_publish(take());
  EXPECT_EQ(pub["diagnostics"][0]["range"], json::parse(
      R"({"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 11}})"));
}

TEST_F(ServerTest, PublishesDiagnosticsWithAllFields) {
  initialize();
  open("FROM \xF0\x9F\x98\x80\nRUN worse bad\n");
  json pub = only_publish(take());
  EXPECT_EQ(pub["uri"], kUri);
  EXPECT_EQ(pub["version"], 1);
  ASSERT_EQ(pub["diagnostics"].size(), 2u);
  json bad = pub["diagnostics"][0];
  EXPECT_EQ(bad["code"], "XX001");
  EXPECT_EQ(bad["severity"], 2);
  EXPECT_EQ(bad["source"], "dockml");
  EXPECT_EQ(bad["message"], "bad word");
  EXPECT_EQ(bad["range"], json::parse(
      R"({"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 13}})"));
  EXPECT_TRUE(bad["codeDescription"]["href"].get<std::string>().find("XX001") != std::string::npos);
  json worse = pub["diagnostics"][1];
  EXPECT_EQ(worse["severity"], 1);
  EXPECT_EQ(worse["message"], "worse word\nnote: really");
  EXPECT_EQ(worse["relatedInformation"], json::parse(std::string(R"([{"location": {"uri": ")") + kUri +
      R"(", "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}}}, "message": "first word"}])"));
}

TEST_F(ServerTest, IncrementalChangeRelintsAndCloseClears) {
  initialize();
  open("RUN bad\n");
  ASSERT_EQ(only_publish(take())["diagnostics"].size(), 1u);
  // Replace "bad" with "ok bad worse" (UTF-16 range 4..7).
  notify("textDocument/didChange",
         json::parse(std::string(R"({"textDocument": {"uri": ")") + kUri + R"(", "version": 2},
           "contentChanges": [{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 7}},
                               "text": "ok bad worse"}]})"));
  json pub = only_publish(take());
  EXPECT_EQ(pub["version"], 2);
  ASSERT_EQ(pub["diagnostics"].size(), 2u);
  EXPECT_EQ(pub["diagnostics"][0]["range"]["start"]["character"], 7);
  EXPECT_EQ(pub["diagnostics"][1]["range"]["start"]["character"], 11);
  notify("textDocument/didClose", {{"textDocument", {{"uri", kUri}}}});
  json closed = only_publish(take());
  EXPECT_EQ(closed["diagnostics"], json::array());
}

TEST_F(ServerTest, CodeActionsOfferFixIgnoreAndFixAll) {
  initialize();
  open("RUN bad bad\n");
  take();
  json r = request(3, "textDocument/codeAction",
                   json::parse(std::string(R"({"textDocument": {"uri": ")") + kUri + R"("},
                     "range": {"start": {"line": 0, "character": 5}, "end": {"line": 0, "character": 5}},
                     "context": {"diagnostics": []}})"));
  json actions = r["result"];
  ASSERT_EQ(actions.size(), 3u) << actions.dump(2);
  EXPECT_EQ(actions[0]["title"], "Say good");
  EXPECT_EQ(actions[0]["kind"], "quickfix");
  EXPECT_EQ(actions[0]["isPreferred"], true);
  EXPECT_EQ(actions[0]["edit"]["changes"][kUri], json::parse(
      R"([{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 7}}, "newText": "good"}])"));
  EXPECT_EQ(actions[1]["title"], "Ignore XX001 for this line");
  EXPECT_EQ(actions[1]["edit"]["changes"][kUri][0]["newText"], "# dockml ignore=XX001\n");
  EXPECT_EQ(actions[2]["title"], "dockml: Fix all safe problems");
  EXPECT_EQ(actions[2]["kind"], "source.fixAll.dockml");
  EXPECT_EQ(actions[2]["edit"]["changes"][kUri], json::parse(
      R"([{"range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 10}}, "newText": "good goo"}])"));  // minimal: keeps "d\n"
  json only = request(4, "textDocument/codeAction",
                      json::parse(std::string(R"({"textDocument": {"uri": ")") + kUri + R"("},
                        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                        "context": {"diagnostics": [], "only": ["source.fixAll"]}})"));
  ASSERT_EQ(only["result"].size(), 1u);
  EXPECT_EQ(only["result"][0]["kind"], "source.fixAll.dockml");
}

TEST_F(ServerTest, HoverShowsImageFactsAndRuleDoc) {
  initialize();
  open("FROM img\nRUN bad\n");
  take();
  json on_from = request(5, "textDocument/hover",
                         {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 0}, {"character", 6}}}});
  EXPECT_EQ(on_from["result"]["contents"]["value"], "CUDA 12.1");
  json on_diag = request(6, "textDocument/hover",
                         {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 5}}}});
  std::string value = on_diag["result"]["contents"]["value"];
  EXPECT_EQ(value.substr(0, 20), "**XX001**: bad word\n");
  EXPECT_EQ(on_diag["result"]["range"], json::parse(
      R"({"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 7}})"));
  json nothing = request(7, "textDocument/hover",
                         {{"textDocument", {{"uri", kUri}}}, {"position", {{"line", 1}, {"character", 0}}}});
  EXPECT_TRUE(nothing["result"].is_null());
}

TEST_F(ServerTest, MissingDocumentsGiveEmptyResults) {
  initialize();
  json hover = request(8, "textDocument/hover",
                       {{"textDocument", {{"uri", "file:///nope/Dockerfile"}}}, {"position", {{"line", 0}, {"character", 0}}}});
  EXPECT_TRUE(hover.contains("result"));
  EXPECT_TRUE(hover["result"].is_null());
  json actions = request(9, "textDocument/codeAction",
                         json::parse(R"({"textDocument": {"uri": "file:///nope/Dockerfile"},
                           "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                           "context": {"diagnostics": []}})"));
  EXPECT_EQ(actions["result"], json::array());
}

TEST_F(ServerTest, ErrorsForBadMessages) {
  initialize();
  server_.handle_raw("{not json");
  server_.handle_raw("[1, 2]");
  server_.handle_raw(R"({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})");
  server_.handle_raw(R"({"jsonrpc": "2.0", "id": 11, "method": "textDocument/definition", "params": {}})");
  server_.handle_raw(R"({"jsonrpc": "2.0", "method": "custom/notification", "params": {}})");
  server_.handle_raw(R"({"jsonrpc": "2.0", "id": 12, "method": "textDocument/hover", "params": {"textDocument": 5}})");
  server_.handle_raw(R"({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"contentChanges": 3}})");
  std::vector<json> out = take();
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0]["error"]["code"], -32700);
  EXPECT_TRUE(out[0]["id"].is_null());
  EXPECT_EQ(out[1]["error"]["code"], -32600);
  EXPECT_EQ(out[2]["error"]["code"], -32600);
  EXPECT_EQ(out[3]["error"]["code"], -32601);
  EXPECT_EQ(out[3]["id"], 11);
  EXPECT_EQ(out[4]["error"]["code"], -32602);
}

TEST_F(ServerTest, NewerChangesCancelPendingLints) {
  Server slow(std::make_unique<FakeBackend>(&lint_calls_), [this](const json& m) {
    std::lock_guard lock(mu_);
    sent_.push_back(m);
  }, ServerOptions{std::chrono::milliseconds(200)});
  slow.handle(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  slow.handle(json::parse(std::string(R"({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
      {"uri": ")") + kUri + R"(", "languageId": "dockerfile", "version": 1, "text": "x"}}})"));
  slow.wait_idle();
  int before = lint_calls_;
  for (int v = 2; v <= 20; ++v) {
    slow.handle(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                     {"params", {{"textDocument", {{"uri", kUri}, {"version", v}}},
                                 {"contentChanges", json::array({{{"text", "bad " + std::to_string(v)}}})}}}});
  }
  slow.wait_idle();
  EXPECT_EQ(lint_calls_ - before, 1);  // only the last version was linted
  std::lock_guard lock(mu_);
  EXPECT_EQ(sent_.back()["params"]["version"], 20);
}

TEST_F(ServerTest, ShutdownThenExit) {
  initialize();
  EXPECT_TRUE(request(10, "shutdown", nullptr)["result"].is_null());
  EXPECT_EQ(request(11, "textDocument/hover", json::object())["error"]["code"], -32600);
  EXPECT_FALSE(server_.exited());
  notify("exit", nullptr);
  EXPECT_TRUE(server_.exited());
  EXPECT_EQ(server_.exit_code(), 0);
}

std::string frame(const std::string& body) { return frame_message(body); }

TEST(LspMain, RunsOverStreamsAndReturnsExitCodes) {
  std::string input = frame(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                      "Content-Length: x\r\n\r\n" +
                      frame(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
                      frame(R"({"jsonrpc":"2.0","method":"exit"})") + frame("ignored after exit");
  std::istringstream in(input);
  std::ostringstream out;
  EXPECT_EQ(run_lsp_server(in, out, std::make_unique<FakeBackend>(), ServerOptions{}), 0);
  std::istringstream replies(out.str());
  std::vector<json> got;
  for (ReadResult r = read_message(replies); r.status == ReadStatus::kMessage; r = read_message(replies))
    got.push_back(json::parse(r.body));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0]["id"], 1);
  EXPECT_EQ(got[1]["error"]["code"], -32700);
  EXPECT_EQ(got[1]["error"]["message"], "bad message header: invalid Content-Length header: 'x'");
  EXPECT_EQ(got[2], json::parse(R"({"jsonrpc":"2.0","id":2,"result":null})"));

  std::istringstream no_shutdown(frame(R"({"jsonrpc":"2.0","method":"exit"})"));
  EXPECT_EQ(run_lsp_server(no_shutdown, out, std::make_unique<FakeBackend>(), ServerOptions{}), 1);
  std::istringstream eof("");
  EXPECT_EQ(run_lsp_server(eof, out, std::make_unique<FakeBackend>(), ServerOptions{}), 1);
}

}  // namespace
}  // namespace dockml::lsp
