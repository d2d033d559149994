// The acceptance test of the offre service: the référent's workflows of the training material
// (seeds 001 "créer une offre", 002 "mettre à jour", 003 "déplacer une offre") walked through gRPC
// against the real binaries — `ror-auth`, `ror-offre` on its RocksDB store and `ror-devbroker` —
// by the people who do them, each step checked through the read API and as CloudEvents read back
// from Kafka with librdkafka; then what the run leaves behind: the logs and the audit logs.
//
// One test walks the whole story, since each step builds on the previous ones:
//   0. ror-auth with a national administrateur bootstrapped from a password file, ror-offre
//      verifying auth's tokens; the administrateur logs in (every call carries its bearer token);
//   1. the administrateur imports the real FINESS sample;
//   2. he creates a responsable d'offre habilitated on the three EGs of the story, who activates
//      his account with the link mailed to auth's outbox and logs in: he does steps 3–8;
//   3. a pôle and two UF on a centre hospitalier: "Mes offres" and the fil d'Ariane;
//   4. "HC Chirurgie viscérale et digestive" created in three steps, then validated;
//   5. edited into a draft beside the published version (a commentaire, and a contact with a
//      phone number and an e-mail the open data never shows), then published again;
//   6. "Dupliquer";
//   7. the USIC created on the first UF and "Déplacer" to the second (and between EGs);
//   8. "Fermer" définitivement;
//   9. the limits: the responsable changes nothing on an EG he is not habilitated for and imports
//      no FINESS (PERMISSION_DENIED); an anonymous caller writes nothing (UNAUTHENTICATED);
//  10. every offre stream on Kafka is what the steps produced, in order, each event once;
//  and once the processes are stopped:
//  11. no log holds a password, an e-mail address, a token, a reset link or the contact's data;
//  12. offre's audit log verifies and holds one record per write call the test made, in order,
//      each with its caller, outcome, stream and version; auth's verifies and holds one per call;
//  13. one byte of one offre audit record flipped: AuditLog::Verify and `rorctl audit verify`
//      both name that record.
// ROR_KEEP_TEST_DIRS=1 keeps the processes' logs and data.
#include <sys/wait.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "librdkafka/rdkafkacpp.h"
#include "libs/audit/audit_log.h"
#include "libs/audit/chain_verifier.h"
#include "libs/audit/storage_layout.h"
#include "libs/bus/cloudevents.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_reader.h"
#include "libs/server/grpc_status.h"
#include "libs/testing/await_serving.h"
#include "libs/testing/child_process.h"
#include "libs/testing/process_logs.h"
#include "libs/testing/temp_dir.h"
#include "rocksdb/db.h"
#include "ror/v1/auth.grpc.pb.h"
#include "ror/v1/etablissement.grpc.pb.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"
#include "ror/v1/events/public_offre.pb.h"
#include "ror/v1/offre.grpc.pb.h"
#include "ror/v1/organisation.grpc.pb.h"
#include "tools/rorctl/finess_import.h"

namespace ror::offre {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::ror::testing::AwaitLogField;
using ::ror::testing::AwaitServing;
using ::ror::testing::ReadFile;
using ::ror::testing::StatusIs;
using ::ror::testing::Tail;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Shared data beside the repository (never copied into it).
const std::filesystem::path kSharedData = ROR_SHARED_DATA;
const std::filesystem::path kFinessSample = kSharedData / "finess" / "finess_et_dept01_35.csv";
const std::filesystem::path kNomenclatures = kSharedData / "nomenclatures";
// The repository's modèles de saisie (services/offre/modeles).
const std::filesystem::path kModeles = ROR_MODELES_DIR;

constexpr char kOffreTopic[] = "ror.offre.events.v1";
constexpr char kPublicTopic[] = "ror.public.offre.v1";
constexpr char kEtablissementTopic[] = "ror.etablissement.events.v1";
constexpr int kPartitions = 3;

constexpr absl::Duration kStartTimeout = absl::Seconds(30);
constexpr absl::Duration kEventTimeout = absl::Seconds(20);
constexpr absl::Duration kCallTimeout = absl::Seconds(10);

// Auth: the issuer both services are given, and the people of the story. Argon2id at its cheapest
// and access tokens valid the longest auth allows (1 h), so that the walk never needs a refresh.
constexpr char kIssuer[] = "http://ror-workflow-test.invalid";
constexpr char kAdminEmail[] = "admin.national@ror-workflow.example.fr";
constexpr char kAdminPassword[] = "Bootstrap-Oxygene-2026";
constexpr char kResponsableEmail[] = "yannick.le-gall@ch-workflow.example.fr";
constexpr char kResponsablePrenom[] = "Yannick";
constexpr char kResponsableNom[] = "Le Gall-Quéméner";
constexpr char kResponsablePassword[] = "Bloc-Operatoire-Rennes-35";

// The first lines of the FINESS sample imported, in batches (the service takes 1,000 at most).
constexpr size_t kImportedRecords = 400;
constexpr size_t kImportBatch = 200;
constexpr char kCategorieCentreHospitalier[] = "355";  // J55 (FINESS TRE_R66)

// Codes of the national lists (shared/data/nomenclatures).
constexpr char kChampMco[] = "01";                     // J20 Médecine, Chirurgie, Obstétrique
constexpr char kHospitalisationComplete[] = "28";      // J19 Hospitalisation complète (HC)
constexpr char kTypeChirurgieViscerale[] = "153";      // J238 U.H. de chirurgie viscérale…
constexpr char kTypeCardiologie[] = "149";             // J238 U.H. de cardiologie
constexpr char kActiviteChirurgieDigestive[] = "033";  // J17 Chirurgie digestive et viscérale…
constexpr char kActiviteCardiologie[] = "013";         // J17 Cardiologie générale
constexpr char kPole[] = "1";                          // J203
constexpr char kUniteFonctionnelle[] = "3";            // J203
// The supplementary lists of libs/nomenclature (supplementary_lists.cc).
constexpr char kFonctionCadreDeSante[] = "03";  // J220
constexpr char kTelephoneFixe[] = "2";          // J225
constexpr char kCourrierElectronique[] = "3";   // J225
constexpr char kAccesLibre[] = "1";             // J222
constexpr char kAccesRestreint[] = "2";         // J222
// Modèles de saisie: 139/01 "Unité hospitalière de chirurgie viscérale et digestive" (seed 002);
// 149/01 "Unité hospitalière de cardiologie", whose description covers the USIC. Their
// restrictions (type d'offre 153, resp. 149, and their activités) are met by the codes above.
constexpr char kModeleChirurgieViscerale[] = "139/01";
constexpr char kModeleCardiologie[] = "149/01";

constexpr char kNomChirurgie[] = "HC Chirurgie viscérale et digestive";
constexpr char kNomUsic[] = "Unité de Soins Intensifs Cardiologie (USIC)";
constexpr char kNomCardiologieAilleurs[] = "HC Cardiologie";
constexpr char kCommentaire[] = "Accès par le bâtiment B, 2e étage";
// The contact of the chirurgie: personal data, "accès restreint".
constexpr char kContactNom[] = "Dr Maïwenn Kerdraon-Prigent";
constexpr char kContactTelephone[] = "0299284371";
constexpr char kContactEmail[] = "maiwenn.kerdraon@ch-workflow.example.fr";

// ---- Processes.

// What a command-line tool run to its end said.
struct ToolRun {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout
};

// Runs `argv` to its end, its stderr appended to `stderr_path`.
ToolRun RunTool(std::vector<std::string> argv, const std::filesystem::path& stderr_path) {
  ror::testing::ChildProcess child(std::move(argv), stderr_path.string());
  const int status = child.Wait();
  ToolRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  child.WaitForLine(
      [&](const std::string& line) {
        run.lines.push_back(line);
        return false;  // every line
      },
      absl::Seconds(1));
  return run;
}

// SIGTERM, then the end of the process; whether it exited cleanly. No-op when already stopped.
bool Stop(std::unique_ptr<ror::testing::ChildProcess>& process) {
  if (process == nullptr) return true;
  process->Signal(SIGTERM);
  const int status = process->Wait();
  process.reset();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// ---- Auth's mails and tokens.

// A mail auth left in <data_dir>/outbox: to whom, and its reset (or activation) link.
struct OutboxMail {
  std::string to;
  std::string link;   // "<issuer>/reinitialisation-mot-de-passe?jeton=<token>"
  std::string token;  // what follows "jeton="
};

std::vector<OutboxMail> ReadOutbox(const std::filesystem::path& outbox) {
  std::vector<OutboxMail> mails;
  if (!std::filesystem::exists(outbox)) return mails;
  for (const auto& file : std::filesystem::directory_iterator(outbox)) {
    if (file.path().extension() != ".eml") continue;
    OutboxMail mail;
    for (absl::string_view line : absl::StrSplit(ReadFile(file.path()), "\r\n")) {
      if (absl::ConsumePrefix(&line, "To: ")) mail.to = std::string(line);
      if (const size_t at = line.find("jeton="); at != absl::string_view::npos) {
        const size_t link = line.find("http");
        mail.link = std::string(
            absl::StripAsciiWhitespace(line.substr(link == absl::string_view::npos ? 0 : link)));
        mail.token = std::string(absl::StripAsciiWhitespace(line.substr(at + 6)));
      }
    }
    mails.push_back(std::move(mail));
  }
  return mails;
}

// The `sub` claim of an access token (a compact JWS): the account id the services see.
std::string SubjectOf(const std::string& access_token) {
  const std::vector<std::string> parts = absl::StrSplit(access_token, '.');
  std::string claims;
  if (parts.size() != 3 || !absl::WebSafeBase64Unescape(parts[1], &claims)) return "";
  const std::string sub = "\"sub\":\"";
  const size_t at = claims.find(sub);
  if (at == std::string::npos) return "";
  const size_t from = at + sub.size();
  return claims.substr(from, claims.find('"', from) - from);
}

// ---- The audit log's RocksDB, opened as an attacker with write access to the disk would.

// Flips one byte of the stored record `sequence` of the audit log at `path` (its service
// stopped): a letter of its method name, so that the record still decodes and only its hash
// tells. Column families as libs/audit/storage_layout.h lays them out.
absl::Status FlipOneByteOfRecord(const std::string& path, int64_t sequence) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!s.ok()) return absl::InternalError(s.ToString());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  s = rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db);
  if (!s.ok()) return absl::InternalError(s.ToString());
  absl::Status result =
      absl::NotFoundError(absl::StrCat("no column family ", audit::kRecordsFamily));
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] != audit::kRecordsFamily) continue;
    std::string value;
    s = db->Get(rocksdb::ReadOptions(), handles[i], audit::RecordKey(sequence), &value);
    const size_t at = s.ok() ? value.find("/ror.v1.") : std::string::npos;
    if (!s.ok() || at == std::string::npos) {
      result = absl::NotFoundError(absl::StrCat("record ", sequence, ": ", s.ToString()));
      break;
    }
    value[at + 1] ^= 0x01;  // "/ror.v1." becomes "/sor.v1."
    rocksdb::WriteOptions synced;
    synced.sync = true;
    s = db->Put(synced, handles[i], audit::RecordKey(sequence), value);
    result = s.ok() ? absl::OkStatus() : absl::InternalError(s.ToString());
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) db->DestroyColumnFamilyHandle(handle);
  s = db->Close();
  delete db;
  if (result.ok() && !s.ok()) return absl::InternalError(s.ToString());
  return result;
}

// ---- Kafka.

struct KafkaRecord {
  std::string key;
  bus::Headers headers;
  std::optional<std::string> value;  // none: a tombstone

  std::string Header(absl::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return "";
  }
};

// Reads one topic from its beginning, every partition, with a real librdkafka consumer. Records
// are kept as they come: delivery is at least once, so one may come twice.
class TopicReader {
 public:
  static absl::StatusOr<std::unique_ptr<TopicReader>> Open(const std::string& bootstrap,
                                                           const std::string& topic) {
    std::string error;
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"bootstrap.servers", bootstrap},
             {"group.id", absl::StrCat("offre-workflow-test-", topic)},
             {"enable.auto.commit", "false"},
             // Each step waits for its event: fetch what is there without the default 500 ms.
             {"fetch.wait.max.ms", "20"}}) {
      if (conf->set(name, value, error) != RdKafka::Conf::CONF_OK) {
        return absl::InvalidArgumentError(absl::StrCat(name, ": ", error));
      }
    }
    std::unique_ptr<RdKafka::KafkaConsumer> consumer(
        RdKafka::KafkaConsumer::create(conf.get(), error));
    if (consumer == nullptr) return absl::UnavailableError(error);
    std::vector<RdKafka::TopicPartition*> partitions;
    for (int p = 0; p < kPartitions; ++p) {
      partitions.push_back(
          RdKafka::TopicPartition::create(topic, p, RdKafka::Topic::OFFSET_BEGINNING));
    }
    const RdKafka::ErrorCode assigned = consumer->assign(partitions);
    RdKafka::TopicPartition::destroy(partitions);
    if (assigned != RdKafka::ERR_NO_ERROR) {
      return absl::UnavailableError(absl::StrCat(topic, ": ", RdKafka::err2str(assigned)));
    }
    return absl::WrapUnique(new TopicReader(topic, std::move(consumer)));
  }

  ~TopicReader() { consumer_->close(); }

  // Consumes until `done(records())` holds or `timeout` passes; returns whether it held.
  bool ReadUntil(const std::function<bool(const std::vector<KafkaRecord>&)>& done,
                 absl::Duration timeout) {
    const absl::Time deadline = absl::Now() + timeout;
    while (!done(records_)) {
      if (absl::Now() >= deadline) return false;
      std::unique_ptr<RdKafka::Message> m(consumer_->consume(100));
      if (m->err() == RdKafka::ERR__TIMED_OUT || m->err() == RdKafka::ERR__PARTITION_EOF) continue;
      if (m->err() != RdKafka::ERR_NO_ERROR) {
        last_error_ = m->errstr();
        continue;
      }
      KafkaRecord record;
      if (m->key_pointer() != nullptr) {
        record.key.assign(static_cast<const char*>(m->key_pointer()), m->key_len());
      }
      if (m->payload() != nullptr) {
        record.value.emplace(static_cast<const char*>(m->payload()), m->len());
      }
      if (RdKafka::Headers* headers = m->headers(); headers != nullptr) {
        for (const RdKafka::Headers::Header& h : headers->get_all()) {
          record.headers.emplace_back(
              h.key(), std::string(static_cast<const char*>(h.value()), h.value_size()));
        }
      }
      records_.push_back(std::move(record));
    }
    return true;
  }

  const std::vector<KafkaRecord>& records() const { return records_; }

  // For failure messages.
  std::string Describe() const {
    return absl::StrCat(topic_, ": ", records_.size(), " records read",
                        last_error_.empty() ? "" : absl::StrCat(", last error: ", last_error_));
  }

 private:
  TopicReader(std::string topic, std::unique_ptr<RdKafka::KafkaConsumer> consumer)
      : topic_(std::move(topic)), consumer_(std::move(consumer)) {}

  std::string topic_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::vector<KafkaRecord> records_;
  std::string last_error_;
};

using EventsByStream = std::map<std::string, std::map<int64_t, v1::EventEnvelope>>;

// The events of a topic in the CloudEvents binding, decoded as libs/bus does, by stream then
// version, each once: a record delivered again (same ce_id) counts once. A record that does not
// decode, a key that is not its subject, or two events under one stream version is an error.
absl::StatusOr<EventsByStream> DecodeEvents(const std::vector<KafkaRecord>& records) {
  EventsByStream out;
  for (const KafkaRecord& record : records) {
    ASSIGN_OR_RETURN(v1::EventEnvelope event,
                     bus::FromCloudEvent(record.headers, record.value.value_or("")));
    if (event.stream_id() != record.key) {
      return absl::InternalError(
          absl::StrCat("record key ", record.key, " is not its ce_subject ", event.stream_id()));
    }
    auto [at, inserted] = out[event.stream_id()].emplace(event.stream_version(), event);
    if (!inserted && at->second.event_id() != event.event_id()) {
      return absl::InternalError(absl::StrCat(event.stream_id(), " v", event.stream_version(),
                                              " published as two events: ", at->second.event_id(),
                                              " and ", event.event_id()));
    }
  }
  return out;
}

bool HasVersion(const std::vector<KafkaRecord>& records, absl::string_view key, int64_t version) {
  const std::string wanted = absl::StrCat(version);
  for (const KafkaRecord& r : records) {
    if (r.key == key && r.Header("ce_streamversion") == wanted) return true;
  }
  return false;
}

// The payload of `event`, which must be of type `Event` ("OffreCreated" is the message's name).
template <typename Event>
absl::StatusOr<Event> PayloadAs(const v1::EventEnvelope& event) {
  const std::string& expected = Event::descriptor()->name();
  if (event.event_type() != expected) {
    return absl::FailedPreconditionError(absl::StrCat(event.stream_id(), " v",
                                                      event.stream_version(), " is ",
                                                      event.event_type(), ", not ", expected));
  }
  Event payload;
  if (!payload.ParseFromString(event.payload())) {
    return absl::DataLossError(absl::StrCat("undecodable ", expected, " payload"));
  }
  return payload;
}

// ---- gRPC.

// One state-changing call a client made (an RPC not named Get…/List…: what the services audit),
// as the client saw it: what its audit record must say.
struct WriteCall {
  std::string method;  // "/ror.v1.OffreService/SaveDraft"
  std::string actor;   // the caller's subject (his account id), "anonymous" without a token
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string request_id;  // as sent; empty for a request without one
  // Of a successful call, the stream its response shows and the version that stream reached;
  // empty / 0 otherwise, and for a call that answers with no single stream (an import).
  std::string stream_id;
  int64_t stream_version = 0;

  // For readable comparisons.
  std::string Describe() const {
    return absl::StrCat(method, " ", absl::StatusCodeToString(code), " by ", actor);
  }
};

bool IsWrite(absl::string_view method_name) {
  return !absl::StartsWith(method_name, "Get") && !absl::StartsWith(method_name, "List");
}

// The stream a write's response shows, and its version.
template <typename Response>
std::pair<std::string, int64_t> StreamReached(const Response& response) {
  if constexpr (std::is_same_v<Response, v1::Offre>) {
    return {absl::StrCat("offre-", response.offre_id()), response.version()};
  } else if constexpr (std::is_same_v<Response, v1::CreateOffreResponse>) {
    return StreamReached(response.offre());
  } else if constexpr (std::is_same_v<Response, v1::CreateOrganisationResponse>) {
    return {absl::StrCat("organisation-", response.organisation().organisation_id()),
            response.organisation().version()};
  } else {
    return {"", 0};
  }
}

// The three services of ror-offre as one caller: each call with his bearer token (none for the
// anonymous caller) and a deadline, errors as absl::Status (payloads such as ror.v1.BadRequest
// restored from the error details), each write noted in `writes` (shared by every caller).
class OffreClient {
 public:
  OffreClient(const std::shared_ptr<grpc::Channel>& channel, std::string access_token,
              std::vector<WriteCall>* writes)
      : offres_(v1::OffreService::NewStub(channel)),
        organisations_(v1::OrganisationService::NewStub(channel)),
        etablissements_(v1::EtablissementService::NewStub(channel)),
        access_token_(std::move(access_token)),
        actor_(access_token_.empty() ? "anonymous" : SubjectOf(access_token_)),
        writes_(writes) {}

  absl::StatusOr<v1::ImportEtablissementsResponse> Import(
      const std::vector<v1::EtablissementFiche>& fiches, const std::string& source) {
    v1::ImportEtablissementsRequest request;
    request.set_source(source);
    for (const v1::EtablissementFiche& fiche : fiches) *request.add_fiches() = fiche;
    return Call<v1::ImportEtablissementsResponse>(
        Etablissements(), "ImportEtablissements", request, [&](auto* context, auto* response) {
          return etablissements_->ImportEtablissements(context, request, response);
        });
  }

  absl::StatusOr<v1::Organisation> CreateOrganisation(const std::string& finess_eg,
                                                      const std::string& parent_id,
                                                      const std::string& type,
                                                      const std::string& nom) {
    v1::CreateOrganisationRequest request;
    request.set_request_id(NextRequestId());
    request.set_finess_eg(finess_eg);
    request.set_parent_id(parent_id);
    request.set_type(type);
    request.set_nom(nom);
    ASSIGN_OR_RETURN(
        v1::CreateOrganisationResponse created,
        Call<v1::CreateOrganisationResponse>(
            Organisations(), "CreateOrganisation", request, [&](auto* context, auto* response) {
              return organisations_->CreateOrganisation(context, request, response);
            }));
    return created.organisation();
  }

  absl::StatusOr<v1::EtablissementTree> Tree(const std::string& finess_eg,
                                             bool include_closed = false) {
    v1::GetEtablissementTreeRequest request;
    request.set_finess_eg(finess_eg);
    request.set_include_closed(include_closed);
    return Call<v1::EtablissementTree>(
        Organisations(), "GetEtablissementTree", request, [&](auto* context, auto* response) {
          return organisations_->GetEtablissementTree(context, request, response);
        });
  }

  absl::StatusOr<v1::Breadcrumb> Breadcrumb(const std::string& organisation_id) {
    v1::GetBreadcrumbRequest request;
    request.set_organisation_id(organisation_id);
    return Call<v1::Breadcrumb>(Organisations(), "GetBreadcrumb", request,
                                [&](auto* context, auto* response) {
                                  return organisations_->GetBreadcrumb(context, request, response);
                                });
  }

  absl::StatusOr<v1::Offre> CreateOffre(const std::string& nom, const std::string& modele_saisie,
                                        const std::string& finess_eg,
                                        const std::string& organisation_id) {
    v1::CreateOffreRequest request;
    request.set_request_id(NextRequestId());
    request.set_nom(nom);
    request.set_champ_activite(kChampMco);
    request.set_finess_eg(finess_eg);
    request.set_organisation_id(organisation_id);
    request.set_modele_saisie(modele_saisie);
    ASSIGN_OR_RETURN(v1::CreateOffreResponse created,
                     Call<v1::CreateOffreResponse>(
                         Offres(), "CreateOffre", request, [&](auto* context, auto* response) {
                           return offres_->CreateOffre(context, request, response);
                         }));
    return created.offre();
  }

  absl::StatusOr<v1::Offre> GetOffre(const std::string& offre_id) {
    v1::GetOffreRequest request;
    request.set_offre_id(offre_id);
    return Call<v1::Offre>(Offres(), "GetOffre", request, [&](auto* context, auto* response) {
      return offres_->GetOffre(context, request, response);
    });
  }

  absl::StatusOr<v1::Offre> SaveDraft(const std::string& offre_id, const v1::OffreContent& draft,
                                      int step) {
    v1::SaveDraftRequest request;
    request.set_request_id(NextRequestId());
    request.set_offre_id(offre_id);
    *request.mutable_draft() = draft;
    request.set_step(step);
    return Call<v1::Offre>(Offres(), "SaveDraft", request, [&](auto* context, auto* response) {
      return offres_->SaveDraft(context, request, response);
    });
  }

  absl::StatusOr<v1::Offre> ValidateDraft(const std::string& offre_id) {
    v1::ValidateDraftRequest request;
    request.set_request_id(NextRequestId());
    request.set_offre_id(offre_id);
    return Call<v1::Offre>(Offres(), "ValidateDraft", request, [&](auto* context, auto* response) {
      return offres_->ValidateDraft(context, request, response);
    });
  }

  absl::StatusOr<v1::Offre> DuplicateOffre(const std::string& offre_id) {
    v1::DuplicateOffreRequest request;
    request.set_request_id(NextRequestId());
    request.set_offre_id(offre_id);
    return Call<v1::Offre>(Offres(), "DuplicateOffre", request, [&](auto* context, auto* response) {
      return offres_->DuplicateOffre(context, request, response);
    });
  }

  absl::StatusOr<v1::Offre> MoveOffre(const std::string& offre_id, const std::string& finess_eg,
                                      const std::string& organisation_id) {
    v1::MoveOffreRequest request;
    request.set_request_id(NextRequestId());
    request.set_offre_id(offre_id);
    request.set_finess_eg(finess_eg);
    request.set_organisation_id(organisation_id);
    return Call<v1::Offre>(Offres(), "MoveOffre", request, [&](auto* context, auto* response) {
      return offres_->MoveOffre(context, request, response);
    });
  }

  absl::StatusOr<v1::Offre> CloseDefinitively(const std::string& offre_id) {
    v1::CloseOffreRequest request;
    request.set_request_id(NextRequestId());
    request.set_offre_id(offre_id);
    request.set_definitive(true);
    return Call<v1::Offre>(Offres(), "CloseOffre", request, [&](auto* context, auto* response) {
      return offres_->CloseOffre(context, request, response);
    });
  }

  // The ids of "Mes actions en attente" of `finess_eg`: offres with a draft to validate.
  absl::StatusOr<std::vector<std::string>> ActionsEnAttente(const std::string& finess_eg) {
    v1::ListActionsEnAttenteRequest request;
    request.add_finess_eg(finess_eg);
    ASSIGN_OR_RETURN(
        v1::ListActionsEnAttenteResponse actions,
        Call<v1::ListActionsEnAttenteResponse>(
            Offres(), "ListActionsEnAttente", request, [&](auto* context, auto* response) {
              return offres_->ListActionsEnAttente(context, request, response);
            }));
    std::vector<std::string> ids;
    for (const v1::ActionEnAttente& action : actions.actions()) ids.push_back(action.offre_id());
    return ids;
  }

  absl::StatusOr<v1::ListOffresFermeesResponse> ListOffresFermees(const std::string& finess_eg) {
    v1::ListOffresFermeesRequest request;
    request.set_finess_eg(finess_eg);
    return Call<v1::ListOffresFermeesResponse>(
        Offres(), "ListOffresFermees", request, [&](auto* context, auto* response) {
          return offres_->ListOffresFermees(context, request, response);
        });
  }

 private:
  static const char* Offres() { return v1::OffreService::service_full_name(); }
  static const char* Organisations() { return v1::OrganisationService::service_full_name(); }
  static const char* Etablissements() { return v1::EtablissementService::service_full_name(); }

  // Every call goes through here: the bearer token, the deadline, the note of a write.
  template <typename Response, typename Request, typename Rpc>
  absl::StatusOr<Response> Call(const char* service, const char* method, const Request& request,
                                const Rpc& rpc) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
    if (!access_token_.empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", access_token_));
    }
    Response response;
    const grpc::Status status = rpc(&context, &response);
    if (IsWrite(method)) {
      WriteCall call{.method = absl::StrCat("/", service, "/", method),
                     .actor = actor_,
                     .code = static_cast<absl::StatusCode>(status.error_code()),
                     .request_id = "",
                     .stream_id = "",
                     .stream_version = 0};
      if constexpr (requires { request.request_id(); }) call.request_id = request.request_id();
      if (status.ok()) std::tie(call.stream_id, call.stream_version) = StreamReached(response);
      writes_->push_back(std::move(call));
    }
    if (!status.ok()) return server::FromGrpcStatus(status);
    return response;
  }

  std::string NextRequestId() { return absl::StrCat("offre-workflow-", actor_, "-", ++requests_); }

  std::unique_ptr<v1::OffreService::Stub> offres_;
  std::unique_ptr<v1::OrganisationService::Stub> organisations_;
  std::unique_ptr<v1::EtablissementService::Stub> etablissements_;
  const std::string access_token_;
  const std::string actor_;
  std::vector<WriteCall>* writes_;
  int requests_ = 0;
};

// ror-auth's AuthService, each call noted in `writes` as a write: every RPC this test calls there
// changes state (Login, CreateAccount, GrantRole, RequestPasswordReset, ResetPassword).
class AuthClient {
 public:
  AuthClient(const std::shared_ptr<grpc::Channel>& channel, std::vector<WriteCall>* writes)
      : stub_(v1::AuthService::NewStub(channel)), writes_(writes) {}

  // `method` is the RPC's name, for the audit comparison; `access_token` empty: anonymous.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(const char* method,
                                grpc::Status (v1::AuthService::Stub::*rpc)(grpc::ClientContext*,
                                                                           const Request&,
                                                                           Response*),
                                const Request& request, const std::string& access_token = "") {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
    if (!access_token.empty()) {
      context.AddMetadata("authorization", absl::StrCat("Bearer ", access_token));
    }
    Response response;
    const grpc::Status status = (stub_.get()->*rpc)(&context, request, &response);
    writes_->push_back(
        WriteCall{.method = absl::StrCat("/", v1::AuthService::service_full_name(), "/", method),
                  .actor = access_token.empty() ? "anonymous" : SubjectOf(access_token),
                  .code = static_cast<absl::StatusCode>(status.error_code()),
                  .request_id = "",
                  .stream_id = "",
                  .stream_version = 0});
    if (!status.ok()) return server::FromGrpcStatus(status);
    return response;
  }

 private:
  std::unique_ptr<v1::AuthService::Stub> stub_;
  std::vector<WriteCall>* writes_;
};

// The fields a refusal names (its ror.v1.BadRequest).
std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  if (std::optional<v1::BadRequest> bad = GetBadRequest(status)) {
    for (const v1::FieldViolation& v : bad->field_violations()) fields.push_back(v.field());
  }
  return fields;
}

// The offres of "Mes offres" hanging on `organisation_id` ("" for the EG itself).
std::vector<v1::OffreNode> OffresUnder(const v1::EtablissementTree& tree,
                                       const std::string& organisation_id) {
  if (organisation_id.empty()) return {tree.offres().begin(), tree.offres().end()};
  std::function<const v1::OrganisationNode*(
      const google::protobuf::RepeatedPtrField<v1::OrganisationNode>&)>
      find = [&](const auto& nodes) -> const v1::OrganisationNode* {
    for (const v1::OrganisationNode& node : nodes) {
      if (node.organisation().organisation_id() == organisation_id) return &node;
      if (const v1::OrganisationNode* below = find(node.children())) return below;
    }
    return nullptr;
  };
  const v1::OrganisationNode* node = find(tree.organisations());
  if (node == nullptr) return {};
  return {node->offres().begin(), node->offres().end()};
}

// Every offre of the tree, wherever it hangs.
std::vector<std::string> AllOffreIds(const v1::EtablissementTree& tree) {
  std::vector<std::string> ids;
  for (const v1::OffreNode& o : tree.offres()) ids.push_back(o.offre_id());
  std::function<void(const v1::OrganisationNode&)> walk = [&](const v1::OrganisationNode& node) {
    for (const v1::OffreNode& o : node.offres()) ids.push_back(o.offre_id());
    for (const v1::OrganisationNode& child : node.children()) walk(child);
  };
  for (const v1::OrganisationNode& node : tree.organisations()) walk(node);
  return ids;
}

MATCHER_P2(OffreNodeIs, offre_id, etat, "") {
  return arg.offre_id() == offre_id && arg.etat() == etat;
}

MATCHER_P(ProtoEquals, expected, "") {
  std::string differences;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&differences);
  if (differencer.Compare(expected, arg)) return true;
  *result_listener << differences;
  return false;
}

// What the open data shows of `content` (app/public_offre_view.cc): contacts, telecoms and
// MSSanté addresses "accès libre" only.
v1::OffreContent OpenDataContent(v1::OffreContent content) {
  const auto restricted = [](const auto& item) { return item.confidentialite() != kAccesLibre; };
  auto& contacts = *content.mutable_contacts();
  contacts.erase(std::remove_if(contacts.begin(), contacts.end(), restricted), contacts.end());
  for (v1::Contact& contact : contacts) {
    auto& telecoms = *contact.mutable_telecoms();
    telecoms.erase(std::remove_if(telecoms.begin(), telecoms.end(), restricted), telecoms.end());
  }
  auto& mss = *content.mutable_adresses_mssante();
  mss.erase(std::remove_if(mss.begin(), mss.end(), restricted), mss.end());
  return content;
}

// ---- The story.

class OffreWorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::filesystem::path& needed : {kFinessSample, kNomenclatures}) {
      if (!std::filesystem::exists(needed)) {
        GTEST_SKIP() << "Données partagées absentes / shared data missing: " << needed
                     << " (the FINESS sample and the national nomenclatures are expected in "
                        "../shared/data beside the repository)";
      }
    }
    ASSERT_NO_FATAL_FAILURE(StartBroker());
    ASSERT_NO_FATAL_FAILURE(StartAuth());
    ASSERT_OK_AND_ASSIGN(v1::TokenPair admin, LogIn(kAdminEmail, kAdminPassword));
    admin_token_ = admin.access_token();
    ASSERT_NO_FATAL_FAILURE(StartOffre());
    for (auto [reader, topic] :
         {std::pair{&offre_events_, kOffreTopic}, std::pair{&public_offres_, kPublicTopic},
          std::pair{&etablissement_events_, kEtablissementTopic}}) {
      ASSERT_OK_AND_ASSIGN(*reader, TopicReader::Open(bootstrap_, topic));
    }
  }

  void TearDown() override { StopAll(); }

  // The clients and readers first (no open channel for a server to drain, no consumer left on a
  // broker going away); then the services, so that their relays flush to a broker still there;
  // the broker last. Each must exit cleanly.
  void StopAll() {
    admin_.reset();
    client_.reset();
    anonymous_.reset();
    offre_channel_.reset();
    auth_.reset();
    offre_events_.reset();
    public_offres_.reset();
    etablissement_events_.reset();
    EXPECT_TRUE(Stop(offre_process_)) << "ror-offre did not exit cleanly:\n"
                                      << Tail(dir_.path() / "offre.log");
    EXPECT_TRUE(Stop(auth_process_)) << "ror-auth did not exit cleanly:\n"
                                     << Tail(dir_.path() / "auth.log");
    EXPECT_TRUE(Stop(broker_)) << "ror-devbroker did not exit cleanly:\n"
                               << Tail(dir_.path() / "devbroker.log");
  }

  void StartBroker() {
    const std::filesystem::path log = dir_.path() / "devbroker.log";
    broker_ = std::make_unique<ror::testing::ChildProcess>(
        std::vector<std::string>{
            ROR_DEVBROKER_BIN, "--port=0",
            absl::StrCat("--topics=", kOffreTopic, ":", kPartitions, ",", kPublicTopic, ":",
                         kPartitions, ",", kEtablissementTopic, ":", kPartitions,
                         ",ror.organisation.events.v1:", kPartitions, ",ror.auth.events.v1:1")},
        log.string());
    bootstrap_ = AwaitLogField(log, "devbroker up", "bootstrap", kStartTimeout);
    ASSERT_FALSE(bootstrap_.empty()) << "ror-devbroker did not start:\n" << Tail(log);
  }

  // ror-auth, with the national administrateur's first password in a file of the test's own.
  void StartAuth() {
    const std::filesystem::path password_file = dir_.path() / "admin-password";
    {
      std::ofstream out(password_file, std::ios::binary);
      out << kAdminPassword;
    }
    std::filesystem::permissions(
        password_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace);
    const std::filesystem::path log = dir_.path() / "auth.log";
    auth_process_ = std::make_unique<ror::testing::ChildProcess>(
        std::vector<std::string>{
            ROR_AUTH_BIN, "--port=0", "--metrics_port=-1",
            absl::StrCat("--data_dir=", AuthDir().string()),
            absl::StrCat("--kafka_bootstrap=", bootstrap_), absl::StrCat("--issuer=", kIssuer),
            absl::StrCat("--bootstrap_admin_email=", kAdminEmail),
            absl::StrCat("--bootstrap_admin_password_file=", password_file.string()),
            "--argon2_opslimit=1", "--argon2_memlimit_mib=8", "--access_token_ttl=1h"},
        log.string());
    auth_port_ = AwaitLogField(log, "server started", "grpc_port", kStartTimeout);
    ASSERT_FALSE(auth_port_.empty()) << "ror-auth did not start:\n" << Tail(log);
    auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", auth_port_),
                                       grpc::InsecureChannelCredentials());
    ASSERT_OK(AwaitServing(channel, v1::AuthService::service_full_name(), kStartTimeout))
        << Tail(log);
    auth_ = std::make_unique<AuthClient>(channel, &auth_writes_);
  }

  void StartOffre() {
    const std::filesystem::path log = dir_.path() / "offre.log";
    offre_process_ = std::make_unique<ror::testing::ChildProcess>(
        std::vector<std::string>{ROR_OFFRE_BIN, "--port=0", "--metrics_port=-1",
                                 absl::StrCat("--data_dir=", OffreDir().string()),
                                 absl::StrCat("--kafka_bootstrap=", bootstrap_),
                                 absl::StrCat("--nomenclatures_dir=", kNomenclatures.string()),
                                 absl::StrCat("--modeles_dir=", kModeles.string()),
                                 absl::StrCat("--auth=127.0.0.1:", auth_port_),
                                 absl::StrCat("--issuer=", kIssuer)},
        log.string());
    const std::string port = AwaitLogField(log, "server started", "grpc_port", kStartTimeout);
    ASSERT_FALSE(port.empty()) << "ror-offre did not start:\n" << Tail(log);
    offre_channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    for (const char* service :
         {"ror.v1.OffreService", "ror.v1.OrganisationService", "ror.v1.EtablissementService"}) {
      ASSERT_OK(AwaitServing(offre_channel_, service, kStartTimeout)) << Tail(log);
    }
    admin_ = std::make_unique<OffreClient>(offre_channel_, admin_token_, &offre_writes_);
    anonymous_ = std::make_unique<OffreClient>(offre_channel_, "", &offre_writes_);
  }

  std::filesystem::path AuthDir() const { return dir_.path() / "auth"; }
  std::filesystem::path OffreDir() const { return dir_.path() / "offre"; }

  // A session of `email`; its tokens are kept, to look for them in the logs.
  absl::StatusOr<v1::TokenPair> LogIn(const std::string& email, const std::string& password) {
    v1::LoginRequest login;
    login.set_email(email);
    login.set_password(password);
    ASSIGN_OR_RETURN(v1::TokenPair tokens,
                     auth_->Call("Login", &v1::AuthService::Stub::Login, login));
    tokens_received_.push_back(tokens);
    return tokens;
  }

  // ---- Kafka, per step.

  // Event `version` of offre `offre_id` as published on ror.offre.events.v1.
  template <typename Event>
  absl::StatusOr<Event> AwaitOffreEvent(const std::string& offre_id, int64_t version) {
    const std::string stream = absl::StrCat("offre-", offre_id);
    if (!offre_events_->ReadUntil(
            [&](const auto& records) { return HasVersion(records, stream, version); },
            kEventTimeout)) {
      return absl::DeadlineExceededError(
          absl::StrCat(stream, " v", version, " not on Kafka (", offre_events_->Describe(), ")"));
    }
    ASSIGN_OR_RETURN(EventsByStream events, DecodeEvents(offre_events_->records()));
    return PayloadAs<Event>(events[stream][version]);
  }

  // The record of ror.public.offre.v1 made by event `version` of offre `offre_id`.
  absl::StatusOr<KafkaRecord> AwaitPublicRecord(const std::string& offre_id, int64_t version) {
    if (!public_offres_->ReadUntil(
            [&](const auto& records) { return HasVersion(records, offre_id, version); },
            kEventTimeout)) {
      return absl::DeadlineExceededError(absl::StrCat("public record of ", offre_id, " v", version,
                                                      " not on Kafka (", public_offres_->Describe(),
                                                      ")"));
    }
    const std::vector<KafkaRecord> mine = PublicRecordsOf(offre_id);
    for (const KafkaRecord& r : mine) {
      if (r.Header("ce_streamversion") == absl::StrCat(version)) return r;
    }
    return absl::InternalError("unreachable");
  }

  // The records of ror.public.offre.v1 read so far for `offre_id`, each once, in order.
  std::vector<KafkaRecord> PublicRecordsOf(const std::string& offre_id) {
    std::vector<KafkaRecord> mine;
    std::set<std::string> seen;
    for (const KafkaRecord& r : public_offres_->records()) {
      if (r.key == offre_id && seen.insert(r.Header("ce_id")).second) mine.push_back(r);
    }
    return mine;
  }

  // "<type> v<version>" of each public record of `offre_id`, for a readable comparison.
  std::vector<std::string> PublicHistoryOf(const std::string& offre_id) {
    std::vector<std::string> history;
    for (const KafkaRecord& r : PublicRecordsOf(offre_id)) {
      history.push_back(absl::StrCat(r.Header("ce_type"), " v", r.Header("ce_streamversion")));
    }
    return history;
  }

  // Checks the open-data record the publication of `offre` (just validated) made.
  void ExpectPublished(const v1::Offre& offre) {
    ASSERT_OK_AND_ASSIGN(KafkaRecord record, AwaitPublicRecord(offre.offre_id(), offre.version()));
    EXPECT_EQ(record.Header("ce_type"), "fr.ror.public.offre.OffrePublique.v1");
    ASSERT_TRUE(record.value.has_value());
    v1::events::OffrePublique view;
    ASSERT_TRUE(view.ParseFromString(*record.value));
    EXPECT_EQ(view.offre_id(), offre.offre_id());
    EXPECT_EQ(view.finess_eg(), offre.finess_eg());
    EXPECT_EQ(view.version(), offre.version());
    EXPECT_THAT(view.content(), ProtoEquals(OpenDataContent(offre.content())));
  }

  // ---- Commands that change an offre, checked and remembered for step 10.

  // `offre` made event `event_type`, its version `offre.version()`.
  void Produced(const v1::Offre& offre, const std::string& event_type) {
    std::vector<std::string>& events = expected_events_[offre.offre_id()];
    events.push_back(event_type);
    EXPECT_EQ(offre.version(), static_cast<int64_t>(events.size()))
        << offre.offre_id() << ": one event per change";
  }

  // Étape 1: the offre is born a draft on `organisation_id` of `finess_eg`, created by `caller`.
  void CreateStep1(OffreClient& caller, const std::string& nom, const std::string& modele_saisie,
                   const std::string& finess_eg, const std::string& organisation_id,
                   v1::Offre& offre) {
    ASSERT_OK_AND_ASSIGN(offre, caller.CreateOffre(nom, modele_saisie, finess_eg, organisation_id));
    EXPECT_FALSE(offre.published());
    EXPECT_TRUE(offre.draft_pending());
    EXPECT_EQ(offre.finess_eg(), finess_eg);
    EXPECT_EQ(offre.organisation_id(), organisation_id);
    EXPECT_EQ(offre.draft().nom(), nom);
    EXPECT_EQ(offre.draft().champ_activite(), kChampMco);
    if (!offre.draft().modele_saisie().empty()) {  // recorded since the templates are wired
      EXPECT_EQ(offre.draft().modele_saisie(), modele_saisie);
    }
    Produced(offre, "OffreCreated");
    ASSERT_OK_AND_ASSIGN(v1::events::OffreCreated created,
                         AwaitOffreEvent<v1::events::OffreCreated>(offre.offre_id(), 1));
    EXPECT_EQ(created.offre_id(), offre.offre_id());
    EXPECT_EQ(created.nom(), nom);
    EXPECT_EQ(created.champ_activite(), kChampMco);
    EXPECT_EQ(created.finess_eg(), finess_eg);
    EXPECT_EQ(created.organisation_id(), organisation_id);
    EXPECT_THAT(created.draft(), ProtoEquals(offre.draft()));
    EXPECT_THAT(created.origin_offre_id(), IsEmpty());
  }

  // "Enregistrer le brouillon" of `draft` with steps 1..`step` complete: the draft is replaced,
  // what readers see is not; one OffreDraftUpdated when the draft changed, none otherwise.
  void SaveStep(v1::Offre& offre, const v1::OffreContent& draft, int step) {
    const v1::Offre before = offre;
    ASSERT_OK_AND_ASSIGN(offre, client_->SaveDraft(before.offre_id(), draft, step));
    EXPECT_TRUE(offre.draft_pending());
    EXPECT_THAT(offre.draft(), ProtoEquals(draft));
    EXPECT_EQ(offre.published(), before.published());
    EXPECT_THAT(offre.content(), ProtoEquals(before.content()));
    const v1::OffreContent& previous = before.draft_pending() ? before.draft() : before.content();
    if (MessageDifferencer::Equals(previous, draft)) {
      EXPECT_EQ(offre.version(), before.version()) << "an unchanged draft writes nothing";
      return;
    }
    Produced(offre, "OffreDraftUpdated");
    ASSERT_OK_AND_ASSIGN(
        v1::events::OffreDraftUpdated updated,
        AwaitOffreEvent<v1::events::OffreDraftUpdated>(offre.offre_id(), offre.version()));
    EXPECT_THAT(updated.draft(), ProtoEquals(draft));
  }

  // "Valider": the draft becomes the published version, for readers and for the open data.
  void Validate(v1::Offre& offre) {
    const v1::Offre before = offre;
    ASSERT_TRUE(before.draft_pending());
    ASSERT_OK_AND_ASSIGN(offre, client_->ValidateDraft(before.offre_id()));
    EXPECT_TRUE(offre.published());
    EXPECT_FALSE(offre.draft_pending());
    EXPECT_THAT(offre.content(), ProtoEquals(before.draft()));
    Produced(offre, "DraftValidated");
    ASSERT_OK_AND_ASSIGN(
        v1::events::DraftValidated validated,
        AwaitOffreEvent<v1::events::DraftValidated>(offre.offre_id(), offre.version()));
    EXPECT_THAT(validated.published(), ProtoEquals(offre.content()));
    ExpectPublished(offre);
  }

  // ---- The steps.

  // 1. The EGs come from the real FINESS sample, as `rorctl import finess` sends them: a national
  // administrateur's job.
  void ImportFinessSample() {
    SCOPED_TRACE("1. import FINESS");
    std::vector<v1::EtablissementFiche> fiches;
    ASSERT_OK(finess::ReadFinessFile(
        kFinessSample.string(),
        [&](finess::EtablissementRecord&& record) {
          if (fiches.size() < kImportedRecords) fiches.push_back(rorctl::ToFiche(record));
        },
        [](const finess::Rejection&) {}, nullptr));
    ASSERT_EQ(fiches.size(), kImportedRecords);
    // Two centres hospitaliers (same FINESS category), an EG of another category, and one more
    // EG the responsable d'offre will not be habilitated for.
    for (const v1::EtablissementFiche& fiche : fiches) {
      if (fiche.categorie() == kCategorieCentreHospitalier) {
        if (eg_.finess_eg().empty()) {
          eg_ = fiche;
        } else if (sibling_eg_.finess_eg().empty()) {
          sibling_eg_ = fiche;
        }
      } else if (other_eg_.finess_eg().empty()) {
        other_eg_ = fiche;
      } else if (foreign_eg_.finess_eg().empty()) {
        foreign_eg_ = fiche;
      }
    }
    ASSERT_FALSE(sibling_eg_.finess_eg().empty()) << "two centres hospitaliers in the sample";
    ASSERT_FALSE(other_eg_.finess_eg().empty()) << "an EG of another category in the sample";
    ASSERT_FALSE(foreign_eg_.finess_eg().empty()) << "a fourth EG in the sample";

    const std::string source = "finess CSV à plat finess_et_dept01_35.csv (test)";
    int created = 0;
    for (size_t first = 0; first < fiches.size(); first += kImportBatch) {
      const std::vector<v1::EtablissementFiche> batch(
          fiches.begin() + first, fiches.begin() + std::min(fiches.size(), first + kImportBatch));
      ASSERT_OK_AND_ASSIGN(v1::ImportEtablissementsResponse response,
                           admin_->Import(batch, source));
      ASSERT_EQ(response.outcomes_size(), static_cast<int>(batch.size()));
      for (const v1::ImportOutcome& outcome : response.outcomes()) {
        EXPECT_EQ(outcome.kind(), v1::ImportOutcome::KIND_CREATED)
            << outcome.finess_eg() << ": " << outcome.error();
        created += outcome.kind() == v1::ImportOutcome::KIND_CREATED;
      }
    }
    EXPECT_EQ(created, static_cast<int>(kImportedRecords));
    // The same extract again changes nothing.
    ASSERT_OK_AND_ASSIGN(v1::ImportEtablissementsResponse again,
                         admin_->Import({eg_, sibling_eg_, other_eg_}, source));
    for (const v1::ImportOutcome& outcome : again.outcomes()) {
      EXPECT_EQ(outcome.kind(), v1::ImportOutcome::KIND_UNCHANGED) << outcome.finess_eg();
    }

    const std::string stream = absl::StrCat("etablissement-", eg_.finess_eg());
    ASSERT_TRUE(etablissement_events_->ReadUntil(
        [&](const auto& records) { return HasVersion(records, stream, 1); }, kEventTimeout))
        << etablissement_events_->Describe();
    ASSERT_OK_AND_ASSIGN(EventsByStream events, DecodeEvents(etablissement_events_->records()));
    EXPECT_THAT(events[stream], ::testing::SizeIs(1)) << "an unchanged fiche publishes nothing";
    ASSERT_OK_AND_ASSIGN(v1::events::EtablissementImported imported,
                         PayloadAs<v1::events::EtablissementImported>(events[stream][1]));
    EXPECT_TRUE(imported.created());
    EXPECT_EQ(imported.source(), source);
    EXPECT_THAT(imported.fiche(), ProtoEquals(eg_));
  }

  // 2. The administrateur opens the account of a responsable d'offre habilitated on the EGs of the
  // story (a migrated account: no password yet); « Mot de passe oublié » mails him the link that
  // activates it; he sets his password and logs in. From here on he does the work.
  void OpenResponsableAccount() {
    SCOPED_TRACE("2. compte du responsable d'offre");
    v1::CreateAccountRequest create;
    create.set_email(kResponsableEmail);
    create.set_prenom(kResponsablePrenom);
    create.set_nom(kResponsableNom);
    ASSERT_OK_AND_ASSIGN(
        v1::Account account,
        auth_->Call("CreateAccount", &v1::AuthService::Stub::CreateAccount, create, admin_token_));
    EXPECT_FALSE(account.has_password());
    v1::GrantRoleRequest grant;
    grant.set_account_id(account.account_id());
    grant.mutable_grant()->set_role(v1::Grant::ROLE_RESPONSABLE_OFFRE);
    for (const v1::EtablissementFiche* eg : {&eg_, &sibling_eg_, &other_eg_}) {
      grant.mutable_grant()->add_finess_eg(eg->finess_eg());
    }
    ASSERT_OK_AND_ASSIGN(
        account, auth_->Call("GrantRole", &v1::AuthService::Stub::GrantRole, grant, admin_token_));
    ASSERT_EQ(account.grants_size(), 1);
    EXPECT_EQ(account.grants(0).role(), v1::Grant::ROLE_RESPONSABLE_OFFRE);
    EXPECT_THAT(account.grants(0).finess_eg(),
                ElementsAre(eg_.finess_eg(), sibling_eg_.finess_eg(), other_eg_.finess_eg()));

    v1::RequestPasswordResetRequest forgotten;
    forgotten.set_email(kResponsableEmail);
    ASSERT_OK(
        auth_->Call("RequestPasswordReset", &v1::AuthService::Stub::RequestPasswordReset, forgotten)
            .status());
    // The bootstrap administrateur got his password from the file: the only mail is this one.
    const std::vector<OutboxMail> mails = ReadOutbox(AuthDir() / "outbox");
    ASSERT_EQ(mails.size(), 1u) << "one activation mail in the outbox";
    EXPECT_EQ(mails[0].to, kResponsableEmail);
    EXPECT_TRUE(absl::StartsWith(mails[0].link,
                                 absl::StrCat(kIssuer, "/reinitialisation-mot-de-passe?jeton=")))
        << mails[0].link;
    ASSERT_FALSE(mails[0].token.empty());
    v1::ResetPasswordRequest reset;
    reset.set_reset_token(mails[0].token);
    reset.set_new_password(kResponsablePassword);
    ASSERT_OK(auth_->Call("ResetPassword", &v1::AuthService::Stub::ResetPassword, reset).status());

    ASSERT_OK_AND_ASSIGN(v1::TokenPair tokens, LogIn(kResponsableEmail, kResponsablePassword));
    EXPECT_EQ(SubjectOf(tokens.access_token()), account.account_id());
    client_ = std::make_unique<OffreClient>(offre_channel_, tokens.access_token(), &offre_writes_);
  }

  // 3. Établissement → Pôle → UF: the organisation interne offres hang on.
  void BuildOrganisationInterne() {
    SCOPED_TRACE("3. pôle et UF");
    const std::string& finess = eg_.finess_eg();
    ASSERT_OK_AND_ASSIGN(v1::Organisation pole,
                         client_->CreateOrganisation(finess, "", kPole, "Pôle Médecine-Chirurgie"));
    pole_ = pole.organisation_id();
    ASSERT_OK_AND_ASSIGN(v1::Organisation uf,
                         client_->CreateOrganisation(finess, pole_, kUniteFonctionnelle,
                                                     "HC Chirurgies polyvalentes"));
    uf_chirurgie_ = uf.organisation_id();
    ASSERT_OK_AND_ASSIGN(v1::Organisation uf_cardiologie,
                         client_->CreateOrganisation(finess, pole_, kUniteFonctionnelle,
                                                     "Cardiologie médicale - USIC"));
    uf_cardiologie_ = uf_cardiologie.organisation_id();

    // "Mes offres": the EG, its pôle, the two UF under it (by nom), no offre yet.
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, client_->Tree(finess));
    EXPECT_EQ(tree.finess_eg(), finess);
    EXPECT_EQ(tree.finess_ej(), eg_.finess_ej());
    EXPECT_EQ(tree.raison_sociale(), eg_.raison_sociale());
    ASSERT_EQ(tree.organisations_size(), 1);
    const v1::OrganisationNode& pole_node = tree.organisations(0);
    EXPECT_EQ(pole_node.organisation().organisation_id(), pole_);
    EXPECT_EQ(pole_node.organisation().type(), kPole);
    ASSERT_EQ(pole_node.children_size(), 2);
    EXPECT_EQ(pole_node.children(0).organisation().organisation_id(), uf_cardiologie_);
    EXPECT_EQ(pole_node.children(1).organisation().organisation_id(), uf_chirurgie_);
    EXPECT_EQ(pole_node.children(1).organisation().type(), kUniteFonctionnelle);
    EXPECT_THAT(AllOffreIds(tree), IsEmpty());

    // Fil d'Ariane of the UF: EJ → EG → pôle → UF.
    ASSERT_OK_AND_ASSIGN(v1::Breadcrumb crumbs, client_->Breadcrumb(uf_chirurgie_));
    std::vector<std::string> path;
    for (const v1::BreadcrumbItem& item : crumbs.items()) {
      path.push_back(absl::StrCat(item.type(), " ", item.id(), " ", item.nom()));
    }
    EXPECT_THAT(path,
                ElementsAre(absl::StrCat("EJ ", eg_.finess_ej(), " "),
                            absl::StrCat("EG ", finess, " ", eg_.raison_sociale()),
                            absl::StrCat("1 ", pole_, " Pôle Médecine-Chirurgie"),
                            absl::StrCat("3 ", uf_chirurgie_, " HC Chirurgies polyvalentes")));
  }

  // 4. Seed 002: "HC Chirurgie viscérale et digestive" in three steps, then "Valider".
  void CreateChirurgieInThreeSteps() {
    SCOPED_TRACE("4. création en trois étapes");
    ASSERT_NO_FATAL_FAILURE(CreateStep1(*client_, kNomChirurgie, kModeleChirurgieViscerale,
                                        eg_.finess_eg(), uf_chirurgie_, chirurgie_));

    // A step's required field missing is refused, naming the field; nothing is written.
    v1::OffreContent incomplete = chirurgie_.draft();
    incomplete.clear_type_offre();
    incomplete.set_mode_prise_en_charge(kHospitalisationComplete);
    const absl::StatusOr<v1::Offre> refused =
        client_->SaveDraft(chirurgie_.offre_id(), incomplete, 2);
    EXPECT_THAT(refused,
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("draft.type_offre")));
    EXPECT_THAT(ViolatedFields(refused.status()), Contains("draft.type_offre"));
    ASSERT_OK_AND_ASSIGN(v1::Offre unchanged, client_->GetOffre(chirurgie_.offre_id()));
    EXPECT_EQ(unchanged.version(), chirurgie_.version());

    // Étape 2 — accueil et prise en charge.
    v1::OffreContent draft = chirurgie_.draft();
    draft.set_type_offre(kTypeChirurgieViscerale);
    draft.set_mode_prise_en_charge(kHospitalisationComplete);
    ASSERT_NO_FATAL_FAILURE(SaveStep(chirurgie_, draft, 2));
    // Étape 3 — spécificités.
    draft = chirurgie_.draft();
    draft.clear_activites_operationnelles();
    draft.add_activites_operationnelles(kActiviteChirurgieDigestive);
    ASSERT_NO_FATAL_FAILURE(SaveStep(chirurgie_, draft, 3));
    EXPECT_FALSE(chirurgie_.published()) << "nothing published before « Valider »";

    ASSERT_NO_FATAL_FAILURE(Validate(chirurgie_));
    EXPECT_EQ(chirurgie_.content().type_offre(), kTypeChirurgieViscerale);
    EXPECT_EQ(chirurgie_.content().mode_prise_en_charge(), kHospitalisationComplete);
    EXPECT_THAT(chirurgie_.content().activites_operationnelles(),
                ElementsAre(kActiviteChirurgieDigestive));
    EXPECT_THAT(chirurgie_.warnings(), IsEmpty()) << "the nom follows « HC Spécialité »";

    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, client_->Tree(eg_.finess_eg()));
    const std::vector<v1::OffreNode> offres = OffresUnder(tree, uf_chirurgie_);
    ASSERT_EQ(offres.size(), 1u);
    EXPECT_EQ(offres[0].nom(), kNomChirurgie);
    EXPECT_EQ(offres[0].type_offre(), kTypeChirurgieViscerale);
    EXPECT_EQ(offres[0].etat(), v1::OffreNode::ETAT_PUBLIEE);
  }

  // 5. Seed 002, "Modifier": the change waits in a draft beside the published version. It adds
  // the unit's cadre de santé as a contact, her direct line and e-mail "accès restreint": what
  // the responsable sees, never the open data.
  void EditIntoDraftThenPublish() {
    SCOPED_TRACE("5. modification en brouillon puis validation");
    const v1::Offre published = chirurgie_;
    v1::OffreContent edited = published.content();
    edited.set_commentaire(kCommentaire);
    v1::Contact& contact = *edited.add_contacts();
    contact.set_nom(kContactNom);
    contact.set_fonction(kFonctionCadreDeSante);
    contact.set_confidentialite(kAccesRestreint);
    for (const auto& [canal, valeur] : {std::pair{kTelephoneFixe, kContactTelephone},
                                        std::pair{kCourrierElectronique, kContactEmail}}) {
      v1::Telecom& telecom = *contact.add_telecoms();
      telecom.set_canal(canal);
      telecom.set_valeur(valeur);
      telecom.set_confidentialite(kAccesRestreint);
    }
    ASSERT_NO_FATAL_FAILURE(SaveStep(chirurgie_, edited, 3));

    ASSERT_OK_AND_ASSIGN(v1::Offre read, client_->GetOffre(chirurgie_.offre_id()));
    EXPECT_TRUE(read.published());
    EXPECT_THAT(read.content(), ProtoEquals(published.content()));
    EXPECT_TRUE(read.draft_pending());
    EXPECT_EQ(read.draft().commentaire(), kCommentaire);
    EXPECT_EQ(read.version(), published.version() + 1);
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> en_attente,
                         client_->ActionsEnAttente(eg_.finess_eg()));
    EXPECT_THAT(en_attente, Contains(chirurgie_.offre_id())) << "« Mes actions en attente »";

    ASSERT_NO_FATAL_FAILURE(Validate(chirurgie_));
    ASSERT_OK_AND_ASSIGN(en_attente, client_->ActionsEnAttente(eg_.finess_eg()));
    EXPECT_THAT(en_attente, Not(Contains(chirurgie_.offre_id())));
    EXPECT_EQ(chirurgie_.content().commentaire(), kCommentaire);
    // The open data saw both publications and nothing of the draft between them.
    EXPECT_THAT(
        PublicHistoryOf(chirurgie_.offre_id()),
        ElementsAre(absl::StrCat("fr.ror.public.offre.OffrePublique.v1 v", published.version()),
                    absl::StrCat("fr.ror.public.offre.OffrePublique.v1 v", chirurgie_.version())));
    const std::vector<KafkaRecord> records = PublicRecordsOf(chirurgie_.offre_id());
    for (const KafkaRecord& record : records) {
      EXPECT_EQ(absl::StrContains(record.value.value_or(""), kCommentaire),
                record.Header("ce_streamversion") == absl::StrCat(chirurgie_.version()));
      for (const char* personal : {kContactNom, kContactTelephone, kContactEmail}) {
        EXPECT_FALSE(absl::StrContains(record.value.value_or(""), personal))
            << "the open data shows a contact « accès restreint »";
      }
    }
    ASSERT_EQ(chirurgie_.content().contacts_size(), 1) << "the responsable sees his contact";
    EXPECT_EQ(chirurgie_.content().contacts(0).telecoms_size(), 2);
  }

  // 6. "Dupliquer": a new offre, as a draft, with the same characteristics.
  void DuplicateChirurgie() {
    SCOPED_TRACE("6. duplication");
    ASSERT_OK_AND_ASSIGN(copy_, client_->DuplicateOffre(chirurgie_.offre_id()));
    EXPECT_NE(copy_.offre_id(), chirurgie_.offre_id());
    EXPECT_EQ(copy_.origin_offre_id(), chirurgie_.offre_id());
    EXPECT_FALSE(copy_.published());
    EXPECT_TRUE(copy_.draft_pending());
    EXPECT_THAT(copy_.draft(), ProtoEquals(chirurgie_.content()));
    EXPECT_EQ(copy_.finess_eg(), chirurgie_.finess_eg());
    EXPECT_EQ(copy_.organisation_id(), uf_chirurgie_);
    Produced(copy_, "OffreCreated");
    ASSERT_OK_AND_ASSIGN(v1::events::OffreCreated created,
                         AwaitOffreEvent<v1::events::OffreCreated>(copy_.offre_id(), 1));
    EXPECT_EQ(created.origin_offre_id(), chirurgie_.offre_id());
    EXPECT_EQ(created.organisation_id(), uf_chirurgie_);
    EXPECT_THAT(created.draft(), ProtoEquals(chirurgie_.content()));

    ASSERT_OK_AND_ASSIGN(v1::Offre origin, client_->GetOffre(chirurgie_.offre_id()));
    EXPECT_EQ(origin.version(), chirurgie_.version()) << "the original is untouched";
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, client_->Tree(eg_.finess_eg()));
    EXPECT_THAT(OffresUnder(tree, uf_chirurgie_),
                AllOf(Contains(OffreNodeIs(chirurgie_.offre_id(), v1::OffreNode::ETAT_PUBLIEE)),
                      Contains(OffreNodeIs(copy_.offre_id(), v1::OffreNode::ETAT_BROUILLON))));
  }

  // 7. Seed 003: the USIC, created on the wrong UF, moves to its own; its id, content and history
  // stay. Between EGs, only to one of the same FINESS category.
  void CreateAndMoveUsic() {
    SCOPED_TRACE("7. déplacement");
    ASSERT_NO_FATAL_FAILURE(
        CreateStep1(*client_, kNomUsic, kModeleCardiologie, eg_.finess_eg(), uf_chirurgie_, usic_));
    v1::OffreContent draft = usic_.draft();
    draft.set_type_offre(kTypeCardiologie);
    draft.set_mode_prise_en_charge(kHospitalisationComplete);
    ASSERT_NO_FATAL_FAILURE(SaveStep(usic_, draft, 2));
    draft = usic_.draft();
    draft.clear_activites_operationnelles();
    draft.add_activites_operationnelles(kActiviteCardiologie);
    ASSERT_NO_FATAL_FAILURE(SaveStep(usic_, draft, 3));
    ASSERT_NO_FATAL_FAILURE(Validate(usic_));
    EXPECT_THAT(usic_.warnings(), Contains(HasSubstr(absl::StrCat("« HC ", kNomUsic, " »"))))
        << "the naming convention is suggested, not imposed";

    const v1::Offre before = usic_;
    ASSERT_OK_AND_ASSIGN(usic_, client_->MoveOffre(before.offre_id(), "", uf_cardiologie_));
    EXPECT_EQ(usic_.offre_id(), before.offre_id());
    EXPECT_EQ(usic_.organisation_id(), uf_cardiologie_);
    EXPECT_EQ(usic_.finess_eg(), before.finess_eg());
    EXPECT_THAT(usic_.content(), ProtoEquals(before.content()));
    EXPECT_THAT(usic_.created_at(), ProtoEquals(before.created_at()));
    Produced(usic_, "OffreMoved");
    ASSERT_OK_AND_ASSIGN(v1::events::OffreMoved moved, AwaitOffreEvent<v1::events::OffreMoved>(
                                                           usic_.offre_id(), usic_.version()));
    EXPECT_EQ(moved.from_finess_eg(), eg_.finess_eg());
    EXPECT_EQ(moved.from_organisation_id(), uf_chirurgie_);
    EXPECT_EQ(moved.finess_eg(), eg_.finess_eg());
    EXPECT_EQ(moved.organisation_id(), uf_cardiologie_);
    ASSERT_OK_AND_ASSIGN(v1::Offre read, client_->GetOffre(usic_.offre_id()));
    EXPECT_EQ(read.organisation_id(), uf_cardiologie_);
    EXPECT_EQ(read.version(), before.version() + 1);
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree tree, client_->Tree(eg_.finess_eg()));
    EXPECT_THAT(OffresUnder(tree, uf_cardiologie_),
                ElementsAre(OffreNodeIs(usic_.offre_id(), v1::OffreNode::ETAT_PUBLIEE)));
    EXPECT_THAT(OffresUnder(tree, uf_chirurgie_),
                Not(Contains(OffreNodeIs(usic_.offre_id(), v1::OffreNode::ETAT_PUBLIEE))));

    // To another centre hospitalier: allowed (the copy, directly on that EG).
    ASSERT_OK_AND_ASSIGN(copy_, client_->MoveOffre(copy_.offre_id(), sibling_eg_.finess_eg(), ""));
    EXPECT_EQ(copy_.finess_eg(), sibling_eg_.finess_eg());
    EXPECT_THAT(copy_.organisation_id(), IsEmpty());
    EXPECT_TRUE(copy_.draft_pending()) << "the draft moves with the offre";
    Produced(copy_, "OffreMoved");
    ASSERT_OK_AND_ASSIGN(
        moved, AwaitOffreEvent<v1::events::OffreMoved>(copy_.offre_id(), copy_.version()));
    EXPECT_EQ(moved.from_finess_eg(), eg_.finess_eg());
    EXPECT_EQ(moved.from_organisation_id(), uf_chirurgie_);
    EXPECT_EQ(moved.finess_eg(), sibling_eg_.finess_eg());
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree sibling_tree,
                         client_->Tree(sibling_eg_.finess_eg()));
    EXPECT_THAT(OffresUnder(sibling_tree, ""),
                ElementsAre(OffreNodeIs(copy_.offre_id(), v1::OffreNode::ETAT_BROUILLON)));

    // To an EG of another category: refused (domain/offre.cc, CheckSameCategory), naming both.
    const absl::StatusOr<v1::Offre> refused =
        client_->MoveOffre(usic_.offre_id(), other_eg_.finess_eg(), "");
    EXPECT_THAT(refused, StatusIs(absl::StatusCode::kFailedPrecondition,
                                  AllOf(HasSubstr("finess_eg"), HasSubstr(eg_.categorie()),
                                        HasSubstr(other_eg_.categorie()))));
    ASSERT_OK_AND_ASSIGN(read, client_->GetOffre(usic_.offre_id()));
    EXPECT_EQ(read.version(), usic_.version());
    EXPECT_EQ(read.finess_eg(), eg_.finess_eg());
  }

  // 8. "Fermer" définitivement: out of "Mes offres" and of the open data, still readable.
  void CloseChirurgieForGood() {
    SCOPED_TRACE("8. fermeture définitive");
    ASSERT_OK_AND_ASSIGN(chirurgie_, client_->CloseDefinitively(chirurgie_.offre_id()));
    EXPECT_TRUE(chirurgie_.closed());
    EXPECT_TRUE(chirurgie_.closed_definitively());
    Produced(chirurgie_, "OffreClosed");
    ASSERT_OK_AND_ASSIGN(
        v1::events::OffreClosed closed,
        AwaitOffreEvent<v1::events::OffreClosed>(chirurgie_.offre_id(), chirurgie_.version()));
    EXPECT_TRUE(closed.definitive());

    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree open_tree, client_->Tree(eg_.finess_eg()));
    EXPECT_THAT(AllOffreIds(open_tree), Not(Contains(chirurgie_.offre_id())));
    EXPECT_THAT(AllOffreIds(open_tree), Contains(usic_.offre_id()));
    ASSERT_OK_AND_ASSIGN(v1::EtablissementTree whole_tree,
                         client_->Tree(eg_.finess_eg(), /*include_closed=*/true));
    EXPECT_THAT(
        OffresUnder(whole_tree, uf_chirurgie_),
        Contains(OffreNodeIs(chirurgie_.offre_id(), v1::OffreNode::ETAT_FERMEE_DEFINITIVEMENT)));

    // "Offres fermées définitivement" of the EG.
    ASSERT_OK_AND_ASSIGN(v1::ListOffresFermeesResponse fermees,
                         client_->ListOffresFermees(eg_.finess_eg()));
    ASSERT_EQ(fermees.offres_size(), 1);
    EXPECT_EQ(fermees.offres(0).offre_id(), chirurgie_.offre_id());
    EXPECT_EQ(fermees.offres(0).nom(), kNomChirurgie);
    EXPECT_EQ(fermees.offres(0).type_offre(), kTypeChirurgieViscerale);
    EXPECT_EQ(fermees.offres(0).organisation_id(), uf_chirurgie_);
    ASSERT_OK_AND_ASSIGN(v1::Offre read, client_->GetOffre(chirurgie_.offre_id()));
    EXPECT_TRUE(read.closed_definitively()) << "still readable";

    // The open data forgets it: a tombstone after its two publications.
    ASSERT_OK_AND_ASSIGN(KafkaRecord retired,
                         AwaitPublicRecord(chirurgie_.offre_id(), chirurgie_.version()));
    EXPECT_EQ(retired.Header("ce_type"), "fr.ror.public.offre.OffreRetiree.v1");
    EXPECT_FALSE(retired.value.has_value()) << "a tombstone has a null value";
    EXPECT_THAT(PublicHistoryOf(chirurgie_.offre_id()), ::testing::SizeIs(3));
  }

  // 9. What the responsable may not do, and what nobody does anonymously. The administrateur
  // opens an offre on an EG the responsable is not habilitated for: the responsable cannot change
  // it, nor import FINESS fiches (PERMISSION_DENIED); without a token no write passes
  // (UNAUTHENTICATED). Nothing is written; each refusal is audited all the same (step 12).
  void RefusedWithoutHabilitation() {
    SCOPED_TRACE("9. habilitations");
    ASSERT_NO_FATAL_FAILURE(CreateStep1(*admin_, kNomCardiologieAilleurs, kModeleCardiologie,
                                        foreign_eg_.finess_eg(), "", foreign_));
    v1::OffreContent draft = foreign_.draft();
    draft.set_commentaire(kCommentaire);
    EXPECT_THAT(client_->SaveDraft(foreign_.offre_id(), draft, 1),
                StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr(foreign_eg_.finess_eg())));
    EXPECT_THAT(client_->Import({foreign_eg_}, "finess (test)"),
                StatusIs(absl::StatusCode::kPermissionDenied));

    v1::OffreContent edited = usic_.content();
    edited.set_commentaire(kCommentaire);
    EXPECT_THAT(anonymous_->SaveDraft(usic_.offre_id(), edited, 3),
                StatusIs(absl::StatusCode::kUnauthenticated));

    ASSERT_OK_AND_ASSIGN(v1::Offre read, admin_->GetOffre(foreign_.offre_id()));
    EXPECT_EQ(read.version(), foreign_.version());
    EXPECT_THAT(read.draft().commentaire(), IsEmpty());
    ASSERT_OK_AND_ASSIGN(read, client_->GetOffre(usic_.offre_id()));
    EXPECT_EQ(read.version(), usic_.version());
    EXPECT_FALSE(read.draft_pending());
  }

  // 10. On ror.offre.events.v1, each offre stream is exactly what the steps produced: every event
  // once, in stream-version order, in the CloudEvents binding; and no other offre stream.
  void CheckEveryOffreStream() {
    SCOPED_TRACE("10. les flux d'événements sur Kafka");
    ASSERT_TRUE(offre_events_->ReadUntil(
        [&](const auto& records) {
          for (const auto& [offre_id, events] : expected_events_) {
            if (!HasVersion(records, absl::StrCat("offre-", offre_id), events.size())) return false;
          }
          return true;
        },
        kEventTimeout))
        << offre_events_->Describe();
    for (const KafkaRecord& record : offre_events_->records()) {
      EXPECT_EQ(record.Header("ce_specversion"), "1.0");
      EXPECT_EQ(record.Header("ce_source"), "/ror/offre");
      EXPECT_EQ(record.Header("content-type"), "application/protobuf");
      EXPECT_EQ(record.Header("ce_subject"), record.key);
      EXPECT_FALSE(record.Header("traceparent").empty());
    }
    ASSERT_OK_AND_ASSIGN(EventsByStream streams, DecodeEvents(offre_events_->records()));
    std::map<std::string, std::vector<std::string>> published;
    for (const auto& [stream, events] : streams) {
      std::vector<std::string>& types = published[stream.substr(std::string("offre-").size())];
      int64_t expected_version = 1;
      for (const auto& [version, event] : events) {
        EXPECT_EQ(version, expected_version++) << stream << ": versions without gaps";
        types.push_back(event.event_type());
      }
    }
    EXPECT_EQ(published, expected_events_);
  }

  // 11. With the processes stopped, no log line holds a password, an e-mail address, a token, a
  // reset link or the contact's data.
  void CheckNoSecretInLogs() {
    SCOPED_TRACE("11. ni secret ni donnée personnelle dans les journaux");
    std::vector<std::pair<std::string, std::string>> secrets = {
        {"the administrateur's password", kAdminPassword},
        {"the responsable's password", kResponsablePassword},
        {"the administrateur's e-mail", kAdminEmail},
        {"the responsable's e-mail", kResponsableEmail},
        {"the responsable's nom", kResponsableNom},
        {"the contact's nom", kContactNom},
        {"the contact's phone number", kContactTelephone},
        {"the contact's e-mail", kContactEmail},
    };
    ASSERT_EQ(tokens_received_.size(), 2u) << "the administrateur's session and the responsable's";
    for (const v1::TokenPair& tokens : tokens_received_) {
      secrets.emplace_back("an access token", tokens.access_token());
      secrets.emplace_back("a refresh token", tokens.refresh_token());
    }
    const std::vector<OutboxMail> mails = ReadOutbox(AuthDir() / "outbox");
    ASSERT_FALSE(mails.empty());
    for (const OutboxMail& mail : mails) {
      secrets.emplace_back("a reset link", mail.link);
      secrets.emplace_back("a reset token", mail.token);
    }
    for (const auto& [what, secret] : secrets) ASSERT_FALSE(secret.empty()) << what;

    for (const char* name : {"auth.log", "offre.log", "devbroker.log"}) {
      std::ifstream in(dir_.path() / name);
      ASSERT_TRUE(in.is_open()) << name;
      int number = 0;
      for (std::string line; std::getline(in, line);) {
        ++number;
        for (const auto& [what, secret] : secrets) {
          if (absl::StrContains(line, secret)) {
            ADD_FAILURE() << name << ":" << number << " holds " << what << ": " << line;
          }
        }
      }
      EXPECT_GT(number, 0) << name << " is empty: nothing was checked";
    }
  }

  // `rorctl audit verify` on the audit log at `dir`, as the operator runs it.
  ToolRun RorctlAuditVerify(const std::filesystem::path& dir) {
    return RunTool({ROR_RORCTL_BIN, "audit", "verify", "--dir", dir.string()},
                   dir_.path() / "rorctl.log");
  }

  // The records of `log`, against the write calls made to its service, one by one, in order:
  // method, outcome and caller; with `streams`, also the stream and version each successful
  // write reached and its request id.
  void ExpectOneRecordPerWrite(const audit::AuditLog& log, const std::vector<WriteCall>& writes,
                               bool streams) {
    ASSERT_OK_AND_ASSIGN(audit::ChainReport report, log.Verify());
    EXPECT_TRUE(report.ok()) << audit::Describe(report);
    EXPECT_EQ(log.Head().sequence(), static_cast<int64_t>(writes.size()));
    ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> records, log.Read(1, writes.size() + 100));
    std::vector<std::string> audited;
    for (const v1::AuditRecord& r : records) {
      audited.push_back(absl::StrCat(r.method(), " ", r.outcome(), " by ", r.actor().subject()));
    }
    std::vector<std::string> made;
    for (const WriteCall& w : writes) made.push_back(w.Describe());
    ASSERT_THAT(audited, ElementsAreArray(made)) << "one record per write call, in order";
    for (size_t i = 0; i < records.size(); ++i) {
      const v1::AuditRecord& r = records[i];
      const WriteCall& w = writes[i];
      SCOPED_TRACE(absl::StrCat("record ", r.sequence(), ": ", w.Describe()));
      EXPECT_EQ(r.sequence(), static_cast<int64_t>(i + 1));
      EXPECT_EQ(r.outcome_code(), static_cast<int>(w.code));
      EXPECT_EQ(r.actor().kind(),
                w.actor == "anonymous" ? v1::Actor::KIND_SYSTEM : v1::Actor::KIND_USER);
      EXPECT_TRUE(absl::StartsWith(r.peer(), "ipv4:127.0.0.1:")) << r.peer();
      if (!streams) continue;
      EXPECT_EQ(r.stream_id(), w.stream_id);
      EXPECT_EQ(r.stream_version(), w.stream_version);
      if (w.code == absl::StatusCode::kOk) {
        EXPECT_EQ(r.request_id(), w.request_id);
      }
    }
  }

  // 12. Offre's audit log verifies and holds one record per write call of the test (refusals
  // included), each naming the caller, the outcome, and for a successful one the stream and the
  // version its response showed; `rorctl audit verify` agrees. Auth's verifies too, one record per
  // call.
  void CheckAuditLogs() {
    SCOPED_TRACE("12. journaux d'audit");
    const std::filesystem::path offre_audit = OffreDir() / "audit";
    {
      ASSERT_OK_AND_ASSIGN(std::unique_ptr<audit::AuditLog> log,
                           audit::AuditLog::OpenReadOnly(offre_audit.string()));
      ASSERT_NO_FATAL_FAILURE(ExpectOneRecordPerWrite(*log, offre_writes_, /*streams=*/true));
    }
    int refused = 0;
    for (const WriteCall& w : offre_writes_) refused += w.code != absl::StatusCode::kOk;
    EXPECT_EQ(refused, 5) << "the incomplete draft, the move to another category, the two "
                             "PERMISSION_DENIED and the UNAUTHENTICATED of step 9";
    const ToolRun verify = RorctlAuditVerify(offre_audit);
    EXPECT_EQ(verify.exit_code, 0);
    EXPECT_THAT(verify.lines, ElementsAre(absl::StrCat("audit: ", offre_writes_.size(),
                                                       " records verified from sequence 1 to ",
                                                       offre_writes_.size())));

    ASSERT_OK_AND_ASSIGN(std::unique_ptr<audit::AuditLog> log,
                         audit::AuditLog::OpenReadOnly((AuthDir() / "audit").string()));
    ASSERT_NO_FATAL_FAILURE(ExpectOneRecordPerWrite(*log, auth_writes_, /*streams=*/false));
  }

  // 13. Someone with write access to the disk changes one byte of one record of offre's audit
  // log: both the library and the operator's tool name that record.
  void TamperWithOffreAudit() {
    SCOPED_TRACE("13. altération du journal d'audit");
    const std::filesystem::path path = OffreDir() / "audit";
    const auto sequence = static_cast<int64_t>(offre_writes_.size() / 2);
    ASSERT_GE(sequence, 1);
    ASSERT_OK(FlipOneByteOfRecord(path.string(), sequence));

    ASSERT_OK_AND_ASSIGN(std::unique_ptr<audit::AuditLog> log,
                         audit::AuditLog::OpenReadOnly(path.string()));
    ASSERT_OK_AND_ASSIGN(audit::ChainReport report, log->Verify());
    ASSERT_TRUE(report.first_break.has_value()) << audit::Describe(report);
    EXPECT_EQ(report.first_break->sequence, sequence) << audit::Describe(report);
    EXPECT_EQ(report.first_break->kind, audit::BreakKind::kModified) << audit::Describe(report);
    log.reset();
    const ToolRun verify = RorctlAuditVerify(path);
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_THAT(verify.lines, ElementsAre(HasSubstr(absl::StrCat("audit: chain broken at sequence ",
                                                                 sequence, " (modified)"))));
  }

  ror::testing::TempDir dir_;
  std::unique_ptr<ror::testing::ChildProcess> broker_;
  std::unique_ptr<ror::testing::ChildProcess> auth_process_;
  std::unique_ptr<ror::testing::ChildProcess> offre_process_;
  std::string bootstrap_;
  std::string auth_port_;
  std::unique_ptr<AuthClient> auth_;
  std::shared_ptr<grpc::Channel> offre_channel_;
  std::unique_ptr<OffreClient> admin_;      // the national administrateur
  std::unique_ptr<OffreClient> client_;     // the responsable d'offre, from step 2
  std::unique_ptr<OffreClient> anonymous_;  // no token
  std::unique_ptr<TopicReader> offre_events_;
  std::unique_ptr<TopicReader> public_offres_;
  std::unique_ptr<TopicReader> etablissement_events_;

  // Who the story's people are for the services.
  std::string admin_token_;
  std::vector<v1::TokenPair> tokens_received_;  // every login's
  // Every state-changing call made to each service, in order: what its audit log must hold.
  std::vector<WriteCall> offre_writes_;
  std::vector<WriteCall> auth_writes_;

  // What the story works on.
  v1::EtablissementFiche eg_;          // a centre hospitalier
  v1::EtablissementFiche sibling_eg_;  // another one
  v1::EtablissementFiche other_eg_;    // an EG of another FINESS category
  v1::EtablissementFiche foreign_eg_;  // an EG the responsable is not habilitated for
  std::string pole_;
  std::string uf_chirurgie_;
  std::string uf_cardiologie_;
  v1::Offre chirurgie_;  // HC Chirurgie viscérale et digestive
  v1::Offre copy_;       // its duplicate
  v1::Offre usic_;
  v1::Offre foreign_;  // the administrateur's, on foreign_eg_
  // Per offre id, the event types its commands produced, in order.
  std::map<std::string, std::vector<std::string>> expected_events_;
};

TEST_F(OffreWorkflowTest, ResponsableCreatesEditsDuplicatesMovesAndClosesOffres) {
  ASSERT_NO_FATAL_FAILURE(ImportFinessSample());
  ASSERT_NO_FATAL_FAILURE(OpenResponsableAccount());
  ASSERT_NO_FATAL_FAILURE(BuildOrganisationInterne());
  ASSERT_NO_FATAL_FAILURE(CreateChirurgieInThreeSteps());
  ASSERT_NO_FATAL_FAILURE(EditIntoDraftThenPublish());
  ASSERT_NO_FATAL_FAILURE(DuplicateChirurgie());
  ASSERT_NO_FATAL_FAILURE(CreateAndMoveUsic());
  ASSERT_NO_FATAL_FAILURE(CloseChirurgieForGood());
  ASSERT_NO_FATAL_FAILURE(RefusedWithoutHabilitation());
  ASSERT_NO_FATAL_FAILURE(CheckEveryOffreStream());
  StopAll();
  ASSERT_NO_FATAL_FAILURE(CheckNoSecretInLogs());
  ASSERT_NO_FATAL_FAILURE(CheckAuditLogs());
  ASSERT_NO_FATAL_FAILURE(TamperWithOffreAudit());
}

}  // namespace
}  // namespace ror::offre
