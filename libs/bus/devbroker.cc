#include "libs/bus/devbroker.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "librdkafka/rdkafka.h"
#include "librdkafka/rdkafka_mock.h"
#include "libs/common/log.h"

namespace ror::bus {
namespace {

int ConnectTo(const std::string& host, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Copies what is readable on `from` to `to`; false when either side is done.
bool CopyOnce(int from, int to) {
  char buf[64 * 1024];
  ssize_t n = ::read(from, buf, sizeof buf);
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    ssize_t w = ::write(to, buf + off, n - off);
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DevBroker>> DevBroker::Start(const DevBrokerOptions& options) {
  std::unique_ptr<DevBroker> b(new DevBroker());
  b->options_ = options;
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  b->handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (b->handle_ == nullptr) return absl::InternalError(absl::StrCat("devbroker: ", err));
  b->cluster_ = rd_kafka_mock_cluster_new(b->handle_, std::max(options.brokers, 1));
  if (b->cluster_ == nullptr)
    return absl::InternalError("devbroker: cannot create the mock cluster");
  for (const auto& [name, partitions] : options.topics) {
    if (absl::Status s = b->CreateTopic(name, partitions); !s.ok()) return s;
  }
  // "127.0.0.1:40123,127.0.0.1:40125": forward to the first broker.
  std::vector<std::string> first =
      absl::StrSplit(std::vector<std::string>(
                         absl::StrSplit(rd_kafka_mock_cluster_bootstraps(b->cluster_), ','))[0],
                     ':');
  b->first_broker_host_ = first[0];
  if (!absl::SimpleAtoi(first[1], &b->first_broker_port_)) {
    return absl::InternalError("devbroker: unexpected mock bootstrap address");
  }

  b->listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(b->listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(options.port));
  ::inet_pton(AF_INET, options.host.c_str(), &addr.sin_addr);
  if (::bind(b->listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(b->listener_, 64) != 0) {
    return absl::UnavailableError(absl::StrCat("devbroker: cannot listen on ", options.host, ":",
                                               options.port, ": ", std::strerror(errno)));
  }
  socklen_t len = sizeof addr;
  ::getsockname(b->listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  b->port_ = ntohs(addr.sin_port);
  b->acceptor_ = std::thread([p = b.get()] { p->AcceptLoop(); });
  return b;
}

DevBroker::~DevBroker() {
  stopping_ = true;
  if (listener_ >= 0) ::shutdown(listener_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  if (listener_ >= 0) ::close(listener_);
  {
    std::lock_guard lock(connections_mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : connections_) t.join();
  if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
  if (handle_) rd_kafka_destroy(handle_);
}

std::string DevBroker::bootstrap() const { return absl::StrCat(options_.host, ":", port_); }

std::string DevBroker::cluster_id() const {
  // The mock cluster names itself; ask it the way any client would.
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", rd_kafka_mock_cluster_bootstraps(cluster_), err,
                    sizeof err);
  rd_kafka_t* client = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (client == nullptr) return "";
  char* id = rd_kafka_clusterid(client, 5000);
  std::string out = id ? id : "";
  if (id) rd_kafka_mem_free(client, id);
  rd_kafka_destroy(client);
  return out;
}

void DevBroker::SetBrokersDown(bool down) {
  for (int id = 1; id <= std::max(options_.brokers, 1); ++id) {
    if (down) {
      rd_kafka_mock_broker_set_down(cluster_, id);
    } else {
      rd_kafka_mock_broker_set_up(cluster_, id);
    }
  }
}

absl::Status DevBroker::CreateTopic(const std::string& name, int partitions) {
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, 1);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return absl::InvalidArgumentError(
        absl::StrCat("devbroker: topic ", name, ": ", rd_kafka_err2str(err)));
  }
  return absl::OkStatus();
}

void DevBroker::AcceptLoop() {
  while (!stopping_) {
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (stopping_) return;
      continue;
    }
    std::lock_guard lock(connections_mu_);
    open_fds_.push_back(client);
    connections_.emplace_back([this, client] { Pump(client); });
  }
}

void DevBroker::Pump(int client) {
  int broker = ConnectTo(first_broker_host_, first_broker_port_);
  if (broker >= 0) {
    {
      std::lock_guard lock(connections_mu_);
      open_fds_.push_back(broker);
    }
    pollfd fds[2] = {{client, POLLIN, 0}, {broker, POLLIN, 0}};
    while (!stopping_) {
      if (::poll(fds, 2, 500) < 0) break;
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !CopyOnce(client, broker)) break;
      if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) && !CopyOnce(broker, client)) break;
    }
  }
  std::lock_guard lock(connections_mu_);
  for (int fd : {client, broker}) {
    if (fd < 0) continue;
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
    ::close(fd);
  }
}

}  // namespace ror::bus
