#include "libs/testing/process_logs.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace ror::testing {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string Tail(const std::filesystem::path& path, size_t bytes) {
  const std::string text = ReadFile(path);
  return text.size() <= bytes ? text : text.substr(text.size() - bytes);
}

std::string AwaitLogField(const std::filesystem::path& path, absl::string_view message,
                          absl::string_view field, absl::Duration timeout) {
  const std::string msg = absl::StrCat("\"msg\":\"", message, "\"");
  const std::string key = absl::StrCat("\"", field, "\":\"");
  const absl::Time deadline = absl::Now() + timeout;
  do {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      const size_t at = line.find(key);
      if (!absl::StrContains(line, msg) || at == std::string::npos) continue;
      const size_t from = at + key.size();
      return line.substr(from, line.find('"', from) - from);
    }
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  return "";
}

}  // namespace ror::testing
