#include "bench/search/corpus.h"

#include <cmath>
#include <cstdio>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"

namespace ror::bench::search {
namespace {

struct City {
  const char* nom;
  const char* insee;
  const char* code_postal;
  const char* departement;
  double latitude;
  double longitude;
};

// Real communes (COG, code postal, département) at their approximate centre.
constexpr City kCities[] = {
    {"Paris", "75056", "75013", "75", 48.8566, 2.3522},
    {"Marseille", "13055", "13005", "13", 43.2965, 5.3698},
    {"Lyon", "69123", "69003", "69", 45.7640, 4.8357},
    {"Toulouse", "31555", "31000", "31", 43.6047, 1.4442},
    {"Nice", "06088", "06000", "06", 43.7102, 7.2620},
    {"Nantes", "44109", "44000", "44", 47.2184, -1.5536},
    {"Montpellier", "34172", "34000", "34", 43.6108, 3.8767},
    {"Strasbourg", "67482", "67000", "67", 48.5734, 7.7521},
    {"Bordeaux", "33063", "33000", "33", 44.8378, -0.5792},
    {"Lille", "59350", "59000", "59", 50.6292, 3.0573},
    {"Rennes", "35238", "35000", "35", 48.1173, -1.6778},
    {"Reims", "51454", "51100", "51", 49.2583, 4.0317},
    {"Saint-Étienne", "42218", "42000", "42", 45.4397, 4.3872},
    {"Toulon", "83137", "83000", "83", 43.1242, 5.9280},
    {"Le Havre", "76351", "76600", "76", 49.4944, 0.1079},
    {"Grenoble", "38185", "38000", "38", 45.1885, 5.7245},
    {"Dijon", "21231", "21000", "21", 47.3220, 5.0415},
    {"Angers", "49007", "49000", "49", 47.4784, -0.5632},
    {"Nîmes", "30189", "30000", "30", 43.8367, 4.3601},
    {"Clermont-Ferrand", "63113", "63000", "63", 45.7772, 3.0870},
    {"Le Mans", "72181", "72000", "72", 48.0061, 0.1996},
    {"Aix-en-Provence", "13001", "13100", "13", 43.5297, 5.4474},
    {"Brest", "29019", "29200", "29", 48.3904, -4.4861},
    {"Tours", "37261", "37000", "37", 47.3941, 0.6848},
    {"Amiens", "80021", "80000", "80", 49.8941, 2.2958},
    {"Limoges", "87085", "87000", "87", 45.8336, 1.2611},
    {"Annecy", "74010", "74000", "74", 45.8992, 6.1294},
    {"Perpignan", "66136", "66000", "66", 42.6887, 2.8948},
    {"Metz", "57463", "57000", "57", 49.1193, 6.1757},
    {"Besançon", "25056", "25000", "25", 47.2378, 6.0241},
    {"Orléans", "45234", "45000", "45", 47.9030, 1.9093},
    {"Rouen", "76540", "76000", "76", 49.4432, 1.0999},
    {"Mulhouse", "68224", "68100", "68", 47.7508, 7.3359},
    {"Caen", "14118", "14000", "14", 49.1829, -0.3707},
    {"Nancy", "54395", "54000", "54", 48.6921, 6.1844},
    {"Argenteuil", "95018", "95100", "95", 48.9472, 2.2467},
    {"Montreuil", "93048", "93100", "93", 48.8638, 2.4485},
    {"Créteil", "94028", "94000", "94", 48.7904, 2.4556},
    {"Versailles", "78646", "78000", "78", 48.8014, 2.1301},
    {"Nanterre", "92050", "92000", "92", 48.8924, 2.2071},
    {"Évry-Courcouronnes", "91228", "91000", "91", 48.6295, 2.4410},
    {"Melun", "77288", "77000", "77", 48.5421, 2.6554},
    {"Avignon", "84007", "84000", "84", 43.9493, 4.8055},
    {"Poitiers", "86194", "86000", "86", 46.5802, 0.3404},
    {"Pau", "64445", "64000", "64", 43.2951, -0.3708},
    {"La Rochelle", "17300", "17000", "17", 46.1603, -1.1511},
    {"Calais", "62193", "62100", "62", 50.9513, 1.8587},
    {"Cannes", "06029", "06400", "06", 43.5528, 7.0174},
    {"Béziers", "34032", "34500", "34", 43.3442, 3.2158},
    {"Colmar", "68066", "68000", "68", 48.0794, 7.3585},
    {"Bourges", "18033", "18000", "18", 47.0810, 2.3988},
    {"Quimper", "29232", "29000", "29", 47.9960, -4.1024},
    {"Valence", "26362", "26000", "26", 44.9334, 4.8924},
    {"Troyes", "10387", "10000", "10", 48.2973, 4.0744},
    {"Chambéry", "73065", "73000", "73", 45.5646, 5.9178},
    {"Niort", "79191", "79000", "79", 46.3237, -0.4588},
    {"Lorient", "56121", "56100", "56", 47.7483, -3.3700},
    {"Vannes", "56260", "56000", "56", 47.6582, -2.7608},
    {"Saint-Brieuc", "22278", "22000", "22", 48.5141, -2.7603},
    {"Bourg-en-Bresse", "01053", "01000", "01", 46.2052, 5.2255},
    {"Ajaccio", "2A004", "20000", "2A", 41.9192, 8.7386},
    {"Bastia", "2B033", "20200", "2B", 42.6973, 9.4509},
    {"Auxerre", "89024", "89000", "89", 47.7982, 3.5673},
    {"Angoulême", "16015", "16000", "16", 45.6484, 0.1562},
    {"Périgueux", "24322", "24000", "24", 45.1848, 0.7211},
    {"Agen", "47001", "47000", "47", 44.2033, 0.6163},
    {"Tarbes", "65440", "65000", "65", 43.2328, 0.0781},
    {"Albi", "81004", "81000", "81", 43.9289, 2.1464},
    {"Rodez", "12202", "12000", "12", 44.3506, 2.5750},
    {"Aurillac", "15014", "15000", "15", 44.9264, 2.4397},
    {"Le Puy-en-Velay", "43157", "43000", "43", 45.0434, 3.8858},
    {"Gap", "05061", "05000", "05", 44.5594, 6.0786},
    {"Digne-les-Bains", "04070", "04000", "04", 44.0925, 6.2356},
    {"Laval", "53130", "53000", "53", 48.0706, -0.7734},
    {"Cherbourg-en-Cotentin", "50129", "50100", "50", 49.6337, -1.6222},
    {"Épinal", "88160", "88000", "88", 48.1724, 6.4496},
    {"Charleville-Mézières", "08105", "08000", "08", 49.7621, 4.7263},
    {"Beauvais", "60057", "60000", "60", 49.4300, 2.0800},
    {"Châteauroux", "36044", "36000", "36", 46.8103, 1.6913},
    {"Mont-de-Marsan", "40192", "40000", "40", 43.8902, -0.4994},
};
constexpr int kCityCount = sizeof(kCities) / sizeof(kCities[0]);

struct Kind {
  const char* long_prefix;   // "Centre Hospitalier"
  const char* short_prefix;  // "CH"
  const char* categorie;     // J55
  const char* libelle_categorie;
  int weight;
};

constexpr Kind kKinds[] = {
    {"Centre Hospitalier", "CH", "355", "Centre Hospitalier (C.H.)", 6},
    {"Centre Hospitalier Universitaire", "CHU", "101", "Centre Hospitalier Régional (C.H.R.)", 1},
    {"Clinique", "CLINIQUE", "365", "Établissement de Soins Pluridisciplinaire", 8},
    {"Polyclinique", "POLYCLINIQUE", "365", "Établissement de Soins Pluridisciplinaire", 3},
    {"Hôpital privé", "HP", "365", "Établissement de Soins Pluridisciplinaire", 3},
    {"EHPAD", "EHPAD", "500", "Établissement d'hébergement pour personnes âgées dépendantes", 20},
    {"Résidence", "RESIDENCE", "500",
     "Établissement d'hébergement pour personnes âgées dépendantes", 8},
    {"Centre de santé", "CDS", "124", "Centre de Santé", 8},
    {"Maison de santé pluriprofessionnelle", "MSP", "603", "Maison de santé (L.6223-3)", 8},
    {"Centre Médico-Psychologique", "CMP", "156", "Centre Médico-Psychologique (C.M.P.)", 6},
    {"Institut Médico-Éducatif", "IME", "183", "Institut Médico-Éducatif (I.M.E.)", 5},
    {"Foyer d'accueil médicalisé", "FAM", "437",
     "Foyer d'Accueil Médicalisé pour Adultes Handicapés", 4},
    {"Maison d'accueil spécialisée", "MAS", "255", "Maison d'Accueil Spécialisée (M.A.S.)", 3},
    {"Centre de rééducation fonctionnelle", "CRF", "109",
     "Établissement de Soins Médicaux et de Réadaptation", 4},
    {"Centre de dialyse", "DIALYSE", "141", "Centre de Lutte Contre le Cancer", 2},
    {"Service de soins infirmiers à domicile", "SSIAD", "354",
     "Service de Soins Infirmiers A Domicile (S.S.I.A.D)", 6},
    {"Centre d'addictologie", "CSAPA", "197",
     "Centre de soins, d'accompagnement et de prévention en addictologie", 3},
    {"Hôpital local", "HL", "355", "Centre Hospitalier (C.H.)", 2},
};

constexpr const char* kNames[] = {"Saint-Joseph",
                                  "Sainte-Anne",
                                  "Saint-Vincent de Paul",
                                  "Pasteur",
                                  "Louis Pasteur",
                                  "Marie Curie",
                                  "Jean Jaurès",
                                  "Les Tilleuls",
                                  "Les Oliviers",
                                  "Le Bois Fleuri",
                                  "La Roseraie",
                                  "Les Glycines",
                                  "Bel Air",
                                  "du Parc",
                                  "des Lilas",
                                  "Beau Soleil",
                                  "La Pinède",
                                  "Les Peupliers",
                                  "Sainte-Marie",
                                  "Saint-Martin",
                                  "Notre-Dame",
                                  "Les Acacias",
                                  "Les Charmilles",
                                  "Val Fleuri",
                                  "Les Cèdres",
                                  "La Source",
                                  "Les Mimosas",
                                  "Simone Veil",
                                  "Victor Hugo",
                                  "Jules Verne",
                                  "Émile Roux",
                                  "Ambroise Paré",
                                  "Claude Bernard",
                                  "René Laennec",
                                  "Les Capucins",
                                  "du Val d'Or",
                                  "de la Vallée",
                                  "des Quatre Saisons",
                                  "Les Hortensias",
                                  "Le Clos Fleuri",
                                  "Saint-Luc",
                                  "Sainte-Thérèse",
                                  "Les Jardins d'Automne",
                                  "La Chênaie",
                                  "Les Magnolias",
                                  "Fondation Rothschild",
                                  "Bon Secours",
                                  "Saint-Louis",
                                  "Les Alpilles",
                                  "Le Belvédère"};
constexpr int kNameCount = sizeof(kNames) / sizeof(kNames[0]);

constexpr const char* kStreets[] = {"rue Pasteur",           "avenue de la République",
                                    "boulevard Victor Hugo", "rue du Général de Gaulle",
                                    "rue de la Gare",        "chemin des Vignes",
                                    "place de l'Église",     "avenue Jean Jaurès",
                                    "rue des Écoles",        "allée des Tilleuls",
                                    "route de Paris",        "rue Nationale",
                                    "quai des Bateliers",    "boulevard de la Libération",
                                    "rue du Docteur Roux",   "impasse des Lilas",
                                    "rue Émile Zola"};
constexpr int kStreetCount = sizeof(kStreets) / sizeof(kStreets[0]);

struct Specialite {
  const char* nom;
  const char* champ;                   // J20
  std::vector<const char*> activites;  // J17
  const char* type_offre;              // J238
  const char* mode;                    // J19
};

const std::vector<Specialite>& Specialites() {
  static const auto* list = new std::vector<Specialite>{
      {"Cardiologie", "01", {"013"}, "16", "28"},
      {"Cardiologie interventionnelle", "01", {"014", "013"}, "16", "28"},
      {"Rythmologie", "01", {"132"}, "16", "32"},
      {"Pneumologie", "01", {"114"}, "16", "28"},
      {"Neurologie", "01", {"097"}, "16", "28"},
      {"Unité neurovasculaire", "01", {"098", "097"}, "263", "28"},
      {"Néphrologie", "01", {"095"}, "16", "28"},
      {"Hémodialyse", "01", {"059"}, "274", "20"},
      {"Gastro-entérologie", "01", {"046"}, "16", "28"},
      {"Hépatologie", "01", {"062"}, "16", "32"},
      {"Dermatologie", "01", {"037"}, "16", "32"},
      {"Ophtalmologie", "01", {"103"}, "16", "32"},
      {"Urgences", "01", {"157", "160"}, "20", "33"},
      {"Urgences pédiatriques", "01", {"157", "088"}, "20", "33"},
      {"Maternité", "01", {"100"}, "16", "28"},
      {"Néonatalogie", "01", {"094"}, "16", "28"},
      {"Réanimation polyvalente", "01", {"127"}, "16", "28"},
      {"Réanimation médicale", "01", {"126"}, "16", "28"},
      {"Oncologie médicale", "01", {"102", "164"}, "16", "29"},
      {"Radiothérapie", "01", {"168"}, "16", "20"},
      {"Imagerie médicale", "01", {"068", "070", "067"}, "16", "20"},
      {"Endocrinologie et diabétologie", "01", {"041", "039"}, "16", "32"},
      {"Rhumatologie", "01", {"131"}, "16", "32"},
      {"Chirurgie orthopédique et traumatologique", "01", {"025", "145"}, "16", "28"},
      {"Chirurgie ambulatoire", "01", {"025", "022", "033"}, "16", "09"},
      {"Chirurgie digestive", "01", {"033"}, "16", "28"},
      {"Chirurgie vasculaire", "01", {"032"}, "16", "28"},
      {"Urologie", "01", {"031"}, "16", "28"},
      {"Gynécologie", "01", {"053", "022"}, "16", "32"},
      {"Pédiatrie", "01", {"088"}, "16", "28"},
      {"Gériatrie aiguë", "01", {"050"}, "16", "28"},
      {"Équipe mobile de gériatrie", "01", {"050"}, "266", "52"},
      {"Soins palliatifs", "01", {"170", "076"}, "16", "28"},
      {"Équipe mobile de soins palliatifs", "01", {"170"}, "252", "52"},
      {"Médecine polyvalente", "01", {"083"}, "238", "28"},
      {"Médecine interne", "01", {"085"}, "16", "28"},
      {"Maladies infectieuses et tropicales", "01", {"077"}, "16", "28"},
      {"Addictologie de liaison", "01", {"003", "139"}, "272", "52"},
      {"Hôpital de jour", "01", {"083", "085"}, "16", "29"},
      {"Soins médicaux et de réadaptation polyvalents", "02", {"172"}, "16", "28"},
      {"Rééducation fonctionnelle", "02", {"090"}, "16", "29"},
      {"Réadaptation cardiaque", "02", {"013", "090"}, "16", "29"},
      {"Psychiatrie adulte", "03", {"229"}, "16", "28"},
      {"Hôpital de jour de psychiatrie", "03", {"229"}, "11", "29"},
      {"Pédopsychiatrie", "03", {"227", "228"}, "10", "32"},
      {"Centre médico-psychologique", "03", {"229"}, "10", "32"},
      {"CATTP", "03", {"229"}, "05", "47"},
      {"Psychiatrie du sujet âgé", "03", {"051"}, "16", "28"},
      {"Urgences psychiatriques", "03", {"158"}, "20", "33"},
      {"Hébergement permanent", "04", {"050"}, "21", "46"},
      {"Hébergement temporaire", "04", {"392"}, "21", "46"},
      {"Accueil de jour Alzheimer", "04", {"050"}, "21", "47"},
      {"Pôle d'activités et de soins adaptés", "04", {"050"}, "25", "47"},
      {"Soins infirmiers à domicile", "04", {"050"}, "28", "49"},
      {"Équipe spécialisée Alzheimer", "04", {"050"}, "29", "49"},
      {"Institut médico-éducatif", "04", {"511"}, "48", "46"},
      {"Maison d'accueil spécialisée", "04", {"511"}, "40", "46"},
  };
  return *list;
}

constexpr const char* kModifiers[] = {"",
                                      "",
                                      "",
                                      "",
                                      " pédiatrique",
                                      " adulte",
                                      " - consultations",
                                      " - hospitalisation complète",
                                      " - hospitalisation de semaine",
                                      " - site Nord",
                                      " - site Sud",
                                      " - unité 2"};
constexpr int kModifierCount = sizeof(kModifiers) / sizeof(kModifiers[0]);

std::mt19937_64 Rng(uint64_t seed, uint64_t salt, uint64_t index) {
  std::seed_seq seq{seed, salt, index};
  return std::mt19937_64(seq);
}

int Pick(std::mt19937_64& rng, int n) {
  return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng));
}

std::string Phone(std::mt19937_64& rng, const char* dept) {
  // The area digit of the département's region, roughly: Paris 01, north-west 02, north-east 03,
  // south-east 04, south-west 05.
  const int area = dept[0] == '7' || dept[0] == '9' ? 1 : 1 + Pick(rng, 5);
  return absl::StrFormat("0%d %02d %02d %02d %02d", area, Pick(rng, 100), Pick(rng, 100),
                         Pick(rng, 100), Pick(rng, 100));
}

void SetTime(google::protobuf::Timestamp& ts, int64_t seconds) { ts.set_seconds(seconds); }

constexpr int64_t kEpochSeconds = 1764547200;  // 2025-12-01

std::string OffreId(int64_t j) {
  return absl::StrFormat("0193a5b0-%04x-7%03x-8%03x-%012x", (j >> 32) & 0xffff, (j >> 20) & 0xfff,
                         (j >> 8) & 0xfff, j);
}

std::string EventId(int64_t n, int kind) {
  return absl::StrFormat("0193a5b1-%04x-7%03x-8000-%012x", kind, (n >> 48) & 0xfff,
                         n & 0xffffffffffffLL);
}

std::string FirstWord(absl::string_view text) {
  return std::string(text.substr(0, text.find(' ')));
}

}  // namespace

std::string StripAccents(const std::string& text) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
      {"î", "i"}, {"ï", "i"}, {"ô", "o"}, {"ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"},
      {"ç", "c"}, {"É", "E"}, {"È", "E"}, {"Ê", "E"}, {"À", "A"}, {"Ô", "O"}, {"Î", "I"}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kMap) {
      const size_t n = std::char_traits<char>::length(from);
      if (text.compare(i, n, from) == 0) {
        out += to;
        i += n;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

Corpus::Corpus(int etablissements, int offres, uint64_t seed)
    : etablissements_(etablissements), offres_(offres), seed_(seed) {}

v1::EtablissementFiche Corpus::Etablissement(int i) const {
  std::mt19937_64 rng = Rng(seed_, 1, i);
  const City& city = kCities[Pick(rng, kCityCount)];
  int total_weight = 0;
  for (const Kind& k : kKinds) total_weight += k.weight;
  int w = Pick(rng, total_weight);
  const Kind* kind = &kKinds[0];
  for (const Kind& k : kKinds) {
    if (w < k.weight) {
      kind = &k;
      break;
    }
    w -= k.weight;
  }
  v1::EtablissementFiche f;
  f.set_finess_eg(absl::StrFormat("%s%07d", city.departement, i));
  f.set_finess_ej(absl::StrFormat("%s%07d", city.departement, 5000000 + i / 3));
  // « Centre Hospitalier de Valence », « Clinique Saint-Joseph », « EHPAD Les Tilleuls ».
  const bool of_city = Pick(rng, 3) == 0;
  const std::string suffix =
      of_city ? absl::StrCat("de ", city.nom) : kNames[Pick(rng, kNameCount)];
  f.set_raison_sociale_longue(absl::StrCat(kind->long_prefix, " ", suffix));
  f.set_raison_sociale(
      absl::AsciiStrToUpper(StripAccents(absl::StrCat(kind->short_prefix, " ", suffix))));
  if (Pick(rng, 4) == 0)
    f.set_complement_raison_sociale(absl::StrCat("Site ", kNames[Pick(rng, kNameCount)]));
  f.set_adresse(absl::StrCat(1 + Pick(rng, 180), " ", kStreets[Pick(rng, kStreetCount)]));
  f.set_code_postal(city.code_postal);
  f.set_commune(city.nom);
  f.set_code_commune(city.insee);
  f.set_departement(city.departement);
  f.set_telephone(Phone(rng, city.departement));
  f.set_categorie(kind->categorie);
  f.set_libelle_categorie(kind->libelle_categorie);
  f.set_siret(absl::StrFormat("2%08d%05d", 10000000 + i / 3, 10 + i % 90000));
  f.set_date_ouverture(absl::StrFormat("%04d-%02d-%02d", 1960 + Pick(rng, 60), 1 + Pick(rng, 12),
                                       1 + Pick(rng, 28)));
  // Spread around the commune: about 15 km (1σ), as an urban area's établissements are.
  std::normal_distribution<double> spread(0.0, 0.14);
  f.set_has_coordonnees(true);
  f.set_latitude(city.latitude + spread(rng));
  f.set_longitude(city.longitude + spread(rng) / std::cos(city.latitude * M_PI / 180));
  return f;
}

CorpusOffre Corpus::Offre(int j) const {
  std::mt19937_64 rng = Rng(seed_, 2, j);
  CorpusOffre o;
  o.offre_id = OffreId(j);
  o.etablissement = Pick(rng, etablissements_);
  o.finess_eg = Etablissement(o.etablissement).finess_eg();
  const std::vector<Specialite>& specialites = Specialites();
  const Specialite& s = specialites[Pick(rng, static_cast<int>(specialites.size()))];
  v1::OffreContent& c = o.content;
  c.set_nom(absl::StrCat(s.nom, kModifiers[Pick(rng, kModifierCount)]));
  c.set_champ_activite(s.champ);
  c.set_unite_sensible(Pick(rng, 50) == 0);  // 2 %
  c.set_type_offre(s.type_offre);
  c.set_mode_prise_en_charge(s.mode);
  for (const char* code : s.activites) c.add_activites_operationnelles(code);
  const int contacts = 1 + Pick(rng, 2);
  for (int k = 0; k < contacts; ++k) {
    v1::Contact& contact = *c.add_contacts();
    contact.set_nom(k == 0 ? "Secrétariat" : "Cadre de santé");
    contact.set_confidentialite(k == 0 ? "1" : "2");
    v1::Telecom& phone = *contact.add_telecoms();
    phone.set_canal("2");
    phone.set_valeur(Phone(rng, o.finess_eg.substr(0, 2).c_str()));
    phone.set_confidentialite(k == 0 ? "1" : "2");
  }
  return o;
}

CorpusOffre Corpus::ExtraOffre(int64_t j, const std::string& token) const {
  CorpusOffre o = Offre(static_cast<int>(j % offres_));
  o.offre_id = OffreId(j);
  o.content.set_nom(absl::StrCat(o.content.nom(), " ", token));
  o.content.set_unite_sensible(false);
  return o;
}

v1::EventEnvelope Corpus::EtablissementEvent(int i) const {
  v1::events::EtablissementImported imported;
  *imported.mutable_fiche() = Etablissement(i);
  imported.set_source("bench");
  SetTime(*imported.mutable_imported_at(), kEpochSeconds + i);
  imported.set_created(true);
  v1::EventEnvelope e;
  e.set_event_id(EventId(i, 1));
  e.set_event_type("EtablissementImported");
  e.set_schema_version(1);
  e.set_stream_id(absl::StrCat("etablissement-", imported.fiche().finess_eg()));
  e.set_stream_version(1);
  SetTime(*e.mutable_occurred_at(), kEpochSeconds + i);
  e.set_payload(imported.SerializeAsString());
  return e;
}

std::pair<v1::EventEnvelope, v1::EventEnvelope> Corpus::OffreEvents(const CorpusOffre& o) const {
  const int64_t at = kEpochSeconds + 86400;
  v1::events::OffreCreated created;
  created.set_offre_id(o.offre_id);
  created.set_nom(o.content.nom());
  created.set_champ_activite(o.content.champ_activite());
  created.set_finess_eg(o.finess_eg);
  SetTime(*created.mutable_created_at(), at);
  *created.mutable_draft() = o.content;
  v1::events::DraftValidated validated;
  validated.set_offre_id(o.offre_id);
  *validated.mutable_published() = o.content;
  SetTime(*validated.mutable_validated_at(), at + 60);
  std::pair<v1::EventEnvelope, v1::EventEnvelope> out;
  const std::string stream = absl::StrCat("offre-", o.offre_id);
  for (int k = 0; k < 2; ++k) {
    v1::EventEnvelope& e = k == 0 ? out.first : out.second;
    e.set_event_id(absl::StrCat(o.offre_id.substr(0, 30), absl::StrFormat("%06x", k)));
    e.set_event_type(k == 0 ? "OffreCreated" : "DraftValidated");
    e.set_schema_version(1);
    e.set_stream_id(stream);
    e.set_stream_version(k + 1);
    SetTime(*e.mutable_occurred_at(), at + 60 * k);
    e.set_payload(k == 0 ? created.SerializeAsString() : validated.SerializeAsString());
  }
  return out;
}

v1::EventEnvelope Corpus::Event(int64_t n) const {
  if (n < etablissements_) return EtablissementEvent(static_cast<int>(n));
  const int64_t k = n - etablissements_;
  auto events = OffreEvents(Offre(static_cast<int>(k / 2)));
  return k % 2 == 0 ? events.first : events.second;
}

std::vector<std::string> Corpus::KeywordQueries(int count) const {
  std::mt19937_64 rng = Rng(seed_, 3, 0);
  const std::vector<Specialite>& specialites = Specialites();
  std::vector<std::string> out;
  for (int q = 0; out.size() < static_cast<size_t>(count); ++q) {
    std::string text;
    switch (q % 8) {
      case 0:  // one word of an offre's name: « cardiologie »
      case 1: {
        text = FirstWord(specialites[Pick(rng, static_cast<int>(specialites.size()))].nom);
        break;
      }
      case 2:  // a specialty and a commune: « pneumologie lyon »
        text = absl::StrCat(
            FirstWord(specialites[Pick(rng, static_cast<int>(specialites.size()))].nom), " ",
            kCities[Pick(rng, kCityCount)].nom);
        break;
      case 3:  // an établissement's name: « clinique saint-joseph »
        text = absl::StrCat(kKinds[Pick(rng, 5)].long_prefix, " ", kNames[Pick(rng, kNameCount)]);
        break;
      case 4:  // a whole offre name (2–3 words): « réanimation médicale »
        text = specialites[Pick(rng, static_cast<int>(specialites.size()))].nom;
        break;
      case 5:  // a kind and a commune: « ehpad toulouse »
        text = absl::StrCat(kKinds[Pick(rng, 18)].short_prefix, " ",
                            kCities[Pick(rng, kCityCount)].nom);
        break;
      case 6:  // a person's name: « jean jaurès »
        text = kNames[Pick(rng, kNameCount)];
        break;
      default:  // a specialty with a modifier: « cardiologie pédiatrique »
        text = absl::StrCat(
            FirstWord(specialites[Pick(rng, static_cast<int>(specialites.size()))].nom),
            Pick(rng, 2) == 0 ? " pédiatrique" : " hospitalisation");
    }
    // Keep at most 3 words.
    std::vector<std::string> words = absl::StrSplit(text, ' ', absl::SkipEmpty());
    if (words.size() > 3) words.resize(3);
    text = absl::StrJoin(words, " ");
    if (Pick(rng, 3) == 0) text = StripAccents(text);
    if (Pick(rng, 2) == 0) text = absl::AsciiStrToLower(text);
    out.push_back(text);
  }
  return out;
}

std::vector<std::string> Corpus::Prefixes(int count) const {
  std::mt19937_64 rng = Rng(seed_, 4, 0);
  std::vector<std::string> words;
  for (const Specialite& s : Specialites()) {
    for (absl::string_view w : absl::StrSplit(s.nom, ' ')) words.emplace_back(w);
  }
  for (const Kind& k : kKinds) words.emplace_back(*absl::StrSplit(k.long_prefix, ' ').begin());
  for (const char* n : kNames) words.emplace_back(*absl::StrSplit(n, ' ').begin());
  std::vector<std::string> out;
  while (out.size() < static_cast<size_t>(count)) {
    std::string word = words[Pick(rng, static_cast<int>(words.size()))];
    if (Pick(rng, 3) == 0) word = StripAccents(word);
    // 2–6 letters (UTF-8 aware: never cut inside a character).
    const int letters = 2 + Pick(rng, 5);
    size_t end = 0;
    for (int n = 0; n < letters && end < word.size(); ++n) {
      ++end;
      while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) ++end;
    }
    std::string prefix = absl::AsciiStrToLower(word.substr(0, end));
    if (prefix.size() < 2) continue;
    out.push_back(prefix);
  }
  return out;
}

std::vector<std::pair<double, double>> Corpus::Centres(int count) const {
  std::mt19937_64 rng = Rng(seed_, 5, 0);
  std::vector<std::pair<double, double>> out;
  for (int n = 0; n < count; ++n) {
    const v1::EtablissementFiche f = Etablissement(Pick(rng, etablissements_));
    out.emplace_back(f.latitude(), f.longitude());
  }
  return out;
}

}  // namespace ror::bench::search
