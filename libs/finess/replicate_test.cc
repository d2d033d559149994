#include "libs/finess/replicate.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_number.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::ReadFile;
using ::ror::testing::StatusIs;
using ::testing::IsEmpty;

EtablissementRecord Source(std::string finess, std::string categorie) {
  EtablissementRecord r;
  r.finess_eg = std::move(finess);
  r.finess_ej = "010780054";
  r.raison_sociale = "SOURCE";
  r.categorie = std::move(categorie);
  return r;
}

TEST(ReplicateTest, OriginalsFirstThenCopiesUnderNewUniqueNumbers) {
  // 010000024 and 010000032 are among the first numbers of prefix 01 the allocator walks
  // through; the sources hold them, so it must skip them (checked by the uniqueness below).
  std::vector<EtablissementRecord> sources = {
      Source("010000024", "355"), Source("010000032", "106"), Source("350000063", "365")};
  std::vector<EtablissementRecord> out;
  ASSERT_OK(Replicate(sources, 3000, [&](const EtablissementRecord& r) { out.push_back(r); }));
  ASSERT_EQ(out.size(), 3000u);
  EXPECT_EQ(out[0].finess_eg, "010000024");
  EXPECT_EQ(out[2].finess_eg, "350000063");
  absl::flat_hash_set<std::string> numbers;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_TRUE(IsValidFinessNumber(out[i].finess_eg)) << out[i].finess_eg;
    EXPECT_EQ(out[i].finess_eg.substr(0, 2), sources[i % 3].finess_eg.substr(0, 2));
    EXPECT_EQ(out[i].categorie, sources[i % 3].categorie);
    numbers.insert(out[i].finess_eg);
  }
  EXPECT_EQ(numbers.size(), 3000u);
}

TEST(ReplicateTest, FewerThanTheSourcesTakesTheFirstOnes) {
  std::vector<EtablissementRecord> out;
  ASSERT_OK(Replicate({Source("010000024", "355"), Source("010000032", "106")}, 1,
                      [&](const EtablissementRecord& r) { out.push_back(r); }));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].finess_eg, "010000024");
}

TEST(ReplicateTest, NothingToReplicate) {
  auto ignore = [](const EtablissementRecord&) {};
  EXPECT_THAT(Replicate({}, 10, ignore), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Replicate({Source("010000024", "355")}, -1, ignore),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_OK(Replicate({}, 0, ignore));
}

// The tool end to end: a small etalab source in, N establishments out, read back cleanly.
TEST(ReplicateToolTest, OutputReadsBackWithTheRequestedCount) {
  std::string dir = ::testing::TempDir();
  std::string source = dir + "/replicate_source.csv";
  std::string output = dir + "/replicate_output.csv";
  {
    std::ofstream out(source, std::ios::binary);
    out << "finess;etalab;2;2021-01-08\n"
           "structureet;010000024;010780054;CH DE FLEYRIAT;;;;900;RTE;DE PARIS;;;451;01;AIN;"
           "01440 VIRIAT;;;355;CH;1102;CH;;;;;;;;;2020-02-04;\n"
           "structureet;350000063;220020739;HOPITAL ST THOMAS;;;;2;R;HIPPOLYTE FILLIOUX;;;145;35;"
           "ILLE-ET-VILAINE;35470 BAIN DE BRETAGNE;;;365;ESP;1110;ESCD;;;;;;;;;2013-04-16;\n"
           "geolocalisation;010000024;870215.7;6571590.5;LAMBERT_93;2021-01-04\n";
  }
  std::string command = absl::StrCat(ROR_FINESS_REPLICATE_BIN, " --source=", source,
                                     " --count=1001 --output=", output, " 2>/dev/null");
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  Collected c = ReadFile(output);
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  EXPECT_EQ(c.records.size(), 1001u);
  EXPECT_EQ(c.info.declared_count, 1001);
  EXPECT_EQ(c.info.extract_date, absl::CivilDay(2021, 1, 8));  // the source's
  EXPECT_EQ(c.info.geolocated, 501);  // copies of the Fleyriat keep its position
  EXPECT_EQ(c.records[1000].code_commune, "01451");
  std::remove(source.c_str());
  std::remove(output.c_str());
}

}  // namespace
}  // namespace ror::finess
