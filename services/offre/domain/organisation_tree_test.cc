#include "services/offre/domain/organisation_tree.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::offre::domain {
namespace {

using ::ror::testing::StatusIs;

OrganisationState Org(std::string id, std::string type, std::string nom, std::string parent) {
  OrganisationState o;
  o.organisation_id = std::move(id);
  o.type = std::move(type);
  o.nom = std::move(nom);
  o.finess_eg = "810000599";
  o.parent_id = std::move(parent);
  return o;
}

std::vector<std::string> Names(const std::vector<OrganisationNode>& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) out.push_back(n.organisation.nom);
  return out;
}

TEST(OrganisationTreeTest, NestsByParentAndOrdersSiblingsByNom) {
  const std::vector<OrganisationState> all = {
      Org("u1", "3", "Consultations", "p2"), Org("p2", "1", "Pôle Chirurgie", ""),
      Org("p1", "1", "Pôle Anesthésie", ""), Org("s1", "2", "Bloc", "p2"),
      Org("e1", "4", "Salle 1", "u1"),       Org("u0", "3", "Accueil", ""),
  };
  const std::vector<OrganisationNode> tree = BuildTree(all);
  EXPECT_THAT(Names(tree), ::testing::ElementsAre("Accueil", "Pôle Anesthésie", "Pôle Chirurgie"));
  EXPECT_THAT(Names(tree[2].children), ::testing::ElementsAre("Bloc", "Consultations"));
  EXPECT_THAT(Names(tree[2].children[1].children), ::testing::ElementsAre("Salle 1"));
}

TEST(OrganisationTreeTest, WhatHangsOnAMissingParentIsLeftOut) {
  const std::vector<OrganisationNode> tree =
      BuildTree({Org("u1", "3", "Orpheline", "gone"), Org("p1", "1", "Pôle", "")});
  EXPECT_THAT(Names(tree), ::testing::ElementsAre("Pôle"));
  EXPECT_TRUE(tree[0].children.empty());
}

TEST(OrganisationTreeTest, LineageGoesFromTheTopDownToTheLeaf) {
  std::map<std::string, OrganisationState, std::less<>> by_id;
  for (auto o :
       {Org("p1", "1", "Pôle", ""), Org("u1", "3", "UF", "p1"), Org("e1", "4", "UE", "u1")}) {
    by_id[o.organisation_id] = o;
  }
  const FindOrganisation find = [&](absl::string_view id) -> std::optional<OrganisationState> {
    auto it = by_id.find(id);
    if (it == by_id.end()) return std::nullopt;
    return it->second;
  };
  ASSERT_OK_AND_ASSIGN(auto chain, Lineage(by_id["e1"], find));
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[0].nom, "Pôle");
  EXPECT_EQ(chain[2].nom, "UE");

  by_id["p1"].parent_id = "e1";  // a loop no command can make
  EXPECT_THAT(Lineage(by_id["e1"], find), StatusIs(absl::StatusCode::kDataLoss));
  by_id.erase("p1");
  EXPECT_THAT(Lineage(by_id["e1"], find), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace ror::offre::domain
