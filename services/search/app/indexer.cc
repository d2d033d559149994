#include "services/search/app/indexer.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/visibility.h"

namespace ror::search::app {
namespace {

constexpr size_t kRebuildCommitEvery = 20000;
constexpr size_t kMaxBatch = 400000;

std::vector<std::string> Sorted(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

}  // namespace

Indexer::Indexer(ReadModel& model, SearchIndex& index, DocumentBuilder& builder,
                 IndexerOptions options)
    : model_(model), index_(index), builder_(builder), options_(options) {}

Indexer::~Indexer() { Stop(); }

void Indexer::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Indexer::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

IndexerStats Indexer::Stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Indexer::Run() {
  absl::Status last_error;
  while (!stopping_) {
    absl::Status status = CatchUp();
    if (!status.ok() && status.ToString() != last_error.ToString()) {
      log::Error("search indexer failed; retrying", {{"error", status.ToString()}});
    }
    last_error = status;
    {
      std::lock_guard lock(mu_);
      stats_.failing = !status.ok();
    }
    absl::SleepFor(status.ok() ? options_.poll_interval : absl::Seconds(1));
  }
}

absl::Status Indexer::Replace(const std::string& id_term, const Xapian::Document* doc) {
  Xapian::WritableDatabase& writer = index_.writer();
  if (rebuild_words_ != nullptr) {
    if (doc == nullptr) return absl::OkStatus();
    for (std::string& word : WordsOf(*doc)) ++(*rebuild_words_)[std::move(word)];
    index_.positions().Set(writer.add_document(*doc), PositionIn(*doc, schema::kSlotLatLong));
    return absl::OkStatus();
  }
  // The spelling dictionary learns the words a document brings and forgets those it loses.
  std::vector<std::string> before;
  Xapian::docid existing_id = 0;
  Xapian::PostingIterator existing = writer.postlist_begin(id_term);
  if (existing != writer.postlist_end(id_term)) {
    existing_id = *existing;
    before = Sorted(WordsOf(writer.get_document(existing_id)));
  }
  const std::vector<std::string> after =
      doc == nullptr ? std::vector<std::string>() : Sorted(WordsOf(*doc));
  std::vector<std::string> gained, lost;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(gained));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(lost));
  for (const std::string& word : gained) writer.add_spelling(word);
  for (const std::string& word : lost) writer.remove_spelling(word);
  if (doc == nullptr) {
    writer.delete_document(id_term);
    if (existing_id != 0) index_.positions().Set(existing_id, std::nullopt);
  } else {
    index_.positions().Set(writer.replace_document(id_term, *doc),
                           PositionIn(*doc, schema::kSlotLatLong));
  }
  return absl::OkStatus();
}

absl::Status Indexer::Reindex(const std::string& key) {
  const std::string id_term = schema::IdTerm(key);
  absl::string_view id = key;
  if (absl::ConsumePrefix(&id, "e:")) {
    ASSIGN_OR_RETURN(std::optional<v1::EtablissementFiche> fiche, model_.Etablissement(id));
    if (!fiche.has_value()) return Replace(id_term, nullptr);
    ASSIGN_OR_RETURN(std::vector<v1::search::OffreRow> offres, model_.OffresOf(id));
    const Xapian::Document doc = builder_.Etablissement(*fiche, offres);
    return Replace(id_term, &doc);
  }
  if (absl::ConsumePrefix(&id, "o:")) {
    ASSIGN_OR_RETURN(std::optional<v1::search::OffreRow> offre, model_.Offre(id));
    // Drafts are not searched, nor offres closed for good.
    if (!offre.has_value() || !offre->published() || offre->closed_for_good()) {
      return Replace(id_term, nullptr);
    }
    ASSIGN_OR_RETURN(std::optional<v1::EtablissementFiche> eg,
                     model_.Etablissement(offre->finess_eg()));
    const Xapian::Document doc = builder_.Offre(*offre, eg.has_value() ? &*eg : nullptr);
    return Replace(id_term, &doc);
  }
  return absl::DataLossError(absl::StrCat("search read model: bad document key ", key));
}

absl::Status Indexer::Rebuild(const std::string& epoch) {
  log::Info("search index rebuilds from the read model", {{"epoch", epoch}});
  RETURN_IF_ERROR(index_.Reset());
  dropped_through_ = 0;  // the read model may have started its numbering again
  // Readers may see the partial index (built under today's policy) from its first commit on.
  index_.writer().set_metadata(schema::kMetaLayout, IndexLayout());
  // Changes after `last` are replayed afterwards; replaying one already indexed is harmless.
  ASSIGN_OR_RETURN(const uint64_t last, model_.LastChange());
  ASSIGN_OR_RETURN(const std::vector<std::string> keys, model_.AllKeys());
  rebuild_words_ = std::make_unique<absl::flat_hash_map<std::string, Xapian::termcount>>();
  absl::Status indexed = absl::OkStatus();
  size_t done = 0;
  for (const std::string& key : keys) {
    if (stopping_) {
      indexed = absl::CancelledError("search indexer stopping");
      break;
    }
    indexed = Reindex(key);
    if (!indexed.ok()) break;
    if (++done % kRebuildCommitEvery == 0) {
      indexed = index_.Commit();
      if (!indexed.ok()) break;
    }
  }
  std::unique_ptr<absl::flat_hash_map<std::string, Xapian::termcount>> words =
      std::move(rebuild_words_);
  RETURN_IF_ERROR(indexed);
  Xapian::WritableDatabase& writer = index_.writer();
  for (const auto& [word, count] : *words) writer.add_spelling(word, count);
  writer.set_metadata(schema::kMetaEpoch, epoch);
  writer.set_metadata(schema::kMetaChange, absl::StrCat(last));
  RETURN_IF_ERROR(index_.Commit());
  std::lock_guard lock(mu_);
  ++stats_.rebuilds;
  log::Info("search index rebuilt", {{"documents", absl::StrCat(keys.size())}});
  return absl::OkStatus();
}

absl::Status Indexer::CatchUp() {
  std::lock_guard run(run_mu_);
  try {
    ASSIGN_OR_RETURN(const std::string epoch, model_.Epoch());
    if (epoch.empty()) return absl::OkStatus();  // no event yet
    Xapian::WritableDatabase& writer = index_.writer();
    if (writer.get_metadata(schema::kMetaEpoch) != epoch ||
        writer.get_metadata(schema::kMetaLayout) != IndexLayout()) {
      RETURN_IF_ERROR(Rebuild(epoch));
    }
    uint64_t indexed = 0;
    if (!absl::SimpleAtoi(writer.get_metadata(schema::kMetaChange), &indexed)) {
      return absl::DataLossError("search index: its change metadata does not parse");
    }
    ASSIGN_OR_RETURN(const uint64_t recorded, model_.LastChange());
    if (indexed > recorded) {
      // The read model lost its last writes (a power loss) and will number the replayed events
      // again from `recorded`: the index cannot tell them from those it holds.
      log::Warn("search index is ahead of its read model; rebuilding",
                {{"indexed", absl::StrCat(indexed)}, {"recorded", absl::StrCat(recorded)}});
      RETURN_IF_ERROR(Rebuild(epoch));
      indexed = recorded;
    }
    while (!stopping_) {
      // Far behind (the bus replaying everything), a larger batch builds each EG document once
      // for many of its offres' changes instead of once per batch.
      ASSIGN_OR_RETURN(const uint64_t last_now, model_.LastChange());
      const size_t batch = std::clamp<size_t>((last_now - std::min(last_now, indexed)) / 4,
                                              options_.batch, kMaxBatch);
      ASSIGN_OR_RETURN(ReadModel::Changes changes, model_.ChangesAfter(indexed, batch));
      if (changes.keys.empty()) break;
      absl::flat_hash_set<std::string> done;
      for (const std::string& key : changes.keys) {
        if (done.insert(key).second) RETURN_IF_ERROR(Reindex(key));
      }
      writer.set_metadata(schema::kMetaChange, absl::StrCat(changes.last));
      RETURN_IF_ERROR(index_.Commit());
      RETURN_IF_ERROR(model_.DropChanges(dropped_through_, changes.last));
      dropped_through_ = indexed = changes.last;
    }
    ASSIGN_OR_RETURN(const uint64_t last, model_.LastChange());
    std::lock_guard lock(mu_);
    stats_.indexed_change = indexed;
    stats_.last_change = last;
    return absl::OkStatus();
  } catch (const Xapian::Error& error) {
    return XapianError(error, "indexing");
  }
}

}  // namespace ror::search::app
