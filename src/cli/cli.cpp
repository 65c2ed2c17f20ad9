// run(): the options parsed, then one render, several, or a watch.
#include "cli/cli.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/files.h"
#include "cli/batch.h"
#include "cli/job.h"
#include "cli/options.h"
#include "cli/watch.h"

namespace galley::cli {

namespace {

/// The bundled styles (styles/*.toml) by name, each with the first line of its opening comment.
int list_styles(const std::string& styles_dir) {
    std::vector<std::pair<std::string, std::string>> styles;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(styles_dir, ec)) {
        if (entry.path().extension() != ".toml") continue;
        std::ifstream in(entry.path());
        std::string first;
        std::getline(in, first);
        styles.emplace_back(entry.path().stem().string(), first.starts_with("# ") ? first.substr(2) : "");
    }
    std::sort(styles.begin(), styles.end());
    for (const auto& [name, what] : styles) std::cout << name << "\t" << what << "\n";
    return kOk;
}

/// `--style NAME`: a bundled style when NAME is a plain name (no folder, no extension) that is
/// not a file here; otherwise the file as given.
std::string style_path(const std::string& arg, const std::string& styles_dir) {
    if (arg.empty() || arg.find_first_of("/.") != std::string::npos) return arg;
    std::error_code ec;
    if (std::filesystem::exists(arg, ec)) return arg;
    const std::string bundled = styles_dir + "/" + arg + ".toml";
    return std::filesystem::is_regular_file(bundled, ec) ? bundled : arg;
}

}  // namespace

int run(int argc, char** argv) {
    app::open_standard_streams();
    app::remove_temporary_file_on_signals();
    Options options;
    if (const std::optional<int> done = parse_options(argc, argv, options)) return *done;
    if (options.list_fonts) {
        for (const FontFamilyInfo& f : list_fonts(base_render_options(options)))
            std::cout << f.family << "\t" << f.source << "\t" << f.faces << (f.faces == 1 ? " face" : " faces") << "\t"
                      << f.file << "\n";
        return kOk;
    }
    const std::string styles_dir = base_render_options(options).styles_dir;
    if (options.list_styles) return list_styles(styles_dir);
    options.style_file = style_path(options.style_file, styles_dir);
    // Text piped in with no INPUT is the input (`cat a.md | galley > a.pdf`). A terminal or a
    // device (/dev/null, as CI runners give) is no input: waiting on a terminal would look like
    // a hang, and an empty PDF on standard output helps no one.
    if (options.inputs.empty() && app::stdin_file_id()) options.inputs.push_back("-");
    if (options.inputs.empty()) {
        std::cerr << "galley: error: no INPUT given (see galley --help)\n";
        return kUsage;
    }
    if (options.watch && options.inputs.size() > 1) {
        std::cerr << "galley: error: --watch takes one INPUT (see galley --help)\n";
        return kUsage;
    }
    const std::optional<std::vector<std::string>> outputs = plan_outputs(options);
    if (!outputs) return kUsage;
    if (options.watch) return run_watch(options, options.inputs[0], outputs->front());
    if (options.inputs.size() > 1) return run_batch(options, *outputs);
    return run_job(options.inputs[0], outputs->front(), options, base_render_options(options), std::cerr).status;
}

}  // namespace galley::cli
