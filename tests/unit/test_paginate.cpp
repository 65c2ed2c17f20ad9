// paginate/: fragments onto pages, keep chains, page numbers and anchors.
#include <doctest/doctest.h>

#include "paginate/paginate.h"
#include "support.h"

using namespace galley;

namespace {

struct Fixture {
    style::Style style;
    DiagnosticSink sink;
    font::FontBook book{test::read_bytes, test::kFontsDir};
    shape::Shaper shaper{book};
    layout::Typesetter ts{style, book, shaper, sink};
};

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
