#include "libs/common/field_violations.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

TEST(FieldViolationsTest, NoViolationIsOk) {
  FieldViolations v;
  EXPECT_TRUE(v.empty());
  EXPECT_OK(v.ToStatus());
  EXPECT_FALSE(GetBadRequest(absl::OkStatus()).has_value());
}

TEST(FieldViolationsTest, ViolationsBecomeInvalidArgumentWithBadRequestPayload) {
  FieldViolations v;
  v.Add("nom", "required", "le nom est obligatoire");
  v.Add("finess_eg", "format", "9 chiffres attendus");
  absl::Status status = v.ToStatus();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("nom : le nom est obligatoire (required)")));
  EXPECT_THAT(std::string(status.message()), HasSubstr("finess_eg : 9 chiffres attendus"));
  std::optional<v1::BadRequest> bad_request = GetBadRequest(status);
  ASSERT_TRUE(bad_request.has_value());
  ASSERT_EQ(bad_request->field_violations_size(), 2);
  EXPECT_EQ(bad_request->field_violations(1).field(), "finess_eg");
  EXPECT_EQ(bad_request->field_violations(1).rule(), "format");
}

}  // namespace
}  // namespace ror
