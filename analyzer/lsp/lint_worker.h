// One background thread that runs lint jobs and request handlers, so the thread reading
// stdin never waits for linting. Keyed jobs are debounced: scheduling a key again replaces
// its pending job (a newer change cancels older pending work) and restarts its delay.
// Posted tasks run first, in order.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace dockml::lsp {

class LintWorker {
 public:
  using Task = std::function<void()>;
  using Clock = std::chrono::steady_clock;

  explicit LintWorker(std::chrono::milliseconds debounce);
  ~LintWorker();
  LintWorker(const LintWorker&) = delete;
  LintWorker& operator=(const LintWorker&) = delete;

  // Runs `task` once `key` has been quiet for the debounce delay (now when `immediate`).
  void schedule(const std::string& key, Task task, bool immediate = false);
  // Drops the pending job of `key`, if any (a running one finishes).
  void cancel(const std::string& key);
  // Runs `task` as soon as the worker is free, before pending keyed jobs.
  void post(Task task);
  // Blocks until nothing is queued or running (for tests and benchmarks).
  void wait_idle();
  // Drops pending work, waits for the running task and joins the thread. Idempotent.
  void stop();
  // Drops pending keyed jobs but runs every posted task first (requests that still owe a
  // reply), then stops and joins like stop(). For `shutdown`.
  void drain_and_stop();

  size_t pending() const;

 private:
  struct Pending {
    Task task;
    Clock::time_point due;
  };
  void run();

  std::chrono::milliseconds debounce_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Task> tasks_;
  std::map<std::string, Pending> jobs_;
  bool running_ = false;
  bool stopping_ = false;
  bool draining_ = false;  // drain_and_stop(): finish tasks_, then exit
  std::thread thread_;
};

}  // namespace dockml::lsp
