#pragma once

#include <cstddef>
#include <string>

namespace ror::gateway::http {

// `bytes` bytes from OpenSSL's generator, in lower-case hex: an id or a secret nobody guesses.
std::string RandomHex(size_t bytes);

}  // namespace ror::gateway::http
