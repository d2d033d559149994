#pragma once

// Status propagation macros under the names used upstream (Abseil 20220623 ships none).

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ROR_STATUS_CONCAT_INNER_(a, b) a##b
#define ROR_STATUS_CONCAT_(a, b) ROR_STATUS_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                                    \
  do {                                                           \
    if (::absl::Status ror_status_ = (expr); !ror_status_.ok()) { \
      return ror_status_;                                        \
    }                                                            \
  } while (false)

// ASSIGN_OR_RETURN(auto value, StatusOrExpr()); returns the error when not OK.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ROR_ASSIGN_OR_RETURN_IMPL_(ROR_STATUS_CONCAT_(ror_statusor_, __LINE__), lhs, rexpr)

#define ROR_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                               \
  if (!statusor.ok()) {                                  \
    return std::move(statusor).status();                 \
  }                                                      \
  lhs = *std::move(statusor)
