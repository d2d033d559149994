#include "libs/finess/replicate.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/finess/finess_number.h"

namespace ror::finess {
namespace {

// Hands out unused FINESS numbers per two-character prefix, in increasing order.
class NumberAllocator {
 public:
  explicit NumberAllocator(absl::flat_hash_set<std::string> taken) : taken_(std::move(taken)) {}

  absl::Status Next(absl::string_view prefix, std::string* number) {
    int& next = next_body_[prefix];
    for (; next < 1000000; ++next) {
      std::string first_eight = absl::StrFormat("%s%06d", prefix, next);
      // Corsican prefixes carry letters, for which the key rule is unknown (see finess_number.h)
      // and which the reader does not check; any digit will do there.
      int key = FinessCheckDigit(first_eight);
      std::string candidate = absl::StrCat(first_eight, key < 0 ? 0 : key);
      if (taken_.insert(candidate).second) {
        *number = std::move(candidate);
        ++next;
        return absl::OkStatus();
      }
    }
    return absl::ResourceExhaustedError(
        absl::StrCat("plus de numéro FINESS libre pour le préfixe ", prefix));
  }

 private:
  absl::flat_hash_set<std::string> taken_;
  absl::flat_hash_map<std::string, int> next_body_;
};

}  // namespace

absl::Status Replicate(const std::vector<EtablissementRecord>& sources, int64_t count,
                       const std::function<void(const EtablissementRecord&)>& emit) {
  if (count < 0) return absl::InvalidArgumentError("nombre d'établissements négatif");
  if (count == 0) return absl::OkStatus();
  if (sources.empty()) return absl::InvalidArgumentError("aucun établissement source à répliquer");

  absl::flat_hash_set<std::string> taken;
  for (const EtablissementRecord& source : sources) taken.insert(source.finess_eg);
  NumberAllocator allocator(std::move(taken));

  int64_t i = 0;
  for (; i < count && i < static_cast<int64_t>(sources.size()); ++i) emit(sources[i]);
  EtablissementRecord copy;
  for (; i < count; ++i) {
    copy = sources[i % sources.size()];
    std::string number;
    if (absl::Status status = allocator.Next(copy.finess_eg.substr(0, 2), &number); !status.ok()) {
      return status;
    }
    copy.finess_eg = std::move(number);
    emit(copy);
  }
  return absl::OkStatus();
}

}  // namespace ror::finess
