#include "tools/rorctl/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ror::rorctl {

absl::StatusOr<std::string> AuthorizationOf(const Args& args) {
  std::string path = args.Get("token_file");
  if (path.empty()) {
    const char* env = std::getenv("ROR_TOKEN_FILE");
    if (env != nullptr) path = env;
  }
  if (path.empty()) return std::string();
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  const std::string token(absl::StripAsciiWhitespace(content.str()));
  if (!in || token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--token_file : « ", path, " » est illisible ou vide"));
  }
  return absl::StrCat("Bearer ", token);
}

void Authorize(grpc::ClientContext& context, const std::string& authorization) {
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
}

}  // namespace ror::rorctl
