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
#include "services/search/app/handoff.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/visibility.h"

namespace ror::search::app {
namespace {

constexpr size_t kRebuildCommitEvery = 20000;
constexpr size_t kMaxBatch = 400000;
// Documents handed from the rebuild's builder thread to its writer: chunks of 256, 8 in flight.
constexpr size_t kHandoffChunk = 256;
constexpr size_t kHandoffChunks = 8;

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

absl::Status Indexer::Replace(const std::string& key, uint64_t version, BuiltDocument* built,
                              DocumentStore::Batch& stored) {
  Xapian::WritableDatabase& writer = index_.writer();
  const std::string id_term = schema::IdTerm(key);
  // The vocabulary learns the words a document brings and forgets those it loses.
  std::vector<std::string> before;
  Xapian::docid existing_id = 0;
  Xapian::PostingIterator existing = writer.postlist_begin(id_term);
  if (existing != writer.postlist_end(id_term)) {
    existing_id = *existing;
    std::string replaced = writer.get_document(existing_id).get_data();
    ASSIGN_OR_RETURN(const std::optional<v1::search::StoredDocument> old,
                     index_.documents().Get(replaced));
    if (old.has_value()) before = WordsOf(*old);
    stored.Replace(std::move(replaced));
  }
  const std::vector<std::string> none;
  const std::vector<std::string>& after = built == nullptr ? none : built->words;
  std::vector<std::string> gained, lost;
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(gained));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(lost));
  index_.vocabulary().Change(gained, lost);
  if (built == nullptr) {
    writer.delete_document(id_term);
    if (existing_id != 0) index_.positions().Set(existing_id, std::nullopt);
  } else {
    const std::string versioned_key = VersionedKey(key, version);
    stored.Put(versioned_key, built->stored);
    built->doc.set_data(versioned_key);
    index_.positions().Set(writer.replace_document(id_term, built->doc),
                           PositionIn(built->doc, schema::kSlotLatLong));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<BuiltDocument>> Indexer::Build(const std::string& key) {
  absl::string_view id = key;
  if (absl::ConsumePrefix(&id, "e:")) {
    ASSIGN_OR_RETURN(std::optional<v1::EtablissementFiche> fiche, model_.Etablissement(id));
    if (!fiche.has_value()) return std::nullopt;
    ASSIGN_OR_RETURN(const google::protobuf::Timestamp updated_at,
                     model_.EtablissementUpdatedAt(id));
    ASSIGN_OR_RETURN(std::vector<v1::search::OffreRow> offres, model_.OffresOf(id));
    return builder_.Etablissement(*fiche, updated_at, offres);
  }
  if (absl::ConsumePrefix(&id, "o:")) {
    ASSIGN_OR_RETURN(std::optional<v1::search::OffreRow> offre, model_.Offre(id));
    // Drafts are not searched, nor offres closed for good.
    if (!offre.has_value() || !offre->published() || offre->closed_for_good()) {
      return std::nullopt;
    }
    ASSIGN_OR_RETURN(std::optional<v1::EtablissementFiche> eg,
                     model_.Etablissement(offre->finess_eg()));
    return builder_.Offre(*offre, eg.has_value() ? &*eg : nullptr);
  }
  return absl::DataLossError(absl::StrCat("search read model: bad document key ", key));
}

absl::Status Indexer::Reindex(const std::string& key, uint64_t version,
                              DocumentStore::Batch& stored) {
  ASSIGN_OR_RETURN(std::optional<BuiltDocument> built, Build(key));
  return Replace(key, version, built.has_value() ? &*built : nullptr, stored);
}

absl::Status Indexer::AddAll(const std::vector<std::string>& keys, uint64_t version,
                             Vocabulary::Counts& words) {
  // Building a document (rows, labels, text, its stored version) and adding it to Xapian cost
  // about the same: on two threads, a rebuild takes the longer of the two instead of their sum.
  Handoff<Xapian::Document> built(kHandoffChunks);
  DocumentStore& documents = index_.documents();
  // Xapian counts the references to a document without atomics: once in a chunk, a document
  // must have no other reference on this thread, since the chunk goes to the writer's.
  const auto append = [&](const std::string& key, std::vector<Xapian::Document>& chunk,
                          DocumentStore::Batch& stored) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<BuiltDocument> built, Build(key));
    if (!built.has_value()) return absl::OkStatus();
    for (std::string& word : built->words) ++words[std::move(word)];
    const std::string versioned_key = VersionedKey(key, version);
    stored.Put(versioned_key, built->stored);
    built->doc.set_data(versioned_key);
    chunk.push_back(std::move(built->doc));
    return absl::OkStatus();
  };
  absl::Status building = absl::OkStatus();
  std::thread builder([&] {
    std::vector<Xapian::Document> chunk;
    DocumentStore::Batch stored(documents);
    try {
      for (const std::string& key : keys) {
        if (stopping_) {
          building = absl::CancelledError("search indexer stopping");
          break;
        }
        building = append(key, chunk, stored);
        if (!building.ok()) break;
        if (chunk.size() == kHandoffChunk) {
          // Stored before Xapian has them: a reader reaches a stored document only through
          // its Xapian document.
          building = documents.Bulk(stored);
          if (!building.ok() || !built.Put(std::move(chunk))) break;
          chunk.clear();
        }
      }
      if (building.ok()) building = documents.Bulk(stored);
    } catch (const Xapian::Error& error) {
      building = XapianError(error, "building documents");
    }
    if (building.ok() && !chunk.empty()) built.Put(std::move(chunk));
    built.Close();
  });
  absl::Status added = absl::OkStatus();
  try {
    Xapian::WritableDatabase& writer = index_.writer();
    size_t since_commit = 0;
    std::vector<Xapian::Document> chunk;
    while (added.ok() && built.Take(chunk)) {
      for (const Xapian::Document& doc : chunk) {
        // The database is empty: no older document to look up.
        index_.positions().Set(writer.add_document(doc), PositionIn(doc, schema::kSlotLatLong));
      }
      since_commit += chunk.size();
      if (since_commit >= kRebuildCommitEvery) {
        added = index_.Commit();
        since_commit = 0;
      }
    }
  } catch (const Xapian::Error& error) {
    added = XapianError(error, "rebuilding");
  }
  built.Cancel();  // a builder blocked on a full handoff gives up
  builder.join();
  RETURN_IF_ERROR(building);
  return added;
}

absl::Status Indexer::Prefill(const std::string& epoch) {
  if (!prefilled_.has_value() || prefilled_->first != epoch) {
    log::Info("search index indexes the offres while the bus replays", {{"epoch", epoch}});
    // Without the layout's mark, readers are told the index is being built (not a partial
    // answer) until the rebuild sets it.
    RETURN_IF_ERROR(index_.Reset());
    dropped_through_ = 0;  // the read model may have started its numbering again
    prefilled_.emplace(epoch, 0);
  }
  ASSIGN_OR_RETURN(ReadModel::Changes changes,
                   model_.ChangesAfter(prefilled_->second, options_.batch));
  if (changes.keys.empty()) return absl::OkStatus();
  absl::flat_hash_set<std::string> done;
  DocumentStore::Batch stored(index_.documents());
  for (const std::string& key : changes.keys) {
    if (absl::StartsWith(key, "o:") && done.insert(key).second) {
      RETURN_IF_ERROR(Reindex(key, changes.last, stored));
    }
  }
  RETURN_IF_ERROR(index_.documents().Commit(stored, changes.last));
  RETURN_IF_ERROR(index_.Commit());
  prefilled_->second = changes.last;
  std::lock_guard lock(mu_);
  stats_.prefilled_change = changes.last;
  return absl::OkStatus();
}

absl::Status Indexer::Rebuild(const std::string& epoch) {
  log::Info("search index rebuilds from the read model", {{"epoch", epoch}});
  const bool prefilled = prefilled_.has_value() && prefilled_->first == epoch;
  if (!prefilled) {
    RETURN_IF_ERROR(index_.Reset());
    dropped_through_ = 0;  // the read model may have started its numbering again
  }
  // Readers may see the partial index (built under today's policy) from its first commit on.
  index_.writer().set_metadata(schema::kMetaLayout, IndexLayout());
  // Changes after `last` are replayed afterwards; replaying one already indexed is harmless.
  ASSIGN_OR_RETURN(const uint64_t last, model_.LastChange());
  ASSIGN_OR_RETURN(std::vector<std::string> keys, model_.AllKeys());
  if (prefilled) {
    // The offres indexed while the bus replayed stay; those changed since go again, with every EG.
    std::erase_if(keys, [](const std::string& key) { return !absl::StartsWith(key, "e:"); });
    absl::flat_hash_set<std::string> again;
    DocumentStore::Batch stored(index_.documents());
    for (uint64_t after = prefilled_->second; after < last;) {
      ASSIGN_OR_RETURN(ReadModel::Changes changes, model_.ChangesAfter(after, options_.batch));
      if (changes.keys.empty()) break;
      for (std::string& key : changes.keys) {
        if (!absl::StartsWith(key, "o:") || !again.insert(key).second) continue;
        // Out of the index first: AddAll adds, it does not replace.
        RETURN_IF_ERROR(Replace(key, last, nullptr, stored));
        keys.push_back(std::move(key));
      }
      after = changes.last;
    }
    RETURN_IF_ERROR(index_.documents().Commit(stored, prefilled_->second));
  }
  prefilled_.reset();
  {
    std::lock_guard lock(mu_);
    stats_.prefilled_change = 0;
  }
  Vocabulary::Counts words;
  RETURN_IF_ERROR(AddAll(keys, last, words));
  if (prefilled) {
    index_.vocabulary().Add(words);
  } else {
    index_.vocabulary().Reset(words);
  }
  // The documents, written without a log, are on disk before the index says it holds them.
  RETURN_IF_ERROR(index_.documents().Flush());
  DocumentStore::Batch none(index_.documents());
  RETURN_IF_ERROR(index_.documents().Commit(none, last));
  Xapian::WritableDatabase& writer = index_.writer();
  writer.set_metadata(schema::kMetaEpoch, epoch);
  writer.set_metadata(schema::kMetaChange, absl::StrCat(last));
  RETURN_IF_ERROR(index_.Commit());
  std::lock_guard lock(mu_);
  ++stats_.rebuilds;
  log::Info("search index rebuilt", {{"documents", absl::StrCat(keys.size())}});
  return absl::OkStatus();
}

bool Indexer::RebuildWaitsForBus() {
  bool waits = false;
  if (options_.bus_backlog) {
    const std::optional<int64_t> backlog = options_.bus_backlog();
    waits = !backlog.has_value() || *backlog > options_.rebuild_waits_above;
  }
  std::lock_guard lock(mu_);
  if (waits && !stats_.waiting_for_bus) {
    log::Info("search index waits for the bus to deliver the rows before rebuilding");
  }
  stats_.waiting_for_bus = waits;
  return waits;
}

std::function<std::optional<int64_t>()> BusBacklogOf(const bus::Subscriber& subscriber) {
  return [&subscriber]() -> std::optional<int64_t> {
    const bus::SubscriberStats stats = subscriber.Stats();
    if (!stats.connected) return 0;
    if (!stats.lag_known) return std::nullopt;
    return stats.lag;
  };
}

absl::Status Indexer::CatchUp() {
  std::lock_guard run(run_mu_);
  try {
    ASSIGN_OR_RETURN(const std::string epoch, model_.Epoch());
    if (epoch.empty()) return absl::OkStatus();  // no event yet
    Xapian::WritableDatabase& writer = index_.writer();
    if (writer.get_metadata(schema::kMetaEpoch) != epoch ||
        writer.get_metadata(schema::kMetaLayout) != IndexLayout()) {
      if (RebuildWaitsForBus()) return Prefill(epoch);
      RETURN_IF_ERROR(Rebuild(epoch));
    }
    uint64_t indexed = 0;
    if (!absl::SimpleAtoi(writer.get_metadata(schema::kMetaChange), &indexed)) {
      return absl::DataLossError("search index: its change metadata does not parse");
    }
    ASSIGN_OR_RETURN(const uint64_t recorded, model_.LastChange());
    ASSIGN_OR_RETURN(const uint64_t stored_through, index_.documents().Change());
    if (indexed > recorded) {
      // The read model lost its last writes (a power loss) and will number the replayed events
      // again from `recorded`: the index cannot tell them from those it holds.
      log::Warn("search index is ahead of its read model; rebuilding",
                {{"indexed", absl::StrCat(indexed)}, {"recorded", absl::StrCat(recorded)}});
      RETURN_IF_ERROR(Rebuild(epoch));
      indexed = recorded;
    } else if (stored_through < indexed) {
      // The stored documents lost writes the Xapian index kept (a power loss).
      log::Warn("search documents are behind the index; rebuilding",
                {{"indexed", absl::StrCat(indexed)}, {"stored", absl::StrCat(stored_through)}});
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
      DocumentStore::Batch stored(index_.documents());
      for (const std::string& key : changes.keys) {
        if (done.insert(key).second) RETURN_IF_ERROR(Reindex(key, changes.last, stored));
      }
      // Stored before Xapian commits: a reader reaches a stored document only through its
      // Xapian document, and one a commit behind still finds the versions it indexed.
      RETURN_IF_ERROR(index_.documents().Commit(stored, changes.last));
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
