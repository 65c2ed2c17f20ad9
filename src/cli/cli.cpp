// run(): the options parsed, then one render, several, or a watch.
#include "cli/cli.h"

#include <iostream>

#include "app/files.h"
#include "cli/batch.h"
#include "cli/job.h"
#include "cli/options.h"
#include "cli/watch.h"

namespace galley::cli {

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
