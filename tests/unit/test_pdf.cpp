// Unit tests of the PDF writer: hand-built frames written to PDF and checked with real tools
// (qpdf, pdffonts, pdfinfo and pdftotext from poppler-utils, mutool), since what matters is
// what readers see. The files stay in the temp folder as galley_test_pdf_*.pdf for a look.
#include <doctest/doctest.h>
#include <harfbuzz/hb.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <sstream>

#include "pdf/color_glyphs.h"
#include "pdf/metadata.h"
#include "pdf/object_writer.h"
#include "pdf/pdf_syntax.h"
#include "pdf/pdf_writer.h"

using namespace galley;

namespace {

std::optional<Bytes> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

font::FontBook& book() {
    static font::FontBook b(read_file, GALLEY_SOURCE_DIR "/fonts");
    return b;
}

const font::Face* serif() {
    DiagnosticSink sink;
    const font::Face* f = book().face("Noto Serif", {}, sink);
    REQUIRE(f != nullptr);
    return f;
}

const font::Face* sans_bold() {
    DiagnosticSink sink;
    const font::Face* f = book().face("Noto Sans", {true, false}, sink);
    REQUIRE(f != nullptr);
    return f;
}

/// Shapes `text` with HarfBuzz (liga and kern on, as for body text, and `feature` when given,
/// such as "smcp") into a run at `origin`.
frame::GlyphRun shape(const font::Face* face, const std::string& text, Pt size, Point origin,
                      const char* feature = nullptr) {
    const std::span<const std::uint8_t> data = face->data();
    hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(data.data()), static_cast<unsigned>(data.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* hf = hb_face_create(blob, face->index());
    hb_font_t* font = hb_font_create(hf);
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t f{};
    const bool with_feature = feature && hb_feature_from_string(feature, -1, &f);
    hb_shape(font, buf, with_feature ? &f : nullptr, with_feature ? 1 : 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    const double scale = size / face->metrics().units_per_em;
    frame::GlyphRun run{.face = face, .size = size, .origin = origin, .text = text};
    for (unsigned i = 0; i < n; ++i)
        run.glyphs.push_back({info[i].codepoint, static_cast<float>(pos[i].x_advance * scale),
                              static_cast<float>(pos[i].x_offset * scale), static_cast<float>(pos[i].y_offset * scale),
                              info[i].cluster});
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(hf);
    hb_blob_destroy(blob);
    return run;
}

/// Total advance of a run in points.
Pt width_of(const frame::GlyphRun& run) {
    Pt w = 0;
    for (const auto& g : run.glyphs) w += g.x_advance;
    return w;
}

frame::Page a4(std::vector<frame::Item> items = {}) { return frame::Page{{595.276, 841.89}, std::move(items)}; }

frame::Document one_page(std::vector<frame::Item> items) {
    frame::Document doc;
    doc.pages.push_back(a4(std::move(items)));
    return doc;
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("galley_test_pdf_" + name + ".pdf")).string();
}

std::string save(const Bytes& pdf, const std::string& name) {
    const std::string path = temp_path(name);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(pdf.data()),
                                                static_cast<std::streamsize>(pdf.size()));
    return path;
}

/// Runs a shell command and returns its standard output.
std::string run(const std::string& cmd) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(p != nullptr);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p.get())) > 0;) out.append(buf, n);
    return out;
}

/// Writes `doc`, saves it under `name`, and checks it with qpdf --check. Returns the path.
std::string write_checked(const frame::Document& doc, const std::string& name, DiagnosticSink& sink) {
    const Bytes pdf = pdf::write(doc, sink);
    std::string diagnostics;
    for (const auto& d : sink.items()) diagnostics += format_diagnostic(d) + "\n";
    INFO(diagnostics);
    REQUIRE_FALSE(sink.has_errors());
    REQUIRE_FALSE(pdf.empty());
    const std::string path = save(pdf, name);
    const std::string check = run("qpdf --check '" + path + "' 2>&1; echo exit=$?");
    INFO(check);
    CHECK(check.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(check.find("exit=0") != std::string::npos);
    return path;
}

/// The page text by pdftotext, whitespace runs (line and page breaks) folded into one space:
/// what matters is the characters and the word boundaries, not poppler's layout guesses.
/// With `mupdf`, the text as MuPDF extracts it instead (its warnings on stderr are dropped).
std::string text_of(const std::string& path, bool mupdf = false) {
    std::istringstream in(run(mupdf ? "mutool draw -F txt -o - '" + path + "' 2>/dev/null"
                                    : "pdftotext -enc UTF-8 '" + path + "' - 2>&1"));
    std::string out;
    for (std::string word; in >> word;) out += (out.empty() ? "" : " ") + word;
    return out;
}

/// The file with streams uncompressed (qpdf QDF mode), to look at content operators.
std::string uncompressed(const std::string& path) {
    return run("qpdf --qdf --normalize-content=n --object-streams=disable '" + path + "' - 2>&1");
}

/// qpdf's JSON view of the file: "outlines" resolved by qpdf, "qpdf"[1] all objects.
nlohmann::json qpdf_json(const std::string& path) {
    return nlohmann::json::parse(run("qpdf --json '" + path + "'"));
}

/// An object's value from qpdf --json by reference ("12 0 R").
const nlohmann::json& object(const nlohmann::json& j, const std::string& ref) {
    return j["qpdf"][1]["obj:" + ref]["value"];
}

const nlohmann::json& trailer(const nlohmann::json& j) { return j["qpdf"][1]["trailer"]["value"]; }

/// One glyph per code point of `shown` (the face's nominal glyphs, unkerned), all in one
/// cluster that stands for `text`: a way to give a glyph any text.
frame::GlyphRun nominal(const font::Face* face, const std::u32string& shown, const std::string& text, Pt size,
                        Point origin) {
    frame::GlyphRun run{.face = face, .size = size, .origin = origin, .text = text};
    for (char32_t c : shown) {
        const std::uint32_t gid = face->glyph_for(c);
        run.glyphs.push_back({gid, static_cast<float>(face->advance(gid) * size / face->metrics().units_per_em), 0, 0, 0});
    }
    return run;
}

struct Word {
    double x_min, y_min, x_max, y_max;
    std::string text;
};

/// Words with their boxes from `pdftotext -bbox` (y grows downwards from the page top).
std::vector<Word> words_of(const std::string& path) {
    std::istringstream in(run("pdftotext -bbox '" + path + "' - 2>&1"));
    std::vector<Word> words;
    for (std::string line; std::getline(in, line);) {
        Word w{};
        char text[256] = {};
        if (std::sscanf(line.c_str(), " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%255[^<]", &w.x_min,
                        &w.y_min, &w.x_max, &w.y_max, text) == 5) {
            w.text = text;
            words.push_back(w);
        }
    }
    return words;
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("text is shown with subset CID TrueType fonts and extracts, ligatures included") {
    frame::GlyphRun body = shape(serif(), "The efficient scientific profiling.", 12, {72, 700});
    frame::GlyphRun bold = shape(sans_bold(), "Office affairs, fifty fjords", 14, {72, 650});
    // The test is about ligatures: HarfBuzz must have made some (fewer glyphs than letters).
    REQUIRE(body.glyphs.size() < body.text.size());
    REQUIRE(bold.glyphs.size() < bold.text.size());
    DiagnosticSink sink;
    const std::string path = write_checked(one_page({body, bold}), "text", sink);

    CHECK(text_of(path) == "The efficient scientific profiling. Office affairs, fifty fjords");

    std::istringstream fonts(run("pdffonts '" + path + "'"));
    std::string line;
    std::getline(fonts, line);  // header
    std::getline(fonts, line);  // rule
    int rows = 0;
    while (std::getline(fonts, line)) {
        ++rows;
        INFO(line);
        CHECK(line.find("CID TrueType") != std::string::npos);
        CHECK(line.find("Identity-H") != std::string::npos);
        CHECK(line.find(" yes yes yes ") != std::string::npos);  // embedded, subset, ToUnicode
        // Subset tag: six upper-case letters and '+'.
        REQUIRE(line.size() > 7);
        CHECK(std::all_of(line.begin(), line.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }));
        CHECK(line[6] == '+');
    }
    CHECK(rows == 2);

    // The descendant and its descriptor carry what readers need (PDF 32000-1, 9.7.4, 9.8).
    const nlohmann::json j = qpdf_json(path);
    int descendants = 0;
    for (const auto& [key, obj] : j["qpdf"][1].items()) {
        if (!obj.contains("value")) continue;  // a stream
        const auto& v = obj["value"];
        if (!v.is_object() || v.value("/Subtype", "") != "/CIDFontType2") continue;
        ++descendants;
        CHECK(v["/CIDSystemInfo"]["/Ordering"] == "u:Identity");
        CHECK(v["/W"].is_array());
        CHECK(v["/DW"].is_number());
        CHECK(v["/CIDToGIDMap"].is_string());  // a stream: glyph ids are renumbered by the subset
        const auto& fd = object(j, v["/FontDescriptor"]);
        for (const char* k : {"/Flags", "/FontBBox", "/ItalicAngle", "/Ascent", "/Descent", "/CapHeight", "/StemV"})
            CHECK_MESSAGE(fd.contains(k), k);
        CHECK(fd["/FontName"] == v["/BaseFont"]);
        const auto& file = j["qpdf"][1]["obj:" + fd["/FontFile2"].get<std::string>()]["stream"]["dict"];
        CHECK(file["/Length1"].is_number());
        CHECK(file["/Filter"] == "/FlateDecode");
    }
    CHECK(descendants == 2);
}

TEST_CASE("ToUnicode: text above U+FFFF, and a glyph shown for two texts gets /ActualText") {
    const font::Face* f = serif();
    const frame::Document doc = one_page({
        // 'Z' standing for U+1D538 (a non-BMP letter; no bundled font has one): the ToUnicode
        // entry needs a surrogate pair.
        nominal(f, U"Z", "\U0001D538", 12, {72, 700}),
        nominal(f, U"A", "A", 12, {72, 680}),
        // The same 'A' glyph now standing for alpha: ToUnicode keeps "A", this one needs ActualText.
        nominal(f, U"A", "\u03B1", 12, {72, 660}),
        // A two-glyph cluster whose glyphs are not the nominal glyphs of its text: ActualText,
        // as for every cluster of several glyphs.
        nominal(f, U"AZ", "xy", 12, {72, 640}),
        // Two fresh glyphs for one character: the second gets no ToUnicode entry and adds nothing.
        nominal(f, U"QW", "\u03C9", 12, {72, 620}),
    });
    DiagnosticSink sink;
    const std::string path = write_checked(doc, "tounicode", sink);
    CHECK(text_of(path) == "\U0001D538 A \u03B1 xy \u03C9");
    const std::string raw = uncompressed(path);
    CHECK(raw.find("<D835DD38>") != std::string::npos);  // U+1D538 as a surrogate pair
    CHECK(count(raw, "/ActualText") == 3);
    CHECK(raw.find("/Span <</ActualText <FEFF03B1>>> BDC") != std::string::npos);
    CHECK(raw.find("/Span <</ActualText <FEFF00780079>>> BDC") != std::string::npos);
}

TEST_CASE("a base letter with a combining mark keeps per-glyph mappings, and gets ActualText") {
    const font::Face* f = serif();
    // "Jose\u0301" shaped as J o s e + combining acute in one cluster (as HarfBuzz merges marks).
    frame::GlyphRun run = nominal(f, U"Jose\u0301", "Jose\u0301", 12, {72, 700});
    for (std::size_t i = 0; i < 4; ++i) run.glyphs[i].cluster = static_cast<std::uint32_t>(i);
    run.glyphs[4].cluster = 3;
    run.glyphs[4].x_advance = 0;
    REQUIRE(run.glyphs[4].gid != 0);
    DiagnosticSink sink;
    const std::string path =
        write_checked(one_page({run, shape(f, "else", 12, {72, 680})}), "marks", sink);  // 'e' alone too
    CHECK(text_of(path) == "Jose\u0301 else");
    // The cluster of two glyphs is wrapped: readers place zero-width marks by position, which
    // works for this accent but not for Thai tone marks (CidFont::map_cluster).
    const std::string raw = uncompressed(path);
    CHECK(count(raw, "/ActualText") == 1);
    CHECK(raw.find("/Span <</ActualText <FEFF00650301>>> BDC") != std::string::npos);
}

/// Lines of pdftotext's output (no flags) that are not empty, trailing spaces removed.
std::vector<std::string> lines_of(const std::string& path) {
    std::istringstream in(run("pdftotext -enc UTF-8 '" + path + "' - 2>&1"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        line.erase(line.find_last_not_of(" \f") + 1);
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

TEST_CASE("text-as stretches: code lines with runs of spaces read whole and in order; nothing for an empty one") {
    const font::Face* f = serif();
    // Three log lines at a page top, the level padded with two spaces and the message a run of
    // its own, as code lines are set: poppler drops space glyphs and reads the gap as a
    // column gap, so without the stretches it gives the dates first, then the messages.
    const std::vector<std::pair<std::string, std::string>> log = {
        {"2026-12-05 10:00:07 WARN  ", "slow response: 2.4 s"},
        {"2026-12-05 10:00:08 INFO  ", "shutting down"},
        {"2026-12-05 10:00:09 INFO  ", "bye"}};
    std::vector<frame::Item> items;
    Pt y = 780;
    for (const auto& [head, message] : log) {
        items.push_back(frame::ActualTextBegin{head + message});
        frame::GlyphRun first = shape(f, head, 10, {72, y});
        const Pt x = 72 + width_of(first);
        items.push_back(std::move(first));
        items.push_back(shape(f, message, 10, {x, y}));
        items.push_back(frame::ActualTextEnd{});
        y -= 12;
    }
    // A continuation line reads as nothing; a nested begin and a stray end change nothing.
    items.push_back(frame::ActualTextBegin{""});
    items.push_back(frame::ActualTextBegin{"inner"});
    items.push_back(shape(f, "hidden", 10, {72, y}));
    items.push_back(frame::ActualTextEnd{});
    items.push_back(frame::ActualTextEnd{});
    items.push_back(frame::ActualTextEnd{});
    // A cluster of two glyphs inside a stretch gets no span of its own (poppler would keep
    // only the inner text), and a stretch left open ends with its page.
    frame::GlyphRun marks = nominal(f, U"AZ", "xy", 10, {72, y - 12});
    items.push_back(frame::ActualTextBegin{"open end"});
    items.push_back(std::move(marks));
    DiagnosticSink sink;
    const std::string path = write_checked(one_page(std::move(items)), "text_as", sink);
    CHECK(lines_of(path) == std::vector<std::string>{"2026-12-05 10:00:07 WARN  slow response: 2.4 s",
                                                      "2026-12-05 10:00:08 INFO  shutting down",
                                                      "2026-12-05 10:00:09 INFO  bye", "open end"});
    const std::string raw = uncompressed(path);
    CHECK(count(raw, " BDC") == 5);
    CHECK(count(raw, "EMC") == 5);
    CHECK(raw.find("/ActualText <FEFF>") != std::string::npos);
}

TEST_CASE("glyph positions: kerning, justification and offsets are reproduced") {
    const font::Face* f = serif();
    const Point origin{100, 500};
    const Pt size = 20;
    frame::GlyphRun run = shape(f, "AVAST Wave Tokyo yes", size, origin);
    // Justification: stretch every space by 7.3 pt, as a justified line would.
    std::vector<Pt> word_x = {origin.x};
    Pt pen = origin.x;
    for (auto& g : run.glyphs) {
        if (run.text[g.cluster] == ' ') g.x_advance += 7.3;
        pen += g.x_advance;
        if (run.text[g.cluster] == ' ') word_x.push_back(pen);
    }
    const Pt end_x = pen;
    // A raised and shifted glyph (like a mark placed by GPOS) in the last word: 'y' up 4 pt.
    frame::Glyph& y = run.glyphs.back().cluster == run.text.size() - 1 ? run.glyphs[run.glyphs.size() - 3]
                                                                        : run.glyphs.back();
    y.y_offset = 4;
    DiagnosticSink sink;
    const std::string path = write_checked(one_page({run}), "positions", sink);

    const std::vector<Word> words = words_of(path);
    REQUIRE(words.size() == 4);
    CHECK(words[0].text == "AVAST");
    CHECK(words[3].text == "yes");
    for (std::size_t i = 0; i < words.size(); ++i) {
        INFO("word " << words[i].text);
        CHECK(std::abs(words[i].x_min - word_x[i]) <= 1.0);
    }
    CHECK(std::abs(words[3].x_max - end_x) <= 1.0);
    // Baseline (from the top: height - y) inside the first word's box.
    const double baseline = 841.89 - origin.y;
    CHECK(words[0].y_min < baseline);
    CHECK(words[0].y_max > baseline);
    const std::string raw = uncompressed(path);
    CHECK(raw.find("4 Ts") != std::string::npos);
    CHECK(raw.find("0 Ts") != std::string::npos);  // the rise is reset before ET
}

TEST_CASE("links, named destinations and a three-level outline") {
    const font::Face* f = serif();
    frame::Document doc;
    const std::string long_name(200, 'x');  // over the 127-byte name limit: gets an alias
    frame::Page p1 = a4();
    p1.items.push_back(frame::Anchor{"intro", {72, 780}});
    p1.items.push_back(shape(f, "Intro", 12, {72, 760}));
    p1.items.push_back(frame::LinkArea{{72, 700, 100, 14}, "", "\u65E5\u672C\u8A9E"});
    p1.items.push_back(frame::LinkArea{{72, 680, 100, 14}, "https://example.org/a?b=c&d=(e)", ""});
    p1.items.push_back(frame::LinkArea{{72, 660, 100, 14}, "", "risks--open-questions"});
    p1.items.push_back(frame::LinkArea{{72, 640, 100, 14}, "", "nowhere"});
    p1.items.push_back(frame::LinkArea{{72, 620, 100, 14}, "", "two words"});
    p1.items.push_back(frame::LinkArea{{72, 600, 100, 14}, "", long_name});
    frame::Page p2 = a4();
    p2.items.push_back(frame::Anchor{"\u65E5\u672C\u8A9E", {72, 700}});
    p2.items.push_back(frame::Anchor{"risks--open-questions", {72, 400}});
    p2.items.push_back(frame::Anchor{"two words", {72, 300}});
    p2.items.push_back(frame::Anchor{long_name, {72, 200}});
    doc.pages = {p1, p2};
    doc.outline = {
        {"Intro", 1, "intro"},
        {"\u65E5\u672C\u8A9E", 2, "\u65E5\u672C\u8A9E"},
        {"Risks & open questions", 3, "risks--open-questions"},
        {"Appendix", 1, "two words"},
        {"Deep jump", 4, long_name},
        {"Back to two", 2, "intro"},
    };
    DiagnosticSink sink;
    const std::string path = write_checked(doc, "links", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "link.dest");
    CHECK(sink.items()[0].message.find("nowhere") != std::string::npos);

    const nlohmann::json j = qpdf_json(path);
    const auto& catalog = object(j, trailer(j)["/Root"]);
    CHECK(catalog["/PageMode"] == "/UseOutlines");
    const auto& dests = catalog["/Dests"].is_string() ? object(j, catalog["/Dests"]) : catalog["/Dests"];
    CHECK(dests.size() == 5);
    CHECK(dests.contains("/\u65E5\u672C\u8A9E"));
    CHECK(dests.contains("/risks--open-questions"));

    // Every link: no border; a GoTo link's name resolves to a page of this document.
    std::vector<std::string> pages;
    for (const auto& p : j["pages"]) pages.push_back(p["object"]);
    const auto& page1 = object(j, pages[0]);
    // Pages are written as they come, so a link to an anchor that no page has is only known
    // at the end: it stays, leading nowhere, and is reported.
    REQUIRE(page1["/Annots"].size() == 6);
    CHECK(!dests.contains("/nowhere"));
    int named = 0, uri = 0;
    for (const auto& ref : page1["/Annots"]) {
        const auto& a = object(j, ref);
        CHECK(a["/Subtype"] == "/Link");
        CHECK(a["/Border"] == nlohmann::json::array({0, 0, 0}));
        if (a.contains("/Dest")) {
            ++named;
            const std::string name = a["/Dest"];
            INFO("dest " << name);
            if (name == "/nowhere") continue;
            REQUIRE(dests.contains(name));
            const auto& d = dests[name];
            CHECK(d[0] == pages[1]);
            CHECK(d[1] == "/XYZ");
        } else {
            ++uri;
            CHECK(a["/A"]["/S"] == "/URI");
            CHECK(a["/A"]["/URI"] == "u:https://example.org/a?b=c&d=(e)");
        }
    }
    CHECK(named == 5);
    CHECK(uri == 1);

    // Outline: nesting by level, top entries open, each pointing at its anchor's page.
    const auto& top = j["outlines"];
    REQUIRE(top.size() == 2);
    CHECK(top[0]["title"] == "Intro");
    CHECK(top[0]["open"] == true);
    CHECK(top[0]["destpageposfrom1"] == 1);
    REQUIRE(top[0]["kids"].size() == 1);
    const auto& jp = top[0]["kids"][0];
    CHECK(jp["title"] == "\u65E5\u672C\u8A9E");
    CHECK(jp["open"] == false);
    CHECK(jp["destpageposfrom1"] == 2);
    REQUIRE(jp["kids"].size() == 1);
    CHECK(jp["kids"][0]["title"] == "Risks & open questions");
    CHECK(jp["kids"][0]["destpageposfrom1"] == 2);
    CHECK(top[1]["title"] == "Appendix");
    REQUIRE(top[1]["kids"].size() == 2);
    CHECK(top[1]["kids"][0]["title"] == "Deep jump");
    CHECK(top[1]["kids"][1]["title"] == "Back to two");
    CHECK(top[1]["kids"][1]["destpageposfrom1"] == 1);
    // The destination is the anchor's position, keeping the zoom.
    const auto& dest = object(j, jp["object"])["/Dest"];
    CHECK(dest[0] == pages[1]);
    CHECK(dest[1] == "/XYZ");
    CHECK(dest[2] == 72);
    CHECK(dest[3] == 700);
    CHECK(dest[4] == nullptr);
}

TEST_CASE("document information, dates and language") {
    frame::Document doc;
    doc.pages.push_back(a4());
    doc.info.title = "Rapport d'\u00E9t\u00E9 \u2014 2024";
    doc.info.author = "Ada Lovelace";
    doc.info.subject = "Quarterly numbers";
    doc.info.keywords = "pdf, galley, reports";
    doc.info.creator = "galley 0.1.0";
    doc.info.lang = "fr-FR";
    doc.info.creation_epoch = 1704164645;  // 2024-01-02 03:04:05 UTC
    DiagnosticSink sink;
    const std::string path = write_checked(doc, "info", sink);

    const std::string info = run("pdfinfo -enc UTF-8 '" + path + "'");
    INFO(info);
    CHECK(info.find("Title:           Rapport d'\u00E9t\u00E9 \u2014 2024\n") != std::string::npos);
    CHECK(info.find("Keywords:        pdf, galley, reports\n") != std::string::npos);
    CHECK(info.find("Author:          Ada Lovelace\n") != std::string::npos);
    CHECK(info.find("Creator:         galley 0.1.0\n") != std::string::npos);
    const nlohmann::json j = qpdf_json(path);
    const auto& dict = object(j, trailer(j)["/Info"]);
    CHECK(dict["/CreationDate"] == "u:D:20240102030405+00'00'");
    CHECK(dict["/ModDate"] == "u:D:20240102030405+00'00'");
    CHECK(dict["/Subject"] == "u:Quarterly numbers");
    const auto& catalog = object(j, trailer(j)["/Root"]);
    CHECK(catalog["/Lang"] == "u:fr-FR");
    CHECK_FALSE(catalog.contains("/Outlines"));
    CHECK(trailer(j)["/ID"].size() == 2);

    // No date given: none written (no clock).
    doc.info.creation_epoch.reset();
    DiagnosticSink sink2;
    const nlohmann::json j2 = qpdf_json(write_checked(doc, "info-nodate", sink2));
    CHECK_FALSE(object(j2, trailer(j2)["/Info"]).contains("/CreationDate"));
}

TEST_CASE("document dates in the proleptic Gregorian calendar: before 1970, leap days, up to 9999") {
    const std::pair<std::int64_t, std::string> dates[] = {
        {-1, "19691231235959"},
        {951782400, "20000229000000"},      // 2000 is a leap year
        {-2203891200, "19000301000000"},    // 1900 is not: 28 February is followed by 1 March
        {253402300799, "99991231235959"},   // the last second PDF dates can hold
    };
    const auto dated = [](std::int64_t epoch) {
        frame::Document doc;
        doc.pages.push_back(a4());
        doc.info.title = "Dates";
        doc.info.creation_epoch = epoch;
        return doc;
    };
    for (const auto& date : dates) {
        // Not a structured binding: clang before 16 cannot capture one in CAPTURE's lambda.
        const std::int64_t epoch = date.first;
        const std::string& expected = date.second;
        CAPTURE(epoch);
        DiagnosticSink sink;
        const nlohmann::json j = qpdf_json(write_checked(dated(epoch), "date", sink));
        CHECK(object(j, trailer(j)["/Info"])["/CreationDate"] == "u:D:" + expected + "+00'00'");
        CHECK(sink.items().empty());
    }
    // One second past 9999 or before year 0: no date, a warning.
    for (const std::int64_t epoch : {std::int64_t{253402300800}, std::int64_t{-62167219201}}) {
        CAPTURE(epoch);
        DiagnosticSink sink;
        const nlohmann::json j = qpdf_json(write_checked(dated(epoch), "date-out", sink));
        CHECK_FALSE(object(j, trailer(j)["/Info"]).contains("/CreationDate"));
        REQUIRE(sink.items().size() == 1);
        CHECK(sink.items()[0].code == "pdf.date");
    }
}

TEST_CASE("same frames give the same bytes") {
    const auto make = [] {
        frame::Document doc = one_page({
            frame::Anchor{"top", {72, 800}},
            shape(serif(), "Reproducible efficient output", 11, {72, 700}),
            frame::Box{{72, 600, 200, 20}, Color{0.9, 0.9, 0.9}, Color{0, 0, 0}, 0.5},
            frame::LinkArea{{72, 700, 100, 12}, "", "top"},
        });
        doc.outline.push_back({"Top", 1, "top"});
        doc.info.title = "Same";
        doc.info.creation_epoch = 0;
        return doc;
    };
    DiagnosticSink sink;
    const Bytes a = pdf::write(make(), sink);
    const Bytes b = pdf::write(make(), sink);
    REQUIRE_FALSE(a.empty());
    CHECK(a == b);
    // The /ID follows the content.
    frame::Document other = make();
    other.info.title = "Different";
    const Bytes c = pdf::write(other, sink);
    CHECK(a != c);
    CHECK_FALSE(sink.has_errors());
}

TEST_CASE("a page without items, and a document without pages, give a valid one-page PDF") {
    for (int pages : {1, 0}) {
        frame::Document doc;
        if (pages) doc.pages.push_back(a4());
        DiagnosticSink sink;
        const std::string path = write_checked(doc, "empty" + std::to_string(pages), sink);
        const std::string info = run("pdfinfo '" + path + "'");
        CHECK(info.find("Pages:           1\n") != std::string::npos);
        CHECK(info.find("595.276 x 841.89 pts (A4)") != std::string::npos);
    }
}

TEST_CASE("a rotated run is drawn with a text matrix and still extracts") {
    frame::GlyphRun mark = shape(sans_bold(), "DRAFT", 72, {150, 250});
    mark.angle = 45;
    mark.color = {0.85, 0.85, 0.85};
    frame::GlyphRun side = shape(serif(), "Sideways efficient text", 10, {560, 100});
    side.angle = 90;
    DiagnosticSink sink;
    const std::string path = write_checked(one_page({mark, side}), "rotated", sink);
    // poppler reads 90-degree text as lines but splits diagonal text into letters; MuPDF reads both.
    CHECK(text_of(path).find("Sideways efficient text") != std::string::npos);
    CHECK(text_of(path, true) == "DRAFT Sideways efficient text");
    CHECK(uncompressed(path).find("0.707107 0.707107 -0.707107 0.707107 150 250 Tm") != std::string::npos);
}

TEST_CASE("a run in visual order that is not logical order extracts through /ActualText") {
    // A right-to-left run as HarfBuzz gives it: glyphs left to right, clusters decreasing.
    const font::Face* f = serif();
    frame::GlyphRun run = nominal(f, U"olleh", "hello", 12, {72, 700});
    for (std::uint32_t i = 0; i < 5; ++i) run.glyphs[i].cluster = 4 - i;
    DiagnosticSink sink;
    const std::string path = write_checked(one_page({run}), "rtl", sink);
    CHECK(text_of(path) == "hello");
}

TEST_CASE("a right-to-left run extracts in reading order: marks, lam-alef, full stop, spaces") {
    DiagnosticSink sink;
    const font::Face* arabic = book().face("Noto Sans Arabic", {}, sink);
    REQUIRE(arabic != nullptr);
    // A letter with a vowel mark (two glyphs, one cluster), the lam-alef ligature (one glyph,
    // two letters), a comma and a full stop, shaped right to left as HarfBuzz gives it.
    const std::string text = "مرحباً بالسلامة، سلام.";
    frame::GlyphRun run = shape(arabic, text, 14, {72, 700});
    run.right_to_left = true;
    REQUIRE(run.glyphs.front().cluster > run.glyphs.back().cluster);
    const std::string path = write_checked(one_page({run}), "rtl-run", sink);
    // pdftotext frames right-to-left stretches in embedding controls, and galley marks the
    // neutrals: formatting characters, not text.
    std::string got = text_of(path);
    for (const char* control : {"\u200F", "\u202A", "\u202B", "\u202C"})
        for (std::size_t at; (at = got.find(control)) != std::string::npos;) got.erase(at, 3);
    CHECK(got == text);
    // The lam-alef's ToUnicode text is in visual order (alef, lam): extractors lay a glyph's
    // characters out left to right and then reverse right-to-left stretches.
    CHECK(uncompressed(path).find("<06270644>") != std::string::npos);
}

TEST_CASE("an emoji flag inside right-to-left text extracts in its own order") {
    DiagnosticSink sink;
    const font::Face* hebrew = book().face("Noto Sans Hebrew", {}, sink);
    const font::Face* symbola = book().face("Symbola", {}, sink);
    REQUIRE(hebrew != nullptr);
    REQUIRE(symbola != nullptr);
    // "שלום 🇮🇱 עולם" set right to left: עולם at the left, the flag, שלום at the right. The
    // flag (bidi class L) is a left-to-right run inside right-to-left text.
    frame::GlyphRun left = shape(hebrew, "עולם", 14, {72, 700});
    left.right_to_left = true;
    frame::GlyphRun flag = shape(symbola, "\U0001F1EE\U0001F1F1", 14, {72 + width_of(left) + 4, 700});
    flag.inside_right_to_left = true;
    frame::GlyphRun right = shape(hebrew, "שלום", 14, {flag.origin.x + width_of(flag) + 4, 700});
    right.right_to_left = true;
    const std::string path = write_checked(one_page({left, flag, right}), "rtl-flag", sink);
    std::string got = text_of(path);
    for (const char* control : {"\u200E", "\u200F", "\u202A", "\u202B", "\u202C"})
        for (std::size_t at; (at = got.find(control)) != std::string::npos;) got.erase(at, 3);
    // Word gaps are poppler's guess from positions: compared without spaces.
    std::erase(got, ' ');
    CHECK(got == "שלום\U0001F1EE\U0001F1F1עולם");
}

TEST_CASE("colour bitmap glyphs: the picture's box from font units, bearings and baseline; shrunk to a narrow advance") {
    // Noto Color Emoji's suitcase: 136 x 128 pixels at 109 ppem, bearings 0 and 101 px, which
    // HarfBuzz states in font units of a 2048 em; advance 2550.
    const pdf::BitmapExtents emoji{0, 1898, 2555, -2405, 2550};
    const Rect r = pdf::bitmap_rect({100, 700}, 11, 13.6963, 2048, emoji);
    CHECK(r.x == doctest::Approx(100));
    CHECK(r.y == doctest::Approx(700 - 507 * 11.0 / 2048));  // 27 px below the baseline
    CHECK(r.width == doctest::Approx(2555 * 11.0 / 2048));
    CHECK(r.height == doctest::Approx(2405 * 11.0 / 2048));
    // Bearings move the box from the pen; a wider advance (justification) leaves it as it is.
    const Rect b = pdf::bitmap_rect({10, 20}, 10, 30, 1000, {100, 1000, 800, -1200, 1000});
    CHECK(b.x == doctest::Approx(11));
    CHECK(b.y == doctest::Approx(18));
    CHECK(b.width == doctest::Approx(8));
    CHECK(b.height == doctest::Approx(12));
    // Two cells of an 8.5 pt code grid (10.2 pt) hold the emoji: scaled to fit, proportions,
    // left edge and baseline kept.
    const Rect grid = pdf::bitmap_rect({50, 100}, 8.5, 10.2, 2048, emoji);
    const double k = 10.2 / 2550;
    CHECK(grid.x == doctest::Approx(50));
    CHECK(grid.y == doctest::Approx(100 - 507 * k));
    CHECK(grid.width == doctest::Approx(2555 * k));
    CHECK(grid.height == doctest::Approx(2405 * k));
    CHECK(pdf::bitmap_rect({0, 0}, 10, 0, 2048, emoji).width == doctest::Approx(2555 * 10.0 / 2048));
}

TEST_CASE("colour emoji: one image XObject with a soft mask per distinct glyph, the text invisible and extractable") {
    DiagnosticSink sink;
    const font::Face* emoji = book().face("Noto Color Emoji", {}, sink);
    REQUIRE(emoji != nullptr);
    REQUIRE(emoji->color_bitmaps());
    pdf::ColorGlyphs glyphs;
    const pdf::ColorGlyphs::Bitmap* suitcase = glyphs.bitmap(*emoji, emoji->glyph_for(0x1F9F3));
    REQUIRE(suitcase != nullptr);
    CHECK(suitcase->image->width == 136);
    CHECK(suitcase->image->height == 128);
    CHECK(suitcase->extents.advance == 2550);
    CHECK(glyphs.bitmap(*emoji, emoji->glyph_for(0x1F9F3)) == suitcase);  // read once
    CHECK(glyphs.bitmap(*emoji, emoji->glyph_for(' ')) == nullptr);      // a space has no picture

    // Family (ZWJ), skin tone, flag, keycap, suitcase; the suitcase twice, once turned.
    const std::string text = "\U0001F468\u200D\U0001F469\u200D\U0001F467\U0001F44D\U0001F3FD\U0001F1E9\U0001F1EA"
                             "1\uFE0F\u20E3\U0001F9F3";
    frame::GlyphRun emoji_run = shape(emoji, text, 11, {72, 700});
    REQUIRE(emoji_run.glyphs.size() == 5);
    frame::GlyphRun again = shape(emoji, "\U0001F9F3", 20, {72, 600});
    frame::GlyphRun turned = again;
    turned.angle = 30;
    turned.origin = {300, 300};
    frame::GlyphRun latin = shape(serif(), "after", 11, {72 + width_of(emoji_run) + 3, 700});
    const std::string path = write_checked(one_page({emoji_run, again, turned, latin}), "color-emoji", sink);
    CHECK(sink.items().empty());
    std::string got = text_of(path);
    CHECK(got.find(text + " after") != std::string::npos);
    CHECK(count(got, "\U0001F9F3") == 3);
    // Seven pictures drawn, each with its mask, from five XObjects: the suitcase's drawn thrice.
    std::istringstream list(run("pdfimages -list '" + path + "'"));
    std::map<std::string, std::set<std::string>> objects;  // type -> object numbers
    std::size_t drawn = 0;
    for (std::string line; std::getline(list, line);) {
        std::istringstream row(line);
        std::string page, num, type, w, h, color, comp, bpc, enc, interp, object;
        if (!(row >> page >> num >> type >> w >> h >> color >> comp >> bpc >> enc >> interp >> object) || page == "page")
            continue;
        objects[type].insert(object);
        if (type == "image") ++drawn;
    }
    CHECK(drawn == 7);
    CHECK(objects["image"].size() == 5);
    CHECK(objects["smask"].size() == 5);
    const std::string content = uncompressed(path);
    CHECK(count(content, " Do Q") == 7);
    CHECK(count(content, " Tf\n3 Tr\n") == 3);
    CHECK(count(content, "0 Tr\nET") == 3);
    // The text font is embedded, with its outlines emptied (no bitmaps in it).
    const std::string fonts = run("pdffonts '" + path + "'");
    CHECK(fonts.find("+NotoColorEmoji") != std::string::npos);
    CHECK(std::filesystem::file_size(path) < 60000);
}

TEST_CASE("boxes and lines are drawn with their colours, state written only on change") {
    const frame::Document doc = one_page({
        frame::Box{{72, 600, 200, 20}, Color{0.9, 0.9, 0.9}, std::nullopt, 0.5},
        frame::Box{{72, 500, 200, 20}, Color{0.9, 0.9, 0.9}, Color{1, 0, 0}, 2},
        frame::Box{{72, 400, 200, 20}, std::nullopt, Color{1, 0, 0}, 2},
        frame::Line{{72, 300}, {272, 300}, 2, Color{1, 0, 0}},
    });
    DiagnosticSink sink;
    const std::string raw = uncompressed(write_checked(doc, "boxes", sink));
    CHECK(raw.find("0.9 0.9 0.9 rg\n72 600 200 20 re f\n") != std::string::npos);
    CHECK(raw.find("1 0 0 RG\n2 w\n72 500 200 20 re B\n72 400 200 20 re S\n72 300 m 272 300 l S\n") !=
          std::string::npos);
}

TEST_CASE("broken frames give warnings and a valid PDF, never a crash") {
    const font::Face* f = serif();
    const float nan = std::nanf("");
    frame::Document doc;
    frame::Page page{{0, std::nan("")}, {}};  // no usable size: clamped, with a warning
    frame::GlyphRun odd = nominal(f, U"abc", "abc", 12, {std::nan(""), 700});
    odd.glyphs[0].gid = 999999;    // beyond the font: shown as .notdef
    odd.glyphs[1].cluster = 1000;  // beyond the text
    odd.glyphs[1].x_advance = nan;
    odd.glyphs[2].y_offset = std::numeric_limits<float>::infinity();
    odd.text.clear();
    page.items.push_back(odd);
    frame::GlyphRun no_size = nominal(f, U"x", "x", 0, {72, 600});
    page.items.push_back(no_size);
    frame::GlyphRun no_face = no_size;
    no_face.face = nullptr;
    no_face.size = 12;
    page.items.push_back(no_face);
    page.items.push_back(frame::Box{{nan, 0, 10, 10}, std::nullopt, std::nullopt, 1});
    page.items.push_back(frame::Box{{nan, 0, 10, 10}, Color{}, std::nullopt, 1});
    page.items.push_back(frame::Line{{0, 0}, {1e300, 1}, -3, Color{}});
    page.items.push_back(frame::LinkArea{{0, 0, 10, 10}, "", ""});
    page.items.push_back(frame::Anchor{"", {0, 0}});
    doc.pages.push_back(page);
    doc.outline = {{"Lost", 1, "missing"}, {std::string(70000, 'x') + "\u00E9", 9, ""}};
    doc.info.title = std::string(70000, 'y');
    doc.info.creation_epoch = std::numeric_limits<std::int64_t>::max() / 2;  // far beyond year 9999
    DiagnosticSink sink;
    write_checked(doc, "broken", sink);
    std::vector<std::string> codes;
    for (const auto& d : sink.items()) codes.push_back(d.code);
    CHECK(std::count(codes.begin(), codes.end(), "pdf.page_size") == 2);
    CHECK(std::count(codes.begin(), codes.end(), "pdf.run") == 1);
    CHECK(std::count(codes.begin(), codes.end(), "pdf.date") == 1);
    CHECK(std::count(codes.begin(), codes.end(), "outline.dest") == 1);
}

namespace {

/// A picture from tests/images (see make_images.py: the left half and the right half of
/// each have their own colour) with the facts layout would have read from its header.
std::shared_ptr<frame::ImageData> test_picture(const std::string& name, int components = 0, bool inverted = false) {
    auto data = std::make_shared<frame::ImageData>();
    auto bytes = read_file(GALLEY_SOURCE_DIR "/tests/images/" + name);
    REQUIRE(bytes);
    data->bytes = std::move(*bytes);
    data->format = name.ends_with(".jpg") ? frame::ImageData::Format::Jpeg : frame::ImageData::Format::Png;
    data->width = 64;
    data->height = 32;
    data->components = components;
    data->inverted_cmyk = inverted;
    data->name = name;
    return data;
}

/// The page rendered at 72 dpi (one pixel per point) by poppler, as rows of RGB pixels.
struct Raster {
    int width = 0, height = 0;
    std::string rgb;
    /// The colour at (x, y) in PDF points, y up.
    std::array<int, 3> at(double x, double y) const {
        const auto i = (static_cast<std::size_t>(height - 1 - static_cast<int>(y)) * width + static_cast<int>(x)) * 3;
        return {static_cast<unsigned char>(rgb[i]), static_cast<unsigned char>(rgb[i + 1]),
                static_cast<unsigned char>(rgb[i + 2])};
    }
};

Raster render(const std::string& pdf) {
    const std::string ppm = run("pdftoppm -r 72 -f 1 -l 1 '" + pdf + "' 2>/dev/null");
    std::istringstream in(ppm);
    std::string magic;
    int max = 0;
    Raster r;
    in >> magic >> r.width >> r.height >> max;
    in.get();
    r.rgb.assign(std::istreambuf_iterator<char>(in), {});
    REQUIRE(magic == "P6");
    REQUIRE(r.rgb.size() == static_cast<std::size_t>(r.width * r.height * 3));
    return r;
}

bool near(std::array<int, 3> got, std::array<int, 3> want, int tolerance) {
    for (int i = 0; i < 3; ++i)
        if (std::abs(got[i] - want[i]) > tolerance) return false;
    return true;
}

}  // namespace

TEST_CASE("pictures of every PNG and JPEG kind are embedded once and show their colours") {
    constexpr std::array<int, 3> red{220, 30, 30}, blue{30, 60, 200}, dark{64, 64, 64}, light{200, 200, 200},
        black{0, 0, 0}, white{255, 255, 255};
    struct Case {
        const char* name;
        int components;
        bool inverted;
        std::array<int, 3> left, right;  // white: transparent (the page shows through)
        int tolerance;
    };
    const Case cases[] = {
        {"grey-1.png", 0, false, black, white, 2},       {"grey-8.png", 0, false, dark, light, 2},
        {"grey-16.png", 0, false, dark, light, 2},       {"grey-trns-8.png", 0, false, dark, white, 2},
        {"grey-alpha-8.png", 0, false, dark, white, 2},  {"grey-alpha-16.png", 0, false, dark, white, 2},
        {"palette-1.png", 0, false, red, blue, 2},       {"palette-8.png", 0, false, red, blue, 2},
        {"palette-4-trns.png", 0, false, red, white, 2}, {"rgb-8.png", 0, false, red, blue, 2},
        {"rgb-16.png", 0, false, red, blue, 2},          {"rgb-trns-8.png", 0, false, red, white, 2},
        {"rgba-8.png", 0, false, red, white, 2},         {"rgba-16.png", 0, false, red, white, 2},
        {"grey.jpg", 1, false, dark, light, 12},         {"rgb.jpg", 3, false, red, blue, 20},
        // Device CMYK to RGB is not colour-managed: the colours are only close (inverted ones
        // would be far off).
        {"cmyk-adobe.jpg", 4, true, red, blue, 70},      {"cmyk-plain.jpg", 4, false, red, blue, 70},
    };
    frame::Page page = a4();
    std::vector<Rect> places;
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const Rect r{40.0 + 128 * static_cast<double>(i % 4), 740.0 - 64 * static_cast<double>(i / 4), 64, 32};
        places.push_back(r);
        page.items.push_back(frame::Image{r, test_picture(cases[i].name, cases[i].components, cases[i].inverted)});
    }
    // The same data drawn again is the same XObject.
    auto again = test_picture("rgb-8.png");
    page.items.push_back(frame::Image{{40, 60, 64, 32}, again});
    page.items.push_back(frame::Image{{140, 60, 128, 64}, again});
    frame::Document doc;
    doc.pages.push_back(page);
    DiagnosticSink sink;
    const std::string path = write_checked(doc, "images", sink);
    CHECK(sink.items().empty());

    const Raster raster = render(path);
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const std::string name = cases[i].name;
        CAPTURE(name);
        const Rect& r = places[i];
        const auto left = raster.at(r.x + 16, r.y + 16), right = raster.at(r.x + 48, r.y + 16);
        INFO("left " << left[0] << "," << left[1] << "," << left[2] << " right " << right[0] << "," << right[1]
                     << "," << right[2]);
        CHECK(near(left, cases[i].left, cases[i].tolerance));
        CHECK(near(right, cases[i].right, cases[i].tolerance));
    }
    std::istringstream list(run("pdfimages -list '" + path + "'"));
    std::set<std::string> objects;
    int smasks = 0;
    for (std::string line; std::getline(list, line);) {
        std::istringstream fields(line);
        std::string page_no, num, type, w, h, color, comp, bpc, enc, interp, object;
        fields >> page_no >> num >> type >> w >> h >> color >> comp >> bpc >> enc >> interp >> object;
        if (type == "image") objects.insert(object);
        if (type == "smask") ++smasks;
    }
    CHECK(objects.size() == std::size(cases) + 1);
    CHECK(smasks == 7);  // grey-trns, grey-alpha x2, palette-4-trns, rgb-trns, rgba x2
}

TEST_CASE("a picture that does not decode gives a warning and a marked place, never a crash") {
    auto broken = test_picture("rgb-8.png");
    broken->bytes.resize(broken->bytes.size() - 30);  // the header is fine, the pixels are not
    DiagnosticSink sink;
    write_checked(one_page({frame::Image{{72, 600, 64, 32}, broken}, frame::Image{{72, 500, 64, 32}, broken}}),
                  "broken_image", sink);
    REQUIRE(sink.items().size() == 1);  // once per picture, not per place
    CHECK(sink.items()[0].code == "image.decode");
    CHECK(sink.items()[0].message.find("rgb-8.png") != std::string::npos);
}

TEST_CASE("a PNG whose decoded size is not the measured one is refused, not decoded") {
    auto lying = test_picture("rgb-8.png");
    lying->width = 32;  // the file holds 64 x 32: what layout checked is not what would decode
    DiagnosticSink sink;
    write_checked(one_page({frame::Image{{72, 600, 64, 32}, lying}}), "lying_image", sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "image.decode");
    CHECK(sink.items()[0].message.find("does not match") != std::string::npos);
}

TEST_CASE("PDF syntax helpers") {
    std::string s;
    pdf::put_number(s, 1.5);
    s += ' ';
    pdf::put_number(s, -0.0001);
    s += ' ';
    pdf::put_number(s, 2.0);
    s += ' ';
    pdf::put_number(s, std::nan(""));
    s += ' ';
    pdf::put_number(s, 0.1234567, 6);
    CHECK(s == "1.5 0 2 0 0.123457");
    s.clear();
    pdf::put_name(s, "risks--open-questions");
    s += ' ';
    pdf::put_name(s, "a b#(c)");
    s += ' ';
    pdf::put_name(s, "\u65E5");
    CHECK(s == "/risks--open-questions /a#20b#23#28c#29 /#E6#97#A5");
    s.clear();
    pdf::put_utf16be_hex(s, "A\u00E9\U0001F600");
    CHECK(s == "004100E9D83DDE00");
}


// Not run by default (seconds, and the figure depends on the machine). Run with
//   build/tests/test_pdf --no-skip -tc='benchmark*'
TEST_CASE("XMP: the Info values and dates, escaped; control characters and U+FFFE cleaned in both") {
    frame::Info info;
    info.title = "<a & \"b\" 'c'> \u00E9t\u00E9\r\x01x\uFFFE";
    info.author = "Ada Lovelace, Grace Hopper";
    info.keywords = "pdf, a&b";
    info.creator = "galley 0.1.0";
    info.lang = "fr-FR";
    info.creation_epoch = 1704164645;  // 2024-01-02 03:04:05 UTC
    const frame::Info clean = pdf::clean_metadata(info);
    CHECK(clean.title == "<a & \"b\" 'c'> \u00E9t\u00E9\r x\uFFFD");
    const std::string x = pdf::xmp_packet(clean);
    CHECK(x.find("<rdf:li xml:lang=\"x-default\">&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt; \u00E9t\u00E9&#xD; "
                 "x\uFFFD</rdf:li>") != std::string::npos);
    CHECK(x.find("<dc:creator><rdf:Seq><rdf:li>Ada Lovelace, Grace Hopper</rdf:li></rdf:Seq></dc:creator>") !=
          std::string::npos);
    CHECK(x.find("<dc:subject><rdf:Bag><rdf:li>pdf</rdf:li><rdf:li>a&amp;b</rdf:li></rdf:Bag></dc:subject>") !=
          std::string::npos);
    CHECK(x.find("<pdf:Keywords>pdf, a&amp;b</pdf:Keywords>") != std::string::npos);
    CHECK(x.find("<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>") != std::string::npos);
    for (const char* date : {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"})
        CHECK(x.find(std::string("<") + date + ">2024-01-02T03:04:05+00:00<") != std::string::npos);
    CHECK(pdf::pdf_date(1704164645) == "D:20240102030405+00'00'");
    CHECK(x.find("pdfaid") == std::string::npos);
    CHECK(x.find("<dc:description>") == std::string::npos);  // no subject: no property

    info.creation_epoch.reset();
    info.standard = {PdfStandard::Archive::A2u, true};
    const std::string a = pdf::xmp_packet(pdf::clean_metadata(info));
    CHECK(a.find("CreateDate") == std::string::npos);
    CHECK(a.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
    CHECK(a.find("<pdfaid:conformance>U</pdfaid:conformance>") != std::string::npos);
    CHECK(a.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
    // PDF/A-2 knows pdfuaid only through an extension schema in the packet (6.6.2.3.2).
    CHECK(a.find("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>") !=
          std::string::npos);
    // A value is cut at a character within the limit.
    info.title = std::string(pdf::kMaxMetadataBytes - 1, 'x') + "\u00E9";
    CHECK(pdf::clean_metadata(info).title == std::string(pdf::kMaxMetadataBytes - 1, 'x'));
}

TEST_CASE("every PDF has an uncompressed XMP stream; PDF/A an sRGB output intent; links print; blending pages name their space") {
    frame::Document doc = one_page({frame::Image{{100, 500, 64, 32}, test_picture("rgba-8.png")},
                                    frame::LinkArea{{100, 100, 50, 20}, "https://example.com", ""}});
    doc.pages.push_back(a4({frame::Image{{100, 500, 64, 32}, test_picture("rgb-8.png")}}));
    doc.info.title = "T";
    DiagnosticSink sink;
    const std::string plain = write_checked(doc, "xmp-plain", sink);
    const nlohmann::json j = qpdf_json(plain);
    const auto& catalog = object(j, trailer(j)["/Root"]);
    const nlohmann::json meta = j["qpdf"][1]["obj:" + catalog["/Metadata"].get<std::string>()]["stream"]["dict"];
    CHECK(meta["/Type"] == "/Metadata");
    CHECK(meta["/Subtype"] == "/XML");
    CHECK_FALSE(meta.contains("/Filter"));
    CHECK_FALSE(catalog.contains("/OutputIntents"));
    CHECK(catalog["/ViewerPreferences"]["/DisplayDocTitle"] == true);
    const auto& page1 = object(j, object(j, catalog["/Pages"])["/Kids"][0]);
    const auto& page2 = object(j, object(j, catalog["/Pages"])["/Kids"][1]);
    CHECK(page1["/Group"]["/CS"] == "/DeviceRGB");  // the PNG with alpha has a soft mask
    CHECK_FALSE(page2.contains("/Group"));
    CHECK(object(j, page1["/Annots"][0])["/F"] == 4);

    doc.info.standard.archive = PdfStandard::Archive::A2b;
    const std::optional<Bytes> profile = read_file("/usr/share/color/icc/sRGB.icc");
    REQUIRE(profile);
    doc.info.output_profile = *profile;
    const nlohmann::json a = qpdf_json(write_checked(doc, "xmp-pdfa", sink));
    const auto& intents = object(a, trailer(a)["/Root"])["/OutputIntents"];
    REQUIRE(intents.size() == 1);
    const auto& intent = object(a, intents[0]);
    CHECK(intent["/S"] == "/GTS_PDFA1");
    CHECK(a["qpdf"][1]["obj:" + intent["/DestOutputProfile"].get<std::string>()]["stream"]["dict"]["/N"] == 3);
}

TEST_CASE("PDF/A: a vector picture's images lose their interpolation mark (6.2.8); other PDFs keep it") {
    auto vector = std::make_shared<frame::ImageData>();
    vector->format = frame::ImageData::Format::Pdf;
    vector->name = "drawing.svg";
    vector->box = {0, 0, 10, 10};
    const std::string form = "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /I1 >> >> ";
    const auto at = static_cast<std::uint32_t>(form.find("/I1 ") + 4);
    const std::string image = "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                              "/BitsPerComponent 8 /Interpolate true ";
    vector->objects = {{form, {{at, 1}}, true, true, "q 10 0 0 10 0 0 cm /I1 Do Q"},
                       {image, {}, true, false, std::string(1, '\x80')}};
    frame::Document doc = one_page({frame::Image{{100, 500, 10, 10}, vector}});
    const auto interpolated = [&](const std::string& name) {
        DiagnosticSink sink;
        const nlohmann::json j = qpdf_json(write_checked(doc, name, sink));
        for (const auto& [key, value] : j["qpdf"][1].items())
            if (value.contains("stream") && value["stream"]["dict"].value("/Interpolate", false)) return true;
        return false;
    };
    CHECK(interpolated("interpolate-plain"));
    doc.info.standard.archive = PdfStandard::Archive::A2b;
    doc.info.output_profile = *read_file("/usr/share/color/icc/sRGB.icc");
    CHECK_FALSE(interpolated("interpolate-pdfa"));
}

TEST_CASE("PDF/A: a link URI over PDF/A's 32767-byte string limit is dropped with a warning") {
    frame::Document doc = one_page({frame::LinkArea{{100, 100, 50, 20}, "https://x/" + std::string(40000, 'a'), ""}});
    DiagnosticSink plain;
    CHECK_FALSE(pdf::write(doc, plain).empty());
    CHECK(plain.items().empty());
    doc.info.standard.archive = PdfStandard::Archive::A2b;
    doc.info.output_profile = *read_file("/usr/share/color/icc/sRGB.icc");
    DiagnosticSink archival;
    CHECK_FALSE(pdf::write(doc, archival).empty());
    REQUIRE(archival.items().size() == 1);
    CHECK(archival.items()[0].code == "link.uri");
}

TEST_CASE("PDF/A-2u: a glyph no cluster gave text maps to its nominal character, else U+FFFD") {
    // Two glyphs of one cluster "x": the first maps to "x", the second (b's glyph) to nothing,
    // and under a-2u to "b"; a third glyph with no character at all (a small capital) to U+FFFD.
    const frame::GlyphRun small_cap = shape(serif(), "a", 12, {72, 700}, "smcp");
    REQUIRE(small_cap.glyphs.size() == 1);
    frame::GlyphRun run = shape(serif(), "ab", 12, {72, 700});
    REQUIRE(run.glyphs.size() == 2);
    run.text = "x";
    run.glyphs.push_back(small_cap.glyphs[0]);
    for (frame::Glyph& g : run.glyphs) g.cluster = 0;
    const auto cmap = [&](PdfStandard::Archive level, const std::string& name) {
        frame::Document doc = one_page({run});
        doc.info.standard.archive = level;
        doc.info.output_profile = *read_file("/usr/share/color/icc/sRGB.icc");
        DiagnosticSink sink;
        return uncompressed(write_checked(doc, name, sink));
    };
    char b_code[32], one_code[32];
    std::snprintf(b_code, sizeof b_code, "<%04X> <0062>", run.glyphs[1].gid);
    std::snprintf(one_code, sizeof one_code, "<%04X> <FFFD>", small_cap.glyphs[0].gid);
    const std::string u = cmap(PdfStandard::Archive::A2u, "a2u-cmap");
    CHECK(u.find(b_code) != std::string::npos);
    CHECK(u.find(one_code) != std::string::npos);
    const std::string b = cmap(PdfStandard::Archive::A2b, "a2b-cmap");
    CHECK(b.find(b_code) == std::string::npos);
    CHECK(b.find(one_code) == std::string::npos);
}

TEST_CASE("PDF/A: a .notdef glyph is never shown; its box is drawn as a path") {
    frame::GlyphRun missing = shape(serif(), "a\U000F0000b", 12, {72, 700});
    REQUIRE(std::any_of(missing.glyphs.begin(), missing.glyphs.end(), [](const frame::Glyph& g) { return g.gid == 0; }));
    frame::Document doc = one_page({missing});
    doc.info.standard.archive = PdfStandard::Archive::A2b;
    doc.info.output_profile = *read_file("/usr/share/color/icc/sRGB.icc");
    DiagnosticSink sink;
    const std::string path = write_checked(doc, "notdef", sink);
    const std::string trace = run("mutool trace '" + path + "' 2>/dev/null");
    CHECK(trace.find("unicode=\"a\"") != std::string::npos);  // 'a' and 'b' are shown
    CHECK(trace.find("unicode=\"b\"") != std::string::npos);
    CHECK(trace.find("glyph=\"0\"") == std::string::npos);
    CHECK(uncompressed(path).find(" re S") != std::string::npos);
    // Without PDF/A the box is the font's own .notdef.
    doc.info.standard = {};
    CHECK(run("mutool trace '" + write_checked(doc, "notdef-plain", sink) + "' 2>/dev/null").find("glyph=\"0\"") !=
          std::string::npos);
}

TEST_CASE("PDF/A pictures: a CMYK JPEG and a PDF with a font not embedded are refused by name") {
    frame::Document doc = one_page({frame::Image{{100, 500, 64, 32}, test_picture("cmyk-plain.jpg", 4)}});
    doc.info.standard.archive = PdfStandard::Archive::A2b;
    DiagnosticSink sink;
    CHECK(pdf::write(doc, sink).empty());
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "pdfa.picture");
    CHECK(sink.items()[0].location.file == "cmyk-plain.jpg");
    CHECK(sink.items()[0].message.find("CMYK") != std::string::npos);

    auto vector = std::make_shared<frame::ImageData>();
    vector->format = frame::ImageData::Format::Pdf;
    vector->name = "chart.pdf";
    vector->box = {0, 0, 100, 100};
    const std::string form = "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 >> >> ";
    const auto at = static_cast<std::uint32_t>(form.find("/F1 ") + 4);
    vector->objects = {{form, {{at, 1}}, true, true, "BT /F1 12 Tf 0 0 1 0 k (x) Tj ET"},
                       {"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", {}, false, false, ""}};
    doc = one_page({frame::Image{{100, 500, 100, 100}, vector}});
    doc.info.standard.archive = PdfStandard::Archive::A2u;
    DiagnosticSink sink2;
    CHECK(pdf::write(doc, sink2).empty());
    REQUIRE(sink2.items().size() == 1);
    const std::string& m = sink2.items()[0].message;
    CHECK(m.find("'chart.pdf'") != std::string::npos);
    CHECK(m.find("Helvetica, which is not embedded (6.2.11.4.1)") != std::string::npos);
    CHECK(m.find("without a ToUnicode map") != std::string::npos);
    CHECK(m.find("DeviceCMYK") != std::string::npos);
    // The same pictures are fine without PDF/A.
    doc.info.standard = {};
    DiagnosticSink sink3;
    CHECK_FALSE(pdf::write(doc, sink3).empty());

    // CMYK painted in a form inside the picture, its content Flate-compressed: found too.
    pdf::Deflater z(6);
    const std::string_view inner = z.deflate_all("0 0 0 1 k 0 0 1 1 re f");
    const std::string outer = "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X1 >> >> ";
    vector->objects = {{outer, {{static_cast<std::uint32_t>(outer.find("/X1 ") + 4), 1}}, true, true, "/X1 Do"},
                       {"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /FlateDecode ", {}, true, false,
                        std::string(inner)}};
    doc.info.standard.archive = PdfStandard::Archive::A2b;
    DiagnosticSink sink4;
    CHECK(pdf::write(doc, sink4).empty());
    REQUIRE(sink4.items().size() == 1);
    CHECK(sink4.items()[0].message.find("DeviceCMYK") != std::string::npos);
}

TEST_CASE("benchmark: 1000 A4 pages of body text" * doctest::skip(true)) {
    const font::Face* f = serif();
    const font::Face* b = sans_bold();
    // 200 distinct lines of made-up words (a fixed pseudo-random sequence), so that a page
    // compresses like prose rather than like one repeated line.
    const char* syllables[] = {"ta", "ne", "ri", "so", "lu", "ke", "ma", "di", "po", "fi", "ffi", "st", "gra", "phe",
                               "on", "ve", "ly", "cu", "bro", "we", "an", "ex", "qui", "zo", "th", "ch", "ad", "ic"};
    std::uint32_t seed = 12345;
    const auto next = [&](std::uint32_t n) { return (seed = seed * 1103515245u + 12345u) / 65536 % n; };
    std::vector<frame::GlyphRun> lines;
    for (int i = 0; i < 200; ++i) {
        std::string text;
        while (text.size() < 85) {
            for (std::uint32_t k = 0, n = 1 + next(4); k < n; ++k) text += syllables[next(28)];
            text += next(9) == 0 ? ", " : " ";
        }
        lines.push_back(shape(f, text, 10, {72, 0}));
    }
    frame::Document doc;
    for (int p = 0; p < 1000; ++p) {
        frame::Page page = a4();
        page.items.push_back(frame::Anchor{"page-" + std::to_string(p), {72, 800}});
        frame::GlyphRun heading = shape(b, "Section " + std::to_string(p), 14, {72, 780});
        page.items.push_back(heading);
        for (int l = 0; l < 50; ++l) {
            frame::GlyphRun run = lines[(p + l) % lines.size()];
            run.origin.y = 760 - 13.5 * l;
            for (auto& g : run.glyphs)  // justified: spaces stretched
                if (run.text[g.cluster] == ' ') g.x_advance += 0.37 + 0.01 * l;
            page.items.push_back(std::move(run));
        }
        page.items.push_back(frame::Line{{72, 60}, {523, 60}, 0.5, {}});
        page.items.push_back(frame::LinkArea{{72, 780, 100, 14}, "", "page-" + std::to_string((p + 1) % 1000)});
        doc.pages.push_back(std::move(page));
        doc.outline.push_back({"Section " + std::to_string(p), 1 + p % 3, "page-" + std::to_string(p)});
    }
    std::size_t glyphs = 0;
    for (const auto& page : doc.pages)
        for (const auto& item : page.items)
            if (const auto* r = std::get_if<frame::GlyphRun>(&item)) glyphs += r->glyphs.size();
    // Best of three, in CPU time: the machine may be shared.
    DiagnosticSink sink;
    Bytes pdf;
    double seconds = 1e9;
    for (int i = 0; i < 3; ++i) {
        const std::clock_t t0 = std::clock();
        pdf = pdf::write(doc, sink);
        seconds = std::min(seconds, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
    }
    REQUIRE_FALSE(pdf.empty());
    MESSAGE("1000 pages, " << glyphs << " glyphs: " << seconds << " s CPU, " << 1000 / seconds << " pages/s, "
                           << pdf.size() / 1024 << " KiB");
    const std::string path = save(pdf, "benchmark");
    CHECK(run("qpdf --check '" + path + "' 2>&1").find("No syntax or stream encoding errors") != std::string::npos);
}
