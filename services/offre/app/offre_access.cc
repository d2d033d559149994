#include "services/offre/app/offre_access.h"

#include <algorithm>
#include <utility>

namespace ror::offre::app {
namespace {

using authz::Champ;
using authz::ConfidentialiteOf;
using authz::Datum;
using authz::FieldClass;
using authz::MaySee;
using authz::Viewer;

// Drops from `items` those `visible` refuses, keeping the order.
template <typename T, typename Visible>
void KeepVisible(google::protobuf::RepeatedPtrField<T>& items, Visible visible) {
  google::protobuf::RepeatedPtrField<T> kept;
  for (T& item : items) {
    if (visible(item)) *kept.Add() = std::move(item);
  }
  items.Swap(&kept);
}

// The contacts of data of `champ` (sensitive or not) as `viewer` may see them.
void FilterContacts(const Viewer& viewer, Champ champ, bool sensible,
                    google::protobuf::RepeatedPtrField<v1::Contact>& contacts) {
  auto graded = [&](FieldClass field, const std::string& level) {
    return MaySee(viewer, Datum{.champ = champ,
                                .unite_sensible = sensible,
                                .field = field,
                                .confidentialite = ConfidentialiteOf(level)});
  };
  KeepVisible(contacts, [&](const v1::Contact& c) {
    return graded(FieldClass::kContact, c.confidentialite());
  });
  for (v1::Contact& contact : contacts) {
    // A contact's nom may be a person's: personal data, at the contact's level.
    if (!graded(FieldClass::kPersonalData, contact.confidentialite())) contact.clear_nom();
    KeepVisible(*contact.mutable_telecoms(), [&](const v1::Telecom& t) {
      return graded(FieldClass::kTelecom, t.confidentialite());
    });
  }
}

}  // namespace

bool MaySeeContent(const Viewer& viewer, const v1::OffreContent& content) {
  return MaySee(viewer, Datum{.champ = authz::ChampOf(content.champ_activite()),
                              .unite_sensible = content.unite_sensible(),
                              .field = FieldClass::kOffre});
}

bool MaySeeOffre(const Viewer& viewer, const domain::OffreState& state) {
  if (state.published.has_value() && !MaySeeContent(viewer, *state.published)) return false;
  if (state.draft.has_value() && !MaySeeContent(viewer, *state.draft)) return false;
  return MaySeeContent(viewer, state.shown());
}

bool MaySeeOffre(const Viewer& viewer, const OffreSummary& summary) {
  return MaySee(viewer, Datum{.champ = authz::ChampOf(summary.champ_activite),
                              .unite_sensible = summary.unite_sensible,
                              .field = FieldClass::kOffre});
}

v1::OffreContent VisibleContent(const Viewer& viewer, v1::OffreContent content) {
  const Champ champ = authz::ChampOf(content.champ_activite());
  const bool sensible = content.unite_sensible();
  FilterContacts(viewer, champ, sensible, *content.mutable_contacts());
  KeepVisible(*content.mutable_adresses_mssante(), [&](const v1::AdresseMssante& a) {
    return MaySee(viewer, Datum{.champ = champ,
                                .unite_sensible = sensible,
                                .field = FieldClass::kTelecom,
                                .confidentialite = ConfidentialiteOf(a.confidentialite())});
  });
  return content;
}

std::optional<domain::OffreState> VisibleOffre(const Viewer& viewer, domain::OffreState state) {
  if (!MaySeeOffre(viewer, state)) return std::nullopt;
  if (state.published.has_value()) state.published = VisibleContent(viewer, *state.published);
  if (state.draft.has_value()) state.draft = VisibleContent(viewer, *state.draft);
  return state;
}

google::protobuf::RepeatedPtrField<v1::Contact> VisibleContacts(
    const Viewer& viewer, Champ champ, google::protobuf::RepeatedPtrField<v1::Contact> contacts) {
  FilterContacts(viewer, champ, /*sensible=*/false, contacts);
  return contacts;
}

}  // namespace ror::offre::app
