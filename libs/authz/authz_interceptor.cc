#include "libs/authz/authz_interceptor.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "grpcpp/server_context.h"

namespace ror::authz {
namespace {

using grpc::experimental::InterceptionHookPoints;

class AuthzInterceptor final : public grpc::experimental::Interceptor {
 public:
  AuthzInterceptor(grpc::experimental::ServerRpcInfo* info, const TokenVerifier& verifier,
                   CallRegistry& registry, CallObserver* observer)
      : info_(info), verifier_(verifier), registry_(registry), observer_(observer) {}

  ~AuthzInterceptor() override { Close(); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      Open(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) &&
        call_ != nullptr) {
      grpc::Status status = methods->GetSendStatus();
      if (status.ok() && !call_->caller.ok()) {
        // Fail closed: a handler that forgot to ask for its caller must not serve a bad token.
        status = grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                              std::string(call_->caller.status().message()));
        methods->ModifySendStatus(status);
      }
      if (observer_ != nullptr) observer_->CallEnded(*call_, status);
      Close();
    }
    methods->Proceed();
  }

 private:
  void Open(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    CallState state;
    state.method = info_->method();
    grpc::ServerContextBase* context = info_->server_context();
    state.peer = context->peer();
    auto it = metadata.find("authorization");
    if (it != metadata.end()) {
      state.caller = CallerOfAuthorization(
          verifier_, absl::string_view(it->second.data(), it->second.size()));
    }
    call_ = registry_.Open(context, std::move(state));
  }

  void Close() {
    if (call_ == nullptr) return;
    registry_.Close(info_->server_context());
    call_ = nullptr;
  }

  grpc::experimental::ServerRpcInfo* info_;
  const TokenVerifier& verifier_;
  CallRegistry& registry_;
  CallObserver* observer_;
  std::shared_ptr<CallState> call_;
};

}  // namespace

absl::StatusOr<Principal> CallerOfAuthorization(const TokenVerifier& verifier,
                                                absl::string_view authorization) {
  if (authorization.empty()) return Anonymous();
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(authorization, kBearer)) {
    return absl::UnauthenticatedError("en-tête authorization : « Bearer <jeton> » attendu");
  }
  return verifier.Verify(authorization.substr(kBearer.size()));
}

grpc::experimental::Interceptor* AuthzInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new AuthzInterceptor(info, verifier_, registry_, observer_);
}

}  // namespace ror::authz
