#include "services/auth/app/file_outbox.h"

#include <fcntl.h>
#include <unistd.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/common/log.h"

namespace ror::auth::app {
namespace {

// RFC 2047: a header in UTF-8 as an encoded word, so accents survive any relay.
std::string EncodedWord(absl::string_view text) {
  return absl::StrCat("=?UTF-8?B?", absl::Base64Escape(text), "?=");
}

}  // namespace

absl::Status FileOutbox::Send(const Mail& mail) {
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  const std::string id = ids_.NewId();
  const std::string message = absl::StrCat(
      "From: ", from_, "\r\nTo: ", mail.to, "\r\nSubject: ", EncodedWord(mail.subject),
      "\r\nDate: ",
      absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", clock_.Now(), absl::UTCTimeZone()),
      "\r\nMessage-ID: <", id, "@ror>\r\nMIME-Version: 1.0\r\n",
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
      mail.body, "\r\n");
  const std::filesystem::path path = dir_ / absl::StrCat(id, ".eml");
  const std::filesystem::path temp = dir_ / absl::StrCat(id, ".tmp");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return absl::UnavailableError("outbox: cannot create a mail file");
  bool ok = ::write(fd, message.data(), message.size()) == static_cast<ssize_t>(message.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  // Renamed once whole: a delivery agent never picks up half a mail.
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return absl::UnavailableError("outbox: cannot write a mail file");
  }
  log::Info("mail queued", {{"mail_id", id}});
  return absl::OkStatus();
}

}  // namespace ror::auth::app
