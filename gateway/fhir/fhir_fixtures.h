#pragma once

// Records of the directory for the FHIR tests: an offre of cardiologie at the CHRU de Rennes with
// contacts at three confidentiality levels, that établissement and its entité juridique.

#include "gateway/fhir/healthcare_service.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/etablissement_fiche.pb.h"

namespace ror::gateway::fhir::testing {

inline const nomenclature::Nomenclatures& Codes() {
  static const nomenclature::Nomenclatures* codes =
      new nomenclature::Nomenclatures(nomenclature::Nomenclatures::BuiltIn());
  return *codes;
}

inline OffreRecord Cardiologie() {
  OffreRecord offre;
  offre.offre_id = "01a23387-3ec1-717f-878e-ad3eb70b66cc";
  offre.provided_by = "350000741";
  offre.region = "53";
  offre.created_at = absl::FromUnixSeconds(1'790'000'000);
  offre.updated_at = absl::FromUnixSeconds(1'790'086'400);
  v1::OffreContent& c = offre.content;
  c.set_nom("HC Cardiologie");
  c.set_champ_activite("01");
  c.set_type_offre("149");
  c.set_mode_prise_en_charge("28");
  c.add_activites_operationnelles("013");
  c.set_age_min(18);
  c.set_age_min_unite("ans");
  c.add_horaires()->CopyFrom([] {
    v1::PlageHoraire plage;
    plage.set_jour(1);
    plage.set_debut("08:00");
    plage.set_fin("24:00");
    return plage;
  }());
  v1::AdresseMssante& mss = *c.add_adresses_mssante();
  mss.set_adresse("cardiologie@chu-rennes.mssante.fr");
  mss.set_confidentialite("2");
  v1::Contact& secretariat = *c.add_contacts();
  secretariat.set_nom("Secrétariat de cardiologie");
  secretariat.set_fonction("05");
  secretariat.set_confidentialite("2");  // accès restreint
  v1::Telecom& fixe = *secretariat.add_telecoms();
  fixe.set_canal("2");
  fixe.set_valeur("0299284321");
  fixe.set_confidentialite("1");
  v1::Telecom& garde = *secretariat.add_telecoms();
  garde.set_canal("1");
  garde.set_valeur("0611223344");
  garde.set_confidentialite("3");  // très restreint
  return offre;
}

inline v1::EtablissementFiche Pontchaillou() {
  v1::EtablissementFiche fiche;
  fiche.set_finess_eg("350000741");
  fiche.set_finess_ej("350005179");
  fiche.set_raison_sociale("CHRU RENNES PONTCHAILLOU");
  fiche.set_raison_sociale_longue("CHRU DE RENNES - SITE PONTCHAILLOU");
  fiche.set_categorie("101");
  fiche.set_siret("26350579400012");
  fiche.set_adresse("2 RUE HENRI LE GUILLOUX");
  fiche.set_code_postal("35033");
  fiche.set_commune("RENNES");
  fiche.set_telephone("0299284321");
  return fiche;
}

inline v1::EntiteJuridiqueFiche ChuRennes() {
  v1::EntiteJuridiqueFiche fiche;
  fiche.set_finess_ej("350005179");
  fiche.set_raison_sociale("CHU RENNES");
  fiche.set_raison_sociale_longue("CENTRE HOSPITALIER UNIVERSITAIRE DE RENNES");
  fiche.set_adresse("2 R HENRI LE GUILLOUX");
  fiche.set_code_postal("35033");
  fiche.set_commune("RENNES CEDEX 9");
  fiche.set_departement("35");
  fiche.set_telephone("0299284321");
  fiche.set_statut_juridique("13");
  fiche.set_libelle_statut_juridique("Etablissement Public Communal d'Hospitalisation");
  fiche.set_siren("263505794");
  fiche.set_date_creation("1960-01-01");
  return fiche;
}

}  // namespace ror::gateway::fhir::testing
