// The command line: options into RenderOptions, diagnostics to stderr, exit codes.
#pragma once

namespace galley::cli {

/// Exit codes: 0 success; 1 the document or a file could not be rendered or written (or a
/// warning under --strict); 2 the command line itself is wrong.
enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2 };

/// Runs galley with the process arguments; returns the exit code.
int run(int argc, char** argv);

}  // namespace galley::cli
