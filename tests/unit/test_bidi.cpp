// shape/bidi: UAX #9 embedding levels and the visual order of lines, with expectations worked
// out by hand from the rules (W2, W4, W7, N1, N2, I1, I2, L1, L2) for a paragraph mixing
// English, Arabic and numbers, broken at several widths.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "shape/bidi.h"

using namespace galley;
using shape::BidiParagraph;

namespace {

/// The runs of a line as (text, level), left to right.
using Runs = std::vector<std::pair<std::string, int>>;

Runs visual(const BidiParagraph& p, const std::string& text, std::size_t begin, std::size_t end) {
    Runs out;
    for (const shape::BidiRun& r : p.visual_runs(begin, end))
        out.push_back({text.substr(r.begin, r.end - r.begin), r.level});
    return out;
}

/// Byte offset just after the first occurrence of `s` in `text`.
std::size_t after(const std::string& text, const std::string& s) { return text.find(s) + s.size(); }

}  // namespace

TEST_CASE("plain English: one left-to-right run, nothing to reorder") {
    const std::string text = "Plain text, 12 words.";
    const BidiParagraph p(text);
    CHECK(p.base_level() == 0);
    CHECK(p.direction() == shape::Direction::LeftToRight);
    CHECK(p.all_left_to_right());
    CHECK(visual(p, text, 0, text.size()) == Runs{{text, 0}});
}

TEST_CASE("an English paragraph with an Arabic phrase and a number") {
    // First strong character L: paragraph level 0. The Arabic words are R (level 1); "12"
    // after Arabic letters is EN made AN (W2), raised to level 2 (I1); the space between the
    // Arabic words is R by N1, the one between رقم and 12 too (AN counts as R); the space
    // before "today" lies between R and L and takes the embedding direction, L (N2).
    const std::string text = "Meet at مكتب رقم 12 today.";
    const BidiParagraph p(text);
    CHECK(p.base_level() == 0);
    CHECK_FALSE(p.all_left_to_right());
    CHECK(p.level_at(0) == 0);
    CHECK(p.level_at(text.find("مكتب")) == 1);
    CHECK(p.level_at(text.find("12")) == 2);
    CHECK(p.level_at(text.find(" today")) == 0);

    SUBCASE("one line: the Arabic phrase is reversed as a whole, the number keeps its order") {
        CHECK(visual(p, text, 0, text.size()) ==
              Runs{{"Meet at ", 0}, {"12", 2}, {"مكتب رقم ", 1}, {" today.", 0}});
    }
    SUBCASE("broken after 'مكتب ': the space ending line 1 returns to level 0 (L1)") {
        const std::size_t split = after(text, "مكتب ");
        CHECK(visual(p, text, 0, split) == Runs{{"Meet at ", 0}, {"مكتب", 1}, {" ", 0}});
        CHECK(visual(p, text, split, text.size()) == Runs{{"12", 2}, {"رقم ", 1}, {" today.", 0}});
    }
    SUBCASE("broken after '12 ': the Arabic and the number end line 1") {
        const std::size_t split = after(text, "12 ");
        CHECK(visual(p, text, 0, split) == Runs{{"Meet at ", 0}, {"12", 2}, {"مكتب رقم ", 1}, {" ", 0}});
        CHECK(visual(p, text, split, text.size()) == Runs{{"today.", 0}});
    }
    SUBCASE("logical runs, for shaping before line breaking") {
        std::vector<std::pair<std::string, int>> runs;
        for (const shape::BidiRun& r : p.logical_runs()) runs.push_back({text.substr(r.begin, r.end - r.begin), r.level});
        CHECK(runs == Runs{{"Meet at ", 0}, {"مكتب رقم ", 1}, {"12", 2}, {" today.", 0}});
    }
}

TEST_CASE("an Arabic paragraph with an English word and a year") {
    // First strong character AL: paragraph level 1, lines run right to left. "hackathon" is L
    // (level 2); "2024" is EN after the strong L, so L (W7), and the space between them L
    // (N1). The space before اليوم lies between L and R: the embedding direction, R (N2).
    const std::string text = "مرحباً بكم في hackathon 2024 اليوم.";
    const BidiParagraph p(text);
    CHECK(p.base_level() == 1);
    CHECK(p.direction() == shape::Direction::RightToLeft);
    CHECK(p.level_at(text.find("2024")) == 2);

    SUBCASE("one line: runs in reverse, the English keeps its order") {
        CHECK(visual(p, text, 0, text.size()) ==
              Runs{{" اليوم.", 1}, {"hackathon 2024", 2}, {"مرحباً بكم في ", 1}});
    }
    SUBCASE("broken after 'hackathon '") {
        const std::size_t split = after(text, "hackathon ");
        CHECK(visual(p, text, 0, split) == Runs{{" ", 1}, {"hackathon", 2}, {"مرحباً بكم في ", 1}});
        // The year still counts as L: W7 looks back across the line break, in the paragraph.
        CHECK(visual(p, text, split, text.size()) == Runs{{" اليوم.", 1}, {"2024", 2}});
    }
    SUBCASE("broken after 'بكم '") {
        const std::size_t split = after(text, "بكم ");
        CHECK(visual(p, text, 0, split) == Runs{{"مرحباً بكم ", 1}});
        CHECK(visual(p, text, split, text.size()) == Runs{{" اليوم.", 1}, {"hackathon 2024", 2}, {"في ", 1}});
    }
}

TEST_CASE("a time inside Arabic text keeps its digit order") {
    // 12:00 after Arabic letters: EN made AN (W2), the colon between two ANs is AN (W4).
    const std::string text = "الغداء في الساعة 12:00 في الطابق 2.";
    const BidiParagraph p(text);
    CHECK(p.base_level() == 1);
    const Runs runs = visual(p, text, 0, text.size());
    CHECK(runs == Runs{{".", 1}, {"2", 2}, {" في الطابق ", 1}, {"12:00", 2}, {"الغداء في الساعة ", 1}});
}

TEST_CASE("the paragraph direction can be set (front matter dir)") {
    const std::string text = "Hello عالم";
    const BidiParagraph rtl(text, shape::ParagraphDirection::RightToLeft);
    CHECK(rtl.base_level() == 1);
    // The space between L and R takes the embedding direction, R (N2): it joins the Arabic.
    CHECK(visual(rtl, text, 0, text.size()) == Runs{{" عالم", 1}, {"Hello", 2}});
    const BidiParagraph ltr("عالم Hello", shape::ParagraphDirection::LeftToRight);
    CHECK(ltr.base_level() == 0);
    // No strong character at all: left to right.
    CHECK(BidiParagraph("12 + 3 = 15").base_level() == 0);
}

TEST_CASE("empty and out-of-range lines give no runs") {
    const BidiParagraph p("abc");
    CHECK(p.visual_runs(1, 1).empty());
    CHECK(p.visual_runs(3, 9).empty());
    CHECK(BidiParagraph("").logical_runs().empty());
}

TEST_CASE("visual order from levels (L2): highest levels reversed first, down to the lowest odd one") {
    using V = std::vector<std::size_t>;
    CHECK(shape::visual_order({0, 0, 0}) == V{0, 1, 2});
    CHECK(shape::visual_order({0, 1, 1, 0}) == V{0, 2, 1, 3});
    // A number (level 2) inside right-to-left text keeps its own order.
    CHECK(shape::visual_order({1, 1, 2, 2, 1}) == V{4, 2, 3, 1, 0});
    CHECK(shape::visual_order({}).empty());
}
