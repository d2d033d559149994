#include "gateway/certificate_clients.h"

#include <fstream>

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::gateway {
namespace {

constexpr char kA[] = "3f2a0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccdde";

class CertificateClientsTest : public ::testing::Test {
 protected:
  CertificateClientsTest() : clock_(absl::FromUnixSeconds(1'800'000'000)) {}

  absl::StatusOr<std::unique_ptr<CertificateClients>> Load(const std::string& text) {
    const std::filesystem::path file = dir_.path() / "clients";
    std::ofstream(file) << text;
    return CertificateClients::Load(
        file,
        [this](const std::string& id, const std::string& secret) -> absl::StatusOr<ClientToken> {
          ++asked_;
          if (secret != "bon-secret") return absl::UnauthenticatedError("secret refusé");
          return ClientToken{.access_token = "jeton-" + id + "-" + std::to_string(asked_),
                             .expires_in = absl::Minutes(10)};
        },
        clock_);
  }

  ror::testing::TempDir dir_;
  FakeClock clock_;
  int asked_ = 0;
};

TEST_F(CertificateClientsTest, ACertificateListedGetsItsClientsTokenKeptUntilNearItsEnd) {
  // Colons and capitals as openssl prints them.
  std::string colons;
  for (size_t i = 0; i < 64; i += 2) {
    colons += (i ? ":" : "") + std::string(kA + i, 2);
  }
  for (char& c : colons) c = static_cast<char>(std::toupper(c));
  ASSERT_OK_AND_ASSIGN(auto clients,
                       Load("# empreinte client secret\n\n" + colons + "  client-1  bon-secret\n"));
  EXPECT_EQ(clients->size(), 1u);
  EXPECT_THAT(clients->AuthorizationFor(kA),
              ::ror::testing::IsOkAndHolds(std::optional<std::string>("Bearer jeton-client-1-1")));
  clock_.Advance(absl::Minutes(8));
  EXPECT_THAT(clients->AuthorizationFor(kA),
              ::ror::testing::IsOkAndHolds(std::optional<std::string>("Bearer jeton-client-1-1")));
  clock_.Advance(absl::Minutes(1) + absl::Seconds(1));  // within a minute of its end
  EXPECT_THAT(clients->AuthorizationFor(kA),
              ::ror::testing::IsOkAndHolds(std::optional<std::string>("Bearer jeton-client-1-2")));
  EXPECT_THAT(clients->AuthorizationFor(std::string(64, '0')),
              ::ror::testing::IsOkAndHolds(std::nullopt));
}

TEST_F(CertificateClientsTest, AuthsRefusalIsAnError) {
  ASSERT_OK_AND_ASSIGN(auto clients, Load(std::string(kA) + " client-1 mauvais-secret\n"));
  EXPECT_TRUE(absl::IsUnauthenticated(clients->AuthorizationFor(kA).status()));
}

TEST_F(CertificateClientsTest, ABadLineIsRefusedNamingIt) {
  const absl::Status status = Load("# ok\nabcd client-1 secret\n").status();
  EXPECT_TRUE(absl::IsInvalidArgument(status));
  EXPECT_THAT(status.message(), ::testing::HasSubstr("ligne 2"));
  EXPECT_TRUE(absl::IsInvalidArgument(Load(std::string(kA) + " client-1\n").status()));
}

}  // namespace
}  // namespace ror::gateway
