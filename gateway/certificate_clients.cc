#include "gateway/certificate_clients.h"

#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace ror::gateway {

absl::StatusOr<std::unique_ptr<CertificateClients>> CertificateClients::Load(
    const std::filesystem::path& file, ClientTokenSource tokens, const Clock& clock) {
  std::ifstream in(file);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("certificats clients : ", file.string(), " illisible"));
  }
  std::map<std::string, Client> clients;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    const std::vector<std::string> fields = absl::StrSplit(text, ' ', absl::SkipWhitespace());
    std::string fingerprint =
        absl::AsciiStrToLower(absl::StrReplaceAll(fields.empty() ? "" : fields[0], {{":", ""}}));
    const bool hex = fingerprint.size() == 64 &&
                     std::all_of(fingerprint.begin(), fingerprint.end(), absl::ascii_isxdigit);
    if (fields.size() != 3 || !hex) {
      return absl::InvalidArgumentError(absl::StrCat(
          "certificats clients : ", file.string(), " ligne ", number,
          " : « empreinte SHA-256 (64 chiffres hexadécimaux) identifiant secret » attendu"));
    }
    clients[std::move(fingerprint)] = Client{.id = fields[1], .secret = fields[2]};
  }
  return std::unique_ptr<CertificateClients>(
      new CertificateClients(std::move(clients), std::move(tokens), clock));
}

absl::StatusOr<std::optional<std::string>> CertificateClients::AuthorizationFor(
    const std::string& sha256) {
  const auto client = clients_.find(sha256);
  if (client == clients_.end()) return std::nullopt;
  {
    std::lock_guard lock(mutex_);
    const auto cached = cache_.find(sha256);
    if (cached != cache_.end() && clock_.Now() < cached->second.renew_at) {
      return cached->second.authorization;
    }
  }
  // Asked outside the lock: other certificates' requests do not wait on auth.
  absl::StatusOr<ClientToken> token = tokens_(client->second.id, client->second.secret);
  if (!token.ok()) return token.status();
  const std::string authorization = "Bearer " + token->access_token;
  std::lock_guard lock(mutex_);
  cache_[sha256] = Cached{.authorization = authorization,
                          .renew_at = clock_.Now() + token->expires_in - absl::Minutes(1)};
  return authorization;
}

}  // namespace ror::gateway
