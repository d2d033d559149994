// Format detection and file access.

#include <cstdio>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::ReadFile;
using ::ror::finess::testing::ReadText;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

TEST(FinessReaderTest, EmptyTextIsAnError) {
  EXPECT_THAT(ReadText("").status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("vide")));
}

TEST(FinessReaderTest, UnknownFirstLineIsAnError) {
  Collected c = ReadText("numero;nom\n1;x\n");
  EXPECT_THAT(c.status, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("format FINESS non reconnu : la première ligne « "
                                           "numero;nom »")));
}

TEST(FinessReaderTest, ByteOrderMarkIsSkipped) {
  Collected c = ReadText(
      "\xEF\xBB\xBF"
      "finess;etalab;0;2021-01-08\n");
  ASSERT_OK(c.status);
  EXPECT_EQ(c.info.format, FinessFormat::kEtalab);
  EXPECT_EQ(c.info.extract_date, absl::CivilDay(2021, 1, 8));
  EXPECT_EQ(c.info.declared_count, 0);
}

TEST(FinessReaderTest, NullInfoIsAllowed) {
  int records = 0;
  ASSERT_OK(ReadFinessText(
      "nofinesset,nofinessej,rs,adresse,codepostal,commune,departement,telephone,telecopie,"
      "categetab,libcategetab,categagretab,libcategagretab,siret,codeape,codesph,libsph,dateouv,"
      "datemaj,latitude,longitude,active\n"
      "010000024,010780054,CH,,01440,VIRIAT,01,,,355,CH,1102,CH,,,,,,,,,True\n",
      [&records](EtablissementRecord&&) { ++records; }, [](const Rejection&) {}, nullptr));
  EXPECT_EQ(records, 1);
}

TEST(FinessReaderTest, MissingFileIsNotFoundNamingThePath) {
  Collected c = ReadFile("/nonexistent/finess.csv");
  EXPECT_THAT(c.status,
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent/finess.csv")));
}

TEST(FinessReaderTest, UnreadableFileIsUnavailable) {
  // A directory opens but cannot be read.
  Collected c = ReadFile(::testing::TempDir());
  EXPECT_THAT(c.status, StatusIs(absl::StatusCode::kUnavailable));
}

TEST(FinessReaderTest, ReadsAFile) {
  std::string path = ::testing::TempDir() + "/finess_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "finess;etalab;1;2021-01-08\n"
           "structureet;010000024;010780054;CH DE FLEYRIAT;;;;900;RTE;DE PARIS;;;451;01;AIN;"
           "01440 VIRIAT;;;355;CH;1102;CH;;;;;;;;;2020-02-04;\n";
  }
  Collected c = ReadFile(path);
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].adresse, "900 RTE DE PARIS");
  std::remove(path.c_str());
}

TEST(FinessReaderTest, FileErrorsOfTheContentNameThePath) {
  std::string path = ::testing::TempDir() + "/finess_reader_bad.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "bonjour\n";
  }
  EXPECT_THAT(ReadFile(path).status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(path)));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ror::finess
