#pragma once

// Client certificates that stand for API clients. The operator registers the client in auth
// (CreateApiClient: an id, a secret and an access profile), then lists its certificate in a file
// only the gateway reads (--client_certificates), one line per certificate:
//
//   # SHA-256 of the certificate (hex, colons allowed)   client id   client secret
//   3f2a…c1   01a2…   s3cr3t…
//
// A request with that verified certificate and no Authorization header is then the client's: the
// gateway asks auth for the client's token (client credentials), keeps it until a minute before
// it expires, and sends it on as if the client had (the services verify it as any other). A
// certificate not listed names the client for its rate limit only.
//
// Why not a token bound to the certificate by auth itself (RFC 8705): TLS ends at the gateway, so
// auth would have to trust a fingerprint the gateway passes in metadata, and the REST routes would
// have to be kept from ever setting it. Holding the clients' secrets here costs less and opens no
// new path into auth.

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"

namespace ror::gateway {

struct ClientToken {
  std::string access_token;
  absl::Duration expires_in;
};
// Client credentials → the client's token (auth's TokenForClient).
using ClientTokenSource = std::function<absl::StatusOr<ClientToken>(
    const std::string& client_id, const std::string& client_secret)>;

class CertificateClients {
 public:
  // INVALID_ARGUMENT naming the line that is not "<sha256> <client id> <secret>".
  static absl::StatusOr<std::unique_ptr<CertificateClients>> Load(const std::filesystem::path& file,
                                                                  ClientTokenSource tokens,
                                                                  const Clock& clock);

  // "Bearer <token>" of the client the certificate of fingerprint `sha256` stands for; nullopt
  // when it stands for none; auth's refusal (a wrong secret) as an error.
  absl::StatusOr<std::optional<std::string>> AuthorizationFor(const std::string& sha256);

  size_t size() const { return clients_.size(); }

 private:
  struct Client {
    std::string id;
    std::string secret;
  };
  struct Cached {
    std::string authorization;
    absl::Time renew_at;
  };
  CertificateClients(std::map<std::string, Client> clients, ClientTokenSource tokens,
                     const Clock& clock)
      : clients_(std::move(clients)), tokens_(std::move(tokens)), clock_(clock) {}

  const std::map<std::string, Client> clients_;  // by fingerprint
  const ClientTokenSource tokens_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Cached> cache_;  // by fingerprint
};

}  // namespace ror::gateway
