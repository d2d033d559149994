#include "libs/common/status_macros.h"

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror {
namespace {

using ::ror::testing::IsOkAndHolds;
using ::ror::testing::StatusIs;

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) return absl::InvalidArgumentError("n: must be even");
  return n / 2;
}

absl::StatusOr<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

absl::Status CheckQuarter(int n) {
  RETURN_IF_ERROR(Quarter(n).status());
  return absl::OkStatus();
}

TEST(StatusMacrosTest, PropagatesErrorsAndValues) {
  EXPECT_THAT(Quarter(8), IsOkAndHolds(2));
  EXPECT_THAT(Quarter(6), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(CheckQuarter(4));
  EXPECT_THAT(CheckQuarter(3), StatusIs(absl::StatusCode::kInvalidArgument, "n: must be even"));
}

}  // namespace
}  // namespace ror
