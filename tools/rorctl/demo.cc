// rorctl demo --offre H:P
// Creates a handful of realistic offres on real établissements géographiques (FINESS, Ain and
// Ille-et-Vilaine). Each has a fixed request_id, so running it again changes nothing.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"
#include "tools/rorctl/offre_client.h"
#include "tools/rorctl/output.h"

namespace ror::rorctl {
namespace {

struct DemoOffre {
  const char* request_id;
  const char* nom;
  const char* champ_activite;
  const char* finess_eg;                // from shared/data/finess (établissement géographique)
  const char* etablissement;            // its raison sociale, for the reader
  const char* type_offre;               // J238
  const char* mode_prise_en_charge;     // J19
  const char* activite_operationnelle;  // J17
  const char* modele_saisie;            // services/offre/modeles
};

constexpr DemoOffre kDemoOffres[] = {
    {"demo-offre-001", "HC Cardiologie", "01", "350000741", "CHRU Rennes site Pontchaillou", "149",
     "28", "013", "149/01"},
    {"demo-offre-002", "USIC - Soins intensifs de cardiologie", "01", "350000741",
     "CHRU Rennes site Pontchaillou", "149", "28", "014", "149/01"},
    {"demo-offre-003", "HC Gynécologie", "01", "350007084", "CHRU Rennes site Hôpital Sud", "157",
     "28", "053", "MS-141"},
    {"demo-offre-004", "Urgences adultes", "01", "010000024", "CH de Fleyriat", "20", "33", "157",
     "020/01"},
    {"demo-offre-005", "HC Psychiatrie générale adulte", "03", "350000337", "CH Guillaume Régnier",
     "174", "28", "229", "174/01"},
    {"demo-offre-006", "HC SMR locomoteur", "02", "010002129",
     "Clinique de réadaptation Les Arbelles", "102", "28", "233", "102/01"},
    {"demo-offre-007", "Hébergement permanent EHPAD", "04", "010006799", "EHPAD La Rose des Vents",
     "21", "46", "050", "500/01"},
};

}  // namespace

int Demo(const Args& args) {
  constexpr char kCommand[] = "demo";
  if (absl::Status known = args.CheckKnown({"offre", "timeout", "token_file"}); !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("offre");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());

  absl::StatusOr<std::string> authorization = AuthorizationOf(args);
  if (!authorization.ok()) return UsageError(kCommand, authorization.status());
  OffreClient client(*address, *timeout, *std::move(authorization));
  for (const DemoOffre& demo : kDemoOffres) {
    v1::CreateOffreRequest request;
    request.set_request_id(demo.request_id);
    request.set_nom(demo.nom);
    request.set_champ_activite(demo.champ_activite);
    request.set_finess_eg(demo.finess_eg);
    request.set_modele_saisie(demo.modele_saisie);
    absl::StatusOr<v1::Offre> offre = client.Create(request);
    if (!offre.ok()) return Failed(kCommand, offre.status());
    // Steps 2 and 3, then "Valider": the demo's offres are published. Saving the same draft or
    // validating again changes nothing, so a second run writes nothing.
    if (!offre->published()) {
      v1::SaveDraftRequest save;
      save.set_request_id(absl::StrCat(demo.request_id, "-etapes"));
      save.set_offre_id(offre->offre_id());
      save.set_step(3);
      v1::OffreContent& draft = *save.mutable_draft();
      draft = offre->draft();
      draft.set_type_offre(demo.type_offre);
      draft.set_mode_prise_en_charge(demo.mode_prise_en_charge);
      draft.clear_activites_operationnelles();
      draft.add_activites_operationnelles(demo.activite_operationnelle);
      offre = client.SaveDraft(save);
      if (!offre.ok()) return Failed(kCommand, offre.status());
      v1::ValidateDraftRequest validate;
      validate.set_request_id(absl::StrCat(demo.request_id, "-validation"));
      validate.set_offre_id(offre->offre_id());
      offre = client.ValidateDraft(validate);
      if (!offre.ok()) return Failed(kCommand, offre.status());
    }
    if (absl::Status printed = PrintJson(*offre); !printed.ok()) return Failed(kCommand, printed);
  }
  std::fprintf(stderr, "rorctl demo : %zu offres de démonstration en place sur %s\n",
               std::size(kDemoOffres), address->c_str());
  return kExitOk;
}

}  // namespace ror::rorctl
