#pragma once

// The auth service's stream names (DESIGN §2: "<category>-<id>").

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace ror::auth::app {

inline constexpr char kAccountCategory[] = "account";
inline constexpr char kAccountRequestCategory[] = "account_request";
inline constexpr char kApiClientCategory[] = "api_client";
inline constexpr char kSessionCategory[] = "session";

inline std::string AccountStream(absl::string_view id) {
  return absl::StrCat(kAccountCategory, "-", id);
}
inline std::string AccountRequestStream(absl::string_view id) {
  return absl::StrCat(kAccountRequestCategory, "-", id);
}
inline std::string ApiClientStream(absl::string_view id) {
  return absl::StrCat(kApiClientCategory, "-", id);
}
inline std::string SessionStream(absl::string_view id) {
  return absl::StrCat(kSessionCategory, "-", id);
}

}  // namespace ror::auth::app
