#pragma once

// What an administrateur may administer: a national one (a grant without région) everything; a
// regional one only grants within his régions — a référent ROR, régulateur, gestionnaire de crise
// or administrateur of one of them, a responsable d'offre whose every FINESS lies in one of them
// (by its département) — and the accounts and account requests of his régions. Keeps a regional
// administrateur from granting himself, or anyone, a national role.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/authz/principal.h"
#include "services/auth/domain/grants.h"

namespace ror::auth::domain {

struct AdminScope {
  bool national = false;
  std::vector<std::string> regions;  // of a regional administrateur
};

// The scope of `caller`'s administrateur grants (empty for anyone else).
AdminScope AdminScopeOf(const authz::Principal& caller);

// The région of an établissement by its FINESS number's département; empty when unknown.
std::string RegionOfFiness(absl::string_view finess);

// PERMISSION_DENIED (in French, naming the région rule) unless `scope` reaches …
absl::Status CheckAdministers(const AdminScope& scope, const AccountGrant& grant);
// … every grant of an account (an account without grants: any administrateur);
absl::Status CheckAdministersAccount(const AdminScope& scope,
                                     const std::vector<AccountGrant>& grants);
// … an établissement (an account request names one). What only a national administrateur does
// (signing keys, API clients) is authz::CheckNationalAdministrateur.
absl::Status CheckAdministersFiness(const AdminScope& scope, absl::string_view finess);

}  // namespace ror::auth::domain
