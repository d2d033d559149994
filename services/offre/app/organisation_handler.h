#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "libs/nomenclature/nomenclatures.h"
#include "services/offre/app/command_context.h"
#include "services/offre/app/etablissement_handler.h"
#include "services/offre/app/etablissement_scopes.h"
#include "services/offre/app/open_offres.h"
#include "services/offre/app/organisation_directory.h"
#include "services/offre/app/organisation_index.h"
#include "services/offre/domain/organisation.h"
#include "services/offre/domain/organisation_tree.h"

namespace ror::offre::app {

struct NewOrganisation {
  std::string finess_eg;
  std::string parent_id;  // empty: directly under the EG
  std::string type;       // J203 "1".."4"
  std::string nom;
  std::string boite_lettre_mss;
};

struct OrganisationChanges {
  std::optional<std::string> nom;               // nullopt: unchanged
  std::optional<std::string> boite_lettre_mss;  // nullopt: unchanged; empty: removed
  // nullopt: unchanged; otherwise the whole new list.
  std::optional<google::protobuf::RepeatedPtrField<v1::Contact>> contacts = std::nullopt;
};

struct EtablissementTree {
  domain::EtablissementState etablissement;
  std::vector<domain::OrganisationNode> organisations;  // directly under the EG
};

// One step of a fil d'Ariane.
struct BreadcrumbStep {
  std::string type;  // J203: "EJ", "EG", "1".."4"
  std::string id;    // FINESS number for the EJ and the EG, organisation id below
  std::string nom;   // empty for the EJ
};

// Commands and queries on the organisation interne of the EG. Each command loads its stream,
// decides, appends at the expected version and, on a version conflict (ABORTED), reloads and
// decides again, at most eventstore::kMaxCommandRetries times; a command retried with the same
// request_id returns the first outcome and writes nothing.
//
// Creating and closing decide on facts from other streams (the parent is open; nothing open hangs
// on what is closed). Both run one at a time under structure_mu_, which makes those facts hold
// until the append: this process is the only writer of its store, so no other creation can slip
// a child under an organisation being closed. Updates touch one stream only and run freely.
//
// It is also the offre handler's OrganisationDirectory: attaching an offre to an organisation runs
// under the same structure lock as closing one.
class OrganisationHandler final : public OrganisationDirectory {
 public:
  // Builds the index from `store`'s global log; ready to serve when it returns. Not owned:
  // `etablissements` (whether an EG exists, its EJ and name), `offres` (what still hangs on an
  // organisation being closed), `codes` (the national lists, J203 for the types).
  static absl::StatusOr<std::unique_ptr<OrganisationHandler>> Open(
      eventstore::EventStore& store, EtablissementHandler& etablissements, OpenOffres& offres,
      const nomenclature::Nomenclatures& codes, const Clock& clock, IdGenerator& ids);

  absl::StatusOr<domain::OrganisationState> Create(const NewOrganisation& organisation,
                                                   const CommandContext& ctx);
  absl::StatusOr<domain::OrganisationState> Update(absl::string_view organisation_id,
                                                   const OrganisationChanges& changes,
                                                   const CommandContext& ctx);
  absl::StatusOr<domain::OrganisationState> Close(absl::string_view organisation_id,
                                                  const CommandContext& ctx);

  // INVALID_ARGUMENT (field organisation_id) for a malformed id, NOT_FOUND for an unknown one.
  absl::StatusOr<domain::OrganisationState> Get(absl::string_view organisation_id);

  // The EG and its organisations nested; closed ones only when `include_closed`. INVALID_ARGUMENT
  // (field finess_eg) for a malformed number, NOT_FOUND for an unknown EG.
  absl::StatusOr<EtablissementTree> Tree(absl::string_view finess_eg, bool include_closed);

  // EJ, EG, then each organisation from the top down to `organisation_id`.
  absl::StatusOr<std::vector<BreadcrumbStep>> Breadcrumb(absl::string_view organisation_id);

  // OrganisationDirectory.
  std::optional<domain::OrganisationFacts> FindOrganisation(
      absl::string_view organisation_id) override;
  std::unique_lock<std::mutex> LockStructure() override {
    return std::unique_lock<std::mutex>(structure_mu_);
  }

 private:
  OrganisationHandler(eventstore::EventStore& store, EtablissementHandler& etablissements,
                      OpenOffres& offres, const nomenclature::Nomenclatures& codes,
                      const Clock& clock, IdGenerator& ids)
      : store_(store),
        etablissements_(etablissements),
        offres_(offres),
        codes_(codes),
        clock_(clock),
        ids_(ids) {}

  // Decides `command` on the stream of `organisation_id`, appends the outcome and records it in
  // the index; the resulting state.
  absl::StatusOr<domain::OrganisationState> Execute(absl::string_view organisation_id,
                                                    const domain::OrganisationCommand& command,
                                                    const std::string& request_id,
                                                    const CommandContext& ctx);
  // The state of `organisation_id` (the empty state when the stream does not exist).
  absl::StatusOr<domain::OrganisationState> Load(absl::string_view organisation_id);
  // The id a create command works on: the one its request_id created before, else a new one.
  absl::StatusOr<std::string> IdForCreation(const CommandContext& ctx, bool& retried);

  eventstore::EventStore& store_;
  EtablissementHandler& etablissements_;
  EtablissementScopes scopes_{etablissements_};
  OpenOffres& offres_;
  const nomenclature::Nomenclatures& codes_;
  const Clock& clock_;
  IdGenerator& ids_;
  OrganisationIndex index_;
  std::mutex structure_mu_;  // held by Create and Close, see above
};

}  // namespace ror::offre::app
