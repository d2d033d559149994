#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace ror::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::random_device rd;
    path_ = std::filesystem::path(base ? base : "/tmp") /
            ("ror-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  // ROR_KEEP_TEST_DIRS=1 keeps them, to read a failed test's logs and files.
  ~TempDir() {
    if (const char* keep = std::getenv("ROR_KEEP_TEST_DIRS"); keep != nullptr && *keep == '1')
      return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ror::testing
