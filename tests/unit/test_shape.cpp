// shape/: HarfBuzz shaping with ligatures and kerning, the cache, and itemization.
#include <doctest/doctest.h>

#include "font/font.h"
#include "support.h"
#include "shape/shape.h"

using namespace galley;
using galley::test::read_bytes;

namespace {
struct Fixture {
    font::FontBook book{read_bytes, test::kFontsDir};
    DiagnosticSink sink;
    shape::Shaper shaper{book};
    const font::Face* serif = book.face("Noto Serif", {}, sink);
    const font::Face* mono = book.face("Noto Sans Mono", {}, sink);
};
}  // namespace

TEST_CASE_FIXTURE(Fixture, "ligatures: 'efficient' has fewer glyphs than letters, clusters cover the text") {
    REQUIRE(serif);
    const shape::Shaped& s = shaper.shape(*serif, "efficient", {});
    CHECK(s.glyphs.size() < 9);  // the ffi ligature
    // The ligature glyph's cluster starts at 'f' (byte 1) and the next cluster is at 'e' (4).
    CHECK(s.glyphs[0].cluster == 0);
    CHECK(s.glyphs[1].cluster == 1);
    CHECK(s.glyphs[2].cluster == 4);
    const shape::Shaped& off = shaper.shape(*serif, "efficient", {false, true});
    CHECK(off.glyphs.size() == 9);
}

TEST_CASE_FIXTURE(Fixture, "kerning changes the advance of a kerned pair") {
    REQUIRE(serif);
    const auto kerned = shaper.shape(*serif, "AV", {true, true}).advance;
    const auto plain = shaper.shape(*serif, "AV", {true, false}).advance;
    CHECK(kerned < plain);
}

TEST_CASE_FIXTURE(Fixture, "the cache returns the same result object for the same key") {
    REQUIRE(mono);
    const shape::Shaped* a = &shaper.shape(*mono, "word", {false, false});
    const shape::Shaped* b = &shaper.shape(*mono, "word", {false, false});
    CHECK(a == b);
    CHECK(a->advance == 4 * 600);
}

TEST_CASE_FIXTURE(Fixture, "itemize splits by face coverage and keeps neutral characters with their run") {
    REQUIRE(serif);
    REQUIRE(mono);
    // U+2192 RIGHTWARDS ARROW is in Noto Sans Mono but not in Noto Serif.
    const std::string text = "a \xE2\x86\x92 b";
    const font::Face* fallbacks[] = {mono};
    const auto segs = shaper.itemize(text, serif, fallbacks, {}, {"t.md", 1, 1}, sink);
    REQUIRE(segs.size() == 3);
    CHECK(segs[0].face == serif);
    CHECK(segs[1].face == mono);
    CHECK(text.substr(segs[1].begin, segs[1].end - segs[1].begin).find("\xE2\x86\x92") != std::string::npos);
    CHECK(segs[2].face == serif);
    CHECK(segs[2].end == text.size());
}

TEST_CASE_FIXTURE(Fixture, "a character no face covers is warned about once, with its location") {
    REQUIRE(serif);
    const font::Face* none[] = {serif};
    const std::string text = "\xEE\x80\x80\xEE\x80\x80";  // U+E000 twice (private use)
    DiagnosticSink local;
    const auto segs = shaper.itemize(text, serif, none, {}, {"t.md", 3, 5}, local);
    CHECK_FALSE(segs.empty());
    std::size_t warnings = 0;
    for (const auto& d : local.items())
        if (d.code == "font.glyph") {
            ++warnings;
            CHECK(d.location.line == 3);
            CHECK(d.message.find("U+E000") != std::string::npos);
        }
    CHECK(warnings <= 1);
}
