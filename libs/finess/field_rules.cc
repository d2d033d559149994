#include "libs/finess/field_rules.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/finess/finess_number.h"

namespace ror::finess {
namespace {

int Digits(absl::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

bool IsDigits(absl::string_view text, size_t count) {
  if (text.size() != count) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !IsDigits(text.substr(0, 4), 4) ||
      !IsDigits(text.substr(5, 2), 2) || !IsDigits(text.substr(8, 2), 2)) {
    return std::nullopt;
  }
  int year = Digits(text.substr(0, 4));
  int month = Digits(text.substr(5, 2));
  int day = Digits(text.substr(8, 2));
  // CivilDay normalises 2021-02-30 into March; a day that moved did not exist.
  absl::CivilDay civil(year, month, day);
  if (civil.year() != year || civil.month() != month || civil.day() != day) return std::nullopt;
  return civil;
}

std::string CheckFiness(absl::string_view field, absl::string_view value) {
  std::string error = FinessNumberError(value);
  return error.empty() ? error : absl::StrCat(field, " : ", error);
}

std::string CheckDate(absl::string_view field, absl::string_view value,
                      std::optional<absl::CivilDay>* out) {
  out->reset();
  if (value.empty()) return "";
  *out = ParseIsoDate(value);
  if (*out) return "";
  return absl::StrCat(field, " : date « ", value, " » illisible (AAAA-MM-JJ attendu)");
}

std::string CheckDigits(absl::string_view field, absl::string_view value, size_t count) {
  if (IsDigits(value, count)) return "";
  if (value.empty())
    return absl::StrCat(field, " : valeur absente (", count, " chiffres attendus)");
  return absl::StrCat(field, " : « ", value, " » (", count, " chiffres attendus)");
}

std::string CheckNumber(absl::string_view field, absl::string_view value, double* out) {
  if (absl::SimpleAtod(value, out) && std::isfinite(*out)) return "";
  return absl::StrCat(field, " : nombre « ", value, " » illisible");
}

std::string CheckLatitude(double latitude) {
  if (latitude >= -90.0 && latitude <= 90.0) return "";
  return absl::StrCat("latitude : ", latitude, " hors de [-90, 90]");
}

std::string CheckLongitude(double longitude) {
  if (longitude >= -180.0 && longitude <= 180.0) return "";
  return absl::StrCat("longitude : ", longitude, " hors de [-180, 180]");
}

std::string Problems::Join() const { return absl::StrJoin(problems_, " ; "); }

}  // namespace ror::finess
