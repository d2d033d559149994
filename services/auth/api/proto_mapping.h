#pragma once

// The auth service's domain states as API messages, and API grants as recorded ones.

#include "ror/v1/auth.pb.h"
#include "services/auth/domain/account.h"
#include "services/auth/domain/account_request.h"

namespace ror::auth::api {

// ROLE_UNSPECIFIED becomes an empty role, which the domain reports as required.
domain::AccountGrant FromProto(const v1::Grant& grant);
v1::Grant ToProto(const domain::AccountGrant& grant);
v1::Account ToProto(const domain::AccountState& account);
v1::AccountRequest ToProto(const domain::AccountRequestState& request);

}  // namespace ror::auth::api
