#include "services/auth/app/key_ring.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "nlohmann/json.hpp"

namespace ror::auth::app {
namespace {

constexpr char kPemSuffix[] = ".pem";

// "<unix seconds it signs from>-<8 hex>": sortable, and unique even for two keys of one second.
std::string NewKid(absl::Time signs_from) {
  return absl::StrCat(absl::ToUnixSeconds(signs_from), "-",
                      absl::Hex(randombytes_random(), absl::kZeroPad8));
}

absl::Time SignsFrom(absl::string_view kid) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(kid.substr(0, kid.find('-')), &seconds)) return absl::InfinitePast();
  return absl::FromUnixSeconds(seconds);
}

// Written beside, synced, then renamed: a crash never leaves half a key.
absl::Status WritePrivateFile(const std::filesystem::path& path, absl::string_view content) {
  const std::filesystem::path temp = path.string() + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot write ", temp.string()));
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<KeyRing>> KeyRing::Open(KeyRingOptions options, const Clock& clock) {
  std::error_code error;
  std::filesystem::create_directories(options.dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", options.dir.string(), ": ", error.message()));
  }
  std::filesystem::permissions(options.dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  std::unique_ptr<KeyRing> ring(new KeyRing(std::move(options), clock));
  RETURN_IF_ERROR(ring->Load());
  std::lock_guard lock(ring->mu_);
  if (ring->keys_.empty()) {
    RETURN_IF_ERROR(ring->AddKeyLocked(clock.Now()).status());  // the first: nobody to warn
  }
  RETURN_IF_ERROR(ring->ScheduleLocked());
  return ring;
}

absl::Status KeyRing::Load() {
  std::lock_guard lock(mu_);
  for (const auto& file : std::filesystem::directory_iterator(options_.dir)) {
    if (file.path().extension() != kPemSuffix) continue;
    const std::string kid = file.path().stem().string();
    std::ifstream in(file.path());
    std::stringstream pem;
    pem << in.rdbuf();
    absl::StatusOr<authz::Es256Key> key = authz::Es256Key::FromPrivatePem(kid, pem.str());
    if (!key.ok()) {
      return absl::DataLossError(
          absl::StrCat("signing key ", kid, " unreadable: ", key.status().message()));
    }
    keys_.push_back(Entry{.signs_from = SignsFrom(kid), .key = *std::move(key)});
  }
  std::sort(keys_.begin(), keys_.end(), [](const Entry& a, const Entry& b) {
    return a.signs_from != b.signs_from ? a.signs_from < b.signs_from : a.key.kid() < b.key.kid();
  });
  return absl::OkStatus();
}

absl::StatusOr<std::string> KeyRing::AddKeyLocked(absl::Time signs_from) {
  const std::string kid = NewKid(signs_from);
  ASSIGN_OR_RETURN(authz::Es256Key key, authz::Es256Key::Generate(kid));
  ASSIGN_OR_RETURN(std::string pem, key.PrivatePem());
  RETURN_IF_ERROR(WritePrivateFile(options_.dir / absl::StrCat(kid, kPemSuffix), pem));
  keys_.push_back(Entry{.signs_from = SignsFrom(kid), .key = std::move(key)});
  std::stable_sort(keys_.begin(), keys_.end(),
                   [](const Entry& a, const Entry& b) { return a.signs_from < b.signs_from; });
  log::Info("signing key made", {{"kid", kid}});
  PruneLocked();
  return kid;
}

absl::Status KeyRing::ScheduleLocked() {
  const absl::Time now = clock_.Now();
  // The newest key (maybe not signing yet) says when the next one is due.
  if (keys_.back().signs_from + options_.rotation - options_.publish_ahead > now) {
    return absl::OkStatus();
  }
  return AddKeyLocked(
             std::max(now + options_.publish_ahead, keys_.back().signs_from + options_.rotation))
      .status();
}

void KeyRing::PruneLocked() {
  const absl::Time now = clock_.Now();
  // Key 0 stopped signing when key 1 started; its tokens are all expired `retention` later.
  while (keys_.size() > 1 && keys_[1].signs_from <= now &&
         keys_[1].signs_from + options_.retention < now) {
    std::error_code error;
    std::filesystem::remove(options_.dir / absl::StrCat(keys_.front().key.kid(), kPemSuffix),
                            error);
    log::Info("retired signing key removed", {{"kid", keys_.front().key.kid()}});
    keys_.erase(keys_.begin());
  }
}

absl::StatusOr<authz::Es256Key> KeyRing::SigningKey() {
  std::lock_guard lock(mu_);
  RETURN_IF_ERROR(ScheduleLocked());
  const absl::Time now = clock_.Now();
  // The newest key already signing; the oldest if none is yet (clock moved back).
  const Entry* signing = &keys_.front();
  for (const Entry& entry : keys_) {
    if (entry.signs_from <= now) signing = &entry;
  }
  return signing->key;
}

absl::StatusOr<std::string> KeyRing::Rotate() {
  std::lock_guard lock(mu_);
  const absl::Time now = clock_.Now();
  // A key scheduled but not signing yet may have leaked with the others: dropped.
  while (keys_.size() > 1 && keys_.back().signs_from > now) {
    std::error_code error;
    std::filesystem::remove(options_.dir / absl::StrCat(keys_.back().key.kid(), kPemSuffix), error);
    keys_.pop_back();
  }
  return AddKeyLocked(now);
}

std::string KeyRing::JwksJson() {
  std::lock_guard lock(mu_);
  (void)ScheduleLocked();  // publish the next key ahead even when nobody signs for a while
  PruneLocked();
  nlohmann::json keys = nlohmann::json::array();
  for (const Entry& entry : keys_) keys.push_back(entry.key.PublicJwk());
  return nlohmann::json{{"keys", std::move(keys)}}.dump();
}

}  // namespace ror::auth::app
