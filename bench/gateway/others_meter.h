#pragma once

// How much CPU other processes took while a measure ran, in cores: the machine's busy time (from
// /proc/stat, as bench/run_append.sh reads it) less this process's and its waited-for children's
// (wrk). The load average cannot say it: the benchmark's own threads count in it.

#include <sys/resource.h>

#include <fstream>
#include <string>

#include "absl/time/clock.h"
#include "bench/bench_util.h"

namespace ror::bench::gateway {

// CPU seconds the whole machine has been busy (user, nice, system, irq, softirq, steal).
inline double MachineCpuSeconds() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
  in >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
  return (user + nice + system + irq + softirq + steal) / 100;  // USER_HZ
}

inline double ChildrenCpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

class OthersMeter {
 public:
  OthersMeter()
      : start_(absl::Now()),
        machine_(MachineCpuSeconds()),
        self_(ProcessCpuSeconds()),
        children_(ChildrenCpuSeconds()) {}

  // Cores used by other processes since construction.
  double Cores() const {
    const double wall = absl::ToDoubleSeconds(absl::Now() - start_);
    const double others = (MachineCpuSeconds() - machine_) - (ProcessCpuSeconds() - self_) -
                          (ChildrenCpuSeconds() - children_);
    return wall > 0 && others > 0 ? others / wall : 0;
  }
  // This process's CPU seconds since construction.
  double SelfSeconds() const { return ProcessCpuSeconds() - self_; }

 private:
  const absl::Time start_;
  const double machine_;
  const double self_;
  const double children_;
};

}  // namespace ror::bench::gateway
