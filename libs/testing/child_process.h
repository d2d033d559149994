#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace ror::testing {

// A program run by a test, its stdout read line by line; stderr goes to `stderr_path` when set.
// Killed with SIGKILL on destruction if still running.
class ChildProcess {
 public:
  explicit ChildProcess(std::vector<std::string> argv, std::string stderr_path = "")
      : argv_(std::move(argv)) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      if (!stderr_path.empty()) {
        FILE* err = std::fopen(stderr_path.c_str(), "a");
        if (err != nullptr) ::dup2(fileno(err), STDERR_FILENO);
      }
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> args;
      for (auto& a : argv_) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    reader_ = std::thread([this, fd = fds[0]] {
      std::string partial;
      char buf[4096];
      for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) {
        partial.append(buf, n);
        for (size_t nl; (nl = partial.find('\n')) != std::string::npos;) {
          std::lock_guard lock(mu_);
          lines_.push_back(partial.substr(0, nl));
          partial.erase(0, nl + 1);
          cv_.notify_all();
        }
      }
      ::close(fd);
      std::lock_guard lock(mu_);
      closed_ = true;
      cv_.notify_all();
    });
  }

  ~ChildProcess() {
    Signal(SIGKILL);
    Wait();
  }

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void Signal(int signal) {
    if (pid_ > 0 && !exited_) ::kill(pid_, signal);
  }

  // Waits for the process to end and returns its wait status; -1 when it could not be started.
  int Wait() {
    if (pid_ > 0 && !exited_) {
      ::waitpid(pid_, &status_, 0);
      exited_ = true;
    }
    if (reader_.joinable()) reader_.join();
    return status_;
  }

  // Waits until a line satisfies `match`; returns that line, or "" on timeout or end of output.
  std::string WaitForLine(const std::function<bool(const std::string&)>& match,
                          absl::Duration timeout) {
    std::unique_lock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(timeout);
    for (size_t seen = 0;;) {
      for (; seen < lines_.size(); ++seen) {
        if (match(lines_[seen])) return lines_[seen];
      }
      if (closed_) return "";
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && seen == lines_.size()) {
        return "";
      }
    }
  }

  std::string LastLine() {
    std::lock_guard lock(mu_);
    return lines_.empty() ? "" : lines_.back();
  }

 private:
  std::vector<std::string> argv_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = -1;  // never 0 (a clean exit) unless waitpid said so
  std::thread reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> lines_;
  bool closed_ = false;
};

}  // namespace ror::testing
