#include "services/offre/domain/offre_fiche_rules.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/finess/field_rules.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/mss_address.h"

namespace ror::offre::domain {
namespace {

using nomenclature::DeprecatedCodes;

constexpr size_t kMaxContacts = 50;
constexpr size_t kMaxTelecoms = 20;  // per contact
constexpr size_t kMaxAdressesMss = 20;
constexpr size_t kMaxPlages = 70;  // ten a day
constexpr size_t kNomContactMaxLength = 255;
constexpr size_t kDescriptionMaxLength = 500;
constexpr size_t kTelecomMaxLength = 255;

std::string Indexed(absl::string_view prefix, absl::string_view name, int index) {
  return absl::StrCat(prefix, name, "[", index, "]");
}

void CheckText(const std::string& text, size_t max_length, const std::string& field,
               absl::string_view what, FieldViolations& out) {
  if (const size_t length = Utf8Length(text); length > max_length) {
    out.Add(field, "max_length",
            absl::StrCat(what, " ne doit pas dépasser ", max_length, " caractères (", length,
                         " saisis)"));
  }
}

void CheckCount(size_t count, size_t max, const std::string& field, absl::string_view what,
                FieldViolations& out) {
  if (count > max) {
    out.Add(field, "max_items", absl::StrCat(max, " ", what, " au plus (", count, " donnés)"));
  }
}

absl::Status CheckConfidentialite(const std::string& code, const std::string& field,
                                  const nomenclature::Nomenclatures& codes, FieldViolations& out) {
  return nomenclature::Validate(codes, "J222", field, code, out, DeprecatedCodes::kRefuse);
}

// Digits of a telephone number written with the usual separators, "+" kept in front.
std::optional<std::string> PhoneDigits(absl::string_view value) {
  std::string digits;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (absl::ascii_isdigit(c)) {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      digits.push_back(c);
    } else if (c != ' ' && c != '.' && c != '-') {
      return std::nullopt;
    }
  }
  return digits;
}

// A French number (0 + 9 digits, or +33 + 9 digits), an international one (E.164: + and 8 to 15
// digits), or a short number of 2 to 6 digits (15, 112, 3966).
bool IsPhoneNumber(absl::string_view value) {
  const std::optional<std::string> digits = PhoneDigits(value);
  if (!digits.has_value() || digits->empty()) return false;
  const std::string& d = *digits;
  if (d[0] == '+') {
    if (absl::StartsWith(d, "+33")) return d.size() == 12 && d[3] != '0';
    return d.size() >= 9 && d.size() <= 16;
  }
  if (d[0] == '0' && d.size() != 2) return d.size() == 10;
  return d.size() >= 2 && d.size() <= 6;
}

bool IsUrl(absl::string_view value, std::initializer_list<absl::string_view> schemes) {
  for (absl::string_view scheme : schemes) {
    const std::string start = absl::StrCat(scheme, "://");
    if (!absl::StartsWithIgnoreCase(value, start)) continue;
    const absl::string_view rest = value.substr(start.size());
    const absl::string_view host = rest.substr(0, rest.find_first_of("/:?#"));
    return !host.empty() && host.find('.') != absl::string_view::npos &&
           std::none_of(value.begin(), value.end(),
                        [](char c) { return absl::ascii_isspace(c) || absl::ascii_iscntrl(c); });
  }
  return false;
}

absl::string_view TelecomFormat(absl::string_view canal) {
  if (canal == "1" || canal == "2" || canal == "6" || canal == "8") {
    return "un numéro de téléphone (0X XX XX XX XX, +33 X XX XX XX XX ou numéro court)";
  }
  if (canal == "3" || canal == "9") return "une adresse électronique (nom@domaine.fr)";
  if (canal == "4") return "une adresse de site web (https://…)";
  if (canal == "5") return "une adresse de transfert de fichiers (sftp://, ftps:// ou https://…)";
  if (canal == "MSSANTE") return "une adresse de l'espace MSSanté (…@….mssante.fr)";
  return "un identifiant sans retour à la ligne";
}

absl::Status CheckTelecom(const v1::Telecom& telecom, const std::string& field,
                          const nomenclature::Nomenclatures& codes, FieldViolations& out) {
  const size_t before = out.bad_request().field_violations_size();
  RETURN_IF_ERROR(nomenclature::Validate(codes, "J225", absl::StrCat(field, ".canal"),
                                         telecom.canal(), out, DeprecatedCodes::kRefuse));
  const bool canal_ok = out.bad_request().field_violations_size() == static_cast<int>(before);
  const std::string valeur = absl::StrCat(field, ".valeur");
  if (telecom.valeur().empty()) {
    out.Add(valeur, "required", "la valeur (numéro, adresse…) est obligatoire");
  } else if (telecom.valeur().size() > kTelecomMaxLength) {
    out.Add(valeur, "max_length",
            absl::StrCat("la valeur ne doit pas dépasser ", kTelecomMaxLength, " caractères"));
  } else if (canal_ok && !IsTelecomValue(telecom.canal(), telecom.valeur())) {
    out.Add(valeur, "format",
            absl::StrCat(Quote(telecom.valeur()), " n'est pas ", TelecomFormat(telecom.canal())));
  }
  return CheckConfidentialite(telecom.confidentialite(), absl::StrCat(field, ".confidentialite"),
                              codes, out);
}

absl::Status CheckContact(const v1::Contact& contact, const std::string& field,
                          const nomenclature::Nomenclatures& codes, FieldViolations& out) {
  if (contact.nom().empty() && contact.fonction().empty()) {
    out.Add(absl::StrCat(field, ".nom"), "required",
            "un contact a un nom ou une fonction (par exemple « Secrétariat » ou 05 Secrétaire)");
  }
  CheckText(contact.nom(), kNomContactMaxLength, absl::StrCat(field, ".nom"), "le nom du contact",
            out);
  if (HasControlCharacter(contact.nom())) {
    out.Add(absl::StrCat(field, ".nom"), "no_control_characters",
            "le nom du contact ne doit contenir ni retour à la ligne ni tabulation");
  }
  CheckText(contact.description(), kDescriptionMaxLength, absl::StrCat(field, ".description"),
            "la description du contact", out);
  if (!contact.fonction().empty()) {
    RETURN_IF_ERROR(nomenclature::Validate(codes, "J220", absl::StrCat(field, ".fonction"),
                                           contact.fonction(), out, DeprecatedCodes::kRefuse));
  }
  RETURN_IF_ERROR(CheckConfidentialite(contact.confidentialite(),
                                       absl::StrCat(field, ".confidentialite"), codes, out));
  CheckCount(contact.telecoms_size(), kMaxTelecoms, absl::StrCat(field, ".telecoms"),
             "moyens de contact par contact", out);
  for (int i = 0; i < contact.telecoms_size(); ++i) {
    RETURN_IF_ERROR(CheckTelecom(contact.telecoms(i), Indexed(field, ".telecoms", i), codes, out));
  }
  return absl::OkStatus();
}

// Minutes since midnight of "HH:MM"; "24:00" only as an end.
std::optional<int> Minutes(absl::string_view hhmm, bool end) {
  if (hhmm.size() != 5 || hhmm[2] != ':' || !finess::IsDigits(hhmm.substr(0, 2), 2) ||
      !finess::IsDigits(hhmm.substr(3, 2), 2)) {
    return std::nullopt;
  }
  const int hours = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
  const int minutes = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (minutes > 59) return std::nullopt;
  if (hours == 24 && minutes == 0 && end) return 24 * 60;
  if (hours > 23) return std::nullopt;
  return hours * 60 + minutes;
}

constexpr absl::string_view kJours[] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                        "vendredi", "samedi", "dimanche"};

void CheckHoraires(const v1::OffreContent& c, absl::string_view prefix, FieldViolations& out) {
  CheckCount(c.horaires_size(), kMaxPlages, absl::StrCat(prefix, "horaires"), "plages horaires",
             out);
  struct Range {
    int jour, debut, fin, index;
  };
  std::vector<Range> ranges;
  for (int i = 0; i < c.horaires_size(); ++i) {
    const v1::PlageHoraire& plage = c.horaires(i);
    const std::string field = Indexed(prefix, "horaires", i);
    bool ok = true;
    if (plage.jour() < 1 || plage.jour() > 7) {
      out.Add(absl::StrCat(field, ".jour"), "range",
              "le jour est un nombre de 1 (lundi) à 7 (dimanche)");
      ok = false;
    }
    const std::optional<int> debut = Minutes(plage.debut(), false);
    const std::optional<int> fin = Minutes(plage.fin(), true);
    if (!debut.has_value()) {
      out.Add(absl::StrCat(field, ".debut"), "format",
              absl::StrCat(Quote(plage.debut()), " n'est pas une heure HH:MM (00:00 à 23:59)"));
      ok = false;
    }
    if (!fin.has_value()) {
      out.Add(absl::StrCat(field, ".fin"), "format",
              absl::StrCat(Quote(plage.fin()), " n'est pas une heure HH:MM (00:01 à 24:00)"));
      ok = false;
    }
    if (debut.has_value() && fin.has_value() && *fin <= *debut) {
      out.Add(absl::StrCat(field, ".fin"), "after_debut",
              "l'heure de fin doit être après l'heure de début");
      ok = false;
    }
    if (ok) ranges.push_back({plage.jour(), *debut, *fin, i});
  }
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return std::tie(a.jour, a.debut) < std::tie(b.jour, b.debut);
  });
  for (size_t i = 1; i < ranges.size(); ++i) {
    const Range &previous = ranges[i - 1], &range = ranges[i];
    if (range.jour == previous.jour && range.debut < previous.fin) {
      out.Add(
          Indexed(prefix, "horaires", range.index), "overlap",
          absl::StrCat("cette plage du ", kJours[range.jour - 1], " chevauche la plage ",
                       c.horaires(previous.index).debut(), "–", c.horaires(previous.index).fin()));
    }
  }
}

}  // namespace

void NormalizeContacts(google::protobuf::RepeatedPtrField<v1::Contact>& contacts,
                       bool tres_restreinte) {
  for (v1::Contact& contact : contacts) {
    contact.set_nom(Trimmed(contact.nom()));
    contact.set_fonction(Trimmed(contact.fonction()));
    contact.set_description(Trimmed(contact.description()));
    contact.set_confidentialite(Trimmed(contact.confidentialite()));
    for (v1::Telecom& telecom : *contact.mutable_telecoms()) {
      telecom.set_canal(Trimmed(telecom.canal()));
      telecom.set_confidentialite(Trimmed(telecom.confidentialite()));
      const bool address =
          telecom.canal() == "3" || telecom.canal() == "9" || telecom.canal() == "MSSANTE";
      telecom.set_valeur(address ? NormalizeMssAddress(telecom.valeur())
                                 : Trimmed(telecom.valeur()));
      if (tres_restreinte) telecom.set_confidentialite(kConfidentialiteTresRestreinte);
    }
    if (tres_restreinte) contact.set_confidentialite(kConfidentialiteTresRestreinte);
  }
}

void NormalizeFiche(v1::OffreContent& c) {
  NormalizeContacts(*c.mutable_contacts(), c.unite_sensible());
  for (v1::PlageHoraire& plage : *c.mutable_horaires()) {
    plage.set_debut(Trimmed(plage.debut()));
    plage.set_fin(Trimmed(plage.fin()));
  }
  for (v1::AdresseMssante& mss : *c.mutable_adresses_mssante()) {
    mss.set_adresse(NormalizeMssAddress(mss.adresse()));
    mss.set_confidentialite(Trimmed(mss.confidentialite()));
  }
  c.set_commentaire(Trimmed(c.commentaire()));
  if (!c.unite_sensible()) return;
  // RG_EXP_039, the contacts done above.
  for (v1::AdresseMssante& mss : *c.mutable_adresses_mssante()) {
    mss.set_confidentialite(kConfidentialiteTresRestreinte);
  }
}

absl::Status CheckContacts(const google::protobuf::RepeatedPtrField<v1::Contact>& contacts,
                           const nomenclature::Nomenclatures& codes, absl::string_view prefix,
                           FieldViolations& out) {
  CheckCount(contacts.size(), kMaxContacts, absl::StrCat(prefix, "contacts"), "contacts", out);
  for (int i = 0; i < contacts.size(); ++i) {
    RETURN_IF_ERROR(CheckContact(contacts[i], Indexed(prefix, "contacts", i), codes, out));
  }
  return absl::OkStatus();
}

absl::Status CheckFiche(const v1::OffreContent& c, const nomenclature::Nomenclatures& codes,
                        absl::string_view prefix, FieldViolations& out) {
  RETURN_IF_ERROR(CheckContacts(c.contacts(), codes, prefix, out));
  CheckHoraires(c, prefix, out);
  CheckCount(c.adresses_mssante_size(), kMaxAdressesMss, absl::StrCat(prefix, "adresses_mssante"),
             "adresses MSSanté", out);
  for (int i = 0; i < c.adresses_mssante_size(); ++i) {
    const v1::AdresseMssante& mss = c.adresses_mssante(i);
    const std::string field = Indexed(prefix, "adresses_mssante", i);
    if (!IsMssAddress(mss.adresse())) {
      out.Add(absl::StrCat(field, ".adresse"), "format",
              absl::StrCat(Quote(mss.adresse()),
                           " n'est pas une adresse de l'espace MSSanté (…@….mssante.fr)"));
    }
    RETURN_IF_ERROR(CheckConfidentialite(mss.confidentialite(),
                                         absl::StrCat(field, ".confidentialite"), codes, out));
  }
  CheckText(c.commentaire(), kCommentaireMaxLength, absl::StrCat(prefix, "commentaire"),
            "le commentaire", out);
  return absl::OkStatus();
}

void CopyMondayToWeek(v1::OffreContent& c) {
  std::vector<v1::PlageHoraire> monday;
  for (const v1::PlageHoraire& plage : c.horaires()) {
    if (plage.jour() == 1) monday.push_back(plage);
  }
  c.clear_horaires();
  for (int jour = 1; jour <= 7; ++jour) {
    for (v1::PlageHoraire plage : monday) {
      plage.set_jour(jour);
      *c.add_horaires() = std::move(plage);
    }
  }
}

bool IsTelecomValue(absl::string_view canal, absl::string_view value) {
  if (canal == "1" || canal == "2" || canal == "6" || canal == "8") return IsPhoneNumber(value);
  if (canal == "3" || canal == "9") return IsEmailAddress(value);
  if (canal == "4") return IsUrl(value, {"https", "http"});
  if (canal == "5") return IsUrl(value, {"sftp", "ftps", "ftp", "https"});
  if (canal == "MSSANTE") return IsMssAddress(value);
  if (canal == "7") return !value.empty() && !HasControlCharacter(value);
  return false;
}

}  // namespace ror::offre::domain
