#include "tools/rorctl/args.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::rorctl {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

absl::StatusOr<Args> Parse(std::vector<std::string> words) {
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  return Args::Parse(static_cast<int>(argv.size()), argv.data(), 0);
}

TEST(ArgsTest, ReadsBothSpellingsOfOptions) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse({"--offre", "127.0.0.1:1", "--nom=HC Cardiologie"}));
  EXPECT_EQ(args.Get("offre"), "127.0.0.1:1");
  EXPECT_EQ(args.Get("nom"), "HC Cardiologie");
  EXPECT_EQ(args.Get("absent", "x"), "x");
  EXPECT_OK(args.CheckKnown({"offre", "nom"}));
  EXPECT_THAT(args.CheckKnown({"offre"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("option inconnue --nom")));
}

TEST(ArgsTest, RefusesStrayWordsAndMissingValues) {
  EXPECT_THAT(Parse({"offre"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("argument inattendu")));
  EXPECT_THAT(Parse({"--offre"}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("attend une valeur")));
  ASSERT_OK_AND_ASSIGN(Args args, Parse({}));
  EXPECT_THAT(args.Required("offre"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--offre est obligatoire")));
}

TEST(ArgsTest, ReadsDurations) {
  ASSERT_OK_AND_ASSIGN(Args args, Parse({"--a", "20s", "--b", "15", "--c", "1m30s", "--d", "bof"}));
  EXPECT_THAT(args.Duration("a", absl::ZeroDuration()),
              ::ror::testing::IsOkAndHolds(absl::Seconds(20)));
  EXPECT_THAT(args.Duration("b", absl::ZeroDuration()),
              ::ror::testing::IsOkAndHolds(absl::Seconds(15)));
  EXPECT_THAT(args.Duration("c", absl::ZeroDuration()),
              ::ror::testing::IsOkAndHolds(absl::Seconds(90)));
  EXPECT_THAT(args.Duration("z", absl::Seconds(3)), ::ror::testing::IsOkAndHolds(absl::Seconds(3)));
  EXPECT_THAT(args.Duration("d", absl::ZeroDuration()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("durée illisible")));
}

}  // namespace
}  // namespace ror::rorctl
