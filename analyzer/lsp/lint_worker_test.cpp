#include "analyzer/lsp/lint_worker.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace dockml::lsp {
namespace {

using namespace std::chrono_literals;

TEST(LintWorker, DrainAndStopRunsPostedTasksAndDropsPendingJobs) {
  LintWorker worker(10s);
  std::vector<int> ran;  // written by the worker thread only, read after the join
  std::atomic<bool> job_ran{false};
  worker.post([&] {
    std::this_thread::sleep_for(50ms);  // still running when drain_and_stop() is called
    ran.push_back(1);
  });
  worker.post([&] { ran.push_back(2); });
  worker.schedule("doc", [&] { job_ran = true; });  // debounced 10 s: dropped
  worker.post([&] { ran.push_back(3); });
  worker.drain_and_stop();
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(job_ran);
  worker.post([&] { ran.push_back(4); });  // ignored once stopped
  worker.schedule("doc", [&] { job_ran = true; }, /*immediate=*/true);
  EXPECT_EQ(worker.pending(), 0u);
  worker.wait_idle();  // returns at once
  worker.stop();       // idempotent
  EXPECT_EQ(ran.size(), 3u);
  EXPECT_FALSE(job_ran);
}

TEST(LintWorker, RepeatedStartStopDoesNotHang) {
  for (int i = 0; i < 200; ++i) {
    LintWorker worker(0ms);
    std::atomic<int> n{0};
    worker.schedule("a", [&] { ++n; }, true);
    worker.post([&] { ++n; });
    if (i % 2) worker.drain_and_stop();
    else worker.stop();
    EXPECT_LE(n.load(), 2);
  }
}

}  // namespace
}  // namespace dockml::lsp
