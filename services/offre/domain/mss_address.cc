#include "services/offre/domain/mss_address.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ror::offre::domain {
namespace {

constexpr size_t kMaxAddress = 254;  // RFC 5321 path limit less the angle brackets
constexpr size_t kMaxLocalPart = 64;
constexpr size_t kMaxLabel = 63;
constexpr absl::string_view kTrustDomain = "mssante.fr";

bool IsAtomChar(char c) {
  return absl::ascii_isalnum(c) ||
         absl::string_view("!#$%&'*+/=?^_`{|}~-").find(c) != absl::string_view::npos;
}

// dot-atom: atoms of allowed characters separated by single dots.
bool IsLocalPart(absl::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPart) return false;
  for (absl::string_view atom : absl::StrSplit(local, '.')) {
    if (atom.empty() || !std::all_of(atom.begin(), atom.end(), IsAtomChar)) return false;
  }
  return true;
}

bool IsLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabel) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return absl::ascii_isalnum(c) || c == '-'; });
}

}  // namespace

std::string NormalizeMssAddress(absl::string_view address) {
  address = absl::StripAsciiWhitespace(address);
  const size_t at = address.rfind('@');
  if (at == absl::string_view::npos) return std::string(address);
  return absl::StrCat(address.substr(0, at + 1), absl::AsciiStrToLower(address.substr(at + 1)));
}

bool IsEmailAddress(absl::string_view address) {
  if (address.size() > kMaxAddress) return false;
  const std::vector<absl::string_view> parts = absl::StrSplit(address, '@');
  if (parts.size() != 2 || !IsLocalPart(parts[0])) return false;
  const std::vector<absl::string_view> labels = absl::StrSplit(parts[1], '.');
  return labels.size() >= 2 && std::all_of(labels.begin(), labels.end(), IsLabel);
}

bool IsMssAddress(absl::string_view address) {
  if (!IsEmailAddress(address)) return false;
  const std::string lower = absl::AsciiStrToLower(address.substr(address.rfind('@') + 1));
  return lower == kTrustDomain || absl::EndsWith(lower, absl::StrCat(".", kTrustDomain));
}

}  // namespace ror::offre::domain
