#pragma once

#include "grpcpp/support/server_interceptor.h"
#include "libs/server/metrics.h"

namespace ror::server {

// Counts every RPC and times it from its start to its status, labelled by method and code.
class RpcMetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcMetricsInterceptorFactory(Metrics& metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  Metrics& metrics_;
};

}  // namespace ror::server
