// inline/typesetter: hyphenation in paragraphs, where it must not happen, and ligatures kept
// across hyphenation points that are not taken.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "base/utf8.h"
#include "inline/break_rules.h"
#include "inline/typesetter.h"
#include "frame_helpers.h"
#include "support.h"

using namespace galley;

namespace {

struct Fixture {
    style::Style style;
    DiagnosticSink sink;
    font::FontBook book{test::read_bytes, test::kFontsDir};
    shape::Shaper shaper{book};
    linebreak::Hyphenator en{[] { return test::read_bytes("/usr/share/hyphen/hyph_en_US.dic"); }, 2, 3};
    inlines::LineStats stats;
    inlines::Typesetter ts{style, book, shaper, sink, {&en, linebreak::Algorithm::TotalFit, &stats}};

    inlines::SpanStyle body() {
        inlines::SpanStyle s;
        s.family = style.body.family;
        s.size = 10.5;  // the widths these tests break at were chosen for this size
        return s;
    }

    /// A hyphenated paragraph of `width` points.
    static inlines::ParagraphStyle hyphenated(Pt width) {
        inlines::ParagraphStyle ps;
        ps.width = width;
        ps.leading = 14;
        ps.hyphenate = true;
        return ps;
    }

    /// Sets `text` in a narrow measure and returns each line's text.
    std::vector<std::string> lines(const std::string& text, inlines::SpanStyle s, Pt width, bool hyphenate = true) {
        inlines::ParagraphStyle ps = hyphenated(width);
        ps.hyphenate = hyphenate;
        std::vector<std::string> out;
        for (const auto& l : ts.set_paragraph({{text, s, {}}}, ps)) {
            std::string t;
            for (const auto& it : l.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it)) t += r->text;
            out.push_back(t);
        }
        return out;
    }
};

bool any_ends_with_hyphen(const std::vector<std::string>& lines) {
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
        if (!lines[i].empty() && lines[i].back() == '-') return true;
    return false;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "long words hyphenate in a narrow justified measure, at pattern points") {
    REQUIRE(!en.points("hyphenation").empty());  // the English patterns are installed
    const auto out = lines("Internationalization responsibilities characteristically overwhelm "
                           "administrators institutionalizing telecommunications infrastructures.",
                           body(), 120);
    CHECK(any_ends_with_hyphen(out));
    for (std::size_t i = 0; i + 1 < out.size(); ++i)
        if (out[i].back() == '-') {
            // The hyphen is drawn at a point the patterns allow.
            const std::string stem = out[i].substr(out[i].rfind(' ') + 1);
            CHECK(stem.size() >= 3);  // at least 2 letters + the hyphen
        }
    CHECK(stats.max_consecutive_hyphens <= 2);
}

TEST_CASE_FIXTURE(Fixture, "words longer than 16 bytes hyphenate in a narrow column; none is cut between letters") {
    // Issue 14: URL-likeness is read from the content, so long words are words.
    for (const char* word : {"incomprehensibilities", "antidisestablishmentarianism"}) {
        CAPTURE(word);
        const auto out = lines(std::string("An ") + word + " case.", body(), 70);
        CHECK(any_ends_with_hyphen(out));
    }
    linebreak::Hyphenator de{[] { return test::read_bytes("/usr/share/hyphen/hyph_de_DE.dic"); }, 2, 3};
    inlines::Typesetter german{style, book, shaper, sink, {&de, linebreak::Algorithm::TotalFit, nullptr}};
    std::string joined;
    for (const auto& l : german.set_paragraph({{"Die Geschwindigkeitsbegrenzungen gelten.", body(), {}}}, hyphenated(70)))
        for (const auto& it : l.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) joined += r->text + "|";
    CHECK(joined.find("-|") != std::string::npos);
    for (const Diagnostic& d : sink.items()) CHECK(d.code != "line.overfull");
}

TEST_CASE_FIXTURE(Fixture, "an identifier in prose breaks after its punctuation only when no space will do") {
    for (Pt width : {230.0, 260.0, 290.0}) {
        CAPTURE(width);
        const auto out = lines("The option snake_case_names_stay_plain keeps its name whole in the text.", body(), width);
        for (const auto& l : out) CHECK(l.back() != '_');
    }
    // Where nothing else fits, it still breaks there rather than between letters.
    const auto narrow = lines("snake_case_names_stay_plain", body(), 60);
    CHECK(narrow.size() > 1);
    CHECK(narrow.front().back() == '_');
}

TEST_CASE_FIXTURE(Fixture, "no hyphenation in inline code, URLs, words with digits, or when switched off") {
    REQUIRE(!en.points("hyphenation").empty());  // the English patterns are installed
    inlines::SpanStyle code = body();
    code.family = style.code.family;
    code.code = true;
    code.features = {false, false};
    CHECK_FALSE(any_ends_with_hyphen(lines("internationalization responsibilities characteristically", code, 120)));
    // URL-likeness is read from the token, whatever its length or link: a link's words hyphenate,
    // a URL or identifier does not (issue 14).
    inlines::SpanStyle link = body();
    link.link_uri = "https://example.com";
    CHECK(any_ends_with_hyphen(lines("internationalization responsibilities characteristically", link, 120)));
    CHECK_FALSE(any_ends_with_hyphen(lines("example.com/internationalization snake_case_responsibilities "
                                           "camelCaseCharacteristically", body(), 120)));
    CHECK_FALSE(any_ends_with_hyphen(lines("internationalization2 responsibilities3 characteristically4", body(), 120)));
    CHECK_FALSE(any_ends_with_hyphen(lines("internationalization responsibilities characteristically", body(), 120, false)));
}

TEST_CASE_FIXTURE(Fixture, "inline code: its spaces keep their width in justified lines; a short span is not broken") {
    inlines::SpanStyle code = body();
    code.family = style.code.family;
    code.code = true;
    code.features = {false, false};
    const Pt space = ts.measure(" ", code);
    // Justified lines around `kubectl  get  pods`: every space glyph of the code run is the
    // mono font's space (two in a row where two are typed), however much the line stretches.
    const std::string words = "the command sets up words around it so that the line has to stretch quite a bit ";
    for (Pt width : {310.0, 340.0, 380.0, 430.0}) {  // the span is short: under a third of each
        CAPTURE(width);
        inlines::ParagraphStyle ps = hyphenated(width);
        bool found = false;
        for (const auto& l : ts.set_paragraph({{words, body(), {}}, {"kubectl  get  pods", code, {}}, {" " + words, body(), {}}}, ps))
            for (const auto& it : l.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->face && r->text.find("get") != std::string::npos) {
                    found = true;
                    CHECK(r->text == "kubectl  get  pods");  // one line, both double spaces kept
                    for (std::size_t g = 0; g < r->glyphs.size(); ++g)
                        if (r->text[r->glyphs[g].cluster] == ' ') CHECK(r->glyphs[g].x_advance == doctest::Approx(space).epsilon(0.001));
                }
        CHECK(found);
    }
    // A short span (a third of the line at most) moves whole to the next line rather than
    // breaking at its space or after its dot; a long one still breaks inside.
    const std::string prefix = "words words words words words words words words words ";
    const std::vector<inlines::Span> spans = {{prefix, body(), {}}, {"make test.all", code, {}}};
    const Pt width = ts.measure(prefix + "make", body()) + 2;
    REQUIRE(ts.measure("make test.all", code) <= width / 3);
    std::vector<std::string> texts;
    for (const auto& l : ts.set_paragraph(spans, hyphenated(width))) {
        std::string t;
        for (const auto& it : l.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) t += r->text;
        texts.push_back(t);
    }
    CHECK(texts == std::vector<std::string>{prefix.substr(0, prefix.size() - 1), "make test.all"});
    const std::vector<std::string> long_code = lines("aaaa bbbb cccc dddd eeee ffff gggg", code, 60, false);
    CHECK(long_code.size() > 1);
}

TEST_CASE_FIXTURE(Fixture, "justified CJK lines: the stretch between characters is drawn where the line puts it") {
    // Inter-character glue has no glyph: it widens the glyph before it. Before, the glyphs of a
    // run were drawn without it and the whole line's stretch showed as one gap where the next
    // run began (a link, a quote in another face): "会议室 “黄浦”" extracted with a space.
    inlines::SpanStyle link = body();
    link.color = {0.1, 0.3, 0.6};
    link.link_uri = "https://example.com";
    const std::string text = "明天下午三点在会议室开会讨论新项目的进度和预算安排请各部门负责人准时参加会议";
    const Pt width = 10.5 * 13.5;  // thirteen and a half characters: every full line stretches
    inlines::ParagraphStyle ps = hyphenated(width);
    const auto lines = ts.set_paragraph({{text, body(), {}}, {"公式网站", link, {}}, {text, body(), {}}}, ps);
    REQUIRE(lines.size() > 3);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        CAPTURE(i);
        std::vector<std::pair<Pt, Pt>> runs;  // [x0, x1) of each glyph run
        for (const auto& it : lines[i].items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                Pt w = 0;
                for (const frame::Glyph& g : r->glyphs) w += g.x_advance;
                runs.push_back({r->origin.x, r->origin.x + w});
            }
        std::sort(runs.begin(), runs.end());
        REQUIRE(!runs.empty());
        for (std::size_t k = 1; k < runs.size(); ++k) CHECK(runs[k].first == doctest::Approx(runs[k - 1].second).epsilon(1e-4));
        CHECK(runs.back().second == doctest::Approx(width).epsilon(1e-4));
    }
}

TEST_CASE_FIXTURE(Fixture, "CJK text breaks and stretches at the edges of a link as inside its spans") {
    // Ten ideographs fill the measure exactly; a link follows without a space. UAX #14 allows a
    // break between two ideographs whichever span they are in.
    inlines::SpanStyle link = body();
    link.link_uri = "https://example.com";
    inlines::ParagraphStyle ps = hyphenated(10.5 * 10);
    const auto set = ts.set_paragraph({{"一二三四五六七八九十", body(), {}}, {"公式サイト", link, {}}, {"をご覧ください。", body(), {}}}, ps);
    REQUIRE(set.size() >= 2);
    std::string first;
    for (const auto& it : set[0].items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it)) first += r->text;
    CHECK(first == "一二三四五六七八九十");
    // No break where kinsoku forbids one: before a closing bracket in the next span.
    const auto kept = ts.set_paragraph({{"一二三四五六七八九十", body(), {}}, {"」です", link, {}}}, ps);
    std::string line;
    for (const auto& it : kept[0].items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it)) line += r->text;
    CHECK(line != "一二三四五六七八九十");
}

TEST_CASE_FIXTURE(Fixture, "a CJK paragraph never ends with one character alone on its line") {
    const std::u32string text = U"这是一个测试段落用来检查段落最后一行是否只剩下一个汉字的情况这种排版在中文里被认为是不好的习惯";
    inlines::ParagraphStyle ps = hyphenated(10.5 * 14);
    for (std::size_t n = 20; n <= text.size(); ++n) {
        std::string t;
        for (char32_t c : text.substr(0, n)) utf8::append(t, c);
        t += "。";
        CAPTURE(t);
        const auto set = ts.set_paragraph({{t, body(), {}}}, ps);
        if (set.size() < 2) continue;
        std::string last;
        for (const auto& it : set.back().items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) last += r->text;
        CHECK(last.size() > std::string("字。").size());
    }
}

TEST_CASE_FIXTURE(Fixture, "an untaken hyphenation point inside a ligature keeps the ligature") {
    REQUIRE(!en.points("hyphenation").empty());  // the English patterns are installed
    // "office" hyphenates as "of-fice"; set on a wide line, it must be drawn as one shaping
    // with the ffi ligature (o, ffi, c, e: 4 glyphs), not as "of" + "fice" (o, f, fi, c, e).
    const auto set = ts.set_paragraph({{"office", body(), {}}}, hyphenated(400));
    REQUIRE(set.size() == 1);
    const frame::GlyphRun* run = nullptr;
    for (const auto& it : set[0].items)
        if ((run = std::get_if<frame::GlyphRun>(&it))) break;
    REQUIRE(run);
    CHECK(run->text == "office");
    CHECK(run->glyphs.size() == 4);  // o, ffi, c, e
}

TEST_CASE_FIXTURE(Fixture, "soft hyphens are break opportunities with a visible hyphen") {
    const auto out = lines("Donau\u00ADdampf\u00ADschiff\u00ADfahrts\u00ADgesellschaft is long", body(), 70, false);
    CHECK(any_ends_with_hyphen(out));
}

TEST_CASE_FIXTURE(Fixture, "line statistics count lines and ratios") {
    lines("one two three four five six seven eight nine ten eleven twelve thirteen fourteen", body(), 150);
    CHECK(stats.lines >= 3);
    CHECK(stats.ratios.size() == stats.lines - 1);  // every line but the last is justified
}

TEST_CASE_FIXTURE(Fixture, "parts of one token in different bidi levels never make an overfull line together") {
    // Latin and Hebrew letters with no break opportunity between them become separate words
    // (one per embedding level); each fits the measure, together they do not.
    const std::string token = "abcdefghijklmnopqrstuv\u05D0\u05D1\u05D2\u05D3\u05D4\u05D5\u05D6\u05D7\u05D8\u05D9"
                              "\u05DB\u05DC\u05DE\u05E0\u05E1\u05E2wxyzabcdefghijklmnop";
    inlines::ParagraphStyle ps;
    ps.width = 120;
    ps.leading = 14;
    const auto set = ts.set_paragraph({{token, body(), {}}}, ps);
    REQUIRE(set.size() >= 2);
    for (const auto& l : set) CHECK(l.width <= 120.01);
}

namespace {

/// A set line as it looks: its runs from left to right, a right-to-left run's words and spaces
/// in reverse order (each word keeps its reading-order spelling, so "الأحد." shows as ".الأحد"
/// when its full stop is a run of its own).
std::string visual_text(const inlines::SetLine& line) {
    std::vector<const frame::GlyphRun*> runs;
    for (const auto& it : line.items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it)) runs.push_back(r);
    std::stable_sort(runs.begin(), runs.end(), [](auto* a, auto* b) { return a->origin.x < b->origin.x; });
    std::string out;
    for (const frame::GlyphRun* r : runs) {
        if (!r->right_to_left) {
            out += r->text;
            continue;
        }
        std::vector<std::string> tokens;  // words and the spaces between them
        for (char c : r->text) {
            const bool space = c == ' ';
            if (tokens.empty() || (tokens.back()[0] == ' ') != space) tokens.emplace_back();
            tokens.back() += c;
        }
        for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) out += *t;
    }
    return out;
}

struct Reordering {
    Pt width;
    std::vector<std::string> lines;
};

}  // namespace

// UAX #9 by hand: digits after Arabic letters are AN (level 2 in either paragraph), a space
// between Arabic and a number resolves right-to-left (N1), a space between Arabic and Latin
// takes the paragraph's direction (N2); each line is reordered on its own after breaking (L2),
// so a line that ends inside a right-to-left stretch shows only its part of it, reversed.
TEST_CASE_FIXTURE(Fixture, "mixed English, Arabic and numbers: each line in visual order at several widths") {
    inlines::ParagraphStyle ps;
    ps.leading = 14;
    ps.justify = false;
    auto check = [&](const std::string& text, const std::vector<Reordering>& cases, bool rtl) {
        for (const Reordering& c : cases) {
            CAPTURE(c.width);
            ps.width = c.width;
            const auto set = ts.set_paragraph({{text, body(), {}}}, ps);
            std::vector<std::string> got;
            for (const auto& l : set) got.push_back(visual_text(l));
            CHECK(got == c.lines);
            for (const auto& l : set) {
                // Runs follow each other without overlap, inside the measure; ragged
                // right-to-left lines end at the right margin.
                Pt x = 0, right = 0;
                for (const auto& it : l.items)
                    if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                        CHECK(r->origin.x >= x - 0.01);
                        x = test::right_edge(*r);
                        right = std::max(right, x);
                    }
                CHECK(right <= c.width + 0.01);
                if (rtl) CHECK(right == doctest::Approx(c.width).epsilon(1e-4));
            }
        }
    };
    check("Version 2 of the app says مرحبا بكم 2024 to every user in Cairo.",
          {{400, {"Version 2 of the app says 2024 بكم مرحبا to every user in Cairo."}},
           {150, {"Version 2 of the app says مرحبا", "2024 بكم to every user in Cairo."}},
           {110, {"Version 2 of the app", "says 2024 بكم مرحبا to", "every user in Cairo."}}},
          false);
    check("اجتماع الفريق في الغرفة 12 مع John Smith يوم الأحد.",
          {{400, {".الأحد يوم John Smith مع 12 الغرفة في الفريق اجتماع"}},
           // Not ".الأحد" alone: a one-word last line that short costs more (issue 14).
           {200, {"John Smith مع 12 الغرفة في الفريق اجتماع", ".الأحد يوم"}},
           {150, {"John مع 12 الغرفة في الفريق اجتماع", ".الأحد يوم Smith"}},
           {80, {"في الفريق اجتماع", "John مع 12 الغرفة", ".الأحد يوم Smith"}}},
          true);
}

TEST_CASE_FIXTURE(Fixture, "a hyphenated Latin name before a direction mark keeps its order in right-to-left text") {
    // The mark (and any character of three UTF-8 bytes) made the token's breaks come from
    // UAX #14, and the break after "Al-" became glue at its span's start, at the paragraph's
    // level: the name was split around it and shown "YassenAli Al-".
    inlines::ParagraphStyle ps;
    ps.leading = 14;
    ps.justify = false;
    for (const Pt width : {400.0, 160.0}) {
        CAPTURE(width);
        ps.width = width;
        for (const std::string text : {"مرحبا Ali Al-Yassen\u200F كيف حالك", "שלום Ali Al-Yassen\u200F מה שלומך",
                                       "مرحبا Ali Al-Yassen\u200E كيف حالك"}) {
            CAPTURE(text);
            std::string latin;
            for (const auto& l : ts.set_paragraph({{text, body(), {}}}, ps))
                for (const auto& it : l.items)
                    if (auto* r = std::get_if<frame::GlyphRun>(&it); r && !r->right_to_left) latin += r->text;
            CHECK(latin.starts_with("Ali Al-Yassen"));  // (the LRM, when there is one, after it)
        }
    }
}

TEST_CASE_FIXTURE(Fixture, "text is shaped in its bidi level's direction, not its script's") {
    inlines::ParagraphStyle ps;
    ps.width = 400;
    ps.leading = 14;
    auto runs_of = [&](const std::string& text) {
        std::vector<frame::GlyphRun> out;
        for (const auto& l : ts.set_paragraph({{text, body(), {}}}, ps))
            for (const auto& it : l.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it)) out.push_back(*r);
        return out;
    };
    // Arabic-Indic digits are Arabic script but a number (level 2): drawn left to right.
    bool found = false;
    for (const auto& r : runs_of("العدد ١٢٣ هنا")) {
        if (r.text != "١٢٣") continue;
        found = true;
        CHECK_FALSE(r.right_to_left);
        REQUIRE(r.glyphs.size() == 3);
        CHECK(r.glyphs[0].gid == r.face->glyph_for(U'١'));
        CHECK(r.glyphs[2].gid == r.face->glyph_for(U'٣'));
    }
    CHECK(found);
    // An opening bracket at a right-to-left level is mirrored (UAX #9 L4), even alone
    // between Hebrew and Latin: it shows the closing bracket's glyph.
    found = false;
    for (const auto& r : runs_of("שלום (abc) עולם"))
        for (const auto& g : r.glyphs)
            if (r.text[g.cluster] == '(') {
                found = true;
                CHECK(r.right_to_left);
                CHECK(g.gid == r.face->glyph_for(U')'));
            }
    CHECK(found);
}

TEST_CASE_FIXTURE(Fixture, "a single line is reordered too: code with Hebrew, a list number in a right-to-left item") {
    auto line = [&](const std::string& text, shape::ParagraphDirection dir) {
        inlines::SetLine l;
        l.items = ts.set_text(text, body(), {0, 0}, dir);
        return visual_text(l);
    };
    CHECK(line("print(\"שלום עולם\")", shape::ParagraphDirection::LeftToRight) == "print(\"עולם שלום\")");
    // Neutrals between two right-to-left words take their direction (UAX #9 N1), so the
    // string and the comment read as one right-to-left stretch, as in any bidi-aware editor.
    CHECK(line("let x = \"שלום\"; // הערה", shape::ParagraphDirection::LeftToRight) ==
          "let x = \"הערה // \";שלום");
    CHECK(line("1.", shape::ParagraphDirection::RightToLeft) == ".1");
    CHECK(line("1.", shape::ParagraphDirection::Auto) == "1.");
    CHECK(line("Plain text", shape::ParagraphDirection::Auto) == "Plain text");
}

TEST_CASE_FIXTURE(Fixture, "a character no font has is warned at its own column") {
    inlines::ParagraphStyle ps;
    ps.width = 300;
    ps.leading = 14;
    // U+10FFFD (private use, plane 16) is in no installed font; it sits 7 bytes into the span.
    ts.set_paragraph({{"ab cd \U0010FFFD ef", body(), {"t.md", 3, 5}}}, ps);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].location.line == 3);
    CHECK(sink.items()[0].location.column == 5 + 6);
}

TEST_CASE_FIXTURE(Fixture, "a word without a glyph is warned where it is set even after it was measured") {
    // Measured text has no location and is not warned about; the word table must not keep
    // such a word, or its later use in the source would go unwarned.
    ts.measure("x\U0010FFFD", body());
    CHECK(sink.items().empty());
    inlines::ParagraphStyle ps;
    ps.width = 300;
    ts.set_paragraph({{"x\U0010FFFD", body(), {"t.md", 4, 1}}}, ps);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].location.line == 4);
}

TEST_CASE_FIXTURE(Fixture, "a repeated word, found in the word table, is set the same each time") {
    const auto set = ts.set_paragraph({{"affluent affluent affluent", body(), {}}}, hyphenated(400));
    REQUIRE(set.size() == 1);
    const auto& run = std::get<frame::GlyphRun>(set[0].items.at(0));
    CHECK(run.text == "affluent affluent affluent");
    // Three copies of the same glyphs, each after a space glyph.
    const std::size_t n = (run.glyphs.size() - 2) / 3;
    for (std::size_t i = 0; i < n; ++i) {
        CHECK(run.glyphs[i].gid == run.glyphs[n + 1 + i].gid);
        CHECK(run.glyphs[i].gid == run.glyphs[2 * n + 2 + i].gid);
    }
}

TEST_CASE("break points inside tokens: hyphens before letters, URL punctuation, never inside // or a keycap") {
    auto points = [](std::string_view token, bool url_like) {
        std::vector<std::size_t> out;
        std::size_t part = 0;
        for (std::size_t e = 0; e < token.size();) {
            const std::size_t at = e;
            const char32_t c = utf8::decode(token, e);
            if (inlines::breaks_after(token, part, at, e, c, url_like)) out.push_back(e), part = e;
        }
        return out;
    };
    CHECK(points("well-known", false) == std::vector<std::size_t>{5});
    CHECK(points("MOB-811", false).empty());
    CHECK(points("-5", false).empty());
    CHECK(points("a.b/c", false).empty());
    // After "https://" as a whole, then after each / . ? = &.
    CHECK(points("https://ex.com/a?b=c", true) == std::vector<std::size_t>{8, 11, 15, 17, 19});
    CHECK(points("file:///x", true) == std::vector<std::size_t>{8});
    // The keycap #️⃣ (and # before a ZWJ) is one grapheme: no break after its "#".
    CHECK(points("a#\uFE0F\u20E3b", true).empty());
    CHECK(points("#\u200Dx", true).empty());
    CHECK(points("a#b", true) == std::vector<std::size_t>{2});
}

TEST_CASE_FIXTURE(Fixture, "a URL in a narrow measure never breaks between its two slashes") {
    for (Pt width : {60.0, 80.0, 100.0, 140.0, 200.0}) {
        CAPTURE(width);
        for (const auto& l : lines("see https://example.com/some/long/path/to/a/page.html now", body(), width))
            CHECK_FALSE(l.ends_with("https:/"));
    }
}

TEST_CASE_FIXTURE(Fixture, "a footnote reference is reported where it was set, with its link area") {
    inlines::SpanStyle ref = body();
    ref.link_dest = "fn:3";
    ref.footnote = 3;
    inlines::ParagraphStyle ps;
    ps.width = 300;
    ps.leading = 14;
    const auto lines = ts.set_paragraph({{"A claim", body(), {}}, {"3", ref, {}}, {" and more.", body(), {}}}, ps);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].footnotes.size() == 1);
    CHECK(lines[0].footnotes[0].number == 3);
    const frame::LinkArea* link = nullptr;
    for (const auto& it : lines[0].items)
        if (auto* l = std::get_if<frame::LinkArea>(&it)) link = l;
    REQUIRE(link);
    CHECK(link->dest == "fn:3");
    CHECK(link->rect.x == doctest::Approx(lines[0].footnotes[0].area.x));
    CHECK(link->rect.width == doctest::Approx(lines[0].footnotes[0].area.width));
}

TEST_CASE_FIXTURE(Fixture, "an inline picture is a box of its width with figure spaces under it") {
    auto data = std::make_shared<frame::ImageData>();
    inlines::ParagraphStyle ps;
    ps.width = 300;
    ps.leading = 14;
    ps.justify = false;
    inlines::Span picture{"", body(), {}, false, inlines::InlinePicture{data, {40, 10}}};
    const auto lines = ts.set_paragraph({{"ab", body(), {}}, picture, {"cd", body(), {}}}, ps);
    REQUIRE(lines.size() == 1);
    std::vector<const frame::GlyphRun*> runs;
    const frame::Image* image = nullptr;
    for (const auto& it : lines[0].items) {
        if (auto* r = std::get_if<frame::GlyphRun>(&it)) runs.push_back(r);
        if (auto* i = std::get_if<frame::Image>(&it)) image = i;
    }
    REQUIRE(image);
    // The text runs on through the picture: figure spaces (no ink) fill its 40 pt.
    REQUIRE(runs.size() == 1);
    CHECK(runs[0]->text.starts_with("ab\u2007"));
    CHECK(runs[0]->text.ends_with("\u2007cd"));
    Pt under = 0;
    for (std::size_t i = 2; i + 2 < runs[0]->glyphs.size(); ++i) under += runs[0]->glyphs[i].x_advance;
    CHECK(under == doctest::Approx(40));
    CHECK(image->rect.x == doctest::Approx(runs[0]->origin.x + runs[0]->glyphs[0].x_advance + runs[0]->glyphs[1].x_advance));
    CHECK(image->rect.width == doctest::Approx(40));
    CHECK(image->rect.y == doctest::Approx(-lines[0].baseline));  // its bottom edge on the baseline
}

namespace {

/// Each line's runs as text with their x positions, to compare two settings of a paragraph.
std::vector<std::string> line_dump(const std::vector<inlines::SetLine>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines) {
        std::ostringstream s;
        for (const auto& it : l.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) s << r->origin.x << ' ' << r->text << '|';
        out.push_back(s.str());
    }
    return out;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a paragraph set in windows has the lines of the whole paragraph") {
    // Windows of 2 KB over a paragraph of about 30 KB: each keeps its first three quarters.
    // Ragged right sets within TeX's first pass, as a whole and in every window (a window
    // decides its passes alone: see ARCHITECTURE.md, "Long paragraphs").
    inlines::Typesetter windowed{style, book, shaper, sink, {&en, linebreak::Algorithm::TotalFit, nullptr, 2048}};
    const char* vocabulary[] = {"the",        "typesetter", "breaks",   "paragraphs", "into",     "lines",
                                "of",         "equal",      "measure",  "with",       "hyphenation", "patterns",
                                "and",        "justified",  "spacing,", "where",      "a",        "window",
                                "commits",    "lines."};
    std::string text;
    for (std::size_t i = 0; text.size() < 30000; ++i) text += std::string(vocabulary[(i * 7 + i / 3) % 20]) + " ";
    inlines::ParagraphStyle ps = hyphenated(200);
    ps.first_indent = 12;
    ps.justify = false;
    const std::vector<inlines::Span> spans{{text, body(), {}}};
    const auto whole = line_dump(ts.set_paragraph(spans, ps));
    const auto parts = line_dump(windowed.set_paragraph(spans, ps));
    REQUIRE(whole.size() > 100);
    CHECK(parts.size() == whole.size());
    for (std::size_t i = 0; i < std::min(parts.size(), whole.size()); ++i) {
        CAPTURE(i);
        REQUIRE(parts[i] == whole[i]);
    }
}

TEST_CASE_FIXTURE(Fixture, "a token longer than several windows is broken into lines that fit, warned about once") {
    inlines::Typesetter windowed{style, book, shaper, sink, {&en, linebreak::Algorithm::TotalFit, nullptr, 4096}};
    std::string token;
    // Digits in it: a word with digits is never hyphenated, so only cuts between letters can break it.
    for (std::size_t i = 0; token.size() < 20000; ++i)
        token += static_cast<char>(i % 9 == 4 ? '0' + i % 10 : 'a' + (i * 7 + i / 5) % 26);
    inlines::ParagraphStyle ps = hyphenated(150);
    const auto lines = windowed.set_paragraph({{"Before " + token + " after.", body(), {"in.md", 3, 1}}}, ps);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(l.width <= 150 + 1e-3);
        for (const auto& it : l.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) joined += r->text;
    }
    CHECK(joined == "Before " + token + " after.");  // every character once, in order
    CHECK(lines.size() > 100);
    const auto& d = sink.items();
    CHECK(std::count_if(d.begin(), d.end(), [](const Diagnostic& x) { return x.code == "line.overfull"; }) == 1);
}

TEST_CASE_FIXTURE(Fixture, "windows make progress at any measure: every character set once, in order") {
    inlines::Typesetter windowed{style, book, shaper, sink, {&en, linebreak::Algorithm::TotalFit, nullptr, 1024}};
    std::string text;
    for (std::size_t i = 0; text.size() < 6000; ++i) text += (i % 9 == 8) ? ' ' : static_cast<char>('a' + i % 26);
    for (const Pt width : {1.0, 40.0, 1e7}) {  // a glyph per line, a few, the whole window on one
        CAPTURE(width);
        std::string joined;
        for (const auto& l : windowed.set_paragraph({{text, body(), {}}}, hyphenated(width)))
            for (const auto& it : l.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it)) joined += r->text;
        std::string expected = text;
        std::erase(expected, ' ');
        std::erase(joined, ' ');
        std::erase(joined, '-');  // hyphens drawn at hyphenation points
        CHECK(joined == expected);
    }
}
