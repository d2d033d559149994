#pragma once

// Mails written as RFC 5322 messages, one file "<dir>/<id>.eml" (mode 0600: they carry secret
// links) for a relay or an operator to deliver. Logs only the file's id.

#include <filesystem>

#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "services/auth/app/mailer.h"

namespace ror::auth::app {

class FileOutbox final : public Mailer {
 public:
  FileOutbox(std::filesystem::path dir, std::string from, const Clock& clock, IdGenerator& ids)
      : dir_(std::move(dir)), from_(std::move(from)), clock_(clock), ids_(ids) {}

  absl::Status Send(const Mail& mail) override;

 private:
  const std::filesystem::path dir_;
  const std::string from_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace ror::auth::app
