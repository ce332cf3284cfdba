#include "analyzer/lsp/lint_worker.h"

#include <cstdio>
#include <exception>

namespace dockml::lsp {

LintWorker::LintWorker(std::chrono::milliseconds debounce)
    : debounce_(debounce), thread_([this] { run(); }) {}

LintWorker::~LintWorker() { stop(); }

void LintWorker::schedule(const std::string& key, Task task, bool immediate) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || draining_) return;
    jobs_[key] = Pending{std::move(task), Clock::now() + (immediate ? std::chrono::milliseconds(0) : debounce_)};
  }
  wake_.notify_one();
}

void LintWorker::cancel(const std::string& key) {
  std::lock_guard lock(mu_);
  jobs_.erase(key);
  if (tasks_.empty() && jobs_.empty() && !running_) idle_.notify_all();
}

void LintWorker::post(Task task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || draining_) return;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void LintWorker::wait_idle() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return stopping_ || (tasks_.empty() && jobs_.empty() && !running_); });
}

void LintWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    tasks_.clear();
    jobs_.clear();
  }
  wake_.notify_all();
  idle_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void LintWorker::drain_and_stop() {
  {
    std::lock_guard lock(mu_);
    draining_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  stop();
}

size_t LintWorker::pending() const {
  std::lock_guard lock(mu_);
  return tasks_.size() + jobs_.size();
}

void LintWorker::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    Task task;
    if (!tasks_.empty()) {
      task = std::move(tasks_.front());
      tasks_.pop_front();
    } else if (draining_) {
      break;
    } else if (!jobs_.empty()) {
      auto earliest = jobs_.begin();
      for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
        if (it->second.due < earliest->second.due) earliest = it;
      }
      if (earliest->second.due > Clock::now()) {
        wake_.wait_until(lock, earliest->second.due);
        continue;
      }
      task = std::move(earliest->second.task);
      jobs_.erase(earliest);
    } else {
      idle_.notify_all();
      wake_.wait(lock);
      continue;
    }
    running_ = true;
    lock.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "dockml lsp: internal error in background task: %s\n", e.what());
    } catch (...) {
      std::fprintf(stderr, "dockml lsp: internal error in background task\n");
    }
    lock.lock();
    running_ = false;
    if (tasks_.empty() && jobs_.empty()) idle_.notify_all();
  }
  stopping_ = true;
  idle_.notify_all();
}

}  // namespace dockml::lsp
