#pragma once

// The subcommands of rorctl, one per file. Each returns the process exit code:
// 0 done, 1 failed (the error is on stderr, in French), 2 bad usage.

#include <string>

#include "tools/rorctl/args.h"

namespace ror::rorctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

int WaitKafka(const Args& args);    // wait-kafka --bootstrap H:P [--timeout 20s]
int WaitHealthy(const Args& args);  // wait-healthy --addr H:P [--service S] [--timeout 30s]
int Demo(const Args& args);         // demo --offre H:P
int CreateOffre(const Args& args);  // create-offre --offre H:P --nom N --champ_activite C
                                    // --finess_eg F [--request_id R]
int GetOffre(const Args& args);     // get-offre --offre H:P --id ID
int Search(const Args& args);       // search --search H:P [--texte T] [--type offre|etablissement]
int Login(const Args& args);        // login --auth H:P --email E --password_file F
// import finess FILE --offre H:P [--batch 200] [--parallel 8] [--timeout 60s]
int ImportFiness(const std::string& path, const Args& args);
// audit verify --dir D | audit purge --dir D [--older_than 8760h]
int Audit(absl::string_view verb, const Args& args);

// Print "rorctl <command> : <what went wrong>" on stderr and return the exit code.
int UsageError(absl::string_view command, const absl::Status& status);  // kExitUsage
int Failed(absl::string_view command, const absl::Status& status);      // kExitFailed

}  // namespace ror::rorctl
