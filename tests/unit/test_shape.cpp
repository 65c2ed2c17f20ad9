// shape/: HarfBuzz shaping with ligatures and kerning, the cache; itemization by grapheme cluster, script and coverage with per-script fallback
// families, and shaping with the right script, direction and language. The fallback fonts are
// the installed ones scripts/install-deps.sh names (fonts-noto-core, fonts-noto-cjk,
// fonts-symbola); a test whose font is missing says so and checks nothing.
#include <doctest/doctest.h>

#include <string>

#include "base/utf8.h"
#include "shape/cells.h"
#include "shape/shape.h"
#include "support.h"

using namespace galley;
using galley::test::read_bytes;

namespace {

/// An ISO 15924 script tag packed as Segment::script holds it ("Arab").
constexpr std::uint32_t script_tag(const char (&s)[5]) {
    return static_cast<std::uint32_t>(s[0]) << 24 | static_cast<std::uint32_t>(s[1]) << 16 |
           static_cast<std::uint32_t>(s[2]) << 8 | static_cast<std::uint32_t>(s[3]);
}

constexpr font::FaceStyle kRegular{};
constexpr font::FaceStyle kBold{true, false};

struct Fixture {
    font::FontBook book{read_bytes, test::kFontsDir};
    shape::Shaper shaper{book};
    DiagnosticSink sink;
    const font::Face* serif = book.face("Noto Serif", kRegular, sink);

    std::vector<shape::Segment> itemize(std::string_view text, font::FaceStyle style = kRegular) {
        const font::Face* primary = style == kRegular ? serif : book.face("Noto Serif", style, sink);
        return shaper.itemize(text, primary, {}, style, {"doc.md", 3, 1}, sink).segments;
    }
    /// The installed face of `family`, or null (and a failed check naming it) when it is not
    /// installed: install-deps installs every font these tests use.
    const font::Face* installed(const std::string& family, font::FaceStyle style = kRegular) {
        DiagnosticSink quiet;
        const font::Face* f = book.face(family, style, quiet);
        CHECK_MESSAGE(f, "'" << family << "' is not installed (run scripts/install-deps.sh)");
        return f;
    }
};

std::string ps_name(const shape::Segment& s) { return s.face ? s.face->metrics().postscript_name : "(none)"; }

std::vector<std::uint32_t> gids(const shape::Shaped& s) {
    std::vector<std::uint32_t> out;
    for (const shape::ShapedGlyph& g : s.glyphs) out.push_back(g.gid);
    return out;
}

}  // namespace

namespace {
struct BundledFixture {
    font::FontBook book{read_bytes, test::kFontsDir};
    DiagnosticSink sink;
    shape::Shaper shaper{book};
    const font::Face* serif = book.face("Noto Serif", {}, sink);
    const font::Face* mono = book.face("Noto Sans Mono", {}, sink);
};
}  // namespace

TEST_CASE_FIXTURE(BundledFixture, "ligatures: 'efficient' has fewer glyphs than letters, clusters cover the text") {
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

TEST_CASE_FIXTURE(BundledFixture, "kerning changes the advance of a kerned pair") {
    REQUIRE(serif);
    const auto kerned = shaper.shape(*serif, "AV", {true, true}).advance;
    const auto plain = shaper.shape(*serif, "AV", {true, false}).advance;
    CHECK(kerned < plain);
}

TEST_CASE_FIXTURE(BundledFixture, "the cache returns the same result object for the same key") {
    REQUIRE(mono);
    const shape::Shaped* a = &shaper.shape(*mono, "word", {false, false});
    const shape::Shaped* b = &shaper.shape(*mono, "word", {false, false});
    CHECK(a == b);
    CHECK(a->advance == 4 * 600);
}

TEST_CASE_FIXTURE(BundledFixture, "itemize splits by face coverage and keeps neutral characters with their run") {
    REQUIRE(serif);
    REQUIRE(mono);
    // U+2192 RIGHTWARDS ARROW is in Noto Sans Mono but not in Noto Serif. No symbol fallback
    // families, so the caller's list decides.
    style::FallbackFamilies families;
    families.symbols = {};
    shaper.set_fallbacks(families, "");
    const std::string text = "a \xE2\x86\x92 b";
    const font::Face* fallbacks[] = {mono};
    const shape::Itemization items =
        shaper.itemize(text, serif, [&] { return std::span(fallbacks); }, {}, {"t.md", 1, 1}, sink);
    CHECK_FALSE(items.primary_only);
    const std::vector<shape::Segment>& segs = items.segments;
    REQUIRE(segs.size() == 3);
    CHECK(segs[0].face == serif);
    CHECK(segs[1].face == mono);
    CHECK(text.substr(segs[1].begin, segs[1].end - segs[1].begin).find("\xE2\x86\x92") != std::string::npos);
    CHECK(segs[2].face == serif);
    CHECK(segs[2].end == text.size());
}

TEST_CASE_FIXTURE(BundledFixture, "a character no face covers is warned about once, with its location") {
    REQUIRE(serif);
    const font::Face* none[] = {serif};
    const std::string text = "\xEE\x80\x80\xEE\x80\x80";  // U+E000 twice (private use)
    DiagnosticSink local;
    const shape::Itemization items = shaper.itemize(text, serif, [&] { return std::span(none); }, {}, {"t.md", 3, 5}, local);
    CHECK_FALSE(items.segments.empty());
    CHECK_FALSE(items.primary_only);
    std::size_t warnings = 0;
    for (const auto& d : local.items())
        if (d.code == "font.glyph") {
            ++warnings;
            CHECK(d.location.line == 3);
            CHECK(d.message.find("U+E000") != std::string::npos);
        }
    CHECK(warnings <= 1);
}

TEST_CASE("Latin text the primary face covers is one segment in that face") {
    Fixture f;
    REQUIRE(f.serif);
    const auto segs = f.itemize("Hello, world: 12.");
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == f.serif);
    CHECK(segs[0].end == 17);
    CHECK(segs[0].script == script_tag("Latn"));
    // Text without a letter has no script of its own (Common): HarfBuzz guesses.
    const auto digits = f.itemize("(12.5)");
    REQUIRE(digits.size() == 1);
    CHECK(digits[0].script == 0);
    // The same with a character outside ASCII, which itemizes character by character.
    const auto accented = f.itemize("Hello, caf\u00E9: 12.");
    REQUIRE(accented.size() == 1);
    CHECK(accented[0].face == f.serif);
    CHECK(accented[0].script == script_tag("Latn"));
    CHECK(f.shaper.fallback_uses().empty());
    CHECK(f.shaper.itemize("Hello, world: 12.", f.serif, {}, kRegular, {}, f.sink).primary_only);
}

TEST_CASE("a run of CJK takes one face, from the list the document language picks") {
    Fixture f;
    const char* text = "ハッカソンへようこそ。昼食は十二時から二階で配ります。";
    struct Case {
        const char* lang;
        const char* face;
    };
    // The primary face is Noto Serif: the serif CJK faces come first.
    for (const Case c : {Case{"ja", "NotoSerifCJKjp-Regular"}, Case{"zh-CN", "NotoSerifCJKsc-Regular"},
                         Case{"zh-Hant", "NotoSerifCJKtc-Regular"}, Case{"zh-TW", "NotoSerifCJKtc-Regular"},
                         Case{"ko", "NotoSerifCJKkr-Regular"}, Case{"en-US", "NotoSerifCJKjp-Regular"}}) {
        CAPTURE(c.lang);
        REQUIRE(f.installed("Noto Serif CJK JP"));
        f.shaper.set_fallbacks({}, c.lang);
        f.shaper.set_kana_nearby(shape::holds_kana(text));
        const auto segs = f.itemize(text);
        REQUIRE(!segs.empty());
        for (const auto& s : segs) CHECK(ps_name(s) == c.face);
        CHECK(segs.back().end == std::string_view(text).size());
    }
}

TEST_CASE("Latin inside CJK text goes back to the primary face") {
    Fixture f;
    REQUIRE(f.installed("Noto Serif CJK JP"));
    f.shaper.set_kana_nearby(true);
    const auto segs = f.itemize("ようこそ。Wi-Fiの");
    REQUIRE(segs.size() == 3);
    CHECK(ps_name(segs[0]) == "NotoSerifCJKjp-Regular");
    CHECK(segs[1].face == f.serif);
    CHECK(std::string_view("ようこそ。Wi-Fiの").substr(segs[1].begin, segs[1].end - segs[1].begin) == "Wi-Fi");
    CHECK(ps_name(segs[2]) == "NotoSerifCJKjp-Regular");
}

TEST_CASE("Han in a document of another language: Simplified Chinese unless kana are near; the body's serif or sans") {
    Fixture f;
    REQUIRE(f.installed("Noto Serif CJK SC"));
    REQUIRE(f.installed("Noto Sans CJK SC"));
    f.shaper.set_fallbacks({}, "en");
    const std::string zh = "会议室黄浦";
    REQUIRE(!shape::holds_kana(zh));
    CHECK(shape::holds_kana("昼食はカレー"));
    f.shaper.set_kana_nearby(false);
    CHECK(ps_name(f.itemize(zh).front()) == "NotoSerifCJKsc-Regular");
    f.shaper.set_kana_nearby(true);
    CHECK(ps_name(f.itemize(zh).front()) == "NotoSerifCJKjp-Regular");
    // A sans primary face takes the sans CJK face.
    f.shaper.set_kana_nearby(false);
    const font::Face* sans = f.book.face("Noto Sans", kRegular, f.sink);
    REQUIRE(sans);
    CHECK(ps_name(f.shaper.itemize(zh, sans, {}, kRegular, {}, f.sink).segments.front()) == "NotoSansCJKsc-Regular");
    // The OpenType language of Han is then zh-Hans: 直 in its Chinese form, not the Japanese one.
    const font::Face* cjk = f.installed("Noto Sans CJK JP");
    REQUIRE(cjk);
    shape::Shaper ja(f.book);
    ja.set_fallbacks({}, "ja");
    CHECK(gids(f.shaper.shape(*cjk, "直", {}, script_tag("Hani"))) != gids(ja.shape(*cjk, "直", {}, script_tag("Hani"))));
}

TEST_CASE("quotes and dashes among CJK text take the CJK face, full width; among Latin text the primary face") {
    Fixture f;
    const font::Face* cjk = f.installed("Noto Serif CJK SC");
    REQUIRE_MESSAGE(cjk, "a font install-deps installs is missing");
    f.shaper.set_fallbacks({}, "en");
    const std::string text = "会议室“黄浦”——举行";
    const auto segs = f.itemize(text);
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == cjk);
    // A part that starts with the quote, and one that is only punctuation beside CJK letters.
    CHECK(f.itemize("“黄浦").front().face == cjk);
    CHECK(f.shaper.itemize("”", f.serif, {}, kRegular, {}, f.sink, 0, true).segments.front().face == cjk);
    CHECK(f.shaper.itemize("”", f.serif, {}, kRegular, {}, f.sink, 0, false).segments.front().face == f.serif);
    // In Latin text and before Latin letters the quotes stay in the primary face.
    for (const auto& s : f.itemize("the “quoted” word")) CHECK(s.face == f.serif);
    CHECK(f.itemize("“Hello").front().face == f.serif);
    CHECK(shape::letter_is_cjk("“黄浦”", false) == true);
    CHECK(shape::letter_is_cjk("a黄", false) == false);
    CHECK(shape::letter_is_cjk("a黄", true) == true);
    CHECK(!shape::letter_is_cjk("“…”", true));
}

TEST_CASE("the OpenType language follows the document language where the script matches") {
    // Noto Sans CJK draws 直 per region through 'locl': ja and zh-Hans differ.
    font::FontBook book(read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* cjk = book.face("Noto Sans CJK JP", kRegular, sink);
    REQUIRE_MESSAGE(cjk, "a font install-deps installs is missing");
    const std::uint32_t han = script_tag("Hani");
    shape::Shaper ja(book), zh(book), en(book);
    ja.set_fallbacks({}, "ja");
    zh.set_fallbacks({}, "zh-Hans");
    en.set_fallbacks({}, "en");
    const auto g_ja = gids(ja.shape(*cjk, "直", {}, han));
    const auto g_zh = gids(zh.shape(*cjk, "直", {}, han));
    const auto g_en = gids(en.shape(*cjk, "直", {}, han));
    CHECK(g_ja != g_zh);
    CHECK(g_en == g_zh);  // another language: Simplified Chinese, unless kana are near

    // Serbian Cyrillic italic has its own б г д п т (Noto Serif, locl SRB).
    const font::Face* italic = book.face("Noto Serif", {false, true}, sink);
    REQUIRE(italic);
    const std::uint32_t cyrl = script_tag("Cyrl");
    shape::Shaper sr(book), ru(book);
    sr.set_fallbacks({}, "sr");
    ru.set_fallbacks({}, "ru");
    CHECK(gids(sr.shape(*italic, "б", {}, cyrl)) != gids(ru.shape(*italic, "б", {}, cyrl)));
    // A script the document language is not written in gets the default language system.
    CHECK(gids(sr.shape(*italic, "б", {}, script_tag("Latn"))) == gids(ru.shape(*italic, "б", {}, cyrl)));
}

TEST_CASE("Arabic: its fallback face, right to left, joined forms") {
    Fixture f;
    const font::Face* arabic = f.installed("Noto Sans Arabic");
    REQUIRE_MESSAGE(arabic, "a font install-deps installs is missing");
    const std::string text = "مرحباً";
    const auto segs = f.itemize(text);
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == arabic);
    CHECK(segs[0].direction == shape::Direction::RightToLeft);
    const shape::Shaped& s = f.shaper.shape(*arabic, text, {}, segs[0].script, segs[0].direction);
    REQUIRE(s.glyphs.size() >= 5);
    // Visual order: the first glyph is the last character; clusters never increase.
    CHECK(s.glyphs.front().cluster > s.glyphs.back().cluster);
    // Joining: the initial م is not the nominal (isolated) glyph of the cmap.
    CHECK(s.glyphs.back().gid != arabic->glyph_for(U'\u0645'));
    for (const auto& g : s.glyphs) CHECK(g.gid != 0);

    // Bold Arabic comes from the family's bold face.
    const auto bold = f.itemize(text, kBold);
    REQUIRE(bold.size() == 1);
    CHECK(bold[0].face->metrics().bold);
    CHECK(ps_name(bold[0]) == "NotoSansArabic-Bold");
}

TEST_CASE("Devanagari: conjuncts and the reordered vowel sign i") {
    Fixture f;
    const font::Face* deva = f.installed("Noto Sans Devanagari");
    REQUIRE_MESSAGE(deva, "a font install-deps installs is missing");
    // कि: the vowel sign i is drawn before the consonant; HarfBuzz keeps them one cluster.
    const auto segs = f.itemize("कि");
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == deva);
    const shape::Shaped& ki = f.shaper.shape(*deva, "कि", {}, segs[0].script);
    REQUIRE(ki.glyphs.size() == 2);
    CHECK(ki.glyphs[1].gid == deva->glyph_for(U'\u0915'));  // the consonant comes second
    CHECK(ki.glyphs[0].cluster == ki.glyphs[1].cluster);
    // क्ष is one conjunct glyph, not three.
    CHECK(f.shaper.shape(*deva, "क्ष", {}, segs[0].script).glyphs.size() == 1);
    // The danda (Common script) stays with the Devanagari run.
    const auto with_danda = f.itemize("है।");
    REQUIRE(with_danda.size() == 1);
    CHECK(with_danda[0].face == deva);
}

TEST_CASE("Greek, Cyrillic, Hebrew and Thai") {
    Fixture f;
    // Greek and Cyrillic are in the primary face: no fallback.
    const auto greek = f.itemize("Καλώς ήρθατε");
    REQUIRE(greek.size() == 1);
    CHECK(greek[0].face == f.serif);
    CHECK(greek[0].script == script_tag("Grek"));
    const auto cyrillic = f.itemize("Ласкаво просимо");
    REQUIRE(cyrillic.size() == 1);
    CHECK(cyrillic[0].face == f.serif);
    CHECK(f.shaper.fallback_uses().empty());
    if (const font::Face* hebrew = f.installed("Noto Sans Hebrew")) {
        const auto segs = f.itemize("עברית");
        REQUIRE(segs.size() == 1);
        CHECK(segs[0].face == hebrew);
        CHECK(segs[0].direction == shape::Direction::RightToLeft);
    }
    if (const font::Face* thai = f.installed("Noto Sans Thai")) {
        const auto segs = f.itemize("ที่ชั้นสอง");
        REQUIRE(segs.size() == 1);
        CHECK(segs[0].face == thai);
        for (const auto& g : f.shaper.shape(*thai, "ที่ชั้นสอง", {}, segs[0].script).glyphs) CHECK(g.gid != 0);
    }
}

TEST_CASE("emoji sequences stay one cluster in one emoji face: colour, or monochrome when asked") {
    for (const bool color : {true, false}) {
        Fixture f;
        style::FallbackFamilies families;
        families.emoji_color = color;
        f.shaper.set_fallbacks(families, "");
        const font::Face* emoji = f.installed(color ? "Noto Color Emoji" : "Symbola");
        REQUIRE(emoji);
        CHECK(emoji->color_bitmaps() == color);
        // ZWJ sequence, skin tone, keycap (whose digit the primary face has), flags, tag sequence.
        for (const char* e : {"\U0001F469\u200D\u2696\uFE0F", "\U0001F64B\U0001F3FE", "1\uFE0F\u20E3",
                              "\U0001F1EF\U0001F1F5\U0001F1E8\U0001F1F3",
                              "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"}) {
            const std::string text = std::string("a") + e + "b";
            CAPTURE(text);
            const auto segs = f.itemize(text);
            REQUIRE(segs.size() == 3);
            CHECK(segs[0].face == f.serif);
            CHECK(segs[1].face == emoji);
            CHECK(segs[1].begin == 1);
            CHECK(segs[1].end == text.size() - 1);
            CHECK(segs[2].face == f.serif);
        }
        if (!color) continue;
        // A space after a colour emoji is the text face's (the bitmap face's space has no picture).
        const auto spaced = f.itemize("a\U0001F9F3 b");
        REQUIRE(spaced.size() == 3);
        CHECK(spaced[1].end == 5);
        CHECK(spaced[2].face == f.serif);
        // Noto Color Emoji shapes each sequence into one glyph (one picture).
        for (const char* e : {"\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U0001F44D\U0001F3FD", "1\uFE0F\u20E3",
                              "\U0001F1E9\U0001F1EA", "\U0001F9F3"})
            CHECK(f.shaper.shape(*emoji, e, {}).glyphs.size() == 1);
        // A text-presentation selector keeps a character that has a text glyph out of the emoji face.
        const auto text_style = f.itemize("1\uFE0E");
        REQUIRE(text_style.size() == 1);
        CHECK(text_style[0].face == f.serif);
        CHECK(f.sink.items().empty());
    }
}

TEST_CASE("combining marks stay with their base") {
    Fixture f;
    const auto segs = f.itemize("Jose\u0301");
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == f.serif);
}

TEST_CASE("a character no font has: .notdef in the run's face, warned once with its location") {
    Fixture f;
    // U+0378 is unassigned: no font has it.
    const auto segs = f.itemize("a\u0378b");
    REQUIRE(segs.size() == 1);
    CHECK(segs[0].face == f.serif);
    f.itemize("\u0378");
    REQUIRE(f.sink.items().size() == 1);
    CHECK(f.sink.items()[0].code == "font.glyph");
    CHECK(f.sink.items()[0].message == "no font has a glyph for U+0378");
    CHECK(f.sink.items()[0].location.line == 3);
}

TEST_CASE("fallback uses list each face with the code points it set, for -v") {
    Fixture f;
    const font::Face* hebrew = f.installed("Noto Sans Hebrew");
    const font::Face* arabic = f.installed("Noto Sans Arabic");
    REQUIRE_MESSAGE(hebrew, "Noto Sans Hebrew is missing");
    REQUIRE_MESSAGE(arabic, "an Arabic font is missing");
    f.itemize("שלום");
    f.itemize("abc");
    f.itemize("سلام");
    const auto uses = f.shaper.fallback_uses();
    REQUIRE(uses.size() == 2);
    CHECK(uses[0].face == hebrew);
    CHECK(uses[0].first_use.line == 3);
    // ש ל ו ם are U+05E9, U+05DC, U+05D5, U+05DD: three ranges in ascending order.
    CHECK(uses[0].ranges.size() == 3);
    CHECK(uses[0].ranges.front() == std::pair<char32_t, char32_t>{0x05D5, 0x05D5});
    CHECK(uses[0].ranges[1] == std::pair<char32_t, char32_t>{0x05DC, 0x05DD});
    CHECK(uses[1].face == arabic);
}

TEST_CASE("per-script fallback families come from the style") {
    Fixture f;
    REQUIRE(f.installed("Noto Naskh Arabic"));
    REQUIRE(f.installed("Noto Sans Arabic"));
    style::FallbackFamilies families;
    families.arabic = {"No Such Family 123", "Noto Naskh Arabic"};
    f.shaper.set_fallbacks(families, "ar");
    const auto segs = f.itemize("سلام");
    REQUIRE(segs.size() == 1);
    CHECK(ps_name(segs[0]) == "NotoNaskhArabic-Regular");
    CHECK(f.sink.items().empty());  // a family that is not installed is skipped quietly
}

TEST_CASE_FIXTURE(Fixture, "a keycap drawn as digit plus enclosing mark is as wide as its ink and starts at its pen") {
    const font::Face* symbola = installed("Symbola");
    REQUIRE_MESSAGE(symbola, "a font install-deps installs is missing");
    // Symbola has no keycap ligature: '1' and U+20E3 (an enclosing mark, no advance) are two
    // glyphs, the frame wider than the digit. The cluster must cover the frame.
    const std::string text = "1\uFE0F\u20E3";
    const shape::Shaped& s = shaper.shape(*symbola, text, {});
    REQUIRE(s.glyphs.size() == 2);
    REQUIRE(symbola->glyph_for(0x20E3) != 0);
    CHECK(s.advance > shaper.shape(*symbola, "1", {}).advance);  // wider than the digit alone
    for (const auto& g : s.glyphs) CHECK(g.x_offset >= 0);       // nothing starts left of the pen
    // Plain text is left as HarfBuzz gives it.
    const shape::Shaped& plain = shaper.shape(*symbola, "12", {});
    for (const auto& g : plain.glyphs) CHECK(g.x_offset == 0);
}

TEST_CASE("monospace cells: wide and fullwidth two, emoji two, marks and joiners none, ambiguous one") {
    CHECK(shape::text_cells("abc 1;") == 6);
    CHECK(shape::text_cells("漢字") == 4);                      // East Asian Wide
    CHECK(shape::text_cells("ｆｕｌｌ") == 8);                  // Fullwidth forms
    CHECK(shape::text_cells("한글") == 4);                      // Hangul syllables
    CHECK(shape::text_cells("ｶﾅ") == 2);                      // halfwidth katakana: narrow
    CHECK(shape::text_cells("\U0001F600") == 2);               // emoji presentation by default
    CHECK(shape::text_cells("\u2764\uFE0F") == 2);             // a narrow emoji asked for as emoji
    CHECK(shape::text_cells("\u2764") == 1);                   // ... and as text
    CHECK(shape::text_cells("\U0001F600\uFE0F") == 2);         // already wide: U+FE0F adds nothing
    CHECK(shape::text_cells("a\uFE0F") == 1);                  // not an emoji
    CHECK(shape::text_cells("e\u0301") == 1);                  // combining mark
    CHECK(shape::text_cells("\U0001F468\u200D\U0001F469") == 4);  // ZWJ parts, drawn side by side
    CHECK(shape::text_cells("\u00B1\u2192") == 2);              // East Asian Ambiguous: narrow
    CHECK(shape::text_cells("\u00AD") == 0);                   // soft hyphen: format character
    CHECK(shape::code_point_cells(0xFE0F, 0) == 0);
}
