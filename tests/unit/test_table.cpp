// layout/table: column widths, content widths, and tables as fragments (header, rows, slices,
// rules, stripes, alignment), through the whole block layout.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "layout/inline_text.h"
#include "layout/table.h"
#include "layout_fixture.h"

using namespace galley;
using test::right_edge;

namespace {

struct Fixture : test::LayoutFixture {
    inlines::SpanStyle body() { return layout::span_style(style.table); }
};

Pt sum(const std::vector<Pt>& v) { return std::accumulate(v.begin(), v.end(), Pt{0}); }

/// Text of the glyph runs of a fragment whose origin lies in [x0, x1).
std::string text_between(const layout::Fragment& f, Pt x0, Pt x1) {
    std::string out;
    for (const auto& it : f.items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->origin.x >= x0 && r->origin.x < x1) out += r->text;
    return out;
}

}  // namespace

TEST_CASE("column widths: natural when the table fits, narrow columns unwrapped, never wider than the measure") {
    using layout::distribute_columns;
    // Everything fits: each column its maximum, the table narrower than the measure.
    CHECK(distribute_columns({{10, 40}, {20, 60}}, 200) == std::vector<Pt>{40, 60});
    // An ID column and a long text column: the ID keeps its whole width, the text takes the rest.
    const auto w = distribute_columns({{30, 45}, {60, 900}, {20, 35}}, 400);
    CHECK(w[0] == 45);
    CHECK(w[2] == 35);
    CHECK(sum(w) == doctest::Approx(400));
    // Two wide columns share in proportion to how much each would grow.
    const auto s = distribute_columns({{50, 350}, {50, 650}}, 400);
    CHECK(s[0] == doctest::Approx(50 + 300 * 300.0 / 900));
    CHECK(sum(s) == doctest::Approx(400));
    // Narrow columns that would starve the wide ones: every column shares from its minimum.
    const auto t = distribute_columns({{90, 100}, {90, 100}, {250, 600}}, 440);
    CHECK(t[2] >= 250);
    CHECK(sum(t) == doctest::Approx(440));
    // Not even the minima fit: they are scaled down together.
    const auto u = distribute_columns({{300, 400}, {100, 100}}, 200);
    CHECK(u[0] == doctest::Approx(150));
    CHECK(sum(u) == doctest::Approx(200));
}

TEST_CASE_FIXTURE(Fixture, "content widths follow the typesetter's break points") {
    const inlines::SpanStyle s = body();
    auto widths = [&](std::vector<inlines::Span> spans) { return layout::content_widths(spans, ts); };
    const auto words = widths({{"alpha betagamma", s, {}}});
    CHECK(words.min == doctest::Approx(ts.measure("betagamma", s)).epsilon(0.001));
    CHECK(words.max == doctest::Approx(ts.measure("alpha betagamma", s)).epsilon(0.001));
    // A long URL breaks after its punctuation: its minimum is its widest segment, not all of it.
    const std::string url = "https://example.com/a-very-long-path/segment/file.html";
    const auto link = widths({{url, s, {}}});
    CHECK(link.min < ts.measure(url, s) / 3);
    const Pt widest = std::max({ts.measure("https:/", s), ts.measure("example.", s), ts.measure("segment/", s)});
    CHECK(link.min == doctest::Approx(widest).epsilon(0.001));
    // A word across two spans (bold then plain) is one piece; a hard break ends a line.
    inlines::SpanStyle bold = s;
    bold.face_style.bold = true;
    const auto joined = widths({{"ab", bold, {}}, {"cd ef", s, {}}, {"", s, {}, true}, {"gh", s, {}}});
    CHECK(joined.min == doctest::Approx(ts.measure("ab", bold) + ts.measure("cd", s)).epsilon(0.01));
    CHECK(joined.max < ts.measure("ab", bold) + ts.measure("cd ef gh", s));
}

TEST_CASE_FIXTURE(Fixture, "a table: header styled apart and repeated, rows kept whole, rules, alignment") {
    std::string md = "| Key | Amount | Text |\n|---|--:|:-:|\n";
    for (int i = 0; i < 5; ++i) md += "| K-" + std::to_string(i) + " | " + std::to_string(i * 1000) + " | x |\n";
    style.table_zebra = true;
    const auto flow = this->flow(md);
    REQUIRE(flow.table_headers.size() == 1);
    REQUIRE(flow.fragments.size() == 6);  // one slice per row: one line each
    const layout::Fragment& header = flow.fragments[0];
    CHECK(header.keep_with_next);  // with the first body row
    CHECK_FALSE(header.repeat_header);
    CHECK(flow.table_headers[0].height == doctest::Approx(header.height));
    // The header row in bold, body rows not.
    for (const auto& it : header.items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it)) CHECK(r->face->metrics().bold);
    for (std::size_t i = 1; i < 6; ++i) {
        const auto& row = flow.fragments[i];
        CHECK(row.repeat_header == std::size_t{0});
        CHECK_FALSE(row.keep_with_next);
        // Every other body row is shaded.
        CHECK(row.decorations.size() == (i % 2 == 0 ? 1u : 0u));
        int lines = 0;
        for (const auto& it : row.items) lines += std::holds_alternative<frame::Line>(it);
        CHECK(lines == 1);  // the rule below it
    }
    // The header has the rule above the table and the one below itself.
    int header_rules = 0;
    for (const auto& it : header.items) header_rules += std::holds_alternative<frame::Line>(it);
    CHECK(header_rules == 2);
    // Right-aligned numbers end at the same x.
    std::vector<Pt> rights;
    for (std::size_t i = 2; i < 6; ++i)
        for (const auto& it : flow.fragments[i].items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text != "x" && r->text.find('K') == std::string::npos)
                rights.push_back(right_edge(*r));
    REQUIRE(rights.size() == 4);
    for (Pt r : rights) CHECK(r == doctest::Approx(rights.front()));
}

TEST_CASE_FIXTURE(Fixture, "a tall row is cut into slices at line boundaries; nothing passes the margin") {
    std::string longer;
    for (int i = 0; i < 120; ++i) longer += "word" + std::to_string(i) + " ";
    const auto flow = this->flow("| A | B |\n|---|---|\n| short | " + longer + " |\n| " + longer + " | x |\n");
    REQUIRE(flow.fragments.size() > 6);
    // The first body row's slices keep together; its last does not keep with the next row.
    std::size_t i = 1;
    while (flow.fragments[i].keep_with_next) ++i;
    CHECK(i > 2);
    const Pt right = style.margin_left + style.text_width() + 0.01;
    for (const auto& f : flow.fragments) {
        CHECK(f.height < 3 * style.table.leading);  // one line (plus padding) per slice
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) CHECK(right_edge(*r) <= right);
    }
    // Every word is in exactly one slice.
    std::string all;
    for (const auto& f : flow.fragments) all += text_between(f, 0, 1000) + " ";
    for (int w = 0; w < 120; w += 17) CHECK(all.find("word" + std::to_string(w) + " ") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "rows shorter than the header get empty cells; longer ones lose the excess") {
    const auto flow = this->flow("| A | B | C |\n|---|---|---|\n| one |\n| 1 | 2 | 3 | 4 |\n| a \\| b | c |\n");
    REQUIRE(flow.fragments.size() == 4);
    std::string all;
    for (const auto& f : flow.fragments) all += text_between(f, 0, 1000) + "|";
    CHECK(all.find('4') == std::string::npos);
    CHECK(all.find("a | b") != std::string::npos);  // an escaped pipe is text
    CHECK(sink.items().empty());
}

TEST_CASE_FIXTURE(Fixture, "a column exactly as wide as its widest word sets that word whole") {
    // The column is measured from the word's glyph advances; setting it sums the same
    // advances in another order, which may differ in the last float digit. No word of any of
    // these headers (bold) or cells may be reported as wider than its column.
    for (const char* word : {"Lang", "Text", "Qty", "Name", "Status", "Wählen", "Übersicht", "Ωmega", "日本語", "עברית"}) {
        const std::string w = word;
        CAPTURE(w);
        sink = {};
        flow(std::string("| ") + word + " | x |\n|---|---|\n| a | " + word + " |\n");
        CHECK(sink.items().empty());
    }
}

TEST_CASE_FIXTURE(Fixture, "a right-to-left table mirrors: first column on the right, against the right edge") {
    auto x_of = [](const layout::Fragment& f, const std::string& text) {
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == text) return r->origin.x;
        return Pt{-1};
    };
    auto rule_span = [](const layout::Fragment& f) {
        for (const auto& it : f.items)
            if (auto* l = std::get_if<frame::Line>(&it)) return std::pair{l->from.x, l->to.x};
        return std::pair{Pt{0}, Pt{0}};
    };
    const Pt right = style.margin_left + style.text_width();
    // Hebrew headers: right to left by the first cell's first letter.
    const auto rtl = flow("| שם | ערך |\n|---|---|\n| אלף | 12 |\n");
    REQUIRE(rtl.fragments.size() >= 2);
    CHECK(x_of(rtl.fragments[0], "שם") > x_of(rtl.fragments[0], "ערך"));
    CHECK(rule_span(rtl.fragments[0]).second == doctest::Approx(right));
    // The same table with Latin headers runs left to right from the left edge.
    const auto ltr = flow("| Name | Value |\n|---|---|\n| a | 12 |\n");
    CHECK(x_of(ltr.fragments[0], "Name") < x_of(ltr.fragments[0], "Value"));
    CHECK(rule_span(ltr.fragments[0]).first == doctest::Approx(style.margin_left));
    // dir = rtl mirrors a Latin table too.
    const auto forced = flow("| Name | Value |\n|---|---|\n| a | 12 |\n", doc::ParagraphDirection::RightToLeft);
    CHECK(x_of(forced.fragments[0], "Name") > x_of(forced.fragments[0], "Value"));
    CHECK(rule_span(forced.fragments[0]).second == doctest::Approx(right));
}

TEST_CASE_FIXTURE(Fixture, "an inline picture in a cell widens its column: nothing of the next column covers it") {
    const inlines::Span picture{"", body(), {}, false, inlines::InlinePicture{nullptr, {30, 10}}};
    const auto widths = layout::content_widths({{"ab", body(), {}}, picture}, ts);
    CHECK(widths.min >= 30);
    CHECK(widths.max >= 30 + ts.measure("ab", body()));
}
