#include "libs/server/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/server/grpc_status.h"
#include "libs/server/instrumented_event_store.h"
#include "libs/server/metrics.h"
#include "ror/v1/types.pb.h"

namespace ror::server {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;
using ::testing::HasSubstr;

constexpr char kService[] = "ror.v1.TestService";

class FakeRelay final : public RelayLink {
 public:
  explicit FakeRelay(std::string view = "full") : view_(std::move(view)) {}
  std::string view() const override { return view_; }
  RelayState State() const override {
    return RelayState{
        .connected = connected.load(), .head = head.load(), .checkpoint = checkpoint.load()};
  }
  void Stop(absl::Duration flush_timeout) override {
    stopped_with = flush_timeout;
    stopped = true;
  }

  std::atomic<bool> connected{false};
  std::atomic<uint64_t> head{0};
  std::atomic<uint64_t> checkpoint{0};
  std::atomic<bool> stopped{false};
  absl::Duration stopped_with;  // set before `stopped`

 private:
  const std::string view_;
};

// Plain HTTP/1.0 GET on loopback; the whole response (status line, headers, body).
std::string HttpGet(int port, const std::string& path) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    const std::string request = absl::StrCat("GET ", path, " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    if (::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = ::read(fd, buf, sizeof(buf))) > 0;) out.append(buf, n);
    }
  }
  ::close(fd);
  return out;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerOptions Options() {
    ServerOptions options;
    options.name = "test";
    options.health_services = {kService};
    options.host = "127.0.0.1";
    options.port = 0;
    options.health_interval = absl::Milliseconds(10);
    options.drain_timeout = absl::Seconds(1);
    return options;
  }

  void Connect(int port) {
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    health_ = Health::NewStub(channel_);
  }

  HealthCheckResponse::ServingStatus Check(const std::string& service) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = health_->Check(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.status();
  }

  // Polls the health service until it reports `want` (the watch runs every 10 ms).
  bool EventuallyStatus(const std::string& service, HealthCheckResponse::ServingStatus want) {
    const absl::Time deadline = absl::Now() + absl::Seconds(5);
    while (absl::Now() < deadline) {
      if (Check(service) == want) return true;
      absl::SleepFor(absl::Milliseconds(10));
    }
    return false;
  }

  FakeClock clock_;
  eventstore::MemoryEventStore store_{clock_};
  Metrics metrics_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<Health::Stub> health_;
};

TEST_F(ServerTest, ListensOnPortZeroAndServesHealthWithoutRelay) {
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(Options(), {}, store_, {}, metrics_));
  ASSERT_GT(server->port(), 0);
  EXPECT_EQ(server->metrics_port(), -1);
  Connect(server->port());
  EXPECT_EQ(Check(""), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check(kService), HealthCheckResponse::SERVING);
  EXPECT_TRUE(server->serving());
}

TEST_F(ServerTest, NotServingUntilEveryRelayConnectsThenFollowsTheStore) {
  FakeRelay relay;
  FakeRelay public_relay("public");
  ASSERT_OK_AND_ASSIGN(auto server,
                       Server::Start(Options(), {}, store_, {&relay, &public_relay}, metrics_));
  Connect(server->port());
  EXPECT_EQ(Check(kService), HealthCheckResponse::NOT_SERVING);
  EXPECT_EQ(Check(""), HealthCheckResponse::NOT_SERVING);

  relay.connected = true;
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(Check(kService), HealthCheckResponse::NOT_SERVING) << "the public relay is not yet";
  public_relay.connected = true;
  EXPECT_TRUE(EventuallyStatus(kService, HealthCheckResponse::SERVING));
  EXPECT_EQ(Check(""), HealthCheckResponse::SERVING);

  store_.FailWrites(absl::UnavailableError("disk full"));
  EXPECT_TRUE(EventuallyStatus(kService, HealthCheckResponse::NOT_SERVING));
  EXPECT_FALSE(server->serving());

  store_.FailWrites(absl::OkStatus());
  EXPECT_TRUE(EventuallyStatus(kService, HealthCheckResponse::SERVING));

  // Once connected, losing the broker does not stop the service: events wait in the store.
  relay.connected = false;
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_EQ(Check(kService), HealthCheckResponse::SERVING);
}

TEST_F(ServerTest, ExposesRpcCountersAndRelayLagOnTheMetricsPort) {
  FakeRelay relay;
  relay.connected = true;
  relay.head = 10;
  relay.checkpoint = 7;
  FakeRelay public_relay("public");
  public_relay.connected = true;
  public_relay.head = 10;
  public_relay.checkpoint = 10;
  ServerOptions options = Options();
  options.metrics_host = "127.0.0.1";
  options.metrics_port = 0;
  ASSERT_OK_AND_ASSIGN(auto server,
                       Server::Start(options, {}, store_, {&relay, &public_relay}, metrics_));
  ASSERT_GT(server->metrics_port(), 0);
  Connect(server->port());
  EXPECT_EQ(Check(kService), HealthCheckResponse::SERVING);
  EXPECT_EQ(Check(kService), HealthCheckResponse::SERVING);

  InstrumentedEventStore store(store_, metrics_);
  v1::EventEnvelope event;
  event.set_event_type("Tested");
  ASSERT_OK(store.Append("test-1", eventstore::kNoStream, {event}, "r1").status());

  const std::string page = HttpGet(server->metrics_port(), "/metrics");
  EXPECT_THAT(page, HasSubstr("200 OK"));
  EXPECT_THAT(
      page,
      HasSubstr(
          R"(ror_grpc_server_handled_total{grpc_code="OK",grpc_method="Check",grpc_service="grpc.health.v1.Health"} 2)"));
  EXPECT_THAT(
      page,
      HasSubstr(
          R"(ror_grpc_server_handling_seconds_count{grpc_code="OK",grpc_method="Check",grpc_service="grpc.health.v1.Health"} 2)"));
  EXPECT_THAT(page, HasSubstr(R"(ror_eventstore_append_seconds_count{code="OK"} 1)"));
  EXPECT_THAT(page, HasSubstr(R"(ror_relay_lag_events{view="full"} 3)"));
  EXPECT_THAT(page, HasSubstr(R"(ror_relay_lag_events{view="public"} 0)"));
  EXPECT_THAT(page, HasSubstr(R"(ror_relay_connected{view="full"} 1)"));
  EXPECT_THAT(page, HasSubstr(R"(ror_relay_connected{view="public"} 1)"));
}

TEST_F(ServerTest, CountsFailedRpcsWithTheirCode) {
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(Options(), {}, store_, {}, metrics_));
  Connect(server->port());
  grpc::ClientContext context;
  HealthCheckRequest request;
  request.set_service("no.such.Service");
  HealthCheckResponse response;
  EXPECT_EQ(health_->Check(&context, request, &response).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(
      metrics_.Render(),
      HasSubstr(
          R"(ror_grpc_server_handled_total{grpc_code="NOT_FOUND",grpc_method="Check",grpc_service="grpc.health.v1.Health"} 1)"));
}

TEST_F(ServerTest, ProjectionGaugesAreReadAtScrapeTime) {
  std::atomic<int> lag{4};
  const Metrics::GaugeId id =
      metrics_.AddGauge("ror_projection_lag_events", "Events behind.", {{"projection", "search"}},
                        [&lag] { return static_cast<double>(lag.load()); });
  EXPECT_THAT(metrics_.Render(), HasSubstr(R"(ror_projection_lag_events{projection="search"} 4)"));
  lag = 9;
  EXPECT_THAT(metrics_.Render(), HasSubstr(R"(ror_projection_lag_events{projection="search"} 9)"));
  metrics_.RemoveGauge(id);
  EXPECT_THAT(metrics_.Render(), ::testing::Not(HasSubstr("ror_projection_lag_events")));
}

TEST_F(ServerTest, ServesReflection) {
  ASSERT_OK_AND_ASSIGN(auto server, Server::Start(Options(), {}, store_, {}, metrics_));
  Connect(server->port());
  // ServerReflectionRequest{list_services: ""} (field 7), spoken without the reflection protos.
  grpc::GenericStub stub(channel_);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = nullptr;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  const char request_bytes[] = {0x3a, 0x00};
  grpc::Slice slice(request_bytes, sizeof(request_bytes));
  grpc::ByteBuffer request(&slice, 1);
  call->WriteLast(request, grpc::WriteOptions(), reinterpret_cast<void*>(2));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& s : slices)
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_THAT(bytes, HasSubstr("grpc.health.v1.Health"));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  context.TryCancel();
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

TEST_F(ServerTest, ShutdownStopsServingAndFlushesEveryRelay) {
  FakeRelay relay;
  relay.connected = true;
  FakeRelay public_relay("public");
  public_relay.connected = true;
  ServerOptions options = Options();
  options.relay_flush_timeout = absl::Seconds(3);
  ASSERT_OK_AND_ASSIGN(auto server,
                       Server::Start(options, {}, store_, {&relay, &public_relay}, metrics_));
  Connect(server->port());
  EXPECT_EQ(Check(kService), HealthCheckResponse::SERVING);
  std::thread waiter([&] { server->Wait(); });
  server->Shutdown();
  waiter.join();
  EXPECT_TRUE(relay.stopped);
  EXPECT_EQ(relay.stopped_with, absl::Seconds(3));
  EXPECT_TRUE(public_relay.stopped);
  EXPECT_EQ(public_relay.stopped_with, absl::Seconds(3));
  EXPECT_FALSE(server->serving());
  server->Shutdown();  // idempotent
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  HealthCheckResponse response;
  EXPECT_FALSE(health_->Check(&context, HealthCheckRequest(), &response).ok());
}

TEST_F(ServerTest, TakenPortIsAnError) {
  ASSERT_OK_AND_ASSIGN(auto first, Server::Start(Options(), {}, store_, {}, metrics_));
  ServerOptions options = Options();
  options.port = first->port();
  EXPECT_THAT(Server::Start(options, {}, store_, {}, metrics_),
              ::ror::testing::StatusIs(absl::StatusCode::kUnavailable));
}

TEST(GrpcStatusTest, MapsCodesMessagesAndPayloadsBothWays) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  absl::Status status = absl::InvalidArgumentError("nom : obligatoire");
  v1::BadRequest bad_request;
  v1::FieldViolation* v = bad_request.add_field_violations();
  v->set_field("nom");
  v->set_rule("required");
  status.SetPayload("type.googleapis.com/ror.v1.BadRequest",
                    absl::Cord(bad_request.SerializeAsString()));
  grpc::Status wire = ToGrpcStatus(status);
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(wire.error_message(), "nom : obligatoire");
  EXPECT_FALSE(wire.error_details().empty());
  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), "nom : obligatoire");
  auto payload = back.GetPayload("type.googleapis.com/ror.v1.BadRequest");
  ASSERT_TRUE(payload.has_value());
  v1::BadRequest parsed;
  ASSERT_TRUE(parsed.ParseFromString(std::string(*payload)));
  EXPECT_EQ(parsed.field_violations(0).field(), "nom");

  for (int code = 1; code <= 16; ++code) {
    absl::Status s(static_cast<absl::StatusCode>(code), "m");
    EXPECT_EQ(static_cast<int>(ToGrpcStatus(s).error_code()), code);
    EXPECT_TRUE(ToGrpcStatus(s).error_details().empty());
  }
}

}  // namespace
}  // namespace ror::server
