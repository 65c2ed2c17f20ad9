// Batch rendering: a fixed pool of threads takes the inputs in order; each render writes its
// messages to its own buffer, printed whole and in input order, so files never interleave.
#include "cli/batch.h"

#include <sched.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/cli.h"
#include "cli/job.h"

namespace galley::cli {

namespace fs = std::filesystem;

namespace {

/// The folder every output goes to, or empty: --output-dir, -o ending in '/', or -o naming an
/// existing folder when there are several inputs.
std::string output_folder(const Options& o) {
    if (!o.output_dir.empty()) return o.output_dir;
    if (!o.output.empty() && o.output.back() == '/') return o.output;
    std::error_code ec;
    if (o.inputs.size() > 1 && !o.output.empty() && o.output != "-" && fs::is_directory(o.output, ec)) return o.output;
    return {};
}

/// Prints the buffered messages of finished jobs in input order, as soon as all before are out.
class OrderedPrinter {
public:
    explicit OrderedPrinter(std::size_t n) : blocks_(n) {}
    void done(std::size_t index, std::string text) {
        const std::lock_guard lock(mutex_);
        blocks_[index] = std::move(text);
        for (; next_ < blocks_.size() && blocks_[next_]; ++next_) std::cerr << *blocks_[next_] << std::flush;
    }

private:
    std::mutex mutex_;
    std::vector<std::optional<std::string>> blocks_;
    std::size_t next_ = 0;
};

}  // namespace

unsigned available_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
    return std::max(1u, std::thread::hardware_concurrency());
}

std::optional<std::vector<std::string>> plan_outputs(const Options& o) {
    const std::string folder = output_folder(o);
    const bool several = o.inputs.size() > 1;
    if (several && folder.empty() && !o.output.empty()) {
        std::cerr << "galley: error: -o '" << o.output << "' with " << o.inputs.size()
                  << " inputs: give a folder (ending in '/') or --output-dir (see galley --help)\n";
        return std::nullopt;
    }
    std::vector<std::string> outputs;
    std::map<std::string, std::string> taken;  // normalised output -> its input
    const char* extension = o.dump_frames ? ".frames.txt" : ".pdf";
    for (const std::string& input : o.inputs) {
        if (input == "-" && (several || !folder.empty())) {
            std::cerr << "galley: error: standard input ('-') is rendered alone, to -o FILE or standard output "
                         "(see galley --help)\n";
            return std::nullopt;
        }
        std::string out = folder.empty() ? (several ? fs::path(input).replace_extension(extension).string() : o.output)
                                         : (fs::path(folder) / fs::path(input).filename()).replace_extension(extension).string();
        const std::string key = fs::path(out.empty() ? input : out).lexically_normal().string();
        if (several && !taken.emplace(key, input).second) {
            std::cerr << "galley: error: '" << taken[key] << "' and '" << input << "' would both be written to '" << out
                      << "'\n";
            return std::nullopt;
        }
        outputs.push_back(std::move(out));
    }
    if (!folder.empty()) {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec) {
            std::cerr << "galley: error: cannot create the folder '" << folder << "': " << ec.message() << "\n";
            return std::nullopt;
        }
    }
    return outputs;
}

int run_batch(const Options& o, const std::vector<std::string>& outputs) {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t n = o.inputs.size();
    const unsigned jobs = static_cast<unsigned>(std::min<std::size_t>(o.jobs ? o.jobs : available_cores(), n));
    RenderOptions base = base_render_options(o);
    // Documents in parallel already fill the cores; a render's own writer thread would compete.
    if (jobs > 1 && o.threads == 0) base.threads = 1;

    OrderedPrinter printer(n);
    std::atomic<std::size_t> next{0}, failed{0}, pages{0};
    const auto work = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            std::ostringstream messages;
            const JobOutcome outcome = run_job(o.inputs[i], outputs[i], o, base, messages);
            if (outcome.status != kOk) ++failed;
            pages += outcome.pages;
            printer.done(i, messages.str());
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();

    if (!o.diagnostics.quiet && n > 1) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char line[200];
        std::snprintf(line, sizeof line, "galley: %zu files, %zu written, %zu failed, %zu pages, %.2f s\n", n,
                      n - failed.load(), failed.load(), pages.load(), seconds);
        std::cerr << line;
    }
    return failed ? kFailed : kOk;
}

}  // namespace galley::cli
