// --watch: render, then render again whenever a file the render read changes.
#pragma once

#include <string>

#include "cli/options.h"

namespace galley::cli {

/// Renders `input` to `output` (empty: the default), then again after each change to the input,
/// the style or a file the last render read, until SIGINT (exit 0). Prints one status line per
/// render to stderr; a failed render keeps the last good output. Returns an exit code only when
/// watching cannot start.
int run_watch(const Options& options, const std::string& input, const std::string& output);

}  // namespace galley::cli
