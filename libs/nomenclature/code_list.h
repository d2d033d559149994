#pragma once

// One national code list (a JDV or a TRE) in memory: its entries in file order and an index by code.
// Identity of an entry is (system, code): several JDV mix CodeSystems and the same code can mean
// two things in one list (J186: "10" is Médecin in TRE_G15 and Socio-esthéticien in TRE_R356).

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/nomenclature/list_id.h"

namespace ror::nomenclature {

struct CodeEntry {
  std::string code;    // as published, leading zeros kept: "01", "0011"
  std::string label;   // the JDV display string
  std::string system;  // CodeSystem URL, e.g. https://mos.esante.gouv.fr/NOS/TRE_R227-…/FHIR/TRE-R227-…
  // Status "deprecated" in the NOS: still resolvable (existing data keeps its meaning), not to be
  // chosen for new data. See validate.h for how commands use it.
  bool deprecated = false;

  friend bool operator==(const CodeEntry&, const CodeEntry&) = default;
};

class CodeList {
 public:
  // `complete` is false for a list known to hold only part of the national one (the built-in set).
  CodeList(ListId id, bool complete);

  // Appends an entry. INVALID_ARGUMENT when code or system is empty; ALREADY_EXISTS when the list
  // already holds (system, code). Messages are French and name the code.
  absl::Status Add(CodeEntry entry);

  const std::string& id() const { return id_.full; }              // "JDV_J20-ChampActivite-ROR"
  const std::string& short_id() const { return id_.short_id; }    // "J20"
  const std::string& name() const { return id_.name; }            // "ChampActivite"
  const std::string& title() const { return title_; }             // "Champ d'activité"
  const std::string& canonical_url() const { return canonical_url_; }
  bool complete() const { return complete_; }

  const std::vector<CodeEntry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  // Distinct CodeSystems, in order of first appearance; more than one for a mixed JDV.
  const std::vector<std::string>& systems() const { return systems_; }

  // The entry (system, code): the exact lookup, never ambiguous. nullptr when absent.
  const CodeEntry* Find(absl::string_view system, absl::string_view code) const;
  // The entry with this code when exactly one system of the list has it; nullptr when the code is
  // absent or ambiguous (tell the two apart with FindAll).
  const CodeEntry* Find(absl::string_view code) const;
  // Every entry with this code, one per system that has it, in file order.
  std::vector<const CodeEntry*> FindAll(absl::string_view code) const;

 private:
  ListId id_;
  std::string title_;
  std::string canonical_url_;
  bool complete_;
  std::vector<CodeEntry> entries_;
  std::vector<std::string> systems_;
  // Positions in entries_ (indices, so copies and moves of the list stay valid).
  absl::flat_hash_map<std::string, absl::InlinedVector<size_t, 1>> by_code_;
};

}  // namespace ror::nomenclature
