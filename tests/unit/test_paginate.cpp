// paginate/: fragments onto pages, keep chains, page numbers and anchors.
#include <doctest/doctest.h>

#include "paginate/paginate.h"
#include "layout_fixture.h"

using namespace galley;

namespace {

using Fixture = test::LayoutFixture;

layout::Fragment line(Pt h, bool keep = false, const std::string& anchor = "") {
    layout::Fragment f;
    f.height = h;
    f.keep_with_next = keep;
    if (!anchor.empty()) f.items.push_back(frame::Anchor{anchor, {0, 0}});
    return f;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "fragments fill a page up to the text height and continue on the next") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    const Pt area = style.text_height();
    const int per_page = static_cast<int>(area / 20);
    for (int i = 0; i < per_page + 1; ++i) flow.fragments.push_back(line(20, false, "a" + std::to_string(i)));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 2);
    CHECK(r.anchor_pages.at("a0") == 1);
    CHECK(r.anchor_pages.at("a" + std::to_string(per_page - 1)) == 1);
    CHECK(r.anchor_pages.at("a" + std::to_string(per_page)) == 2);
}

TEST_CASE_FIXTURE(Fixture, "a heading at the page bottom moves with what it keeps with") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    const Pt area = style.text_height();
    flow.fragments.push_back(line(area - 30));          // fills most of page 1
    flow.fragments.push_back(line(14, true, "head"));   // heading: fits, but keeps with next
    flow.fragments.push_back(line(14, true));           // first body line (orphan keep)
    flow.fragments.push_back(line(14));                 // does not fit on page 1
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 2);
    CHECK(r.anchor_pages.at("head") == 2);
}

TEST_CASE_FIXTURE(Fixture, "a keep chain longer than a page breaks anyway (no endless loop)") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    for (int i = 0; i < 200; ++i) flow.fragments.push_back(line(14, true));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    CHECK(r.pages.size() >= 3);
}

TEST_CASE_FIXTURE(Fixture, "space before a fragment is dropped at the top of a page") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    flow.fragments.push_back(line(style.text_height()));
    layout::Fragment f = line(10);
    f.space_before = 50;
    f.items.push_back(frame::Box{{0, -10, 10, 10}, Color{}, std::nullopt, 0});
    flow.fragments.push_back(f);
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 2);
    const auto* box = std::get_if<frame::Box>(&r.pages[1].items.front());
    REQUIRE(box);
    // Its top edge sits exactly at the top margin.
    CHECK(box->rect.y + box->rect.height == doctest::Approx(style.page.height - style.margin_top));
}

TEST_CASE_FIXTURE(Fixture, "footers number the pages; draft marks every page") {
    layout::Flow flow;
    flow.fragments.push_back(line(style.text_height()));
    flow.fragments.push_back(line(10));
    paginate::Options o;
    o.draft = true;
    const auto r = paginate::paginate(std::move(flow), style, ts, o);
    REQUIRE(r.pages.size() == 2);
    for (std::size_t p = 0; p < 2; ++p) {
        std::string texts;
        for (const auto& it : r.pages[p].items)
            if (auto* g = std::get_if<frame::GlyphRun>(&it)) texts += g->text + "|";
        CHECK(texts.find("DRAFT") != std::string::npos);
        CHECK(texts.find(std::to_string(p + 1) + "|") != std::string::npos);
    }
}

// ---- footnotes, table headers, floats ---------------------------------------------------------

namespace {

/// A note of `lines` fragments of `h` points, the first anchored "note<n>".
layout::Note note(int n, int lines, Pt h = 10) {
    layout::Note out{n, {}};
    for (int i = 0; i < lines; ++i) out.fragments.push_back(line(h, false, i == 0 ? "note" + std::to_string(n) : ""));
    return out;
}

/// A block `filler` points tall, then a line "ref" that claims the first note.
layout::Flow filler_then_reference(Pt filler) {
    layout::Flow flow;
    flow.fragments.push_back(line(filler));
    flow.fragments.push_back(line(14, false, "ref"));
    flow.fragments.back().notes = {0};
    return flow;
}

/// The y (page space) of the anchor `name` on page `page`.
Pt anchor_y(const paginate::Result& r, int page, const std::string& name) {
    for (const auto& it : r.pages[page - 1].items)
        if (auto* a = std::get_if<frame::Anchor>(&it); a && a->name == name) return a->at.y;
    FAIL("no anchor " << name << " on page " << page);
    return 0;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a note is set at the foot of the page of its reference, under a short rule") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    flow.fragments.push_back(line(20, false, "ref"));
    flow.fragments.back().notes = {0};
    flow.fragments.push_back(line(20, false, "after"));
    flow.notes.push_back(note(1, 2));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 1);
    const Pt bottom = style.margin_bottom;
    // The note's two lines end at the bottom of the text area; the body stays at the top.
    CHECK(anchor_y(r, 1, "note1") == doctest::Approx(bottom + 20));
    CHECK(anchor_y(r, 1, "after") == doctest::Approx(style.page.height - style.margin_top - 20));
    int rules = 0;
    for (const auto& it : r.pages[0].items)
        if (auto* l = std::get_if<frame::Line>(&it)) {
            ++rules;
            CHECK(l->to.x - l->from.x == doctest::Approx(style.footnote_rule_length));
            CHECK(l->from.y > bottom + 20);
        }
    CHECK(rules == 1);
}

TEST_CASE_FIXTURE(Fixture, "the notes' rule stands on the side a right-to-left note starts from") {
    style.footer_page_numbers = false;
    for (bool rtl : {false, true}) {
        layout::Flow flow;
        flow.fragments.push_back(line(20, false, "ref"));
        flow.fragments.back().notes = {0};
        flow.notes.push_back(note(1, 1));
        flow.notes.back().right_to_left = rtl;
        const auto r = paginate::paginate(std::move(flow), style, ts, {});
        REQUIRE(r.pages.size() == 1);
        const frame::Line* rule = nullptr;
        for (const auto& it : r.pages[0].items)
            if (auto* l = std::get_if<frame::Line>(&it)) rule = l;
        REQUIRE(rule);
        if (rtl)
            CHECK(rule->to.x == doctest::Approx(style.page.width - style.margin_right));
        else
            CHECK(rule->from.x == doctest::Approx(style.margin_left));
    }
}

TEST_CASE_FIXTURE(Fixture, "when the note does not fit, the line with its reference moves to the next page too") {
    style.footer_page_numbers = false;
    // The reference fits alone, not with the rule and a line of its note.
    layout::Flow flow = filler_then_reference(style.text_height() - 30);
    flow.notes.push_back(note(1, 2));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 2);
    CHECK(r.anchor_pages.at("ref") == 2);
    CHECK(r.anchor_pages.at("note1") == 2);
}

TEST_CASE_FIXTURE(Fixture, "a note too long for the page starts there and continues at the foot of the next") {
    style.footer_page_numbers = false;
    layout::Flow flow = filler_then_reference(style.text_height() - 200);
    for (int i = 0; i < 30; ++i) flow.fragments.push_back(line(14, false, "text" + std::to_string(i)));
    flow.notes.push_back(note(1, 40));
    flow.notes.back().fragments[39].items.push_back(frame::Anchor{"note-end", {0, 0}});
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() >= 2);
    CHECK(r.anchor_pages.at("ref") == 1);
    CHECK(r.anchor_pages.at("note1") == 1);
    CHECK(r.anchor_pages.at("note-end") == 2);
    // Text still fills the next page above the rest of the note.
    CHECK(r.anchor_pages.at("text0") == 2);
}

TEST_CASE_FIXTURE(Fixture, "a note that must start on a page whose notes continue waits with its reference") {
    style.footer_page_numbers = false;
    layout::Flow flow = filler_then_reference(style.text_height() - 100);
    flow.fragments.push_back(line(14, false, "ref2"));  // notes of page 1 are full: moves on
    flow.fragments.back().notes = {1};
    flow.notes.push_back(note(1, 30));
    flow.notes.push_back(note(2, 1));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    CHECK(r.anchor_pages.at("ref") == 1);
    CHECK(r.anchor_pages.at("note1") == 1);
    CHECK(r.anchor_pages.at("ref2") == r.anchor_pages.at("note2"));
    CHECK(r.anchor_pages.at("ref2") == 2);
}

TEST_CASE_FIXTURE(Fixture, "a table's header row is repeated at the top of each page it continues on") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    layout::Fragment header = line(20, true, "header");
    flow.table_headers.push_back(line(20, false, "copy"));
    flow.fragments.push_back(header);
    const int rows = static_cast<int>(style.text_height() / 20) * 2;
    for (int i = 0; i < rows; ++i) {
        flow.fragments.push_back(line(20, false, "row" + std::to_string(i)));
        flow.fragments.back().repeat_header = 0;
    }
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    REQUIRE(r.pages.size() == 3);
    for (int p = 2; p <= 3; ++p) CHECK(anchor_y(r, p, "copy") == doctest::Approx(style.page.height - style.margin_top));
    int copies = 0;
    for (const auto& page : r.pages)
        for (const auto& it : page.items)
            if (auto* a = std::get_if<frame::Anchor>(&it)) copies += a->name == "copy";
    CHECK(copies == 2);
}

TEST_CASE_FIXTURE(Fixture, "a keep chain taller than a page breaks where it is, not on a fresh page") {
    style.footer_page_numbers = false;
    layout::Flow flow;
    flow.fragments.push_back(line(100, false, "intro"));
    for (int i = 0; i < 100; ++i) flow.fragments.push_back(line(14, i < 99, "slice" + std::to_string(i)));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    CHECK(r.anchor_pages.at("slice0") == 1);
}

TEST_CASE_FIXTURE(Fixture, "a floating figure that does not fit lets the text after it fill the page") {
    style.footer_page_numbers = false;
    const Pt area = style.text_height();
    for (const bool floats : {false, true}) {
        CAPTURE(floats);
        layout::Flow flow;
        flow.fragments.push_back(line(area - 100));
        flow.fragments.push_back(line(200, true, "figure"));
        flow.fragments.back().floats = floats;
        flow.fragments.push_back(line(14, false, "caption"));
        flow.fragments.push_back(line(14, false, "text"));
        const auto r = paginate::paginate(std::move(flow), style, ts, {});
        CHECK(r.anchor_pages.at("figure") == 2);
        CHECK(r.anchor_pages.at("caption") == 2);
        CHECK(r.anchor_pages.at("text") == (floats ? 1 : 2));
    }
}

TEST_CASE_FIXTURE(Fixture, "a note with a part taller than the page still gets set (no endless loop)") {
    style.footer_page_numbers = false;
    layout::Flow flow = filler_then_reference(10);
    flow.notes.push_back(note(1, 2, style.text_height() * 2));
    const auto r = paginate::paginate(std::move(flow), style, ts, {});
    CHECK(r.anchor_pages.at("note1") >= 1);
    CHECK(r.pages.size() <= 4);
}

TEST_CASE_FIXTURE(Fixture, "a heading with a one-line section ends a page when they fit; the next heading's chain moves alone") {
    // Wherever the page break falls, a heading with its one line goes where it would go if no
    // heading followed: the next section's keeps never pull a complete section to the next page.
    int ends_page_one = 0;
    for (int n = 10; n < 60; ++n) {
        CAPTURE(n);
        std::string filler;
        for (int i = 0; i < n; ++i) filler += "Line " + std::to_string(i) + " filler.\n\n";
        std::string words;
        for (int i = 0; i < 120; ++i) words += "word ";
        const auto alone = paginate::paginate(flow(filler + "# A\n\nOne line paragraph.\n"), style, ts, {});
        const auto r = paginate::paginate(flow(filler + "# A\n\nOne line paragraph.\n\n# B\n\n" + words + "\n"), style, ts, {});
        CHECK(r.anchor_pages.at("a") == alone.anchor_pages.at("a"));
        CHECK(r.breaks.headings_at_page_end == 0);
        if (r.anchor_pages.at("a") == 1 && r.anchor_pages.at("b") == 2) ++ends_page_one;
    }
    CHECK(ends_page_one > 0);
}
