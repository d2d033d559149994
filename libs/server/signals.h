#pragma once

namespace ror::server {

// Graceful shutdown on SIGTERM (Kubernetes, ./ror down) and SIGINT (Ctrl-C).
// BlockShutdownSignals() must run first in main(), before any thread starts, so that every thread
// inherits the mask and the signals wait for WaitForShutdownSignal() instead of killing the
// process.
void BlockShutdownSignals();

// Blocks until SIGTERM or SIGINT arrives; returns its number.
int WaitForShutdownSignal();

}  // namespace ror::server
