// rorctl demo --offre H:P
// Creates a handful of realistic offres on real établissements géographiques (FINESS, Ain and
// Ille-et-Vilaine). Each has a fixed request_id, so running it again changes nothing.
#include <cstdio>

#include "tools/rorctl/commands.h"
#include "tools/rorctl/offre_client.h"
#include "tools/rorctl/output.h"

namespace ror::rorctl {
namespace {

struct DemoOffre {
  const char* request_id;
  const char* nom;
  const char* champ_activite;
  const char* finess_eg;      // from shared/data/finess (établissement géographique)
  const char* etablissement;  // its raison sociale, for the reader
};

constexpr DemoOffre kDemoOffres[] = {
    {"demo-offre-001", "HC Cardiologie", "01", "350000741", "CHRU Rennes site Pontchaillou"},
    {"demo-offre-002", "USIC - Soins intensifs de cardiologie", "01", "350000741",
     "CHRU Rennes site Pontchaillou"},
    {"demo-offre-003", "HC Gynécologie-obstétrique (maternité)", "01", "350007084",
     "CHRU Rennes site Hôpital Sud"},
    {"demo-offre-004", "Urgences adultes", "01", "010000024", "CH de Fleyriat"},
    {"demo-offre-005", "HC Psychiatrie générale adulte", "03", "350000337", "CH Guillaume Régnier"},
    {"demo-offre-006", "HC SMR locomoteur", "02", "010002129",
     "Clinique de réadaptation Les Arbelles"},
    {"demo-offre-007", "Hébergement permanent EHPAD", "04", "010006799", "EHPAD La Rose des Vents"},
};

}  // namespace

int Demo(const Args& args) {
  constexpr char kCommand[] = "demo";
  if (absl::Status known = args.CheckKnown({"offre", "timeout"}); !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("offre");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());

  OffreClient client(*address, *timeout);
  for (const DemoOffre& demo : kDemoOffres) {
    v1::CreateOffreRequest request;
    request.set_request_id(demo.request_id);
    request.set_nom(demo.nom);
    request.set_champ_activite(demo.champ_activite);
    request.set_finess_eg(demo.finess_eg);
    absl::StatusOr<v1::Offre> offre = client.Create(request);
    if (!offre.ok()) return Failed(kCommand, offre.status());
    if (absl::Status printed = PrintJson(*offre); !printed.ok()) return Failed(kCommand, printed);
  }
  std::fprintf(stderr, "rorctl demo : %zu offres de démonstration en place sur %s\n",
               std::size(kDemoOffres), address->c_str());
  return kExitOk;
}

}  // namespace ror::rorctl
