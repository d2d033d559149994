#pragma once

// The access function (reference §2.5, DESIGN §4): what a viewer may see of a piece of ROR data.
// One table of rules (access_policy.cc, kRules) answers for every edge: gRPC responses, the public
// event topic, later the search index and the exports. docs/access.md shows the table.

#include <string_view>

namespace ror::authz {

// The champ d'activité of the data, from J20 (TRE_R227). Profile 3 tells médico-social apart.
enum class Champ {
  kMco,           // "01" Médecine, Chirurgie, Obstétrique
  kSsr,           // "02" Soins médicaux et de réadaptation (ex-SSR)
  kPsy,           // "03" Psychiatrie
  kMedicoSocial,  // "04"
  kVille,         // "05" ambulatoire / ville
  kSocial,        // "06"
  kUnknown,       // no champ (an organisation's fiche) or a code J20 does not have
};
inline constexpr Champ kAllChamps[] = {Champ::kMco,    Champ::kSsr,    Champ::kPsy,
                                       Champ::kMedicoSocial, Champ::kVille, Champ::kSocial,
                                       Champ::kUnknown};

// The J20 code as stored in OffreContent.champ_activite ("01"…"06"); kUnknown otherwise.
Champ ChampOf(std::string_view j20_code);

// NiveauConfidentialite, J222 (TRE_R283), of a contact, telecom or MSSanté address. Ordered: a
// viewer allowed a level sees the levels below it.
enum class Confidentialite {
  kLibre = 1,         // "1" accès libre (public)
  kRestreint = 2,     // "2" accès restreint
  kTresRestreint = 3  // "3" accès très restreint
};
inline constexpr Confidentialite kAllConfidentialites[] = {
    Confidentialite::kLibre, Confidentialite::kRestreint, Confidentialite::kTresRestreint};

// The J222 code ("1", "2", "3"). An empty or unknown code is kTresRestreint: a level nobody set
// is not a permission.
Confidentialite ConfidentialiteOf(std::string_view j222_code);

// What is looked at.
enum class FieldClass {
  kOffre,         // the offre as a whole: whether it exists for the viewer at all
  kDescriptive,   // ordinary descriptive fields (nom, type, activités, horaires…): open data
  kContact,       // a contact (fonction, description), graded by its own level
  kTelecom,       // a telecom or MSSanté address, graded by its own level
  kCapacite,      // capacité: beds and places, installed or available
  kPersonalData,  // the nom/prénom of a person (a contact's nom), graded by its contact's level
  kProfil1Only,   // niveauRecoursORSAN, zonePoser and the like: "Profil 1" only in the IG
};
inline constexpr FieldClass kAllFieldClasses[] = {
    FieldClass::kOffre,    FieldClass::kDescriptive,  FieldClass::kContact,
    FieldClass::kTelecom,  FieldClass::kCapacite,     FieldClass::kPersonalData,
    FieldClass::kProfil1Only};

// Whether `field`'s answer depends on a confidentiality level (contacts, telecoms, their people).
bool IsGraded(FieldClass field);

inline constexpr int kMinProfile = 0;
inline constexpr int kMaxProfile = 5;

// Who looks, as the policy sees him: an access profile (reference §2.5) and whether unités
// sensibles exist for him.
struct Viewer {
  int profile = 0;  // 0 open data … 5; outside 0–5 the viewer is treated as profile 0
  bool sees_unites_sensibles = false;
};

// The public (anonymous callers, the public event topic, open-data exports).
inline constexpr Viewer kOpenData{.profile = 0, .sees_unites_sensibles = false};

// One piece of data.
struct Datum {
  Champ champ = Champ::kUnknown;
  bool unite_sensible = false;  // of the offre the datum belongs to
  FieldClass field = FieldClass::kOffre;
  // Read for graded classes only (IsGraded); ignored otherwise.
  Confidentialite confidentialite = Confidentialite::kTresRestreint;
};

// The access function. Who the viewer is: access_viewer.h.
bool MaySee(const Viewer& viewer, const Datum& datum);

// How many rows of the table answer for (profile, champ, field): exactly one for every profile
// 0–5 (access_policy_test); for the test and the documentation only.
int RulesMatching(int profile, Champ champ, FieldClass field);

}  // namespace ror::authz
