#pragma once

#include <optional>
#include <string>

namespace ror::oidc {

// Who logged in, as the provider vouches for it in a validated ID token.
struct Identity {
  std::string subject = "";      // "sub": stable per provider; the key to link an account to
  std::string given_name = "";   // "" when the token does not carry it
  std::string family_name = "";  // "" when the token does not carry it
  std::string acr = "";          // the authentication level ("eidas1" for a CPS or e-CPS login)
  // The professional's national identifier (RPPS / ADELI with its type prefix), read from the
  // configured claim (Pro Santé Connect: "SubjectNameID"); nullopt when absent.
  std::optional<std::string> national_id = std::nullopt;
};

}  // namespace ror::oidc
