// How long `dockml lsp` takes to re-lint a 1,000-line Dockerfile after a one-character
// change: from handing the didChange to the server until its publishDiagnostics is sent
// (incremental sync, no debounce), next to a bare lint_source() of the same text. The edit
// types one more letter into a RUN each round; the server keeps its shell parse cache.
// Build: cmake --build BUILD --target lsp_relint_bench; run: BUILD/lsp_relint_bench [rounds]
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/engine/engine.h"
#include "analyzer/lsp/server.h"

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// A realistic GPU training image, repeated until it has `lines` lines.
std::string make_dockerfile(int lines) {
  std::string out =
      "# syntax=docker/dockerfile:1\n"
      "ARG CUDA=12.1.1\n"
      "FROM nvidia/cuda:${CUDA}-cudnn8-devel-ubuntu22.04 AS build\n"
      "ENV DEBIAN_FRONTEND=noninteractive PIP_NO_CACHE_DIR=1\n";
  int n = 4;
  int i = 0;
  while (n < lines - 3) {
    switch (i++ % 6) {
      case 0: out += "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
                     "    git curl ca-certificates && rm -rf /var/lib/apt/lists/*\n"; n += 2; break;
      case 1: out += "COPY requirements.txt /app/requirements" + std::to_string(i) + ".txt\n"; ++n; break;
      case 2: out += "RUN pip install torch==2.1.0+cu121 --index-url https://download.pytorch.org/whl/cu121\n"; ++n; break;
      case 3: out += "ENV STEP_" + std::to_string(i) + "=value" + std::to_string(i) + "\n"; ++n; break;
      case 4: out += "# comment line " + std::to_string(i) + "\n"; ++n; break;
      case 5: out += "WORKDIR /app/step" + std::to_string(i) + "\n"; ++n; break;
    }
  }
  out += "FROM nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04\n"
         "COPY --from=build /app /app\n"
         "CMD [\"python\", \"/app/train.py\"]\n";
  return out;
}

// CPU time used by all threads of this process: unlike wall time, hardly changed by other
// processes competing for the cores.
double process_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  const std::string text = make_dockerfile(1000);
  const std::string uri = "file:///bench/Dockerfile";
  int line_count = static_cast<int>(std::count(text.begin(), text.end(), '\n'));

  std::mutex mu;
  std::condition_variable cv;
  int64_t published_version = -1;
  Clock::time_point published_at;
  size_t diagnostics = 0;
  dockml::lsp::Server server(
      dockml::lsp::make_engine_backend(),
      [&](const json& m) {
        if (m.value("method", "") != "textDocument/publishDiagnostics") return;
        std::lock_guard lock(mu);
        published_version = m["params"].value("version", int64_t{-1});
        diagnostics = m["params"]["diagnostics"].size();
        published_at = Clock::now();
        cv.notify_all();
      },
      dockml::lsp::ServerOptions{std::chrono::milliseconds(0)});
  server.handle(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  server.handle(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                     {"params", {{"textDocument", {{"uri", uri}, {"languageId", "dockerfile"},
                                                   {"version", 1}, {"text", text}}}}}});
  server.wait_idle();

  // Typing inside a RUN in the middle of the file: one more letter after the `git` of the
  // first apt-get line from line 500 on, so the edited RUN is new text every round (it is
  // parsed again; the other RUNs only move or stay).
  int edit_line = 500;
  size_t edit_column = 0;
  {
    size_t pos = 0;
    for (int l = 0; l < edit_line; ++l) pos = text.find('\n', pos) + 1;
    size_t git = text.find("    git curl", pos);
    edit_line += static_cast<int>(std::count(text.begin() + static_cast<long>(pos), text.begin() + static_cast<long>(git), '\n'));
    edit_column = 7;  // after "    git"
  }
  std::vector<double> server_ms;
  std::vector<double> server_cpu_ms;
  for (int r = 0; r < rounds; ++r) {
    int64_t version = r + 2;
    json at{{"line", edit_line}, {"character", edit_column + static_cast<size_t>(r)}};
    json change{{"range", {{"start", at}, {"end", at}}}, {"text", std::string(1, static_cast<char>('a' + r % 26))}};
    double cpu_start = process_cpu_ms();
    auto start = Clock::now();
    server.handle(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                       {"params", {{"textDocument", {{"uri", uri}, {"version", version}}},
                                   {"contentChanges", json::array({change})}}}});
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return published_version == version; });
    server_ms.push_back(std::chrono::duration<double, std::milli>(published_at - start).count());
    server_cpu_ms.push_back(process_cpu_ms() - cpu_start);
  }

  std::vector<double> lint_ms;
  auto source = std::make_shared<dockml::SourceFile>("/bench/Dockerfile", text);
  for (int r = 0; r < rounds; ++r) {
    auto start = Clock::now();
    dockml::LintResult result = dockml::lint_source(source, dockml::LintOptions{});
    lint_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }

  std::printf("document: %d lines, %zu bytes, %zu diagnostics, %zu rules registered\n", line_count,
              text.size(), diagnostics, dockml::rule_registry().size());
  std::printf("server re-lint after a 1-char incremental change (didChange -> publishDiagnostics), %d rounds:\n"
              "  median %.3f ms  p95 %.3f ms  max %.3f ms\n",
              rounds, percentile(server_ms, 0.5), percentile(server_ms, 0.95), percentile(server_ms, 1.0));
  std::printf("  CPU time of the process per re-lint (the main thread waits): median %.3f ms  p95 %.3f ms\n",
              percentile(server_cpu_ms, 0.5), percentile(server_cpu_ms, 0.95));
  std::printf("bare lint_source() of the same text:\n  median %.3f ms  p95 %.3f ms\n",
              percentile(lint_ms, 0.5), percentile(lint_ms, 0.95));
  server.stop();
  return 0;
}
