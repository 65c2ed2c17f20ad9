// Imposition: booklet order (checked against a simulated duplex print and fold), n-up order,
// placements on the sheet, crop marks, print boxes and backgrounds into the bleed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "base/units.h"
#include "impose/impose.h"

using namespace galley;
using impose::Layout;

namespace {

/// The sides as text: "12,1 / 2,11 / ...", 1-based pages, "-" for a blank.
std::string sides_text(const std::vector<impose::Side>& sides) {
    std::string out;
    for (const impose::Side& side : sides) {
        if (!out.empty()) out += " / ";
        for (std::size_t k = 0; k < side.cells.size(); ++k) {
            if (k > 0) out += ',';
            out += side.cells[k] ? std::to_string(*side.cells[k] + 1) : "-";
        }
    }
    return out;
}

/// Prints the sides as a duplex printer does, flipped on the short edge (side 2k on the front of
/// sheet k, side 2k+1 on its back: turned over left to right, its left half lies behind the
/// front's right half), stacks the sheets (the first outermost), folds the stack and reads the
/// pages leaf by leaf: the right-hand halves from the outer sheet in, then the left-hand halves
/// from the inner sheet out, each leaf's front then back.
std::vector<impose::Cell> read_folded_booklet(const std::vector<impose::Side>& sides) {
    const std::size_t sheets = sides.size() / 2;
    std::vector<impose::Cell> pages;
    for (std::size_t s = 0; s < sheets; ++s) {
        const impose::Side& front = sides[2 * s];
        const impose::Side& back = sides[2 * s + 1];
        pages.push_back(front.cells[1]);  // recto of the leaf on the right of the fold
        pages.push_back(back.cells[0]);   // its verso: the back, behind the front's right half
    }
    for (std::size_t s = sheets; s-- > 0;) {
        const impose::Side& front = sides[2 * s];
        const impose::Side& back = sides[2 * s + 1];
        pages.push_back(back.cells[1]);   // recto of the leaf on the left of the fold
        pages.push_back(front.cells[0]);  // its verso
    }
    return pages;
}

frame::Page page_of(Size size, int id) {
    frame::Page p;
    p.size = size;
    p.items.push_back(frame::Anchor{"p" + std::to_string(id), {0, 0}});
    return p;
}

int id_of(const frame::Page& page) {
    return std::stoi(std::get<frame::Anchor>(page.items.front()).name.substr(1));
}

constexpr Size kA4{mm(210), mm(297)};

}  // namespace

TEST_CASE("booklet: saddle-stitch order for 4, 8, 10 and 13 pages, padded with blanks to a multiple of 4") {
    CHECK(sides_text(impose::order(Layout::Booklet, 4)) == "4,1 / 2,3");
    CHECK(sides_text(impose::order(Layout::Booklet, 8)) == "8,1 / 2,7 / 6,3 / 4,5");
    // 10 pages: 3 sheets, pages 11 and 12 blank (the inside and outside of the back cover).
    CHECK(sides_text(impose::order(Layout::Booklet, 10)) == "-,1 / 2,- / 10,3 / 4,9 / 8,5 / 6,7");
    CHECK(sides_text(impose::order(Layout::Booklet, 13)) ==
          "-,1 / 2,- / -,3 / 4,13 / 12,5 / 6,11 / 10,7 / 8,9");
    CHECK(impose::order(Layout::Booklet, 0).empty());
}

TEST_CASE("booklet: printed duplex (short-edge flip), stacked and folded, it reads in page order") {
    for (std::size_t n : {1, 2, 3, 4, 5, 8, 10, 13, 16, 31}) {
        CAPTURE(n);
        const std::vector<impose::Side> sides = impose::order(Layout::Booklet, n);
        REQUIRE(sides.size() % 2 == 0);
        const std::vector<impose::Cell> read = read_folded_booklet(sides);
        REQUIRE(read.size() == (n + 3) / 4 * 4);
        for (std::size_t k = 0; k < read.size(); ++k) {
            CAPTURE(k);
            if (k < n) CHECK(read[k] == impose::Cell(k));
            else CHECK_FALSE(read[k].has_value());
        }
    }
}

TEST_CASE("2-up and 4-up: pages in order, the last side filled with blanks") {
    CHECK(sides_text(impose::order(Layout::TwoUp, 5)) == "1,2 / 3,4 / 5,-");
    CHECK(sides_text(impose::order(Layout::FourUp, 6)) == "1,2,3,4 / 5,6,-,-");
    CHECK(sides_text(impose::order(Layout::None, 2)) == "1 / 2");
}

TEST_CASE("2-up on A4: a landscape A4 sheet, two pages at 1/sqrt(2), page 1 on the left (right when RTL)") {
    for (bool rtl : {false, true}) {
        CAPTURE(rtl);
        std::vector<frame::Page> sheets;
        impose::Options o;
        o.layout = Layout::TwoUp;
        o.right_to_left = rtl;
        impose::Imposer imposer(o, [&](frame::Page&& p) {
            sheets.push_back(std::move(p));
            return true;
        });
        for (int k = 1; k <= 3; ++k) REQUIRE(imposer.add(page_of(kA4, k)));
        REQUIRE(imposer.finish());
        REQUIRE(sheets.size() == 2);
        CHECK(sheets[0].size.width == doctest::Approx(kA4.height));
        CHECK(sheets[0].size.height == doctest::Approx(kA4.width));
        REQUIRE(sheets[0].placed.size() == 2);
        const frame::PlacedPage& first = sheets[0].placed[0];
        const frame::PlacedPage& second = sheets[0].placed[1];
        CHECK(id_of(first.page) == 1);
        CHECK(id_of(second.page) == 2);
        CHECK(first.scale == doctest::Approx(0.7071).epsilon(1e-4));
        CHECK(first.origin.y == doctest::Approx(0));
        // The pair is 841.80 pt wide on the 841.89 pt sheet (mm(210)/mm(297) is not quite 1/sqrt(2)).
        CHECK(std::abs(first.origin.x - (rtl ? kA4.height / 2 : 0)) < 0.1);
        CHECK(std::abs(second.origin.x - (rtl ? 0 : kA4.height / 2)) < 0.1);
        CHECK(sheets[1].placed.size() == 1);
    }
}

TEST_CASE("4-up on A4: portrait sheet, half scale, reading order left to right, top to bottom, frames drawn") {
    std::vector<frame::Page> sheets;
    impose::Options o;
    o.layout = Layout::FourUp;
    o.frame = true;
    o.gutter = 10;
    impose::Imposer imposer(o, [&](frame::Page&& p) {
        sheets.push_back(std::move(p));
        return true;
    });
    for (int k = 1; k <= 4; ++k) REQUIRE(imposer.add(page_of(kA4, k)));
    REQUIRE(sheets.size() == 1);  // handed on as soon as it is full
    const frame::Page& sheet = sheets[0];
    CHECK(sheet.size.width == doctest::Approx(kA4.width));
    const double s = std::min((kA4.width - 10) / (2 * kA4.width), (kA4.height - 10) / (2 * kA4.height));
    REQUIRE(sheet.placed.size() == 4);
    CHECK(sheet.placed[0].scale == doctest::Approx(s));
    CHECK(sheet.placed[0].origin.y > sheet.placed[2].origin.y);  // page 1 above page 3
    CHECK(sheet.placed[0].origin.x < sheet.placed[1].origin.x);  // page 1 left of page 2
    CHECK(sheet.placed[1].origin.x - sheet.placed[0].origin.x == doctest::Approx(kA4.width * s + 10));
    CHECK(sheet.items.size() == 4);  // a frame around each page
}

TEST_CASE("crop marks and bleed: media grown, TrimBox the page, BleedBox 3 mm around it, marks outside both") {
    std::vector<frame::Page> out;
    impose::Options o;
    o.crop_marks = true;
    o.bleed = mm(3);
    impose::Imposer imposer(o, [&](frame::Page&& p) {
        out.push_back(std::move(p));
        return true;
    });
    frame::Page page = page_of(kA4, 1);
    page.items.push_back(frame::Box{{0, mm(250), kA4.width, mm(47)}, Color{0.2, 0.3, 0.6}, std::nullopt, 0});  // a cover band
    page.items.push_back(frame::Box{{mm(39), mm(100), mm(132), mm(20)}, Color{0.96, 0.96, 0.96}, std::nullopt, 0});  // code
    REQUIRE(imposer.add(std::move(page)));
    REQUIRE(out.size() == 1);
    const frame::Page& m = out[0];
    REQUIRE(m.trim_box);
    REQUIRE(m.bleed_box);
    const Rect trim = *m.trim_box, bleed = *m.bleed_box;
    CHECK(trim.width == doctest::Approx(kA4.width));
    CHECK(trim.height == doctest::Approx(kA4.height));
    CHECK(bleed.x == doctest::Approx(trim.x - mm(3)));
    CHECK(bleed.width == doctest::Approx(kA4.width + mm(6)));
    CHECK(m.size.width == doctest::Approx(kA4.width + 2 * trim.x));
    CHECK(trim.x == doctest::Approx(mm(11)));  // 3 mm offset + 6 mm marks + 2 mm
    REQUIRE(m.items.size() == 8);
    for (const frame::Item& item : m.items) {
        const auto& line = std::get<frame::Line>(item);
        for (const Point p : {line.from, line.to}) {
            const bool outside_bleed = p.x <= bleed.x + 1e-6 || p.x >= bleed.x + bleed.width - 1e-6 ||
                                       p.y <= bleed.y + 1e-6 || p.y >= bleed.y + bleed.height - 1e-6;
            CHECK(outside_bleed);
        }
    }
    REQUIRE(m.placed.size() == 1);
    const std::vector<frame::Item>& items = m.placed[0].page.items;
    const Rect band = std::get<frame::Box>(items[1]).rect;
    CHECK(band.x == doctest::Approx(-mm(3)));                      // into the bleed on the left,
    CHECK(band.x + band.width == doctest::Approx(kA4.width + mm(3)));  // the right
    CHECK(band.y + band.height == doctest::Approx(kA4.height + mm(3)));  // and the top
    CHECK(band.y == doctest::Approx(mm(250)));                      // not below: it does not touch there
    const Rect code = std::get<frame::Box>(items[2]).rect;
    CHECK(code.x == doctest::Approx(mm(39)));  // a code background stays inside the margins
    CHECK(code.width == doctest::Approx(mm(132)));
    CHECK(m.placed[0].clip.x == doctest::Approx(-mm(3)));
}
