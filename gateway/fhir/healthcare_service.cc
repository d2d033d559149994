#include "gateway/fhir/healthcare_service.h"

#include "absl/strings/str_cat.h"
#include "gateway/fhir/fhir_types.h"

namespace ror::gateway::fhir {
namespace {

using nlohmann::json;

// UCUM units of an age as OffreContent counts it.
std::string UcumOf(const std::string& unite) {
  if (unite == "jours") return "d";
  if (unite == "mois") return "mo";
  return "a";
}

json Age(int32_t value, const std::string& unite) {
  return {{"value", value},
          {"unit", unite.empty() ? "ans" : unite},
          {"system", "http://unitsofmeasure.org"},
          {"code", UcumOf(unite)}};
}

// A characteristic of the list `list_id`, tagged with the act type when it is an act.
json Characteristic(const nomenclature::Nomenclatures& codes, absl::string_view list_id,
                    const std::string& code, const char* act_type = nullptr) {
  json characteristic = ConceptOf(codes, list_id, code);
  if (act_type != nullptr) {
    characteristic["extension"] =
        json::array({{{"url", RorDefinition("ror-act-type")}, {"valueCode", act_type}}});
  }
  return characteristic;
}

// The patientèle: publics (J29) and the age range, whose bounds the guide requires (0 and 150
// years stand for an open end).
json PatientType(const v1::OffreContent& c, const nomenclature::Nomenclatures& codes) {
  json parts = json::array();
  for (const std::string& code : c.publics()) {
    parts.push_back(
        {{"url", "supportedPatientInfo"}, {"valueCodeableConcept", ConceptOf(codes, "J29", code)}});
  }
  parts.push_back(
      {{"url", "ageRange"},
       {"valueRange",
        {{"low", c.has_age_min() ? Age(c.age_min(), c.age_min_unite()) : Age(0, "ans")},
         {"high", c.has_age_max() ? Age(c.age_max(), c.age_max_unite()) : Age(150, "ans")}}}});
  return {{"url", RorDefinition("ror-healthcareservice-patient-type")}, {"extension", parts}};
}

json ConfidentialityLevel(const nomenclature::Nomenclatures& codes, const std::string& level) {
  return {{"url", RorDefinition("ror-confidentiality-level")},
          {"valueCodeableConcept", ConceptOf(codes, "J222", level)}};
}

// ContactPoint.system of a canal (J225).
const char* SystemOf(const std::string& canal) {
  if (canal == "1" || canal == "2" || canal == "8") return "phone";
  if (canal == "3" || canal == "9" || canal == "MSSANTE") return "email";
  if (canal == "4") return "url";
  if (canal == "6") return "fax";
  return "other";  // transfert de fichiers, ANTARES
}

// A telecom as a ContactPoint with its canal (J225) and level (J222).
json ContactPoint(const nomenclature::Nomenclatures& codes, const std::string& canal,
                  const std::string& value, const std::string& level) {
  const std::string system = SystemOf(canal);
  return {
      {"system", system},
      {"value", value},
      {"extension", json::array({{{"url", RorDefinition("ror-telecom-communication-channel")},
                                  {"valueCodeableConcept", ConceptOf(codes, "J225", canal)}},
                                 {{"url", RorDefinition("ror-telecom-confidentiality-level")},
                                  {"valueCodeableConcept", ConceptOf(codes, "J222", level)}}})}};
}

}  // namespace

std::optional<json> HealthcareServiceOf(const OffreRecord& offre, const authz::Viewer& viewer,
                                        const nomenclature::Nomenclatures& codes) {
  const v1::OffreContent& c = offre.content;
  const authz::Champ champ = authz::ChampOf(c.champ_activite());
  const auto may_see = [&](authz::FieldClass field, const std::string& level) {
    return authz::MaySee(viewer, {.champ = champ,
                                  .unite_sensible = c.unite_sensible(),
                                  .field = field,
                                  .confidentialite = authz::ConfidentialiteOf(level)});
  };
  if (!may_see(authz::FieldClass::kOffre, "")) return std::nullopt;

  json meta = {{"profile", json::array({RorDefinition("ror-healthcareservice")})},
               {"lastUpdated", Instant(offre.updated_at)}};
  if (!offre.region.empty()) {
    meta["tag"] = json::array({CodingOf(codes, "J237", offre.region)});
  }
  json resource = {
      {"resourceType", "HealthcareService"},
      {"id", offre.offre_id},
      {"meta", std::move(meta)},
      {"identifier",
       json::array({{{"system", "urn:ietf:rfc:3986"}, {"value", "urn:uuid:" + offre.offre_id}}})},
      {"name", c.nom()},
      {"type", json::array({ConceptOf(codes, "J20", c.champ_activite())})},
      {"providedBy", {{"reference", "Organization/" + offre.provided_by}}},
  };
  if (!c.type_offre().empty()) {
    resource["category"] = json::array({ConceptOf(codes, "J238", c.type_offre())});
  }

  json characteristics = json::array();
  if (!c.mode_prise_en_charge().empty()) {
    characteristics.push_back(Characteristic(codes, "J19", c.mode_prise_en_charge()));
  }
  for (const std::string& code : c.modalites_accueil()) {
    characteristics.push_back(Characteristic(codes, "J226", code));
  }
  for (const std::string& code : c.actes_specifiques()) {
    characteristics.push_back(Characteristic(codes, "J16", code, "specificAct"));
  }
  for (const std::string& code : c.specialisations()) {
    characteristics.push_back(Characteristic(codes, "J35", code));
  }
  for (const std::string& code : c.professions_ressources()) {
    characteristics.push_back(Characteristic(codes, "J186", code));
  }
  for (const std::string& code : c.competences()) {
    characteristics.push_back(Characteristic(codes, "J33", code));
  }
  if (!c.niveau_expertise().empty()) {
    characteristics.push_back(Characteristic(codes, "J227", c.niveau_expertise()));
  }
  resource["characteristic"] = std::move(characteristics);

  json specialties = json::array();
  for (const std::string& code : c.activites_operationnelles()) {
    specialties.push_back(ConceptOf(codes, "J17", code));
  }
  resource["specialty"] = std::move(specialties);

  if (offre.closed) {
    json during = {{"start", Instant(offre.closed_at)}};
    if (!offre.reopening_date.empty()) during["end"] = offre.reopening_date;
    resource["notAvailable"] =
        json::array({{{"id", "closingReopeningDate"},
                      {"description", "Période de fermeture et de réouverture prévisionnelle"},
                      {"during", std::move(during)}}});
  }

  static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  json available = json::array();
  for (const v1::PlageHoraire& plage : c.horaires()) {
    if (plage.jour() < 1 || plage.jour() > 7) continue;
    json time = {{"daysOfWeek", json::array({kDays[plage.jour() - 1]})},
                 {"availableStartTime", plage.debut() + ":00"}};
    // FHIR's time stops at 23:59:59; "24:00" is the end of the day.
    time["availableEndTime"] = plage.fin() == "24:00" ? "23:59:59" : plage.fin() + ":00";
    available.push_back(std::move(time));
  }
  if (!available.empty()) resource["availableTime"] = std::move(available);

  json telecoms = json::array();
  for (const v1::AdresseMssante& mss : c.adresses_mssante()) {
    if (!may_see(authz::FieldClass::kTelecom, mss.confidentialite())) continue;
    telecoms.push_back(ContactPoint(codes, "MSSANTE", mss.adresse(), mss.confidentialite()));
  }
  if (!telecoms.empty()) resource["telecom"] = std::move(telecoms);
  if (!c.commentaire().empty()) resource["comment"] = c.commentaire();

  json extensions = json::array(
      {{{"url", RorDefinition("ror-healthcareservice-sensitive-unit")},
        {"valueBoolean", c.unite_sensible()}},
       PatientType(c, codes),
       {{"url", RorDefinition("ror-meta-creation-date")},
        {"valueDate", absl::FormatTime("%Y-%m-%d", offre.created_at, absl::UTCTimeZone())}}});
  if (c.soins_sans_consentement()) {
    extensions.push_back({{"url", RorDefinition("ror-healthcareservice-no-consent-habilitation")},
                          {"valueBoolean", true}});
  }
  for (const v1::Contact& contact : c.contacts()) {
    if (!may_see(authz::FieldClass::kContact, contact.confidentialite())) continue;
    json parts = json::array();
    if (!contact.nom().empty() &&
        may_see(authz::FieldClass::kPersonalData, contact.confidentialite())) {
      parts.push_back({{"url", "name"}, {"valueHumanName", {{"text", contact.nom()}}}});
    }
    if (!contact.fonction().empty()) {
      parts.push_back({{"url", RorDefinition("ror-function-contact")},
                       {"valueCodeableConcept", ConceptOf(codes, "J220", contact.fonction())}});
    }
    if (!contact.description().empty()) {
      parts.push_back({{"url", "description"}, {"valueString", contact.description()}});
    }
    parts.push_back(ConfidentialityLevel(codes, contact.confidentialite()));
    for (const v1::Telecom& telecom : contact.telecoms()) {
      if (!may_see(authz::FieldClass::kTelecom, telecom.confidentialite())) continue;
      parts.push_back({{"url", RorDefinition("ror-healthcareservice-contact-telecom")},
                       {"valueContactPoint", ContactPoint(codes, telecom.canal(), telecom.valeur(),
                                                          telecom.confidentialite())}});
    }
    extensions.push_back(
        {{"url", RorDefinition("ror-healthcareservice-contact")}, {"extension", std::move(parts)}});
  }
  resource["extension"] = std::move(extensions);
  return resource;
}

}  // namespace ror::gateway::fhir
