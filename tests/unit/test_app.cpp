// app/: the whole pipeline in memory, bytes in and PDF bytes out, with diagnostics.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/files.h"
#include "galley/galley.h"
#include "support.h"

using namespace galley;

namespace {

RenderOptions options() {
    RenderOptions o;
    o.source_name = "doc.md";
    o.fonts_dir = test::kFontsDir;
    o.styles_dir = test::kStylesDir;
    o.load_file = test::read_bytes;
    return o;
}

bool has(const RenderResult& r, const std::string& code) {
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code) return true;
    return false;
}

std::string pdf_text(const RenderResult& r) { return std::string(r.pdf.begin(), r.pdf.end()); }

}  // namespace

TEST_CASE("a small document renders to a PDF with one page per page of content") {
    const RenderResult r = render("# Hello\n\nA paragraph with *emphasis*.\n", options());
    REQUIRE(r.ok());
    CHECK(pdf_text(r).rfind("%PDF-", 0) == 0);
    CHECK(r.page_count == 1);
    CHECK(r.diagnostics.empty());
}

TEST_CASE("empty and whitespace-only input give a valid one-page PDF") {
    for (const char* src : {"", "  \n\t\n\n"}) {
        const RenderResult r = render(src, options());
        REQUIRE(r.ok());
        CHECK(r.page_count == 1);
    }
}

TEST_CASE("malformed front matter stops with the file and line, and no PDF") {
    const RenderResult r = render("+++\ntitle = \"x\"\nbad = \"open\n+++\nbody\n", options());
    CHECK_FALSE(r.ok());
    REQUIRE_FALSE(r.diagnostics.empty());
    const Diagnostic& d = r.diagnostics.front();
    CHECK(d.severity == Severity::Error);
    CHECK(d.location.file == "doc.md");
    CHECK(d.location.line == 3);
}

TEST_CASE("invalid UTF-8 is replaced and warned about with its line") {
    const RenderResult r = render("line one\n\nline \xFF three\n", options());
    REQUIRE(r.ok());
    REQUIRE(has(r, "utf8.invalid"));
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == "utf8.invalid") CHECK(d.location.line == 3);
}

TEST_CASE("control characters are removed and warned about at their line and column, once per line") {
    const RenderResult r = render("# T\n\nBell \x07 esc \x1b[31m red\n\nDel \x7f tab\tkept\n", options());
    REQUIRE(r.ok());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> at;
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == "text.control") at.push_back({d.location.line, d.location.column});
    CHECK(at == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{3, 6}, {5, 5}});
    // C1 controls (two bytes in UTF-8) too; the column counts bytes.
    const RenderResult c1 = render("# T\n\n\u00e9 \u0085 and \u009b.\n", options());
    REQUIRE(c1.ok());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> at1;
    for (const Diagnostic& d : c1.diagnostics)
        if (d.code == "text.control") at1.push_back({d.location.line, d.location.column});
    CHECK(at1 == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{3, 4}});
}

TEST_CASE("binary input is refused at the byte that shows it; a NUL far into a text is removed") {
    const auto refusal = [](const RenderResult& r) {
        for (const Diagnostic& d : r.diagnostics)
            if (d.code == "input.binary") return d;
        return Diagnostic{};
    };
    for (std::string_view head : {"%PDF-1.7\n", "PK\x03\x04", "\x89PNG\r\n\x1a\n", "\xff\xd8\xff\xe0", "\x1f\x8b\x08"}) {
        CAPTURE(head);
        const RenderResult r = render(std::string(head) + "# Title\n\nText.\n", options());
        CHECK_FALSE(r.ok());
        CHECK(refusal(r).severity == Severity::Error);
        CHECK(refusal(r).location.line == 1);
        CHECK(refusal(r).location.column == 1);
    }
    const RenderResult utf16 = render(std::string_view("\xff\xfe#\0 \0T\0", 8), options());
    CHECK(refusal(utf16).message.find("UTF-16") != std::string::npos);
    // A NUL on line 3, column 5: the location of the byte.
    const RenderResult nul = render(std::string_view("# T\n\nab \0 c\n", 12), options());
    CHECK_FALSE(nul.ok());
    CHECK(refusal(nul).location.line == 3);
    CHECK(refusal(nul).location.column == 4);
    // Past the first 8000 bytes, a stray NUL in a text is a control character like any other.
    std::string text = "# T\n\n" + std::string(9000, 'a') + std::string("\n\nNul \0 here\n", 13);
    const RenderResult late = render(text, options());
    CHECK(late.ok());
    CHECK(has(late, "text.control"));
    CHECK_FALSE(has(late, "input.binary"));
}

TEST_CASE("a style that leaves no room for text is an error at the key that did it") {
    const auto geometry_errors = [](const RenderResult& r) {
        std::vector<std::pair<std::uint32_t, std::uint32_t>> at;
        for (const Diagnostic& d : r.diagnostics)
            if (d.code == "style.geometry" && d.severity == Severity::Error)
                at.push_back({d.location.line, d.location.column});
        return at;
    };
    using At = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    // Margins that eat the page, in either direction.
    RenderResult r = render("+++\n[galley.page]\nmargin-left = \"120mm\"\nmargin-right = \"80mm\"\n+++\n\nText.\n", options());
    CHECK_FALSE(r.ok());
    CHECK(geometry_errors(r) == At{{3, 15}});
    r = render("+++\n[galley.page]\nmargins = \"140mm\"\n+++\n\nText.\n", options());
    CHECK(geometry_errors(r) == At{{3, 11}, {3, 11}});
    // A bleed or a gutter that would push the pages off the sheet or shrink them to nothing.
    r = render("+++\n[galley.print]\nlayout = \"2up\"\ngutter = \"297mm\"\n+++\n\nText.\n", options());
    CHECK_FALSE(r.ok());
    CHECK(geometry_errors(r) == At{{4, 10}});
    r = render("+++\n[galley.print]\nbleed = \"1e9mm\"\n+++\n\nText.\n", options());
    CHECK(geometry_errors(r) == At{{3, 9}});
    CHECK(render("+++\n[galley.print]\nbleed = \"3mm\"\ngutter = \"5mm\"\n+++\n\nText.\n", options()).ok());
    // Sheet settings without a layout do nothing, and say so.
    r = render("+++\n[galley.print]\nsheet = \"a3\"\n+++\n\nText.\n", options());
    CHECK(r.ok());
    CHECK(has(r, "style.value"));
    CHECK_FALSE(has(render("+++\n[galley.print]\nsheet = \"a3\"\nlayout = \"2up\"\n+++\n\nText.\n", options()), "style.value"));
    // A page smaller than an inch, or larger than PDF allows.
    r = render("+++\n[galley.page]\nsize = [\"40pt\", \"40pt\"]\n+++\n\nText.\n", options());
    CHECK_FALSE(r.ok());
    CHECK(geometry_errors(r).size() >= 2);
    r = render("+++\n[galley.page]\nsize = [\"300in\", \"10in\"]\n+++\n\nText.\n", options());
    CHECK(geometry_errors(r) == At{{3, 8}});
    // A code column eaten by its padding; a code font no line can hold.
    r = render("+++\n[galley.code]\npadding = \"300pt\"\n+++\n\n```\ncode\n```\n", options());
    CHECK(geometry_errors(r) == At{{3, 11}});
    r = render("+++\n[galley]\ncode.size = \"10000pt\"\n+++\n\n```\ncode\n```\n", options());
    CHECK(geometry_errors(r) == At{{3, 13}, {3, 13}});  // wider than the column, taller than the page
    // A line taller than the text area.
    r = render("+++\n[galley.body]\nleading = \"800pt\"\n+++\n\nText.\n", options());
    CHECK(geometry_errors(r) == At{{3, 11}});
    // What a real style may do stays allowed: narrow A5 margins, large headings.
    r = render("+++\n[galley.page]\nsize = \"a5\"\nmargins = \"30mm\"\n[galley]\nh1.size = \"40pt\"\n+++\n\n# T\n", options());
    CHECK(r.ok());
    CHECK(geometry_errors(r).empty());
}

TEST_CASE("a relative font file path is relative to the style file or document that names it") {
    // The style file sits beside the fonts; the working folder is elsewhere, so a path taken
    // as relative to it is a missing font.
    RenderOptions o = options();
    o.style_toml = "[body]\nfont = \"NotoSerif-Italic.ttf\"\n";
    o.style_name = test::kFontsDir + "/handout.toml";
    RenderResult r = render("Text.\n", o);
    CHECK(r.ok());
    CHECK_FALSE(has(r, "font.missing"));
    // Front matter: against the document's folder.
    o = options();
    o.base_dir = test::kFontsDir;
    r = render("+++\n[galley]\nbody.font = \"NotoSans-Bold.ttf\"\nfallback.families = [\"NotoSans-Italic.ttf\"]\n+++\n\nText.\n", o);
    CHECK(r.ok());
    CHECK_FALSE(has(r, "font.missing"));
    // A family name and an absolute path are taken as they are.
    o.style_toml = "[body]\nfont = \"" + test::kFontsDir + "/NotoSans-Italic.ttf\"\n[code]\nfont = \"Noto Sans Mono\"\n";
    o.style_name = "/nowhere/style.toml";
    r = render("Text `code`.\n", o);
    CHECK(r.ok());
    CHECK_FALSE(has(r, "font.missing"));
}

TEST_CASE("a font no one has is an error at the style key that names it, in any layer") {
    auto error_at = [](const RenderResult& r) {
        for (const Diagnostic& d : r.diagnostics)
            if (d.code == "font.missing") return d.location;
        return SourceLocation{};
    };
    // Front matter, TOML dotted key.
    RenderResult r = render("+++\ntitle = \"x\"\n[galley]\nbody.font = \"No Such Family\"\n+++\n\nText.\n", options());
    CHECK_FALSE(r.ok());
    CHECK(r.pdf.empty());
    CHECK(error_at(r).file == "doc.md");
    CHECK(error_at(r).line == 4);
    CHECK(error_at(r).column == 13);
    // Front matter, YAML with the whole dotted key.
    r = render("---\ntitle: x\ngalley:\n  table.font: Nope\n---\n\nText.\n", options());
    CHECK_FALSE(r.ok());
    CHECK(error_at(r).line == 4);
    // A style file, the key in a table; the front matter overriding it with a good font wins.
    RenderOptions o = options();
    o.style_toml = "[code]\nfont = \"Missing Mono\"\n";
    o.style_name = "mine.toml";
    r = render("Text.\n", o);
    CHECK_FALSE(r.ok());
    CHECK(error_at(r).file == "mine.toml");
    CHECK(error_at(r).line == 2);
    r = render("+++\n[galley]\ncode.font = \"Noto Sans Mono\"\n+++\n\nText.\n", o);
    CHECK(r.ok());
}

TEST_CASE("a link to a missing anchor warns with the anchor name and still renders") {
    const RenderResult r = render("# A\n\nSee [there](#nowhere).\n", options());
    REQUIRE(r.ok());
    bool found = false;
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == "anchor.missing" && d.message.find("nowhere") != std::string::npos) {
            found = true;
            CHECK(d.location.line == 3);
        }
    CHECK(found);
}

TEST_CASE("the output is the same bytes for the same input (reproducible)") {
    RenderOptions o = options();
    o.source_date_epoch = 1700000000;
    const std::string src = "+++\ntitle = \"Same\"\n+++\n# Same\n\nText.\n";
    const RenderResult a = render(src, o);
    const RenderResult b = render(src, o);
    REQUIRE(a.ok());
    CHECK(a.pdf == b.pdf);
}

TEST_CASE("a long document flows onto several pages") {
    std::string src;
    for (int i = 0; i < 200; ++i) src += "Paragraph " + std::to_string(i) + " with some words to fill a line or two.\n\n";
    const RenderResult r = render(src, options());
    REQUIRE(r.ok());
    CHECK(r.page_count > 3);
}

TEST_CASE("an unknown paper size is an error") {
    RenderOptions o = options();
    o.paper = "tabloid-ish";
    const RenderResult r = render("x\n", o);
    CHECK_FALSE(r.ok());
    CHECK(has(r, "option.paper"));
}

TEST_CASE("an exception inside a render is an internal error, not a throw") {
    // A loader that throws is the cleanest way in: the styles are read through it first.
    RenderOptions o = options();
    o.load_file = [](const std::string&) -> std::optional<Bytes> { throw std::runtime_error("disk on fire"); };
    RenderResult r;
    CHECK_NOTHROW(r = render("# Title\n\nText.\n", o));
    CHECK_FALSE(r.ok());
    CHECK(r.page_count == 0);
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics.front();
    CHECK(d.severity == Severity::Error);
    CHECK(d.code == "internal");
    CHECK(d.location.file == "doc.md");
    CHECK(d.message.find("disk on fire") != std::string::npos);
    CHECK(d.message.find("bug in galley") != std::string::npos);

    // Anything thrown, not only std::exception; warnings found before it are kept.
    o.load_file = [](const std::string&) -> std::optional<Bytes> { throw 42; };
    CHECK_NOTHROW(r = render("Text \xFF.\n", o));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].code == "utf8.invalid");
    CHECK(r.diagnostics[1].code == "internal");
    CHECK(r.diagnostics[1].message.find("unknown type") != std::string::npos);
}

TEST_CASE("without system fonts the output depends only on the bundled fonts") {
    RenderOptions o = options();
    o.use_system_fonts = false;
    // Hebrew: the default style's fallback (Noto Sans Hebrew) is not bundled, so the letters
    // are boxes with a warning, whatever the machine has installed.
    const std::string hebrew = "Shalom: \u05E9\u05DC\u05D5\u05DD.\n";
    RenderResult r = render(hebrew, o);
    REQUIRE(r.ok());
    CHECK(has(r, "font.glyph"));
    CHECK(r.fallback_report.empty());
    // An installed family named by the style is an error that says why.
    r = render("+++\n[galley]\nbody.font = \"DejaVu Sans\"\n+++\n\nText.\n", o);
    CHECK_FALSE(r.ok());
    REQUIRE(has(r, "font.missing"));
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == "font.missing") CHECK(d.message.find("system fonts are off") != std::string::npos);

    // With system fonts (the default) the same documents use the installed fonts, where present.
    const RenderResult with_system = render(hebrew, options());
    REQUIRE(with_system.ok());
    if (with_system.fallback_report.empty())
        MESSAGE("no installed Hebrew font: the comparison with system fonts is skipped");
    else
        CHECK_FALSE(has(with_system, "font.glyph"));
}

TEST_CASE("renders on several threads at once give the bytes of a render alone") {
    RenderOptions o = options();
    o.source_date_epoch = 0;
    o.toc = true;
    const std::string src =
        "+++\ntitle = \"Threads\"\n+++\n# One\n\nAn efficient office and \u05E9\u05DC\u05D5\u05DD.\n\n"
        "## Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: A note.\n";
    const RenderResult alone = render(src, o);
    REQUIRE(alone.ok());
    std::vector<RenderResult> results(4);
    std::vector<std::thread> threads;
    for (RenderResult& r : results) threads.emplace_back([&] { r = render(src, o); });
    for (std::thread& t : threads) t.join();
    for (const RenderResult& r : results) CHECK(r.pdf == alone.pdf);
}

namespace {

/// An OutputSink that keeps what it is given, and counts restarts.
struct Collect : OutputSink {
    Bytes bytes;
    int restarts = 0;
    bool write(std::string_view b) override {
        bytes.insert(bytes.end(), b.begin(), b.end());
        return true;
    }
    bool restart() override {
        bytes.clear();
        ++restarts;
        return true;
    }
};

/// The example report, and a long document of every block kind (several pages, notes, a table
/// across pages) so that pages are written while later ones are laid out.
std::vector<std::string> thread_documents() {
    std::vector<std::string> docs;
    const auto example = test::read_bytes(GALLEY_SOURCE_DIR "/examples/report.md");
    REQUIRE(example);
    docs.emplace_back(example->begin(), example->end());
    std::string long_doc = "+++\ntitle = \"Threads\"\n+++\n";
    for (int i = 0; i < 40; ++i) {
        long_doc += "## Section " + std::to_string(i) + "\n\nText with a note[^n" + std::to_string(i) +
                    "] and a [link](#section-" + std::to_string((i * 7) % 40) + ").\n\n";
        long_doc += "| a | b |\n|---|---|\n| " + std::string(i % 5 + 1, 'x') + " | cell |\n\n- item\n- item\n\n";
        long_doc += "[^n" + std::to_string(i) + "]: The note of section " + std::to_string(i) + ".\n\n";
    }
    docs.push_back(long_doc);
    return docs;
}

}  // namespace

TEST_CASE("one thread or two, buffered or streamed, with or without a contents pass: the same bytes") {
    for (const std::string& doc : thread_documents()) {
        for (const bool toc : {false, true}) {
            RenderOptions one = options();
            one.source_date_epoch = 0;
            one.toc = toc;
            one.threads = 1;
            const RenderResult alone = render(doc, one);
            REQUIRE(alone.ok());
            CHECK(alone.page_count > 1);
            RenderOptions two = one;
            two.threads = 2;
            const RenderResult threaded = render(doc, two);
            REQUIRE(threaded.ok());
            CHECK(threaded.pdf == alone.pdf);
            Collect sink;
            two.output_sink = &sink;
            const RenderResult streamed = render(doc, two);
            REQUIRE(streamed.ok());
            CHECK(streamed.pdf.empty());
            CHECK(streamed.output_size == sink.bytes.size());
            CHECK(sink.bytes == alone.pdf);
            // A contents pass whose page numbers moved starts the output again.
            CHECK((sink.restarts > 0) == toc);
        }
    }
}

// ---- app/files: reading inputs ---------------------------------------------------------------

TEST_CASE("a regular file is read into a buffer of its size, with no growing") {
    const std::string path = test::kFontsDir + "/NotoSerif-Regular.ttf";
    const std::optional<Bytes> whole = test::read_bytes(path);
    const std::optional<Bytes> read = app::read_file(path);
    REQUIRE(read);
    CHECK(*read == *whole);
    // Growing the vector past the file's size to look for its end copied every font once.
    CHECK(read->capacity() == read->size());
    CHECK_FALSE(app::read_file(test::kFontsDir));  // a folder
    CHECK_FALSE(app::read_file(test::kFontsDir + "/no-such-file.ttf"));
}

TEST_CASE("a stream of unknown length is read to its end") {
    char dir[] = "/tmp/galley-test-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    const std::string fifo = std::string(dir) + "/fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string sent;
    for (int i = 0; sent.size() < 300000; ++i) sent += "line " + std::to_string(i) + "\n";
    std::thread writer([&] {
        if (FILE* f = std::fopen(fifo.c_str(), "wb")) {
            std::fwrite(sent.data(), 1, sent.size(), f);
            std::fclose(f);
        }
    });
    const std::optional<Bytes> got = app::read_file(fifo);
    writer.join();
    ::unlink(fifo.c_str());
    ::rmdir(dir);
    REQUIRE(got);
    CHECK(std::string(got->begin(), got->end()) == sent);
}

TEST_CASE("a regular file is mapped with the bytes a read gives; what cannot be mapped is read") {
    const std::string path = test::kFontsDir + "/NotoSans-Regular.ttf";
    const std::optional<SharedBytes> mapped = app::map_file(path);
    REQUIRE(mapped);
    const Bytes whole = *test::read_bytes(path);
    CHECK(Bytes(mapped->bytes.begin(), mapped->bytes.end()) == whole);
    const SharedBytes copy = *mapped;  // the mapping lives while any copy does
    CHECK(copy.bytes.data() == mapped->bytes.data());
    CHECK_FALSE(app::map_file(test::kFontsDir));
    CHECK_FALSE(app::map_file(test::kFontsDir + "/no-such-file.ttf"));

    char dir[] = "/tmp/galley-test-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    const std::string empty = std::string(dir) + "/empty";
    std::fclose(std::fopen(empty.c_str(), "wb"));
    const std::optional<SharedBytes> none = app::map_file(empty);  // mmap refuses length 0
    ::unlink(empty.c_str());
    ::rmdir(dir);
    REQUIRE(none);
    CHECK(none->bytes.empty());
}

TEST_CASE("PDF standards: the option over the style key; PDF/A without a readable sRGB profile stops") {
    RenderOptions o = options();
    o.srgb_profiles = {"/nonexistent/sRGB.icc", GALLEY_SOURCE_DIR "/README.md"};
    const std::string styled = "+++\n[galley]\npdf.standard = \"a-2b\"\n+++\n# T\n";
    RenderResult r = render(styled, o);
    CHECK_FALSE(r.ok());
    CHECK(has(r, "pdfa.profile"));
    o.pdf_standard = PdfStandard{};  // the option says none: the style's a-2b is not asked for
    CHECK(render(styled, o).ok());
    o.pdf_standard = PdfStandard{PdfStandard::Archive::None, true};
    r = render("No title here.\n", o);
    CHECK_FALSE(r.ok());
    CHECK(has(r, "pdfua.title"));
    r = render("# A title\n", o);
    REQUIRE(r.ok());
    CHECK(pdf_text(r).find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
}
