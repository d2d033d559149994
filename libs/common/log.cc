#include "libs/common/log.h"

#include <cstdio>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace ror::log {
namespace {

std::mutex init_mu;
std::shared_ptr<spdlog::logger> logger;

std::shared_ptr<spdlog::logger> Logger() {
  std::lock_guard lock(init_mu);
  if (!logger) {
    logger = spdlog::stderr_logger_mt("ror");
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                        spdlog::pattern_time_type::utc);
    logger->flush_on(spdlog::level::info);
  }
  return logger;
}

std::string& ServicePrefix() {
  static std::string prefix = R"("service":"unknown",)";
  return prefix;
}

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

void Init(absl::string_view service, absl::string_view level) {
  std::string prefix = R"("service":")";
  AppendJsonEscaped(prefix, service);
  prefix += "\",";
  auto l = Logger();
  ServicePrefix() = std::move(prefix);
  l->set_level(spdlog::level::from_str(std::string(level)));
}

bool InitFromFlag(absl::string_view binary, absl::string_view service, absl::string_view level) {
  if (level != "debug" && level != "info" && level != "warn" && level != "error") {
    std::fprintf(stderr, "%.*s: --log_level must be debug, info, warn or error (got %.*s)\n",
                 static_cast<int>(binary.size()), binary.data(), static_cast<int>(level.size()),
                 level.data());
    return false;
  }
  Init(service, level);
  return true;
}

void Write(Level level, absl::string_view message, std::initializer_list<Field> fields) {
  auto l = Logger();
  if (!l->should_log(ToSpd(level))) return;
  std::string body = ServicePrefix();
  body += R"("msg":")";
  AppendJsonEscaped(body, message);
  body += '"';
  for (const Field& f : fields) {
    body += ",\"";
    AppendJsonEscaped(body, f.key);
    body += "\":\"";
    AppendJsonEscaped(body, f.value);
    body += '"';
  }
  l->log(ToSpd(level), "{}", body);
}

void AppendJsonEscaped(std::string& out, absl::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
}

}  // namespace ror::log
