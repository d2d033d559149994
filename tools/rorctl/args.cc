#include "tools/rorctl/args.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::rorctl {

absl::StatusOr<Args> Args::Parse(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    absl::string_view word = argv[i];
    if (!absl::ConsumePrefix(&word, "--") || word.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("argument inattendu « ", argv[i],
                                                     " » : les options s'écrivent --nom valeur"));
    }
    std::string name;
    std::string value;
    if (size_t eq = word.find('='); eq != absl::string_view::npos) {
      name = std::string(word.substr(0, eq));
      value = std::string(word.substr(eq + 1));
    } else if (i + 1 < argc) {
      name = std::string(word);
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("l'option --", word, " attend une valeur"));
    }
    args.values_[name] = value;
  }
  return args;
}

absl::Status Args::CheckKnown(const std::set<std::string>& known) const {
  for (const auto& [name, value] : values_) {
    if (!known.contains(name)) {
      std::string list;
      for (const std::string& k : known) absl::StrAppend(&list, list.empty() ? "" : ", ", "--", k);
      return absl::InvalidArgumentError(
          absl::StrCat("option inconnue --", name, " (options possibles : ", list, ")"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Args::Required(absl::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("l'option --", name, " est obligatoire"));
  }
  return it->second;
}

std::string Args::Get(absl::string_view name, absl::string_view fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::string(fallback) : it->second;
}

absl::StatusOr<absl::Duration> Args::Duration(absl::string_view name,
                                              absl::Duration fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  absl::Duration d;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(it->second, &seconds) && seconds >= 0) return absl::Seconds(seconds);
  if (absl::ParseDuration(it->second, &d) && d >= absl::ZeroDuration()) return d;
  return absl::InvalidArgumentError(absl::StrCat("--", name, " : durée illisible « ", it->second,
                                                 " » (exemples : 20s, 500ms, 1m30s)"));
}

}  // namespace ror::rorctl
