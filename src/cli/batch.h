// Several inputs at once: outputs chosen up front, renders in parallel, each file's messages
// printed together, a summary at the end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"

namespace galley::cli {

/// The output of each input (empty: the default beside it), from -o and --output-dir; std::nullopt
/// after printing a usage error (-o FILE with several inputs, two inputs with one output, standard
/// input among several).
std::optional<std::vector<std::string>> plan_outputs(const Options& options);

/// The cores this process may run on (its affinity mask), at least 1.
unsigned available_cores();

/// Renders every input into `outputs` with up to `jobs` at once; returns the exit code (1 when
/// any failed).
int run_batch(const Options& options, const std::vector<std::string>& outputs);

}  // namespace galley::cli
