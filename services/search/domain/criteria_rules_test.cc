#include "services/search/domain/criteria_rules.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/common/field_violations.h"

namespace ror::search::domain {
namespace {

std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
  }
  return out;
}

class CriteriaRulesTest : public ::testing::Test {
 protected:
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
};

TEST_F(CriteriaRulesTest, EmptyCriteriaAreFine) {
  EXPECT_TRUE(CheckCriteria(v1::SearchCriteria(), codes_, "criteria.").ok());
}

TEST_F(CriteriaRulesTest, EachIdentifierHasItsFormat) {
  v1::SearchCriteria c;
  c.add_finess_eg("12345");
  c.add_siret("1234");
  c.add_departements("1");
  c.add_communes("0105");
  c.add_codes_postaux("0100A");
  c.add_regions("x");
  EXPECT_EQ(Violations(CheckCriteria(c, codes_, "criteria.")),
            (std::vector<std::string>{
                "criteria.finess_eg[0]:format", "criteria.siret[0]:format",
                "criteria.regions[0]:format", "criteria.departements[0]:format",
                "criteria.communes[0]:format", "criteria.codes_postaux[0]:format"}));
}

TEST_F(CriteriaRulesTest, AnUnknownCodeIsNamedWithItsList) {
  v1::SearchCriteria c;
  c.add_champs_activite("01");
  c.add_champs_activite("99");
  const absl::Status status = CheckCriteria(c, codes_, "criteria.");
  EXPECT_EQ(Violations(status),
            (std::vector<std::string>{"criteria.champs_activite[1]:unknown_code"}))
      << status;
}

TEST_F(CriteriaRulesTest, AgeAndProximityAreChecked) {
  v1::SearchCriteria c;
  c.mutable_age()->set_valeur(8);
  c.mutable_age()->set_unite("semaines");
  c.mutable_proximite()->set_rayon_km(0);
  EXPECT_EQ(Violations(CheckCriteria(c, codes_, "")),
            (std::vector<std::string>{"age.unite:enum", "proximite.centre:required",
                                      "proximite.rayon_km:range"}));
  c.mutable_age()->set_unite("ans");
  c.mutable_age()->set_valeur(200);
  c.mutable_proximite()->mutable_point()->set_latitude(91);
  c.mutable_proximite()->set_rayon_km(20);
  EXPECT_EQ(Violations(CheckCriteria(c, codes_, "")),
            (std::vector<std::string>{"age.valeur:range", "proximite.point.latitude:range"}));
}

TEST_F(CriteriaRulesTest, PagingIsBounded) {
  EXPECT_TRUE(CheckPaging(0, 0).ok());
  EXPECT_EQ(Violations(CheckPaging(201, -1)),
            (std::vector<std::string>{"page_size:range", "page:range"}));
}

}  // namespace
}  // namespace ror::search::domain
