// font/: the font book finds bundled families by name and reads face metrics.
#include <doctest/doctest.h>

#include "font/font.h"
#include "support.h"

using namespace galley;
using galley::test::read_bytes;

namespace {
}  // namespace

TEST_CASE("bundled families resolve to their four styles") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* regular = book.face("Noto Serif", {}, sink);
    const font::Face* bold_italic = book.face("Noto Serif", {true, true}, sink);
    REQUIRE(regular);
    REQUIRE(bold_italic);
    CHECK(regular->metrics().postscript_name == "NotoSerif-Regular");
    CHECK(bold_italic->metrics().postscript_name == "NotoSerif-BoldItalic");
    CHECK(regular->metrics().units_per_em == 1000);
    CHECK(regular->metrics().serif);
    CHECK(bold_italic->metrics().italic_angle < 0);
    CHECK(book.face("Noto Serif", {}, sink) == regular);  // cached
    CHECK(sink.items().empty());
}

TEST_CASE("a family without italics falls back to its upright face") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* mono_italic = book.face("Noto Sans Mono", {false, true}, sink);
    REQUIRE(mono_italic);
    CHECK(mono_italic->metrics().postscript_name == "NotoSansMono-Regular");
    CHECK(mono_italic->metrics().fixed_pitch);
}

TEST_CASE("cmap coverage and advances") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* f = book.face("Noto Sans Mono", {}, sink);
    REQUIRE(f);
    CHECK(f->covers(U'A'));
    CHECK_FALSE(f->covers(U'\U0001F389'));
    // A monospaced font: every letter has the same advance (600 of 1000 units in Noto Sans Mono).
    CHECK(f->advance(f->glyph_for(U'i')) == f->advance(f->glyph_for(U'W')));
    CHECK(f->advance(f->glyph_for(U'i')) == 600);
}

TEST_CASE("an unknown family and an unreadable file are errors naming them") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    CHECK(book.face("No Such Family 12345", {}, sink) == nullptr);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].message.find("No Such Family 12345") != std::string::npos);

    DiagnosticSink sink2;
    CHECK(book.load_file("/nonexistent/font.ttf", 0, sink2) == nullptr);
    REQUIRE(sink2.has_errors());
    CHECK(sink2.items()[0].message.find("/nonexistent/font.ttf") != std::string::npos);

    // A file that exists but is not a font.
    DiagnosticSink sink3;
    CHECK(book.load_file(GALLEY_SOURCE_DIR "/fonts/OFL.txt", 0, sink3) == nullptr);
    CHECK(sink3.has_errors());
}

TEST_CASE("a face of a collection by 'file#index'; CFF outlines count as embeddable") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const std::string ttc = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    if (!read_bytes(ttc)) {
        MESSAGE("fonts-noto-cjk is not installed: check skipped (run scripts/install-deps.sh)");
        return;
    }
    const font::Face* first = book.face(ttc, {}, sink);
    const font::Face* sc = book.face(ttc + "#2", {}, sink);
    REQUIRE(first);
    REQUIRE(sc);
    CHECK(first->index() == 0);
    CHECK(sc->index() == 2);
    CHECK(first->metrics().postscript_name == "NotoSansCJKjp-Regular");
    CHECK(sc->metrics().postscript_name == "NotoSansCJKsc-Regular");
    CHECK(sc->has_outlines());
    CHECK(sc->covers(U'\u76F4'));
    CHECK(sink.items().empty());
    // An index past the collection's faces is an error naming the file.
    CHECK(book.face(ttc + "#99", {}, sink) == nullptr);
    CHECK(sink.has_errors());
}

TEST_CASE("an installed OpenType CFF family resolves by name in its styles") {
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* regular = book.face("Inter", {}, sink);
    if (!regular) {
        MESSAGE("fonts-inter is not installed: check skipped (run scripts/install-deps.sh)");
        return;
    }
    const font::Face* bold = book.face("Inter", {true, false}, sink);
    REQUIRE(bold);
    CHECK(regular->metrics().postscript_name == "Inter-Regular");
    CHECK(bold->metrics().postscript_name == "Inter-Bold");
    CHECK(regular->has_outlines());
    CHECK(regular->metrics().units_per_em == 2816);
}

TEST_CASE("fallback_for: an installed face with outlines that has the character, cached") {
    font::FontBook book(read_bytes, test::kFontsDir);
    const font::Face* f = book.fallback_for(U'\u05D0', {});  // HEBREW LETTER ALEF
    REQUIRE(f);
    CHECK(f->covers(U'\u05D0'));
    CHECK(f->has_outlines());
    CHECK(book.fallback_for(U'\u05D0', {}) == f);
    if (const font::Face* han = book.fallback_for(U'\u76F4', {}, "zh-CN")) {
        CHECK(han->covers(U'\u76F4'));
        CHECK(han->has_outlines());
    }
    CHECK(book.fallback_for(U'\u0378', {}) == nullptr);  // unassigned: no font has it
}

TEST_CASE("without system fonts only bundled families and font files resolve, and nothing falls back") {
    font::FontBook book(read_bytes, test::kFontsDir, false);
    DiagnosticSink sink;
    CHECK(book.face("Noto Serif", {}, sink));
    CHECK(sink.items().empty());
    // An installed family is not looked up (fontconfig would find DejaVu Sans where it is
    // installed); the error says why.
    CHECK(book.face("DejaVu Sans", {}, sink) == nullptr);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "font.missing");
    CHECK(sink.items()[0].message.find("system fonts are off") != std::string::npos);
    CHECK(book.fallback_for(U'\u05D0', {}) == nullptr);
    // A font named by its path is still used.
    const std::string dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (!read_bytes(dejavu)) {
        MESSAGE("fonts-dejavu-core is not installed: font file check skipped");
        return;
    }
    DiagnosticSink sink2;
    CHECK(book.face(dejavu, {}, sink2));
    CHECK(sink2.items().empty());
}

TEST_CASE("with a mapper, font files come through it and not through the loader") {
    int loaded = 0, mapped = 0;
    const FileLoader loader = [&](const std::string& path) {
        ++loaded;
        return read_bytes(path);
    };
    const FileMapper mapper = [&](const std::string& path) -> std::optional<SharedBytes> {
        ++mapped;
        auto bytes = read_bytes(path);
        if (!bytes) return std::nullopt;
        return SharedBytes::holding(std::move(*bytes));
    };
    font::FontBook book(loader, test::kFontsDir, false, mapper);
    DiagnosticSink sink;
    const font::Face* italic = book.face("Noto Sans Mono", {false, true}, sink);  // tries -Italic first
    REQUIRE(italic);
    CHECK(italic->metrics().postscript_name == "NotoSansMono-Regular");
    CHECK(italic->data().size() == read_bytes(test::kFontsDir + "/NotoSansMono-Regular.ttf")->size());
    CHECK(mapped == 2);
    CHECK(loaded == 0);
    CHECK(sink.items().empty());
}
