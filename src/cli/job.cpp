// One job: the input and style read, the output checked (not a file the render reads, not one
// its owner would not expect replaced), the render, its report, and the atomic write.
#include "cli/job.h"

#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>

#include "app/files.h"
#include "cli/cli.h"
#include "cli/diagnostics_format.h"

namespace galley::cli {

namespace fs = std::filesystem;

namespace {

/// INPUT with its extension replaced by `extension` ("notes.txt" -> "notes.pdf", "README" ->
/// "README.pdf"; with --dump-frames "notes.txt" -> "notes.frames.txt").
std::string default_output(const std::string& input, const char* extension) {
    fs::path p(input);
    p.replace_extension(extension);
    return p.string();
}

std::optional<std::int64_t> source_date_epoch() {
    const char* env = std::getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env) return std::nullopt;
    std::int64_t v = 0;
    const char* end = env + std::strlen(env);
    auto [ptr, ec] = std::from_chars(env, end, v);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return v;
}

void print_line_stats(const LineStatistics& s, std::ostream& err) {
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "lines %zu, justified %zu, sum of squared ratios %.2f, max ratio %.3f, loose (r > 1) %zu, "
                  "emergency %zu, hyphenated %zu, max consecutive hyphens %zu, widows %zu, orphans %zu, "
                  "headings at page end %zu\n"
                  "paragraphs %zu, hyphen on the next-to-last line %zu, short one-word last line (4+ lines) %zu\n"
                  "ratio histogram: <-0.5 %zu | -0.5..0 %zu | 0..0.5 %zu | 0.5..1 %zu | 1..2 %zu | >=2 %zu\n",
                  s.lines, s.justified_lines, s.sum_squared_ratios, s.max_ratio, s.loose_lines, s.emergency_lines,
                  s.hyphenated_lines, s.max_consecutive_hyphens, s.widows, s.orphans, s.headings_at_page_end,
                  s.paragraphs, s.final_hyphens, s.short_last_lines,
                  s.histogram[0], s.histogram[1], s.histogram[2], s.histogram[3], s.histogram[4], s.histogram[5]);
    err << buf;
}

/// Where a job's own errors go, in the format of the diagnostics.
struct Messages {
    std::ostream& out;
    DiagnosticFormat format;
    void error(const char* code, const std::string& file, const std::string& message) const {
        print_cli_error(out, format, code, file, message);
    }
};

/// The files a render read (input, style, pictures, fonts), by identity, with the name each
/// was read by: the output must not replace one of them (unless --force). Loaders may run on
/// the render's writer thread, hence the lock.
class ReadLog {
public:
    struct File {
        app::FileId id;
        std::string name;  // as it was read by
        const char* role;  // "the input", "the style file", "a file the document uses"
    };
    void add(const std::string& path, const char* role) {
        if (std::optional<app::FileId> id = app::file_id(path)) add(*id, path, role);
    }
    void add(app::FileId id, const std::string& name, const char* role) {
        const std::lock_guard lock(mutex_);
        files_.push_back({id, name, role});
    }
    /// The file read with this identity, or std::nullopt.
    std::optional<File> find(app::FileId id) const {
        const std::lock_guard lock(mutex_);
        for (const File& f : files_)
            if (f.id == id) return f;
        return std::nullopt;
    }
    std::vector<std::string> names() const {
        const std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const File& f : files_) out.push_back(f.name);
        return out;
    }

private:
    mutable std::mutex mutex_;
    std::vector<File> files_;
};

/// Why `output` must not be written without --force: it is a file the render reads, or one
/// its owner would not expect replaced (read-only, another user's); empty when it may be.
std::string output_refusal(const std::string& output, const ReadLog& reads) {
    if (std::optional<app::FileId> id = app::file_id(output))
        if (const std::optional<ReadLog::File> read = reads.find(*id))
            return read->name == output ? std::string("it is ") + read->role
                                        : "it is '" + read->name + "', " + read->role;
    return app::replacement_refusal(output);
}

/// Prints why `output` is not written and returns true, unless it may be (or `force`).
bool refuse_output(const std::string& output, const ReadLog& reads, bool force, const Messages& say) {
    if (output == "-") return false;
    // Writing into the pipe the input came from would block for ever, --force or not.
    const std::optional<app::FileId> id = app::file_id(output);
    if (id && app::writes_in_place(output) && id == app::stdin_file_id()) {
        say.error("cli.output", output, "the output '" + output + "' is the pipe the input comes from");
        return true;
    }
    if (force) return false;
    const std::string why = output_refusal(output, reads);
    if (why.empty()) return false;
    say.error("cli.output", output, "not replacing '" + output + "': " + why + " (choose another with -o, or give --force)");
    return true;
}

/// Why app::read_file(path) failed, from errno (set by the failure) and the file system.
std::string read_failure(const std::string& path) {
    const int error = errno;
    if (error == EFBIG) return "larger than " + std::to_string(app::kMaxInputBytes >> 20) + " MB, the most galley reads";
    if (!path.empty() && !fs::exists(path)) return "no such file";
    if (!path.empty() && fs::is_directory(path)) return "it is a folder";
    return std::strerror(error);
}

/// The document's bytes from `input` (a path, or "-" for standard input), setting the source
/// name and the folder pictures are looked for in; std::nullopt after saying why it cannot be read.
std::optional<Bytes> read_input(const std::string& input, RenderOptions& opt, ReadLog& reads, const Messages& say) {
    if (input == "-") {
        if (std::optional<app::FileId> id = app::stdin_file_id()) reads.add(*id, "<stdin>", "the input");
        std::optional<Bytes> bytes = app::read_stdin();
        if (!bytes) say.error("cli.read", "<stdin>", "cannot read standard input: " + read_failure(""));
        opt.source_name = "<stdin>";
        return bytes;
    }
    std::optional<Bytes> bytes = app::read_file(input);
    if (!bytes) {
        say.error("cli.read", input, "cannot read input file '" + input + "': " + read_failure(input));
        return std::nullopt;
    }
    reads.add(input, "the input");
    opt.source_name = input;
    opt.base_dir = fs::path(input).has_parent_path() ? fs::path(input).parent_path().string() : ".";
    return bytes;
}

/// Reads --style into `opt`; false after saying why it cannot be read.
bool read_style(const std::string& style_file, RenderOptions& opt, ReadLog& reads, const Messages& say) {
    if (style_file.empty()) return true;
    auto bytes = app::read_file(style_file);
    if (!bytes) {
        say.error("cli.read", style_file, "cannot read style file '" + style_file + "': " + read_failure(style_file));
        return false;
    }
    reads.add(style_file, "the style file");
    opt.style_toml = std::string(bytes->begin(), bytes->end());
    opt.style_name = style_file;
    return true;
}

/// Hands the finished render to `output`: standard output, or the atomic file's rename.
int deliver(const RenderResult& result, const std::string& output, app::AtomicFile* file, const char* written,
            const Messages& say) {
    if (output == "-") {
        std::cout.write(reinterpret_cast<const char*>(result.pdf.data()), static_cast<std::streamsize>(result.pdf.size()));
        std::cout.flush();
        if (std::cout) return kOk;
        say.error("cli.output", "<stdout>", std::string("cannot write the ") + written + " to standard output");
        return kFailed;
    }
    std::string error;
    if (file ? !file->commit(error) : !app::write_file_atomic(output, result.pdf, error)) {
        say.error("cli.output", output, error);
        return kFailed;
    }
    return kOk;
}

}  // namespace

RenderOptions base_render_options(const Options& o) {
    RenderOptions opt;
    const std::string data = app::data_dir(GALLEY_SOURCE_DIR);
    opt.fonts_dir = data + "/fonts";
    opt.styles_dir = data + "/styles";
    opt.toc = o.toc;
    opt.first_fit = o.first_fit;
    opt.line_stats = o.line_stats;
    opt.tagged = !o.untagged;
    opt.threads = o.threads;
    if (o.dump_frames) opt.output = RenderOptions::Output::FrameDump;
    opt.use_system_fonts = !o.no_system_fonts;
    opt.font_dirs = o.font_dirs;
    opt.resource_dirs = o.resource_dirs;
    if (!o.paper.empty()) opt.paper = o.paper;
    opt.pdf_standard = o.pdf_standard;
    opt.metadata = o.metadata;
    opt.source_date_epoch = source_date_epoch();
    return opt;
}

JobOutcome run_job(const std::string& input, std::string output, const Options& o, const RenderOptions& base,
                   std::ostream& err) {
    RenderOptions opt = base;
    ReadLog reads;
    opt.load_file = [&reads](const std::string& path) {
        std::optional<Bytes> bytes = app::read_referenced_file(path);
        if (bytes) reads.add(path, "a file the document uses");
        return bytes;
    };
    opt.map_file = [&reads](const std::string& path) {
        std::optional<SharedBytes> bytes = app::map_file(path);
        if (bytes) reads.add(path, "a file the document uses");
        return bytes;
    };
    JobOutcome outcome;
    const auto finish = [&](int status) {
        outcome.status = status;
        outcome.read_files = reads.names();
        return outcome;
    };
    const char* written = o.dump_frames ? "frame dump" : "PDF";
    const Messages say{err, o.diagnostics.format};

    const std::optional<Bytes> source = read_input(input, opt, reads, say);
    if (!source) return finish(kFailed);
    if (output.empty()) output = input == "-" ? "-" : default_output(input, o.dump_frames ? ".frames.txt" : ".pdf");
    // Standard output by name is standard output: written as it is, never replaced (a shell's
    // file may hold more than the PDF).
    if (output == "/dev/stdout" || output == "/dev/fd/1" || output == "/proc/self/fd/1") output = "-";
    outcome.output = output;
    // A PDF on a terminal is noise and may upset it (as pandoc, refuse); a frame dump is text.
    if (output == "-" && !o.dump_frames && app::stdout_is_terminal()) {
        say.error("cli.output", "<stdout>", "not writing a PDF to a terminal; give -o FILE or redirect the output");
        return finish(kUsage);
    }
    if (!read_style(o.style_file, opt, reads, say)) return finish(kFailed);
    // The input, the style (`galley a.md -o a.md`) or a file not ours to replace: refused before
    // the work; pictures and fonts are known after it, and checked again before the rename.
    if (refuse_output(output, reads, o.force, say)) return finish(kUsage);

    // A file is written as the render makes it, through a temporary file renamed over it at the
    // end; standard output, a pipe or a device gets the whole output at once, after a success.
    std::unique_ptr<app::AtomicFile> file;
    if (output != "-" && !app::writes_in_place(output)) {
        std::string error;
        file = app::AtomicFile::create(output, error);
        if (!file) {
            say.error("cli.output", output, error);
            return finish(kFailed);
        }
        opt.output_sink = file.get();
    }
    const RenderResult result =
        render(std::string_view(reinterpret_cast<const char*>(source->data()), source->size()), opt);
    const bool reported_error = report(result.diagnostics, o.diagnostics, err);
    if (!result.ok() || reported_error || refuse_output(output, reads, o.force, say)) {
        if (file && !file->write_error().empty()) say.error("cli.output", output, file->write_error());
        err << "galley: no " << written << " written\n";
        app::release_fifo_reader(output);
        return finish(kFailed);
    }
    if (o.line_stats) print_line_stats(result.line_stats, err);
    if (o.verbose)
        for (const std::string& line : result.fallback_report) err << "galley: fallback: " << line << "\n";
    if (o.verbose)
        for (const std::string& line : result.notes) err << "galley: note: " << line << "\n";
    if (o.verbose)
        for (const std::string& key : result.unused_keys) err << "galley: front matter key not used: " << key << "\n";
    const int status = deliver(result, output, file.get(), written, say);
    outcome.pages = result.page_count;
    if (status == kOk && o.verbose)
        err << "galley: wrote " << (output == "-" ? "standard output" : output) << " (" << result.page_count
            << (result.page_count == 1 ? " page)\n" : " pages)\n");
    return finish(status);
}

}  // namespace galley::cli
