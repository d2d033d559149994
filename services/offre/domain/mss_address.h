#pragma once

// Boîtes aux lettres MSSanté (messagerie sécurisée de santé): the address an organisation
// interne publishes as boiteLettreMSS.

#include <string>

#include "absl/strings/string_view.h"

namespace ror::offre::domain {

// The address as it will be recorded: surrounding blanks removed, domain in lower case (the
// local part is left as typed: only the operator may fold its case).
std::string NormalizeMssAddress(absl::string_view address);

// An e-mail address: local@domain, RFC 5321 sizes, dot-atom local part, a domain of at least two
// LDH labels.
bool IsEmailAddress(absl::string_view address);

// An e-mail address whose domain lies in the MSSanté trust space, i.e. is mssante.fr or one of its
// sub-domains: every operator of the space receives mail under such a domain, and a plain e-mail
// address there would send health data outside of it.
bool IsMssAddress(absl::string_view address);

}  // namespace ror::offre::domain
