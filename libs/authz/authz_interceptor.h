#pragma once

#include "grpcpp/support/server_interceptor.h"
#include "libs/authz/call_registry.h"
#include "libs/authz/token_verifier.h"

namespace ror::authz {

// Verifies the bearer token of every call locally (no call to the auth service) and registers the
// caller in the CallRegistry for the handler: anonymous without an "authorization" header, the
// refusal for a bad one. When the status is about to be sent it tells the observer (the audit log)
// and, should a handler have answered OK to a refused token, turns the answer into UNAUTHENTICATED.
class AuthzInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `observer` may be null. All three must outlive the server.
  AuthzInterceptorFactory(const TokenVerifier& verifier, CallRegistry& registry,
                          CallObserver* observer)
      : verifier_(verifier), registry_(registry), observer_(observer) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  const TokenVerifier& verifier_;
  CallRegistry& registry_;
  CallObserver* observer_;
};

// The caller of a bearer "authorization" metadata value: anonymous when empty.
absl::StatusOr<Principal> CallerOfAuthorization(const TokenVerifier& verifier,
                                                absl::string_view authorization);

}  // namespace ror::authz
