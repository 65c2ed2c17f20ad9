// The command line's options: one table (CLI11) that parses argv, prints --help and generates
// the man page and shell completions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/diagnostics_format.h"
#include "galley/galley.h"

namespace galley::cli {

/// Everything the command line asked for.
struct Options {
    std::vector<std::string> inputs;  // "-" is standard input
    std::string output;               // -o: a file, "-", or a folder (trailing '/')
    std::string output_dir;           // --output-dir
    std::string style_file;
    std::string paper;  // a paper name, with "-landscape" or alone "landscape"
    std::optional<PdfStandard> pdf_standard;  // --pdf-standard
    unsigned threads = 0;
    unsigned jobs = 0;  // -j; 0: the cores this process may run on
    bool toc = false, first_fit = false, line_stats = false, verbose = false, dump_frames = false,
         no_system_fonts = false, force = false, watch = false, list_fonts = false,
         list_styles = false, untagged = false;
    std::vector<std::string> font_dirs;      // --font-path, in order
    std::vector<std::string> resource_dirs;  // --resource-path, in order
    DiagnosticPolicy diagnostics;
    std::vector<std::pair<std::string, std::string>> metadata;  // -M key=value, in order
};

/// Parses argv into `options`. Returns an exit code when the run ends here (--help, --version,
/// --list-style-keys, a generated man page or completion, or a usage error, already printed),
/// std::nullopt when there is work to do.
std::optional<int> parse_options(int argc, char** argv, Options& options);

}  // namespace galley::cli
