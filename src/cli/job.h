// One render: read an input, render it, report its diagnostics, write its output atomically.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "galley/galley.h"

namespace galley::cli {

/// The RenderOptions every job of this run starts from (data folders, the options).
RenderOptions base_render_options(const Options& options);

/// What became of one job.
struct JobOutcome {
    int status = 0;          // an ExitCode
    std::size_t pages = 0;
    std::string output;      // the file written ("-" for standard output)
    /// The files the render read, by the names they were read by (for --watch): the input,
    /// the style, pictures, fonts.
    std::vector<std::string> read_files;
};

/// Renders `input` ("-": standard input) to `output` ("-": standard output; empty: the default
/// name beside the input), printing diagnostics and messages to `err`. `base` gives the
/// options; the job's own file access is added to a copy.
JobOutcome run_job(const std::string& input, std::string output, const Options& options,
                   const RenderOptions& base, std::ostream& err);

}  // namespace galley::cli
