#include "gateway/http/random_id.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "absl/strings/escaping.h"

namespace ror::gateway::http {

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  // Without entropy there is no safe id to give: failing the request beats a guessable one.
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("the random generator failed");
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

}  // namespace ror::gateway::http
