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
