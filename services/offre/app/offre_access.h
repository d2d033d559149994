#pragma once

// The access function (libs/authz/access_policy.h) applied to what the offre service holds: which
// offres a viewer sees at all, and which of their contacts, telecoms and MSSanté addresses.

#include <optional>

#include "google/protobuf/repeated_field.h"
#include "libs/authz/access_policy.h"
#include "ror/v1/offre_content.pb.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::app {

// Whether `viewer` sees an offre whose version is `content`, by its own champ and unite_sensible.
bool MaySeeContent(const authz::Viewer& viewer, const v1::OffreContent& content);

// Whether `viewer` sees the offre at all: he must see each of its versions, the published one and
// the draft (a draft that makes an offre sensitive hides it at once from who may not see it).
bool MaySeeOffre(const authz::Viewer& viewer, const domain::OffreState& state);
// The same from the index: the shown version's champ, sensitive when either version is.
bool MaySeeOffre(const authz::Viewer& viewer, const OffreSummary& summary);

// `content` without what `viewer` may not see of it: contacts (their nom too, personal data),
// telecoms and MSSanté addresses, each by its J222 level. The descriptive fields stay: every
// profile that sees the offre sees them.
v1::OffreContent VisibleContent(const authz::Viewer& viewer, v1::OffreContent content);

// `state` as `viewer` may see it (both versions filtered); none when he may not see the offre.
std::optional<domain::OffreState> VisibleOffre(const authz::Viewer& viewer,
                                               domain::OffreState state);

// Contacts outside an offre (an organisation's fiche), of champ `champ`, not of an unité
// sensible: those `viewer` may see, their telecoms filtered.
google::protobuf::RepeatedPtrField<v1::Contact> VisibleContacts(
    const authz::Viewer& viewer, authz::Champ champ,
    google::protobuf::RepeatedPtrField<v1::Contact> contacts);

}  // namespace ror::offre::app
