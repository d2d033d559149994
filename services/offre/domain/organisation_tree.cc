#include "services/offre/domain/organisation_tree.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace ror::offre::domain {
namespace {

// Deeper than any J203 hierarchy (4 levels): a longer chain can only be a loop.
constexpr size_t kMaxDepth = 16;

using ChildrenOf = std::map<std::string, std::vector<const OrganisationState*>, std::less<>>;

std::vector<OrganisationNode> NodesUnder(absl::string_view parent_id, const ChildrenOf& children,
                                         size_t depth) {
  std::vector<OrganisationNode> nodes;
  auto it = children.find(parent_id);
  if (it == children.end() || depth > kMaxDepth) return nodes;
  for (const OrganisationState* child : it->second) {
    nodes.push_back(
        OrganisationNode{.organisation = *child,
                         .children = NodesUnder(child->organisation_id, children, depth + 1)});
  }
  return nodes;
}

}  // namespace

std::vector<OrganisationNode> BuildTree(const std::vector<OrganisationState>& organisations) {
  ChildrenOf children;
  for (const OrganisationState& o : organisations) children[o.parent_id].push_back(&o);
  for (auto& [parent, siblings] : children) {
    std::sort(siblings.begin(), siblings.end(),
              [](const OrganisationState* a, const OrganisationState* b) {
                return std::tie(a->nom, a->organisation_id) < std::tie(b->nom, b->organisation_id);
              });
  }
  // Walking down from the EG ("" parent) reaches exactly the organisations whose chain of parents
  // is complete in the list.
  return NodesUnder("", children, 0);
}

absl::StatusOr<std::vector<OrganisationState>> Lineage(const OrganisationState& leaf,
                                                       const FindOrganisation& find) {
  std::vector<OrganisationState> chain = {leaf};
  while (!chain.back().parent_id.empty()) {
    if (chain.size() > kMaxDepth) {
      return absl::DataLossError(
          absl::StrCat("organisation ", leaf.organisation_id, " : la chaîne des parents boucle"));
    }
    const std::string parent_id = chain.back().parent_id;
    std::optional<OrganisationState> parent = find(parent_id);
    if (!parent.has_value()) {
      return absl::DataLossError(absl::StrCat("organisation ", chain.back().organisation_id,
                                              " : parent ", parent_id, " introuvable"));
    }
    chain.push_back(*std::move(parent));
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

}  // namespace ror::offre::domain
