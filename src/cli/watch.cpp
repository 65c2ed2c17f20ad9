// Watch mode over inotify. The folders of the watched files are watched, not the files: an
// editor that saves by writing a new file and renaming it over the old one replaces the inode a
// file watch would follow. Events are filtered by name and gathered until 100 ms pass quietly,
// so one save (often several events) gives one render.
#include "cli/watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "app/files.h"
#include "cli/cli.h"
#include "cli/job.h"

namespace galley::cli {

namespace fs = std::filesystem;

namespace {

/// Quiet time after the last event before rendering again, in milliseconds.
constexpr int kDebounceMs = 100;

class Watcher {
public:
    Watcher() : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {}
    ~Watcher() {
        if (fd_ >= 0) ::close(fd_);
    }
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;
    bool ok() const { return fd_ >= 0; }

    /// Watches `files` (and only them) from now on.
    void watch(const std::vector<std::string>& files) {
        names_.clear();
        for (const std::string& file : files) {
            const fs::path path(file);
            const std::string folder = path.has_parent_path() ? path.parent_path().string() : ".";
            auto [at, added] = folders_.try_emplace(folder, -1);
            if (added)
                at->second = ::inotify_add_watch(fd_, folder.c_str(),
                                                 IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB);
            if (at->second >= 0) names_.insert({at->second, path.filename().string()});
        }
    }

    /// Waits until a watched file changed and then stayed quiet for kDebounceMs.
    void wait_for_change() {
        bool changed = false;
        while (true) {
            pollfd p{fd_, POLLIN, 0};
            const int ready = ::poll(&p, 1, changed ? kDebounceMs : -1);
            if (ready == 0) return;  // quiet since the last change
            if (ready < 0) continue;  // a signal: poll again
            changed = drain() || changed;
        }
    }

private:
    /// Reads the pending events; true when one is about a watched file.
    bool drain() {
        alignas(inotify_event) char buffer[16384];
        bool relevant = false;
        ssize_t n;
        while ((n = ::read(fd_, buffer, sizeof buffer)) > 0) {
            for (char* at = buffer; at < buffer + n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(at);
                if (e->len > 0 && names_.count({e->wd, std::string(e->name)})) relevant = true;
                at += sizeof(inotify_event) + e->len;
            }
        }
        return relevant;
    }

    int fd_;
    std::map<std::string, int> folders_;      // folder -> watch descriptor
    std::set<std::pair<int, std::string>> names_;  // (folder's watch, file name) watched
};

}  // namespace

int run_watch(const Options& o, const std::string& input, const std::string& output) {
    if (input == "-" || output == "-") {
        std::cerr << "galley: error: --watch needs an INPUT file and an output file, not standard input or output\n";
        return kUsage;
    }
    Watcher watcher;
    if (!watcher.ok()) {
        std::cerr << "galley: error: cannot watch files: " << std::strerror(errno) << "\n";
        return kFailed;
    }
    app::exit_on_interrupt(kOk);
    const RenderOptions base = base_render_options(o);
    std::vector<std::string> files = {input};
    if (!o.style_file.empty()) files.push_back(o.style_file);
    watcher.watch(files);  // before the first render, so no save is missed
    for (std::string last_good;;) {
        const auto start = std::chrono::steady_clock::now();
        const JobOutcome outcome = run_job(input, output, o, base, std::cerr);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::vector<std::string> read = outcome.read_files;
        read.insert(read.end(), files.begin(), files.end());
        watcher.watch(read);
        char status[64];
        if (outcome.status == kOk) {
            last_good = outcome.output;
            std::snprintf(status, sizeof status, " (%zu page%s, %.2f s)", outcome.pages, outcome.pages == 1 ? "" : "s",
                          seconds);
            std::cerr << "galley: watch: wrote " << outcome.output << status << "; waiting for changes\n";
        } else {
            std::cerr << "galley: watch: failed; " << (last_good.empty() ? std::string("nothing written") : "kept the last good " + last_good)
                      << "; waiting for changes\n";
        }
        watcher.wait_for_change();
    }
}

}  // namespace galley::cli
