#pragma once

// Chunks of work handed from one producer thread to one consumer, at most `capacity` chunks in
// flight so that a fast producer waits instead of filling memory.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

namespace ror::search::app {

template <typename T>
class Handoff {
 public:
  explicit Handoff(size_t capacity) : capacity_(capacity) {}

  // Waits for room; false when the consumer has cancelled (the chunk is dropped).
  bool Put(std::vector<T> chunk) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return cancelled_ || chunks_.size() < capacity_; });
    if (cancelled_) return false;
    chunks_.push_back(std::move(chunk));
    ready_.notify_one();
    return true;
  }

  // The producer has no more chunks.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_one();
  }

  // The consumer stops taking: a producer waiting for room returns.
  void Cancel() {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    room_.notify_one();
  }

  // Waits for the next chunk; false once the producer has closed and every chunk was taken.
  bool Take(std::vector<T>& chunk) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return closed_ || !chunks_.empty(); });
    if (chunks_.empty()) return false;
    chunk = std::move(chunks_.front());
    chunks_.pop_front();
    room_.notify_one();
    return true;
  }

 private:
  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable room_;
  std::condition_variable ready_;
  std::deque<std::vector<T>> chunks_;
  bool closed_ = false;
  bool cancelled_ = false;
};

}  // namespace ror::search::app
