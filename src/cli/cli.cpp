// CLI11 options, reading the input, rendering, reporting, and the atomic write of the output.
#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

#include "app/files.h"
#include "galley/galley.h"
#include "style/style.h"

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

void print_line_stats(const LineStatistics& s) {
    std::fprintf(stderr,
                 "lines %zu, justified %zu, sum of squared ratios %.2f, max ratio %.3f, loose (r > 1) %zu, "
                 "emergency %zu, hyphenated %zu, max consecutive hyphens %zu, widows %zu, orphans %zu, "
                 "headings at page end %zu\n"
                 "ratio histogram: <-0.5 %zu | -0.5..0 %zu | 0..0.5 %zu | 0.5..1 %zu | 1..2 %zu | >=2 %zu\n",
                 s.lines, s.justified_lines, s.sum_squared_ratios, s.max_ratio, s.loose_lines, s.emergency_lines,
                 s.hyphenated_lines, s.max_consecutive_hyphens, s.widows, s.orphans, s.headings_at_page_end,
                 s.histogram[0], s.histogram[1], s.histogram[2],
                 s.histogram[3], s.histogram[4], s.histogram[5]);
}

/// Diagnostics as an editor lists them: by file (in the order the files first appear), then by
/// line and column; the stages find them in their own order (Markdown before layout).
std::vector<Diagnostic> in_source_order(std::vector<Diagnostic> all) {
    std::vector<std::string> files;
    for (const Diagnostic& d : all)
        if (std::find(files.begin(), files.end(), d.location.file) == files.end()) files.push_back(d.location.file);
    const auto key = [&](const Diagnostic& d) {
        const auto file = std::find(files.begin(), files.end(), d.location.file) - files.begin();
        return std::tuple(file, d.location.line, d.location.column);
    };
    std::stable_sort(all.begin(), all.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    return all;
}

/// Prints the diagnostics to stderr in source order (warnings as errors when `strict`, none
/// when `quiet`); true when one of them is an error.
bool print_diagnostics(const std::vector<Diagnostic>& diagnostics, bool strict, bool quiet) {
    bool error = false;
    // A pathological document (a table of thousands of columns) can give thousands of the
    // same warning: the first few of each kind are shown, then a count.
    constexpr std::size_t kShownPerKind = 20;
    std::map<std::string, std::size_t> seen;
    for (Diagnostic d : in_source_order(diagnostics)) {
        if (strict && d.severity == Severity::Warning) d.severity = Severity::Error;
        error = error || d.severity == Severity::Error;
        if (d.severity == Severity::Warning && quiet) continue;
        if (++seen[d.code] <= kShownPerKind) std::cerr << format_diagnostic(d) << "\n";
    }
    for (const auto& [code, n] : seen)
        if (n > kShownPerKind)
            std::cerr << "galley: " << n - kShownPerKind << " more like the above (" << code << ") not shown\n";
    return error;
}

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
bool refuse_output(const std::string& output, const ReadLog& reads, bool force) {
    if (output == "-") return false;
    // Writing into the pipe the input came from would block for ever, --force or not.
    const std::optional<app::FileId> id = app::file_id(output);
    if (id && app::writes_in_place(output) && id == app::stdin_file_id()) {
        std::cerr << "galley: error: the output '" << output << "' is the pipe the input comes from\n";
        return true;
    }
    if (force) return false;
    const std::string why = output_refusal(output, reads);
    if (why.empty()) return false;
    std::cerr << "galley: error: not replacing '" << output << "': " << why
              << " (choose another with -o, or give --force)\n";
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
std::optional<Bytes> read_input(const std::string& input, RenderOptions& opt, ReadLog& reads) {
    if (input == "-") {
        if (std::optional<app::FileId> id = app::stdin_file_id()) reads.add(*id, "<stdin>", "the input");
        std::optional<Bytes> bytes = app::read_stdin();
        if (!bytes) std::cerr << "galley: error: cannot read standard input: " << read_failure("") << "\n";
        opt.source_name = "<stdin>";
        return bytes;
    }
    std::optional<Bytes> bytes = app::read_file(input);
    if (!bytes) {
        std::cerr << "galley: error: cannot read input file '" << input << "': " << read_failure(input) << "\n";
        return std::nullopt;
    }
    reads.add(input, "the input");
    opt.source_name = input;
    opt.base_dir = fs::path(input).has_parent_path() ? fs::path(input).parent_path().string() : ".";
    return bytes;
}

}  // namespace

int run(int argc, char** argv) {
    app::open_standard_streams();
    app::remove_temporary_file_on_signals();
    CLI::App app{"galley: Markdown with front matter to a typeset, print-ready PDF report.", "galley"};
    std::string input;
    std::string output;
    std::string style_file;
    std::string paper;
    unsigned threads = 0;
    bool toc = false, strict = false, quiet = false, list_keys = false, first_fit = false, line_stats = false,
         verbose = false, dump_frames = false, no_system_fonts = false, force = false;
    auto* input_opt = app.add_option("INPUT", input, "Markdown file to render (any extension); '-' reads standard input");
    app.add_option("-o,--output", output,
                   "File to write (default: INPUT with .pdf, or .frames.txt with --dump-frames); '-' writes standard output")
        ->check(CLI::Validator([](const std::string& v) { return v.empty() ? std::string("an empty file name") : std::string(); },
                               "FILE", "non-empty"));
    app.add_flag("--force", force,
                 "Replace the output even when it is read-only, belongs to another user, or is a file the render "
                 "reads (the input, the style, a picture, a font)");
    app.add_flag("--toc", toc, "Add a table of contents after the title block (also front matter: toc = true)");
    app.add_option("--paper", paper, "Paper size, overriding the style")->check(CLI::IsMember({"a4", "letter"}, CLI::ignore_case));
    app.add_option("--style", style_file, "Style file (TOML) layered over styles/default.toml");
    app.add_flag("--no-system-fonts", no_system_fonts,
                 "Use only the bundled fonts and font files named by path, never installed fonts, so the PDF is "
                 "the same on every machine");
    app.add_flag("--strict", strict, "Treat warnings (missing images, anchors, glyphs) as errors");
    app.add_flag("-q,--quiet", quiet, "Do not print warnings");
    app.add_flag("-v,--verbose", verbose, "List the fallback fonts used and the characters they set");
    app.add_flag("--first-fit", first_fit, "Break lines first-fit instead of Knuth-Plass (for comparison)");
    app.add_flag("--line-stats", line_stats, "Print line-breaking figures (adjustment ratios, hyphens) to stderr");
    app.add_flag("--dump-frames", dump_frames,
                 "Write a text dump of the laid-out pages (fonts, glyph ids, positions) instead of the PDF, for golden tests");
    app.add_option("--threads", threads,
                   "Threads to use: 1 all on one; 2 writes pages while the next are laid out; 0 (default) 2 "
                   "for documents of about 20 pages or more where two cores are free. Same bytes either way")
        ->check(CLI::Range(0, 64));
    app.add_flag("--list-style-keys", list_keys, "Print every style key with its type, default and meaning, then exit");
    app.set_version_flag("--version", std::string("galley ") + version());
    // Errors in the form of galley's own, so that scripts and editors see one format.
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return std::string("galley: error: ") + e.what() + " (see galley --help)\n";
    });
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kOk : kUsage;
    }
    if (list_keys) {
        std::cout << style::key_table_markdown();
        return kOk;
    }
    if (input_opt->count() == 0) {
        std::cerr << "galley: error: no INPUT given (see galley --help)\n";
        return kUsage;
    }

    RenderOptions opt;
    const std::string data = app::data_dir(GALLEY_SOURCE_DIR);
    opt.fonts_dir = data + "/fonts";
    opt.styles_dir = data + "/styles";
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
    opt.toc = toc;
    opt.first_fit = first_fit;
    opt.line_stats = line_stats;
    opt.threads = threads;
    if (dump_frames) opt.output = RenderOptions::Output::FrameDump;
    const char* written = dump_frames ? "frame dump" : "PDF";
    opt.use_system_fonts = !no_system_fonts;
    if (!paper.empty()) opt.paper = paper;
    opt.source_date_epoch = source_date_epoch();

    const std::optional<Bytes> source = read_input(input, opt, reads);
    if (!source) return kFailed;
    if (output.empty()) output = input == "-" ? "-" : default_output(input, dump_frames ? ".frames.txt" : ".pdf");
    // Standard output by name is standard output: written as it is, never replaced (a shell's
    // file may hold more than the PDF).
    if (output == "/dev/stdout" || output == "/dev/fd/1" || output == "/proc/self/fd/1") output = "-";
    // A PDF on a terminal is noise and may upset it (as pandoc, refuse); a frame dump is text.
    if (output == "-" && !dump_frames && app::stdout_is_terminal()) {
        std::cerr << "galley: error: not writing a PDF to a terminal; give -o FILE or redirect the output\n";
        return kUsage;
    }
    if (!style_file.empty()) {
        auto bytes = app::read_file(style_file);
        if (!bytes) {
            std::cerr << "galley: error: cannot read style file '" << style_file << "': " << read_failure(style_file)
                      << "\n";
            return kFailed;
        }
        reads.add(style_file, "the style file");
        opt.style_toml = std::string(bytes->begin(), bytes->end());
        opt.style_name = style_file;
    }
    // The input, the style (`galley a.md -o a.md`) or a file not ours to replace: refused before
    // the work; pictures and fonts are known after it, and checked again before the rename.
    if (refuse_output(output, reads, force)) return kUsage;

    // A file is written as the render makes it, through a temporary file renamed over it at the
    // end; standard output, a pipe or a device gets the whole output at once, after a success.
    std::unique_ptr<app::AtomicFile> file;
    if (output != "-" && !app::writes_in_place(output)) {
        std::string error;
        file = app::AtomicFile::create(output, error);
        if (!file) {
            std::cerr << "galley: error: " << error << "\n";
            return kFailed;
        }
        opt.output_sink = file.get();
    }
    RenderResult result = render(std::string_view(reinterpret_cast<const char*>(source->data()), source->size()), opt);
    const bool reported_error = print_diagnostics(result.diagnostics, strict, quiet);
    const bool failed = !result.ok() || reported_error;
    if (failed) {
        if (file && !file->write_error().empty()) std::cerr << "galley: error: " << file->write_error() << "\n";
        std::cerr << "galley: no " << written << " written\n";
        return kFailed;
    }
    if (line_stats) print_line_stats(result.line_stats);
    if (verbose)
        for (const std::string& line : result.fallback_report) std::cerr << "galley: fallback: " << line << "\n";
    if (output == "-") {
        std::cout.write(reinterpret_cast<const char*>(result.pdf.data()), static_cast<std::streamsize>(result.pdf.size()));
        std::cout.flush();
        if (std::cout) return kOk;
        std::cerr << "galley: error: cannot write the " << written << " to standard output\n";
        return kFailed;
    }
    if (refuse_output(output, reads, force)) {
        std::cerr << "galley: no " << written << " written\n";
        return kFailed;
    }
    std::string error;
    if (file ? !file->commit(error) : !app::write_file_atomic(output, result.pdf, error)) {
        std::cerr << "galley: error: " << error << "\n";
        return kFailed;
    }
    return kOk;
}

}  // namespace galley::cli
