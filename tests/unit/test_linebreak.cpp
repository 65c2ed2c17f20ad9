// Line breaking on hand-made box/glue/penalty lists, with optima worked out by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "linebreak/linebreak.h"

using namespace galley::linebreak;

namespace {

/// Words as boxes separated by glue (width 1, stretch 1, shrink 1), ended by \parfillskip and
/// a forced break: the list of the paper's examples, in miniature.
std::vector<Item> words(std::initializer_list<double> widths) {
    std::vector<Item> items;
    for (double w : widths) {
        if (!items.empty()) items.push_back(Item::glue(1, 1, 1));
        items.push_back(Item::box(w));
    }
    items.push_back(Item::glue(0, 1e6, 0));
    items.push_back(Item::penalty_item(0, -kInfinitePenalty));
    return items;
}

std::vector<std::size_t> positions(const std::vector<Break>& breaks) {
    std::vector<std::size_t> out;
    for (const Break& b : breaks) out.push_back(b.position);
    return out;
}

}  // namespace

TEST_CASE("first-fit and total-fit differ where greedy packing makes a tight line") {
    // Words 2 2 6 2 5 3 on a measure of 12. Item indices: boxes at 0,2,4,6,8,10; glue between.
    // First-fit packs "2 2 6 2" (natural 15, shrink 3: r = -1, badness 100) and sets "5 3" last:
    // demerits (10+100)^2 + 10^2 = 12200.
    // Total-fit sets "2 2 6" (natural 12: r = 0) and "2 5 3" (12, r = 0): demerits 2 * 10^2 = 200.
    const auto items = words({2, 2, 6, 2, 5, 3});
    Params p;
    p.line_widths = {12};

    p.algorithm = Algorithm::FirstFit;
    const auto ff = break_lines(items, p);
    REQUIRE(ff.size() == 2);
    CHECK(ff[0].position == 7);  // the glue after the fourth word
    CHECK(ff[0].ratio == doctest::Approx(-1));

    p.algorithm = Algorithm::TotalFit;
    const auto kp = break_lines(items, p);
    REQUIRE(kp.size() == 2);
    CHECK(kp[0].position == 5);  // the glue after the third word
    CHECK(kp[0].ratio == doctest::Approx(0));
    CHECK(kp[1].position == items.size() - 1);
    CHECK_FALSE(kp[0].emergency);
}

TEST_CASE("total-fit balances a three-line paragraph") {
    // Measure 10, words 4 4 4 4 4. Lines "4 4" have natural width 9 (r = 1, badness 100).
    // "4 4 4" is 14 wide and can shrink only 2: infeasible. So lines are 2 + 2 + 1 words, the
    // last with \parfillskip; both full lines have r = 1.
    const auto items = words({4, 4, 4, 4, 4});
    Params p;
    p.line_widths = {10};
    const auto kp = break_lines(items, p);
    CHECK(positions(kp) == std::vector<std::size_t>{3, 7, items.size() - 1});
    CHECK(kp[0].ratio == doctest::Approx(1));
    CHECK(kp[1].ratio == doctest::Approx(1));
}

TEST_CASE("no feasible break: an over-wide box gives one emergency line, never a lost item") {
    std::vector<Item> items{Item::box(15), Item::glue(0, 1e6, 0), Item::penalty_item(0, -kInfinitePenalty)};
    Params p;
    p.line_widths = {10};
    const auto out = break_lines(items, p);
    REQUIRE(out.size() == 1);
    CHECK(out[0].position == 2);
    CHECK(out[0].emergency);
}

TEST_CASE("a box wider than the line between normal words is set on a line of its own") {
    auto items = words({3, 30, 3});
    Params p;
    p.line_widths = {10};
    const auto out = break_lines(items, p);
    REQUIRE(out.size() == 3);
    CHECK(out[0].position == 1);
    CHECK(out[1].position == 3);
    CHECK(out[1].emergency);
}

TEST_CASE("penalties: a cheap break is taken, an infinite penalty never") {
    // "aaaa" [penalty 0] "bbbb" with measure 5: must break at the penalty.
    std::vector<Item> items{Item::box(4), Item::penalty_item(0, 0), Item::box(4),
                            Item::glue(0, 1e6, 0), Item::penalty_item(0, -kInfinitePenalty)};
    Params p;
    p.line_widths = {5};
    p.line_end_stretch = 5;  // ragged right: every line may stretch
    auto out = break_lines(items, p);
    CHECK(positions(out) == std::vector<std::size_t>{1, 4});

    items[1].penalty = kInfinitePenalty;
    out = break_lines(items, p);
    REQUIRE(out.size() == 1);
    CHECK(out[0].emergency);
}

TEST_CASE("forced breaks inside a paragraph end lines there (hard line breaks)") {
    std::vector<Item> items{Item::box(2), Item::glue(0, 1e6, 0), Item::penalty_item(0, -kInfinitePenalty),
                            Item::box(2), Item::glue(0, 1e6, 0), Item::penalty_item(0, -kInfinitePenalty)};
    Params p;
    p.line_widths = {10};
    for (Algorithm a : {Algorithm::FirstFit, Algorithm::TotalFit}) {
        p.algorithm = a;
        CHECK(positions(break_lines(items, p)) == std::vector<std::size_t>{2, 5});
    }
}

TEST_CASE("first line width differs from the rest") {
    // Measure 5 for line 1, then 9: "4 4" fits only from line 2 on.
    const auto items = words({4, 4, 4});
    Params p;
    p.line_widths = {5, 9};
    p.line_end_stretch = 5;
    const auto out = break_lines(items, p);
    CHECK(positions(out) == std::vector<std::size_t>{1, items.size() - 1});
}

TEST_CASE("badness follows 100 |r|^3, capped at 10000") {
    CHECK(badness(0) == 0);
    CHECK(badness(1) == doctest::Approx(100));
    CHECK(badness(-0.5) == doctest::Approx(12.5));
    CHECK(badness(5) == 10000);
}

TEST_CASE("a short line with no glue is infinitely bad, not perfect (second pass)") {
    // Words 3 5 5, measure 12: nothing fits within tolerance 1.5, so the second pass decides.
    // "3 5" + "5": r = 3 on line 1, badness 2700, demerits (10+2700)^2 + 10^2.
    // "3" + "5 5": line 1 has no stretch at all: badness 10000, demerits (10+10000)^2 + 10^2.
    // The first must win.
    const auto items = words({3, 5, 5});
    Params p;
    p.line_widths = {12};
    const auto out = break_lines(items, p);
    REQUIRE(out.size() == 2);
    CHECK(out[0].position == 3);
    CHECK(out[0].ratio == doctest::Approx(3));
}

TEST_CASE("second pass: the unavoidable loose line is kept as tight as possible") {
    // Measure 20, glue (1, 1, 0). Nothing is feasible within tolerance 1.5.
    // A: "5 6" (r = 8) | "5 14" (r = 0) | "0.1 10". With badness capped at 10000, A costs
    //    (10+10000)^2 + 200^2 + 2*10^2 = 1.0024e8, less than B, so a capped pass picks A.
    // B: "5 6-5" (r = 3, badness 2700) | "14 0.1" (r = 4.9, badness 11765) | "10".
    //    Uncapped, A's first line costs (10+51200)^2 = 2.6e9 and B only about 1.46e8: B wins.
    std::vector<Item> items{Item::box(5),   Item::glue(1, 1, 0), Item::box(6),
                            Item::penalty_item(0, 200), Item::box(5), Item::glue(1, 1, 0),
                            Item::box(14),  Item::glue(1, 1, 0), Item::box(0.1),
                            Item::glue(1, 1, 0), Item::box(10), Item::glue(0, 1e6, 0),
                            Item::penalty_item(0, -kInfinitePenalty)};
    Params p;
    p.line_widths = {20};
    const auto out = break_lines(items, p);
    CHECK(positions(out) == std::vector<std::size_t>{5, 9, 12});
    CHECK(out[0].ratio == doctest::Approx(3));
    CHECK(out[1].ratio == doctest::Approx(4.9));
}

// ---- hyphenation ---------------------------------------------------------------------------

#include <fstream>
#include <sstream>

#include "linebreak/hyphenate.h"

namespace {

std::unique_ptr<Hyphenator> patterns(const std::string& lang) {
    for (const std::string& name : pattern_files(lang)) {
        std::ifstream in("/usr/share/hyphen/" + name, std::ios::binary);
        if (!in) continue;
        std::stringstream ss;
        ss << in.rdbuf();
        return Hyphenator::from_patterns(ss.str(), 2, 3);
    }
    return nullptr;
}

/// The word with '-' at each hyphenation point.
std::string hyphenated(const Hyphenator& h, const std::string& word) {
    std::string out;
    std::size_t last = 0;
    for (std::size_t p : h.points(word)) {
        out += word.substr(last, p - last) + "-";
        last = p;
    }
    return out + word.substr(last);
}

}  // namespace

TEST_CASE("pattern file names fall back from region to language") {
    CHECK(pattern_files("de-CH") == std::vector<std::string>{"hyph_de_CH.dic", "hyph_de.dic", "hyph_de_DE.dic"});
    CHECK(pattern_files("en-US").front() == "hyph_en_US.dic");
}

TEST_CASE("English, German and French words hyphenate by their patterns") {
    const auto en = patterns("en-US");
    const auto de = patterns("de-DE");
    const auto fr = patterns("fr");
    REQUIRE(en);
    REQUIRE(de);
    REQUIRE(fr);
    CHECK(hyphenated(*en, "typesetting") == "type-set-ting");
    CHECK(hyphenated(*en, "Hyphenation") == "Hy-phen-ation");
    // German patterns are ISO 8859-1: umlauts must map back to the right UTF-8 offsets.
    CHECK(hyphenated(*de, "Silbentrennung") == "Sil-ben-tren-nung");
    CHECK(hyphenated(*de, "Übergrößenträger") == "Über-grö-ßen-trä-ger");
    CHECK(hyphenated(*fr, "typographique") == "ty-po-gra-phique");
}

TEST_CASE("short words and the minimum fragment lengths") {
    const auto en = patterns("en-US");
    REQUIRE(en);
    CHECK(en->points("the").empty());
    CHECK(en->points("into").empty());  // 2 + 3 letters needed at least
    for (std::size_t p : en->points("international")) {
        CHECK(p >= 2);
        CHECK(p <= std::string("international").size() - 3);
    }
}

TEST_CASE("bytes that are not a pattern dictionary give no hyphenator") {
    CHECK(Hyphenator::from_patterns("", 2, 3) == nullptr);
    CHECK(Hyphenator::from_patterns("not a dictionary at all", 2, 3) == nullptr);
}
