#pragma once

// Roles and their scopes as the account events record them (AccountGrant), their rules, and their
// libs/authz form for tokens.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "libs/authz/principal.h"
#include "libs/common/field_violations.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::domain {

using v1::events::AccountGrant;

// The role's name in events is its name in tokens: authz::RoleName, authz::RoleFromName.

// True for a code of the 18 INSEE régions (2016 map).
bool IsRegionCode(absl::string_view code);

// The grant as recorded: blanks trimmed, FINESS upper-cased, lists sorted without duplicates (so
// that equal scopes compare equal).
AccountGrant NormalizeGrant(AccountGrant grant);

// Adds the violations of `grant` under `field` ("grant.role", "grant.region", …): a known role;
// référent ROR: a région; responsable d'offre: at least one EJ or EG FINESS, each valid, no région;
// régulateur, gestionnaire de crise, administrateur: an optional région (empty: national), no
// FINESS list.
void CheckGrant(absl::string_view field, const AccountGrant& grant, FieldViolations& v);

bool SameGrant(const AccountGrant& a, const AccountGrant& b);

// nullopt for a role this build does not know (never recorded: CheckGrant refuses it).
std::optional<authz::Grant> ToAuthzGrant(const AccountGrant& grant);

}  // namespace ror::auth::domain
