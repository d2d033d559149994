#pragma once

// Small helpers shared by the load drivers under bench/: a scratch data directory, latency
// percentiles and a one-line JSON report. Nothing here is used outside bench/.

#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace ror::bench {

// The name a driver's failures are reported under; its main() sets it first.
inline std::string& ProgramName() {
  static std::string* name = new std::string("bench");
  return *name;
}

// Ends a load driver on a failure it cannot go on from, saying which (`program: doing: status`).
[[noreturn]] inline void Die(const absl::Status& status, absl::string_view doing) {
  std::fprintf(stderr, "%s: %s: %s\n", ProgramName().c_str(), std::string(doing).c_str(),
               status.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Must(absl::StatusOr<T> value, absl::string_view doing) {
  if (!value.ok()) Die(value.status(), doing);
  return *std::move(value);
}

inline void Must(const absl::Status& status, absl::string_view doing) {
  if (!status.ok()) Die(status, doing);
}

// A data directory for one run: `dir` when given (created if missing, kept afterwards), else a
// fresh directory under $TMPDIR (or /tmp) that is removed when this object goes away.
class ScratchDir {
 public:
  static absl::StatusOr<ScratchDir> Make(const std::string& dir, absl::string_view prefix) {
    ScratchDir out;
    if (!dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec)
        return absl::InvalidArgumentError(
            absl::StrCat("dir: cannot create ", dir, ": ", ec.message()));
      out.path_ = dir;
      return out;
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string templ =
        absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/", prefix, "-XXXXXX");
    if (::mkdtemp(templ.data()) == nullptr) {
      return absl::UnavailableError(absl::StrCat("cannot create a directory like ", templ));
    }
    out.path_ = templ;
    out.owned_ = true;
    return out;
  }

  ScratchDir() = default;
  ScratchDir(ScratchDir&& other) noexcept { *this = std::move(other); }
  ScratchDir& operator=(ScratchDir&& other) noexcept {
    std::swap(path_, other.path_);
    std::swap(owned_, other.owned_);
    return *this;
  }
  ~ScratchDir() {
    if (owned_) {
      std::error_code ec;
      std::filesystem::remove_all(path_, ec);
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool owned_ = false;
};

// CPU time consumed so far by all threads of this process, in seconds.
inline double ProcessCpuSeconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Latency summary in milliseconds. Sorts `samples_ns` in place.
struct LatencySummary {
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
};

inline LatencySummary Summarize(std::vector<int64_t>& samples_ns) {
  LatencySummary out;
  if (samples_ns.empty()) return out;
  std::sort(samples_ns.begin(), samples_ns.end());
  auto at = [&](double q) {
    const size_t index = std::min(samples_ns.size() - 1,
                                  static_cast<size_t>(q * static_cast<double>(samples_ns.size())));
    return static_cast<double>(samples_ns[index]) / 1e6;
  };
  out.p50_ms = at(0.50);
  out.p90_ms = at(0.90);
  out.p99_ms = at(0.99);
  out.p999_ms = at(0.999);
  out.max_ms = static_cast<double>(samples_ns.back()) / 1e6;
  return out;
}

// Builds one JSON object on one line: {"k":v,...}. Keys and string values are plain ASCII.
class JsonLine {
 public:
  JsonLine& Add(absl::string_view key, absl::string_view value) {
    Key(key);
    absl::StrAppend(&out_, "\"", value, "\"");
    return *this;
  }
  JsonLine& Add(absl::string_view key, const char* value) {
    return Add(key, absl::string_view(value));
  }
  JsonLine& Add(absl::string_view key, bool value) {
    Key(key);
    absl::StrAppend(&out_, value ? "true" : "false");
    return *this;
  }
  JsonLine& Add(absl::string_view key, int64_t value) {
    Key(key);
    absl::StrAppend(&out_, value);
    return *this;
  }
  JsonLine& Add(absl::string_view key, double value) {
    Key(key);
    absl::StrAppend(&out_, absl::StrFormat("%.3f", value));
    return *this;
  }
  JsonLine& Add(absl::string_view key, const LatencySummary& l) {
    return Add(absl::StrCat(key, "p50_ms"), l.p50_ms)
        .Add(absl::StrCat(key, "p90_ms"), l.p90_ms)
        .Add(absl::StrCat(key, "p99_ms"), l.p99_ms)
        .Add(absl::StrCat(key, "p999_ms"), l.p999_ms)
        .Add(absl::StrCat(key, "max_ms"), l.max_ms);
  }
  std::string Done() const { return absl::StrCat("{", out_, "}"); }

 private:
  void Key(absl::string_view key) {
    absl::StrAppend(&out_, out_.empty() ? "" : ",", "\"", key, "\":");
  }
  std::string out_;
};

}  // namespace ror::bench
