#include "libs/server/rpc_metrics_interceptor.h"

#include <chrono>
#include <string>

#include "absl/status/status.h"

namespace ror::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class RpcMetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  RpcMetricsInterceptor(Metrics& metrics, const char* method)
      : metrics_(metrics),
        method_(method != nullptr ? method : "/unknown/unknown"),
        start_(std::chrono::steady_clock::now()) {}

  // An RPC that ended without sending a status (the client went away) counts as CANCELLED.
  ~RpcMetricsInterceptor() override {
    if (!recorded_) Record(grpc::StatusCode::CANCELLED);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Record(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  void Record(grpc::StatusCode code) {
    recorded_ = true;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    metrics_.ObserveRpc(method_, absl::StatusCodeToString(static_cast<absl::StatusCode>(code)),
                        seconds);
  }

  Metrics& metrics_;
  const std::string method_;
  const std::chrono::steady_clock::time_point start_;
  bool recorded_ = false;
};

}  // namespace

grpc::experimental::Interceptor* RpcMetricsInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new RpcMetricsInterceptor(metrics_, info->method());
}

}  // namespace ror::server
