#pragma once

// Mails the auth service sends (reset and activation links, account-request decisions). An
// interface so that tests read what was sent; FileOutbox is the implementation of this release.

#include <string>

#include "absl/status/status.h"

namespace ror::auth::app {

struct Mail {
  std::string to;  // an e-mail address: never logged
  std::string subject;
  std::string body;  // may hold a link with a secret token: never logged
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual absl::Status Send(const Mail& mail) = 0;
};

}  // namespace ror::auth::app
