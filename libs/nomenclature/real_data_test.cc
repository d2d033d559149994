// The national lists of shared/data/nomenclatures, read where they are (never copied into the
// repository). Skipped when that folder is not next to the repository.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/nomenclature/validate.h"

namespace ror::nomenclature {
namespace {

using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Pointee;
using ::testing::StartsWith;

constexpr char kDir[] = ROR_NOMENCLATURES_DIR;

// (file stem, rows) from the table of the folder's README, so the test follows the extraction.
std::vector<std::pair<std::string, int>> ReadmeRowCounts() {
  std::ifstream in(std::filesystem::path(kDir) / "README.md");
  std::vector<std::pair<std::string, int>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<absl::string_view> cells = absl::StrSplit(line, '|');
    // "| file.csv | 273 | repo | … |" splits into "", " file.csv ", " 273 ", …
    if (cells.size() < 4) continue;
    absl::string_view file = absl::StripAsciiWhitespace(cells[1]);
    int count = 0;
    if (!absl::ConsumeSuffix(&file, ".csv")) continue;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(cells[2]), &count)) continue;
    rows.emplace_back(std::string(file), count);
  }
  return rows;
}

class RealDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::is_directory(kDir)) return;
    absl::StatusOr<Nomenclatures> loaded = Nomenclatures::LoadDirectory(kDir);
    load_status_ = new absl::Status(loaded.status());
    if (loaded.ok()) set_ = new Nomenclatures(*std::move(loaded));
  }
  static void TearDownTestSuite() {
    delete set_;
    delete load_status_;
    set_ = nullptr;
    load_status_ = nullptr;
  }

  void SetUp() override {
    if (load_status_ == nullptr) {
      GTEST_SKIP() << "national nomenclatures not found at " << kDir
                   << " (shared/data/nomenclatures next to the repository); nothing to check";
    }
    ASSERT_OK(*load_status_);
  }

  const Nomenclatures& set() const { return *set_; }
  const CodeList& List(absl::string_view id) const {
    const CodeList* list = set_->Find(id);
    EXPECT_NE(list, nullptr) << id;
    static const CodeList kEmpty(*ParseListId("JDV_J0-Absente-ROR"), true);
    return list == nullptr ? kEmpty : *list;
  }

  static Nomenclatures* set_;
  static absl::Status* load_status_;
};

Nomenclatures* RealDataTest::set_ = nullptr;
absl::Status* RealDataTest::load_status_ = nullptr;

TEST_F(RealDataTest, EveryListOfTheReadmeLoadsWithItsRowCount) {
  std::vector<std::pair<std::string, int>> rows = ReadmeRowCounts();
  ASSERT_EQ(rows.size(), 28u) << "README table not understood";
  // Plus the supplementary lists J220, J222 and J225 the extraction lacks.
  EXPECT_EQ(set().lists().size(), rows.size() + 3);
  for (const auto& [file, count] : rows) {
    const CodeList& list = List(file);
    EXPECT_EQ(list.id(), file);
    EXPECT_EQ(static_cast<int>(list.size()), count) << file;
  }
}

TEST_F(RealDataTest, KnownCounts) {
  EXPECT_EQ(List("J20").size(), 6u);
  EXPECT_EQ(List("J19").size(), 36u);
  EXPECT_EQ(List("J238").size(), 273u);
  EXPECT_EQ(List("J16").size(), 1305u);
  EXPECT_EQ(List("J17").size(), 548u);
  EXPECT_EQ(List("J55").size(), 181u);
  EXPECT_EQ(List("J186").size(), 148u);
  EXPECT_EQ(List("R338").size(), 27u);
}

TEST_F(RealDataTest, EveryCodeBelongsToANosCodeSystem) {
  for (const CodeList& list : set().lists()) {
    EXPECT_TRUE(list.complete()) << list.id();
    for (const CodeEntry& entry : list.entries()) {
      EXPECT_THAT(entry.system, StartsWith("https://mos.esante.gouv.fr/NOS/"))
          << list.id() << " " << entry.code;
      EXPECT_FALSE(entry.label.empty()) << list.id() << " " << entry.code;
    }
  }
}

TEST_F(RealDataTest, QuotingAndLeadingZerosSurvive) {
  const CodeList& j16 = List("J16");
  EXPECT_THAT(j16.Find("0011"),
              Pointee(Field(&CodeEntry::label,
                            "Radiothérapie métabolique (iode 131, hyperthyroïdies)")));
  EXPECT_EQ(j16.Find("11"), nullptr);
  EXPECT_THAT(j16.Find("1437"),
              Pointee(Field(&CodeEntry::label, "Réalisation de \"Mon bilan prévention\"")));
  EXPECT_THAT(List("J20").Find("01"),
              Pointee(Field(&CodeEntry::label, "Médecine, Chirurgie, Obstétrique (MCO)")));
}

TEST_F(RealDataTest, R338DeprecatesExactly12And27AndAnswersForJ226) {
  const CodeList& r338 = List("R338");
  std::vector<std::string> deprecated;
  for (const CodeEntry& entry : r338.entries()) {
    if (entry.deprecated) deprecated.push_back(entry.code);
  }
  EXPECT_THAT(deprecated, ::testing::ElementsAre("12", "27"));
  EXPECT_EQ(set().Find("J226"), &r338);
  EXPECT_TRUE(IsDeprecated(set(), "J226", "27"));

  FieldViolations v;
  ASSERT_OK(Validate(set(), "J226", "modalites_accueil", "27", v));
  EXPECT_TRUE(v.empty());  // readable
  ASSERT_OK(Validate(set(), "J226", "modalites_accueil", "27", v, DeprecatedCodes::kRefuse));
  ASSERT_EQ(v.bad_request().field_violations_size(), 1);
  EXPECT_EQ(v.bad_request().field_violations(0).rule(), "deprecated_code");
  EXPECT_THAT(v.bad_request().field_violations(0).description(),
              HasSubstr("code 27 (Soins à domicile) obsolète dans la nomenclature J226"));
}

TEST_F(RealDataTest, OnlyR338AndJ220HaveDeprecatedCodes) {
  for (const CodeList& list : set().lists()) {
    if (list.short_id() == "R338" || list.short_id() == "J220") continue;
    for (const CodeEntry& entry : list.entries()) {
      EXPECT_FALSE(entry.deprecated) << list.id() << " " << entry.code;
    }
  }
}

TEST_F(RealDataTest, J186KeysOnSystemAndCode) {
  const CodeList& j186 = List("J186");
  EXPECT_EQ(j186.systems().size(), 6u);
  EXPECT_EQ(j186.Find("10"), nullptr);
  EXPECT_EQ(j186.FindAll("10").size(), 2u);
  EXPECT_THAT(j186.Find("https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/"
                        "TRE-G15-ProfessionSante",
                        "10"),
              Pointee(Field(&CodeEntry::label, "Médecin")));
  EXPECT_THAT(j186.Find("https://mos.esante.gouv.fr/NOS/TRE_R356-ProfessionRessource/FHIR/"
                        "TRE-R356-ProfessionRessource",
                        "10"),
              Pointee(Field(&CodeEntry::label, "Socio-esthéticien")));
  FieldViolations v;
  ASSERT_OK(Validate(set(), "J186", "profession", "10", v));
  ASSERT_EQ(v.bad_request().field_violations_size(), 1);
  EXPECT_EQ(v.bad_request().field_violations(0).rule(), "ambiguous_code");
}

TEST_F(RealDataTest, BuiltInEntriesAreCopiesOfTheNationalOnes) {
  Nomenclatures built_in = Nomenclatures::BuiltIn();
  for (const CodeList& small : built_in.lists()) {
    const CodeList& national = List(small.id());
    EXPECT_EQ(small.title(), national.title());
    if (small.complete()) {
      EXPECT_EQ(small.size(), national.size()) << small.id();
    } else {
      EXPECT_LT(small.size(), national.size()) << small.id();
    }
    for (const CodeEntry& entry : small.entries()) {
      const CodeEntry* same = national.Find(entry.system, entry.code);
      ASSERT_NE(same, nullptr) << small.id() << " " << entry.code;
      EXPECT_EQ(entry, *same) << small.id() << " " << entry.code;
    }
  }
}

TEST_F(RealDataTest, EveryListHasAFrenchTitle) {
  for (const CodeList& list : set().lists()) {
    EXPECT_NE(list.title(), list.name()) << list.id() << " has no title in list_catalog.cc";
  }
}

}  // namespace
}  // namespace ror::nomenclature
