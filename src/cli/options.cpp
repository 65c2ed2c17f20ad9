// The option table (CLI11): parsing, --help, and the source of the man page and completions.
#include "cli/options.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "cli/cli.h"
#include "cli/manual.h"
#include "galley/galley.h"
#include "style/style.h"

namespace galley::cli {
namespace {

const std::vector<std::string> kPapers = {"a3", "a4", "a5", "letter", "legal", "a3-landscape", "a4-landscape",
                                          "a5-landscape", "letter-landscape", "legal-landscape", "landscape"};
const std::vector<std::string> kFormats = {"text", "json", "github"};
const std::vector<std::string> kStandards = {"a-2b", "a-2u", "ua-1", "a-2b,ua-1", "a-2u,ua-1"};

CLI::Validator non_empty() {
    return CLI::Validator([](const std::string& v) { return v.empty() ? std::string("an empty name") : std::string(); },
                          "", "non-empty");
}

/// A repeatable option naming existing folders, one per use.
void add_folders(CLI::App& app, const std::string& name, std::vector<std::string>& into, const std::string& help) {
    app.add_option(name, into, help)->type_name("DIR")->allow_extra_args(false)->check(CLI::ExistingDirectory);
}

/// Option values read into their final form after parsing.
struct Raw {
    std::vector<std::string> rules;     // -W
    std::vector<std::string> metadata;  // -M
    std::string format = "text";        // --diagnostics-format
    int toc_depth = 0;                  // --toc-depth; 0: not given
    bool number_sections = false;       // --number-sections
    // Handouts: the print.* style keys, set as the front matter's [galley.print] would.
    std::string layout, sheet, gutter, marks, bleed;
    bool frame = false;
    std::string pdf_standard;           // --pdf-standard
};

/// The option table. `choices` receives the fixed values of the options that have them, by long
/// name, for the completions.
void describe(CLI::App& app, Options& o, Raw& raw, std::map<std::string, std::vector<std::string>>& choices) {
    app.add_option("INPUT", o.inputs,
                   "Markdown files to render (any extension); '-', or none when standard input is a pipe or a "
                   "file, reads standard input")
        ->type_name("FILE");
    app.add_option("-o,--output", o.output,
                   "File to write (default: INPUT with .pdf, or .frames.txt with --dump-frames); '-' writes "
                   "standard output; a folder (ending in '/', or an existing one with several inputs) gets "
                   "one file per input")
        ->type_name("FILE")
        ->check(non_empty());
    app.add_option("--output-dir", o.output_dir, "Folder to write each input's output to (created if missing)")
        ->type_name("DIR")
        ->check(non_empty());
    app.add_option("-j,--jobs", o.jobs,
                   "Documents rendered at once with several inputs (default: the cores galley may run on)")
        ->type_name("N")
        ->check(CLI::Range(1, 256));
    app.add_flag("--watch", o.watch,
                 "Render, then render again whenever the input, its style or a picture it shows changes; "
                 "Ctrl-C ends");
    app.add_flag("--force", o.force,
                 "Replace the output even when it is read-only, belongs to another user, or is a file the render "
                 "reads (the input, the style, a picture, a font)");
    app.add_flag("--toc", o.toc, "Add a table of contents after the title block (also front matter: toc = true)");
    app.add_flag("--untagged", o.untagged,
                 "Write a PDF without its structure tree (tagged PDF is the default; style key pdf.tagged)");
    app.add_option("--toc-depth", raw.toc_depth,
                   "Deepest heading level in the table of contents, over the style and front matter (toc-depth)")
        ->type_name("N")
        ->check(CLI::Range(1, 6));
    app.add_flag("--number-sections", raw.number_sections,
                 "Number the headings in the body, contents and bookmarks (front matter: numbersections = true)");
    app.add_option("--paper", o.paper,
                   "Paper size, overriding the style: a3, a4, a5, letter or legal, with -landscape to turn it "
                   "(a4-landscape); landscape alone turns the style's")
        ->type_name("NAME")
        ->check(CLI::Validator(
            [](const std::string& v) {
                style::Style probe;
                return style::set_paper(probe, v) ? std::string() : "unknown paper size '" + v + "'";
            },
            "", "paper"));
    choices["--paper"] = kPapers;
    const auto paper = CLI::Validator(
        [](const std::string& v) {
            style::Style probe;
            return style::set_paper(probe, v) ? std::string() : "unknown paper size '" + v + "'";
        },
        "", "paper");
    app.add_option("--layout", raw.layout,
                   "Pages on sheets for handouts: 2up, 4up, or booklet (saddle-stitched, print duplex flipped on "
                   "the short edge); none (style: print.layout)")
        ->type_name("LAYOUT")
        ->check(CLI::IsMember({"none", "2up", "4up", "booklet"}));
    choices["--layout"] = {"none", "2up", "4up", "booklet"};
    app.add_option("--sheet", raw.sheet,
                   "Paper of the sheets with --layout, turned as the pages fit best (default: the page size; "
                   "style: print.sheet)")
        ->type_name("NAME")
        ->check(paper);
    choices["--sheet"] = kPapers;
    const auto length = CLI::Validator([](const std::string& v) { return style::length_problem(v); }, "", "length");
    app.add_option("--gutter", raw.gutter, "Space between pages on a sheet, e.g. 5mm (style: print.gutter)")
        ->type_name("LENGTH")
        ->check(length);
    app.add_flag("--frame", raw.frame, "Draw a thin frame around each page on a sheet (style: print.frame)");
    app.add_option("--marks", raw.marks, "Printer's marks: crop (trim marks outside the page), none (style: print.marks)")
        ->type_name("MARKS")
        ->check(CLI::IsMember({"none", "crop"}));
    choices["--marks"] = {"none", "crop"};
    app.add_option("--bleed", raw.bleed,
                   "Print this far beyond each trimmed edge, e.g. 3mm; the medium grows by it (style: print.bleed)")
        ->type_name("LENGTH")
        ->check(length);
    app.add_option("--pdf-standard", raw.pdf_standard,
                   "PDF standards to meet and declare, comma-separated: a-2b or a-2u (PDF/A-2 for archiving: sRGB "
                   "output intent, XMP identification; a-2u also maps every glyph to Unicode), ua-1 (PDF/UA-1, "
                   "accessible); over the style's pdf.standard")
        ->type_name("LIST")
        ->check(CLI::Validator(
            [](const std::string& v) {
                std::string problem;
                return parse_pdf_standard(v, problem) ? std::string() : problem;
            },
            "", "pdf-standard"));
    choices["--pdf-standard"] = kStandards;
    app.add_option("--style", o.style_file,
                   "Style layered over styles/default.toml: a bundled one by name (handout, memo; see "
                   "--list-styles) or a TOML file")
        ->type_name("NAME|FILE");
    app.add_flag("--list-styles", o.list_styles, "List the bundled styles --style takes by name, then exit");
    app.add_option("-M,--metadata", raw.metadata,
                   "Set a front matter value, over the document's: title=..., draft=true, lang=de, a dotted key "
                   "for a table (galley.page.size=a5); true/false and numbers are read as such, the rest as text")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false)
        ->check(CLI::Validator(
            [](const std::string& v) {
                return v.find('=') == std::string::npos || v.front() == '='
                           ? "'" + v + "' is not KEY=VALUE"
                           : std::string();
            },
            "", "metadata"));
    add_folders(app, "--font-path", o.font_dirs,
                "A folder of font files (searched with its subfolders) whose families a style may name; "
                "repeatable, searched before the bundled and installed fonts");
    add_folders(app, "--resource-path", o.resource_dirs,
                "A folder to look for pictures in when they are not beside the document (for standard input: "
                "instead of the working folder); repeatable, searched in order");
    app.add_flag("--list-fonts", o.list_fonts,
                 "List the font families galley can use by name (with --font-path and --no-system-fonts as given), "
                 "where each comes from, then exit");
    app.add_flag("--no-system-fonts", o.no_system_fonts,
                 "Use only the bundled fonts and font files named by path, never installed fonts, so the PDF is "
                 "the same on every machine");
    app.add_flag("--strict", o.diagnostics.strict, "Treat warnings (missing images, anchors, glyphs) as errors");
    app.add_option("-W", raw.rules, "Set the severity of one diagnostic code's warnings (repeatable); it wins over --strict")
        ->type_name("CODE=ignore|warning|error")
        ->allow_extra_args(false)
        ->check(CLI::Validator(
            [](const std::string& v) {
                DiagnosticPolicy probe;
                return add_severity_rule(v, probe) ? std::string()
                                                   : "'" + v + "' is not CODE=ignore, CODE=warning or CODE=error";
            },
            "", "severity"));
    app.add_option("--diagnostics-format", raw.format,
                   "How warnings and errors are printed: text, json (one object per line) or github (GitHub "
                   "Actions annotations)")
        ->type_name("FORMAT")
        ->check(CLI::IsMember(kFormats));
    choices["--diagnostics-format"] = kFormats;
    app.add_flag("-q,--quiet", o.diagnostics.quiet, "Do not print warnings, nor the summary of several inputs");
    app.add_flag("-v,--verbose", o.verbose,
                 "List the fallback fonts used and the characters they set, and say what was written");
    app.add_flag("--first-fit", o.first_fit, "Break lines first-fit instead of Knuth-Plass (for comparison)");
    app.add_flag("--line-stats", o.line_stats, "Print line-breaking figures (adjustment ratios, hyphens) to stderr");
    app.add_flag("--dump-frames", o.dump_frames,
                 "Write a text dump of the laid-out pages (fonts, glyph ids, positions) instead of the PDF, for "
                 "golden tests");
    app.add_option("--threads", o.threads,
                   "Threads to use: 1 all on one; 2 writes pages while the next are laid out; 0 (default) 2 "
                   "for documents of about 20 pages or more where two cores are free. Same bytes either way")
        ->type_name("N")
        ->check(CLI::Range(0, 64));
}

/// The options as --help shows them, for the generators.
std::vector<OptionDoc> documented(const CLI::App& app, const std::map<std::string, std::vector<std::string>>& choices) {
    std::vector<OptionDoc> docs;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty()) continue;  // hidden
        OptionDoc d;
        for (const std::string& s : opt->get_snames()) d.names.push_back("-" + s);
        for (const std::string& l : opt->get_lnames()) d.names.push_back("--" + l);
        if (opt->get_positional()) d.value = opt->get_name();
        else if (opt->get_type_size() != 0) d.value = opt->get_type_name().substr(0, opt->get_type_name().find(':'));
        if (!d.names.empty())
            if (auto c = choices.find(d.names.back()); c != choices.end()) d.choices = c->second;
        d.help = opt->get_description();
        docs.push_back(std::move(d));
    }
    return docs;
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& o) {
    CLI::App app{"galley: Markdown with front matter to a typeset, print-ready PDF report.", "galley"};
    std::map<std::string, std::vector<std::string>> choices;
    Raw raw;
    describe(app, o, raw, choices);
    bool list_keys = false;
    app.add_flag("--list-style-keys", list_keys, "Print every style key with its type, default and meaning, then exit");
    app.set_version_flag("--version", std::string("galley ") + version());
    std::string generated;
    app.add_option("--generate", generated, "Print the man page or a shell completion script")
        ->check(CLI::IsMember(kGenerated))
        ->group("");
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
    if (!generated.empty()) {
        generate(generated, documented(app, choices), version(), std::cout);
        return kOk;
    }
    if (list_keys) {
        std::cout << style::key_table_markdown();
        return kOk;
    }
    for (const std::string& rule : raw.rules) add_severity_rule(rule, o.diagnostics);
    for (const std::string& m : raw.metadata) o.metadata.emplace_back(m.substr(0, m.find('=')), m.substr(m.find('=') + 1));
    // As the pandoc front matter keys they stand for, set over the document's own.
    if (raw.toc_depth > 0) o.metadata.emplace_back("toc-depth", std::to_string(raw.toc_depth));
    if (raw.number_sections) o.metadata.emplace_back("numbersections", "true");
    const std::pair<const char*, const std::string*> print[] = {{"layout", &raw.layout}, {"sheet", &raw.sheet},
                                                                 {"gutter", &raw.gutter}, {"marks", &raw.marks},
                                                                 {"bleed", &raw.bleed}};
    for (const auto& [key, value] : print)
        if (!value->empty()) o.metadata.emplace_back(std::string("galley.print.") + key, "\"" + *value + "\"");
    if (raw.frame) o.metadata.emplace_back("galley.print.frame", "true");
    if (app.count("--pdf-standard") > 0) {
        std::string problem;
        o.pdf_standard = parse_pdf_standard(raw.pdf_standard, problem);
    }
    o.diagnostics.format = raw.format == "json"     ? DiagnosticFormat::Json
                           : raw.format == "github" ? DiagnosticFormat::Github
                                                    : DiagnosticFormat::Text;
    return std::nullopt;
}

}  // namespace galley::cli
