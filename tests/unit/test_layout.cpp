// layout/: the typesetter's lines, the block layout's fragments and keeps, pictures and footnotes.
#include <doctest/doctest.h>

#include "layout/blocks.h"
#include "layout/figure.h"
#include "layout/image_file.h"
#include "layout_fixture.h"

using namespace galley;
using test::right_edge;

namespace {

struct Fixture : test::LayoutFixture {
    inlines::SpanStyle body() {
        inlines::SpanStyle s;
        s.family = style.body.family;
        s.size = style.body.size;
        return s;
    }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "justified lines fill the measure exactly; the last line is ragged") {
    std::string words;
    for (int i = 0; i < 60; ++i) words += "word" + std::to_string(i % 7) + " ";
    inlines::ParagraphStyle ps;
    ps.width = 300;
    ps.leading = 14;
    const auto lines = ts.set_paragraph({{words, body(), {}}}, ps);
    REQUIRE(lines.size() > 2);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        Pt right = 0;
        for (const frame::Item& it : lines[i].items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) right = std::max(right, right_edge(*r));
        CHECK(right == doctest::Approx(300).epsilon(0.001));
    }
    CHECK(lines.back().width < 300);
}

TEST_CASE_FIXTURE(Fixture, "a word wider than the measure is broken and never passes the margin") {
    const std::string url(120, 'x');
    inlines::ParagraphStyle ps;
    ps.width = 200;
    ps.leading = 14;
    DiagnosticSink before;
    const auto lines = ts.set_paragraph({{"see " + url + " now", body(), {"t.md", 7, 1}}}, ps);
    REQUIRE(lines.size() >= 3);
    for (const auto& l : lines) CHECK(l.width <= 200.01);
    bool warned = false;
    for (const auto& d : sink.items())
        if (d.code == "line.overfull") warned = d.location.line == 7;
    CHECK(warned);
}

TEST_CASE_FIXTURE(Fixture, "glyph runs keep their source text and clusters (ligatures map back)") {
    inlines::ParagraphStyle ps;
    ps.width = 400;
    ps.leading = 14;
    const auto lines = ts.set_paragraph({{"efficient office", body(), {}}}, ps);
    REQUIRE(lines.size() == 1);
    const frame::GlyphRun* run = nullptr;
    for (const auto& it : lines[0].items)
        if ((run = std::get_if<frame::GlyphRun>(&it))) break;
    REQUIRE(run);
    CHECK(run->text == "efficient office");
    CHECK(run->glyphs.size() < run->text.size());  // ffi and ffi ligatures
    for (const auto& g : run->glyphs) CHECK(g.cluster < run->text.size());
}

TEST_CASE_FIXTURE(Fixture, "a heading keeps with the next two lines; paragraph lines carry orphan and widow keeps") {
    const auto flow = this->flow("# Title\n\n- one\n- two\n- three\n\nA long paragraph " + std::string(400, 'a') +
                                 " with words words words words words words words words words words words words "
                                 "words words words words words words words words words words words words words\n");
    REQUIRE(flow.fragments.size() > 5);
    CHECK(flow.fragments[0].keep_with_next);  // the heading line
    CHECK(flow.fragments[1].keep_with_next);  // the first list item, kept with the second
    CHECK_FALSE(flow.fragments[2].keep_with_next);
    REQUIRE(flow.headings.size() == 1);
    CHECK(flow.headings[0].slug == "title");
    // The heading's fragment carries its named destination.
    bool anchored = false;
    for (const auto& it : flow.fragments[0].items)
        if (auto* a = std::get_if<frame::Anchor>(&it)) anchored = a->name == "title";
    CHECK(anchored);
}

TEST_CASE_FIXTURE(Fixture, "internal links resolve to heading slugs; external links become URI areas") {
    const auto flow = this->flow("# Intro\n\nGo to [intro](#intro), [web](https://example.com/x) or [nowhere](#nope).\n");
    int dests = 0, uris = 0;
    for (const auto& f : flow.fragments)
        for (const auto& it : f.items)
            if (auto* l = std::get_if<frame::LinkArea>(&it)) {
                if (l->dest == "intro") ++dests;
                if (l->uri == "https://example.com/x") ++uris;
                CHECK(l->dest != "nope");
            }
    CHECK(dests == 1);
    CHECK(uris == 1);
}

TEST_CASE_FIXTURE(Fixture, "code blocks: lines wrap inside the background and short blocks keep together") {
    const auto flow = this->flow("```\nshort\n" + std::string(300, 'z') + "\n```\n");
    REQUIRE(flow.fragments.size() >= 3);  // "short" + the long line wrapped at least once
    for (std::size_t i = 0; i + 1 < flow.fragments.size(); ++i) CHECK(flow.fragments[i].keep_with_next);
    for (const auto& f : flow.fragments) {
        REQUIRE(f.decorations.size() == 1);
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it))
                CHECK(right_edge(*r) <= style.margin_left + style.text_width() + 0.01);
    }
}

TEST_CASE_FIXTURE(Fixture, "code lines copy as their source: one stretch per line, empty for continuations and numbers") {
    const std::string wrapped = "x =" + std::string(200, ' ') + "1";  // wraps inside its run of spaces
    const auto flow = this->flow("```text {.numberLines startFrom=9}\n\tindented  twice\n" + wrapped + "\n\nend\n```\n");
    // Per fragment: the texts of its stretches, in order, and the numbers drawn.
    std::vector<std::vector<std::string>> stretches;
    for (const auto& f : flow.fragments) {
        std::vector<std::string> texts;
        int open = 0;
        for (const auto& it : f.items) {
            if (auto* b = std::get_if<frame::ActualTextBegin>(&it)) {
                texts.push_back(b->text);
                CHECK(open++ == 0);  // never nested
            }
            if (std::holds_alternative<frame::ActualTextEnd>(it)) CHECK(--open == 0);
        }
        CHECK(open == 0);
        stretches.push_back(texts);
    }
    REQUIRE(stretches.size() >= 5);
    CHECK(stretches[0] == std::vector<std::string>{"    indented  twice", ""});  // the line, then its number
    CHECK(stretches[1] == std::vector<std::string>{wrapped, ""});
    for (std::size_t i = 2; i + 2 < stretches.size(); ++i) CHECK(stretches[i] == std::vector<std::string>{""});
    CHECK(stretches[stretches.size() - 2] == std::vector<std::string>{""});  // the empty line: its number only
    CHECK(stretches.back() == std::vector<std::string>{"end", ""});
}

// ---- pictures --------------------------------------------------------------------------------

namespace {

layout::ImageFileInfo info_of(const std::string& name) {
    const auto bytes = test::read_bytes(GALLEY_SOURCE_DIR "/tests/images/" + name);
    REQUIRE(bytes);
    return layout::read_image_file(*bytes);
}

template <class T>
std::vector<const T*> items_of(const layout::Flow& flow) {
    std::vector<const T*> out;
    for (const auto& f : flow.fragments)
        for (const auto& it : f.items)
            if (auto* x = std::get_if<T>(&it)) out.push_back(x);
    return out;
}

}  // namespace

TEST_CASE("picture headers: format, pixels, stored resolution, and what galley refuses") {
    using Format = frame::ImageData::Format;
    const auto png = info_of("rgba-16.png");
    CHECK(png.problem.empty());
    CHECK(png.format == Format::Png);
    CHECK((png.width == 64 && png.height == 32));
    CHECK(png.dpi_x == 0);
    CHECK(info_of("rgb-300dpi.png").dpi_x == doctest::Approx(300).epsilon(0.001));
    const auto jpeg = info_of("rgb-300dpi.jpg");
    CHECK(jpeg.format == Format::Jpeg);
    CHECK(jpeg.components == 3);
    CHECK(jpeg.dpi_y == 300);
    CHECK(info_of("rgb.jpg").dpi_x == 0);  // JFIF with an aspect ratio only
    CHECK(info_of("cmyk-adobe.jpg").inverted_cmyk);
    CHECK_FALSE(info_of("cmyk-plain.jpg").inverted_cmyk);
    CHECK(info_of("truncated.png").problem == "truncated PNG file");
    CHECK(info_of("not-an-image.gif").problem == "not a PNG or JPEG file");
    // A 12-bit JPEG: its frame header says so.
    auto twelve = *test::read_bytes(GALLEY_SOURCE_DIR "/tests/images/grey.jpg");
    for (std::size_t i = 0; i + 4 < twelve.size(); ++i)
        if (twelve[i] == 0xFF && twelve[i + 1] == 0xC0) {
            twelve[i + 4] = 12;
            break;
        }
    CHECK(layout::read_image_file(twelve).problem == "12-bit JPEG");
    // 20000 x 20000 pixels: refused before anything is decoded.
    auto huge = *test::read_bytes(GALLEY_SOURCE_DIR "/tests/images/rgb-8.png");
    for (std::size_t at : {16, 20}) huge[at + 1] = 0x00, huge[at + 2] = 0x4E, huge[at + 3] = 0x20;
    CHECK(layout::read_image_file(huge).problem.starts_with("picture of 400 megapixels"));
    // A second header chunk after the data, saying 20000 x 20000: the decoder would use the
    // first and the size check the last, so such a file is refused.
    auto twice = *test::read_bytes(GALLEY_SOURCE_DIR "/tests/images/rgb-8.png");
    std::vector<std::uint8_t> header(twice.begin() + 8, twice.begin() + 8 + 25);
    for (std::size_t at : {8, 12}) header[at + 1] = 0x00, header[at + 2] = 0x4E, header[at + 3] = 0x20;
    const std::string_view iend = "IEND";
    const auto end = std::search(twice.begin(), twice.end(), iend.begin(), iend.end()) - 4;
    twice.insert(end, header.begin(), header.end());
    CHECK(layout::read_image_file(twice).problem == "PNG file with two header chunks");
}

TEST_CASE("natural size: the stored resolution, never coarser than 150 dpi; 96 dpi when none is stored") {
    layout::ImageFileInfo info;
    info.width = 300;
    info.height = 150;
    CHECK(layout::natural_size(info).width == doctest::Approx(225));  // 96 dpi
    info.dpi_x = info.dpi_y = 300;
    CHECK(layout::natural_size(info).width == doctest::Approx(72));
    info.dpi_x = info.dpi_y = 72;
    CHECK(layout::natural_size(info).height == doctest::Approx(72));  // at 150 dpi, not 72
}

TEST_CASE_FIXTURE(Fixture, "a paragraph holding only a picture is a centred figure with its caption kept") {
    const auto flow = this->flow("![Alt text](rgb-8.png \"The title\")\n\nAfter.\n");
    REQUIRE(flow.fragments.size() >= 3);
    const auto pictures = items_of<frame::Image>(flow);
    REQUIRE(pictures.size() == 1);
    const Rect r = pictures[0]->rect;
    CHECK(r.width == doctest::Approx(48));  // 64 px at 96 dpi
    CHECK(r.height == doctest::Approx(24));
    CHECK(r.x + r.width / 2 == doctest::Approx(style.margin_left + style.text_width() / 2));
    CHECK(flow.fragments[0].keep_with_next);  // with the caption
    std::string caption;
    for (const auto& it : flow.fragments[1].items)
        if (auto* g = std::get_if<frame::GlyphRun>(&it)) caption += g->text;
    CHECK(caption == "Figure 1. The title");
    CHECK(sink.items().empty());
}

TEST_CASE_FIXTURE(Fixture, "a figure wider than the column is scaled to it, keeping its aspect ratio") {
    style.margin_left = style.margin_right = (style.page.width - 30) / 2;  // a 30 pt column
    const auto flow = this->flow("![wide](rgb-8.png)\n");
    const auto pictures = items_of<frame::Image>(flow);
    REQUIRE(pictures.size() == 1);
    CHECK(pictures[0]->rect.width == doctest::Approx(30));
    CHECK(pictures[0]->rect.height == doctest::Approx(15));
}

TEST_CASE_FIXTURE(Fixture, "a picture that cannot be shown prints its alt text in a frame and warns") {
    const auto flow = this->flow("Text.\n\n![The missing one](nowhere.png)\n\nAn inline ![gone](gone.png) one.\n");
    CHECK(items_of<frame::Image>(flow).empty());
    CHECK(items_of<frame::Box>(flow).size() == 2);  // the figure's frame and the inline one
    CHECK(warned("image.missing", 3));
    CHECK(warned("image.missing", 5));
    std::string text;
    for (const auto* g : items_of<frame::GlyphRun>(flow)) text += g->text + "|";
    CHECK(text.find("The missing one") != std::string::npos);
    CHECK(text.find("gone") != std::string::npos);
    for (const auto* l : items_of<frame::LinkArea>(flow)) CHECK(l->dest.empty());  // no tag is left
}

TEST_CASE_FIXTURE(Fixture, "an inline picture sits in the line, scaled to the leading, inside its link") {
    const auto flow = this->flow("Before [![icon](rgb-8.png)](https://example.com/) after the picture.\n");
    REQUIRE(flow.fragments.size() == 1);
    const auto pictures = items_of<frame::Image>(flow);
    REQUIRE(pictures.size() == 1);
    const Rect r = pictures[0]->rect;
    CHECK(r.height == doctest::Approx(style.body.leading));
    CHECK(r.width == doctest::Approx(2 * style.body.leading));
    CHECK(r.y >= -flow.fragments[0].height - 0.01);  // inside the line
    CHECK(r.y + r.height <= 0.01);
    // The words after it start after it.
    for (const auto* g : items_of<frame::GlyphRun>(flow))
        if (g->text.find("after") != std::string::npos) CHECK(g->origin.x + 1 >= r.x);
    const auto links = items_of<frame::LinkArea>(flow);
    REQUIRE(links.size() == 1);
    CHECK(links[0]->uri == "https://example.com/");
    CHECK(links[0]->rect.x == doctest::Approx(r.x));
}

TEST_CASE_FIXTURE(Fixture, "an inline picture is a typed object: figure spaces under it, no tag left in the frames") {
    const auto flow = this->flow("Before ![icon](rgb-8.png) after.\n");
    REQUIRE(items_of<frame::Image>(flow).size() == 1);
    std::string text;
    for (const auto* g : items_of<frame::GlyphRun>(flow)) text += g->text;
    // Figure spaces stand under the picture, so extraction keeps the line whole; no stand-in
    // link area or tag remains.
    CHECK(text.starts_with("Before \u2007"));
    CHECK(text.ends_with("\u2007 after."));
    CHECK(items_of<frame::LinkArea>(flow).empty());  // no link, no stand-in link area either
}

TEST_CASE_FIXTURE(Fixture, "the alt texts of two adjacent missing pictures get a frame each") {
    const auto flow = this->flow("See ![one](missing-1.png)![two](missing-2.png) here.\n");
    CHECK(items_of<frame::Box>(flow).size() == 2);
    CHECK(items_of<frame::LinkArea>(flow).empty());
}

TEST_CASE_FIXTURE(Fixture, "a code line wider than a too-narrow column terminates, one glyph a line at least") {
    style.code_padding = style.text_width() / 2 - 2;  // leaves a 4 pt column: narrower than the hook's indent
    const auto flow = this->flow("```\nabcdef\n```\n");
    std::size_t glyphs = 0;
    for (const auto& f : flow.fragments)
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) glyphs += r->glyphs.size();
    CHECK(glyphs == 6);
    CHECK(flow.fragments.size() == 6);
}

TEST_CASE_FIXTURE(Fixture, "every block kind ends in a measure no glyph fits, every character still set") {
    // The style check refuses such a measure up front; layout must still not loop if one comes
    // (a deep nesting, a future key): each line-filling loop sets at least one glyph a line.
    style.margin_right = style.page.width - style.margin_left - 2;  // a 2 pt measure
    const std::string source =
        "# Heading words\n\nA paragraph of words[^n].\n\n- item one\n- item two\n\n> quoted words\n\n"
        "| head | col |\n|---|---|\n| cell words | more |\n\n```\ncode line\n```\n\n[^n]: Note words.\n";
    const auto flow = this->flow(source);
    std::string text;
    const auto collect = [&text](const std::vector<layout::Fragment>& fragments) {
        for (const auto& f : fragments)
            for (const auto& it : f.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it)) text += r->text;
    };
    collect(flow.fragments);
    for (const auto& note : flow.notes) collect(note.fragments);
    // Runs of several blocks on one line (marker and item, table cells) interleave in item
    // order, so each word's letters are looked for in order, not side by side.
    const auto has_in_order = [&text](std::string_view word) {
        std::size_t at = 0;
        for (char c : word)
            if ((at = text.find(c, at)) == std::string::npos) return false;
            else ++at;
        return true;
    };
    for (const char* word : {"Headingwords", "Aparagraphofwords", "itemoneitemtwo", "quotedwords", "head", "col",
                             "cellwords", "more", "codeline", "Notewords"}) {
        const std::string w = word;
        CAPTURE(w);
        CHECK(has_in_order(word));
    }
}

// ---- footnotes -------------------------------------------------------------------------------

TEST_CASE_FIXTURE(Fixture, "footnotes: claimed by the line of their first reference, linked both ways") {
    const auto flow = this->flow("First[^a] and second[^b].\n\nAgain[^a].\n\nNo such[^zz] note.\n\n"
                                 "[^a]: Note A.\n\n    With a second paragraph.\n[^b]: Note B.\n");
    REQUIRE(flow.notes.size() == 2);
    REQUIRE(flow.fragments.size() == 3);
    CHECK(flow.fragments[0].notes == std::vector<std::size_t>{0, 1});
    CHECK(flow.fragments[1].notes.empty());  // a second reference claims nothing
    CHECK(flow.notes[0].fragments.size() == 2);  // two paragraphs
    std::vector<std::string> anchors, dests;
    for (const auto& f : flow.fragments)
        for (const auto& it : f.items) {
            if (auto* a = std::get_if<frame::Anchor>(&it)) anchors.push_back(a->name);
            if (auto* l = std::get_if<frame::LinkArea>(&it)) dests.push_back(l->dest);
        }
    CHECK(anchors == std::vector<std::string>{"fnref:1", "fnref:2"});
    CHECK(dests == std::vector<std::string>{"fn:1", "fn:2", "fn:1"});
    // The note carries its anchor, its number, and the link back.
    bool anchor = false, back = false;
    for (const auto& it : flow.notes[0].fragments[0].items) {
        if (auto* a = std::get_if<frame::Anchor>(&it)) anchor = a->name == "fn:1";
        if (auto* l = std::get_if<frame::LinkArea>(&it)) back = l->dest == "fnref:1";
    }
    CHECK(anchor);
    CHECK(back);
    CHECK(flow.notes[0].fragments[0].space_before == style.footnote_spacing);
    CHECK(warned("footnote.undefined", 5));
}

TEST_CASE_FIXTURE(Fixture, "a link written to a note's anchor does not claim the note: its reference does") {
    const auto flow = this->flow("See [the note](#fn:1) below.\n\nText with the reference[^a].\n\n[^a]: The note.\n");
    REQUIRE(flow.fragments.size() == 2);
    CHECK(flow.fragments[0].notes.empty());
    CHECK(flow.fragments[1].notes == std::vector<std::size_t>{0});
}

TEST_CASE_FIXTURE(Fixture, "a note reference next to or inside a link to the note's anchor still claims it") {
    for (const char* md : {"Start [see note](#fn:1)[^1] here.\n\n[^1]: The note.\n",
                           "Start [see note[^1]](#fn:1) here.\n\n[^1]: The note.\n"}) {
        CAPTURE(md);
        const auto flow = this->flow(md);
        REQUIRE(!flow.fragments.empty());
        CHECK(flow.fragments[0].notes == std::vector<std::size_t>{0});
        bool back_anchor = false;
        for (const auto& it : flow.fragments[0].items)
            if (auto* a = std::get_if<frame::Anchor>(&it)) back_anchor = back_anchor || a->name == "fnref:1";
        CHECK(back_anchor);
    }
}

TEST_CASE_FIXTURE(Fixture, "a missing picture's alt text keeps its links and note references inside one frame") {
    const auto flow = this->flow("M ![a [link](https://x.org/) b[^1]](nope.png) t.\n\n[^1]: Note.\n");
    CHECK(items_of<frame::Box>(flow).size() == 1);
    bool uri = false;
    for (const auto* l : items_of<frame::LinkArea>(flow)) uri = uri || l->uri == "https://x.org/";
    CHECK(uri);
    CHECK(flow.fragments[0].notes == std::vector<std::size_t>{0});
}

TEST_CASE("deeply nested quotes and lists stop indenting before text leaves the page") {
    test::LayoutFixture fx;
    std::string md;
    for (int i = 0; i < 200; ++i) md += "> ";
    md += "deep words here\n\n";
    for (int i = 0; i < 100; ++i) md += std::string(2 * i, ' ') + "- item\n";
    const auto flow = fx.flow(md);
    for (const auto& f : flow.fragments)
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                CHECK(r->origin.x >= fx.style.margin_left - 20);
                CHECK(test::right_edge(*r) <= fx.style.margin_left + fx.style.text_width() + 0.01);
            }
}

TEST_CASE("a list has one direction, its first item's: markers on that side, items' paragraphs in it") {
    // Issue 14: items that start with Hebrew or Arabic in a left-to-right list jumped to the
    // right margin with their bullet, so one list read as three. As a browser sets <ul dir=auto>,
    // the list takes its first item's direction and every item, and every paragraph in one,
    // takes the list's.
    test::LayoutFixture fx;
    const std::string hebrew = "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD";
    auto markers_and_text = [](const layout::Fragment& f) {
        Pt marker = -1, text = -1;
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                if (r->text == "\u2022")
                    marker = r->origin.x;
                else if (text < 0 || r->origin.x < text)
                    text = r->origin.x;
            }
        return std::pair{marker, text};
    };
    const Pt right_margin = fx.style.margin_left + fx.style.text_width();
    const auto ltr = fx.flow("- left item\n- " + hebrew + ", then English\n- \u0645\u0631\u062D\u0628\u0627 and more\n");
    REQUIRE(ltr.fragments.size() == 3);
    for (const auto& f : ltr.fragments) {
        const auto [marker, text] = markers_and_text(f);
        CHECK(marker >= 0);
        CHECK(marker < text);  // the bullet at the left, the line starting at the left
        CHECK(marker < fx.style.margin_left + fx.style.list_indent);
    }
    const auto rtl = fx.flow("- " + hebrew + "\n- left item\n");
    REQUIRE(rtl.fragments.size() == 2);
    for (const auto& f : rtl.fragments) {
        const auto [marker, text] = markers_and_text(f);
        CHECK(marker > text);
        CHECK(marker < right_margin);  // inside the margin
        CHECK(marker > right_margin - fx.style.list_indent);
    }
}

namespace {

/// The leftmost start and rightmost end of a fragment's glyph runs, skipping runs of `skip`
/// (list markers, footnote numbers).
std::pair<Pt, Pt> text_extent(const layout::Fragment& f, std::string_view skip = {}) {
    Pt left = 1e9, right = -1e9;
    for (const auto& it : f.items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text != skip) {
            left = std::min(left, r->origin.x);
            right = std::max(right, right_edge(*r));
        }
    return {left, right};
}

/// The x of the glyph run with text `text` in `f`, or -1.
Pt run_x(const layout::Fragment& f, std::string_view text) {
    for (const auto& it : f.items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == text) return r->origin.x;
    return -1;
}

}  // namespace

TEST_CASE("dir = rtl: Latin lines end at the right margin; bars, markers, note numbers on the right") {
    const std::string md = "Short line.\n\n> Quoted words.\n\n- item\n\nNoted.[^1]\n\n[^1]: The note.\n";
    test::LayoutFixture auto_fx;
    const auto ltr = auto_fx.flow(md);
    test::LayoutFixture fx;
    const auto flow = fx.flow(md, doc::ParagraphDirection::RightToLeft);
    REQUIRE(flow.fragments.size() == 4);
    REQUIRE(ltr.fragments.size() == 4);
    const Pt left = fx.style.margin_left;
    const Pt right = left + fx.style.text_width();

    // The same short paragraph starts at the left margin in an auto document.
    CHECK(text_extent(ltr.fragments[0]).first == doctest::Approx(left));
    const auto [para_left, para_right] = text_extent(flow.fragments[0]);
    CHECK(para_right == doctest::Approx(right).epsilon(1e-6));
    CHECK(para_left > left + fx.style.text_width() / 2);

    const layout::Fragment& quote = flow.fragments[1];
    REQUIRE(quote.decorations.size() == 1);
    CHECK(quote.decorations[0].x + quote.decorations[0].width == doctest::Approx(right));
    CHECK(text_extent(quote).second == doctest::Approx(right - fx.style.quote_indent).epsilon(1e-6));
    REQUIRE(ltr.fragments[1].decorations.size() == 1);
    CHECK(ltr.fragments[1].decorations[0].x == doctest::Approx(left));

    const layout::Fragment& item = flow.fragments[2];
    const auto [item_left, item_right] = text_extent(item, "\u2022");
    CHECK(item_right == doctest::Approx(right - fx.style.list_indent).epsilon(1e-6));
    CHECK(run_x(item, "\u2022") > item_right);
    CHECK(run_x(item, "\u2022") < right);

    REQUIRE(flow.notes.size() == 1);
    const layout::Fragment& note = flow.notes[0].fragments[0];
    const auto [note_left, note_right] = text_extent(note, "1");
    CHECK(note_right == doctest::Approx(right - fx.style.footnote_indent).epsilon(1e-6));
    CHECK(run_x(note, "1") > note_right);
}

TEST_CASE("a quote's bar stands on the side its first paragraph starts from; dir = ltr keeps it left") {
    const std::string md =
        "> English words.\n\n"
        "> \u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD\n\n"
        "> \u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\n";
    test::LayoutFixture fx;
    const Pt left = fx.style.margin_left;
    const Pt right = left + fx.style.text_width();
    auto bar = [](const layout::Fragment& f) {
        REQUIRE(f.decorations.size() == 1);
        return std::pair{f.decorations[0].x, f.decorations[0].x + f.decorations[0].width};
    };
    const auto flow = fx.flow(md);
    REQUIRE(flow.fragments.size() == 3);
    CHECK(bar(flow.fragments[0]).first == doctest::Approx(left));
    for (std::size_t i : {1, 2}) {
        CAPTURE(i);
        CHECK(bar(flow.fragments[i]).second == doctest::Approx(right));
        CHECK(text_extent(flow.fragments[i]).second ==
              doctest::Approx(right - fx.style.quote_indent).epsilon(1e-6));
    }

    const auto forced = fx.flow(md, doc::ParagraphDirection::LeftToRight);
    REQUIRE(forced.fragments.size() == 3);
    for (std::size_t i : {0, 1, 2}) CHECK(bar(forced.fragments[i]).first == doctest::Approx(left));
}

// ---- deep nesting ----------------------------------------------------------------------------

namespace {

/// Whether a glyph run of the body or of a note holds `text`.
bool sets_text(const layout::Flow& flow, std::string_view text) {
    auto in = [&](const std::vector<layout::Fragment>& fragments) {
        for (const auto& f : fragments)
            for (const auto& it : f.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text.find(text) != std::string::npos)
                    return true;
        return false;
    };
    if (in(flow.fragments)) return true;
    for (const auto& note : flow.notes)
        if (in(note.fragments)) return true;
    return false;
}

std::size_t count_code(const DiagnosticSink& sink, std::string_view code) {
    return static_cast<std::size_t>(
        std::count_if(sink.items().begin(), sink.items().end(), [&](const Diagnostic& d) { return d.code == code; }));
}

std::string repeated(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("deep nesting: 10000-deep lists, a 50000-deep quote and 30000 emphasis markers lay out") {
    const std::vector<std::string> inputs = {
        repeated("- ", 10000) + "x\n",
        repeated("1. ", 10000) + "x\n",
        repeated("> ", 50000) + "x\n",
        repeated("*", 30000) + "x" + repeated("*", 30000) + "\n",
        repeated("> - ", 5000) + "x\n\n" + repeated("- > 1. ", 3000) + "x\n",
        "Note[^n].\n\n[^n]: " + repeated("> ", 50000) + "x\n",
        "# " + repeated("_", 30000) + "x" + repeated("_", 30000) + "\n\n> " + repeated("[*", 2000) + "x" +
            repeated("*](#x)", 2000) + "\n",
    };
    for (const std::string& md : inputs) {
        CAPTURE(md.substr(0, 20));
        test::LayoutFixture fx;
        const layout::Flow flow = fx.flow(md);
        CHECK(sets_text(flow, "x"));
        CHECK(count_code(fx.sink, "nesting.flattened") == 1);
    }
}

TEST_CASE_FIXTURE(test::LayoutFixture, "table of contents: right-to-left entries mirror, left-to-right ones do not") {
    doc::Document d;
    markdown::parse("# Intro\n\nText.\n\n# מבוא\n\nטקסט.\n\n## רשימות\n\nטקסט.\n", 1, "t.md", d, sink);
    const std::map<std::string, int> pages{{"intro", 3}, {"מבוא", 7}, {"רשימות", 9}};
    layout::Options options;
    options.toc = true;
    options.anchor_pages = &pages;
    const layout::Flow flow = layout::layout_document(d, style, ts, options, sink);
    const Pt left = style.margin_left, right = style.margin_left + style.text_width();
    // The entry lines: a title run, leader dots and the page number, all in one fragment.
    auto entry = [&](const std::string& title) -> const layout::Fragment* {
        for (const auto& f : flow.fragments)
            for (const auto& it : f.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == title) {
                    for (const auto& it2 : f.items)
                        if (auto* n = std::get_if<frame::GlyphRun>(&it2); n && n->text.find("...") == 0) return &f;
                }
        return nullptr;
    };
    auto run_x = [](const layout::Fragment& f, const std::string& text) {
        for (const auto& it : f.items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == text) return std::pair{r->origin.x, test::right_edge(*r)};
        return std::pair{Pt{-1}, Pt{-1}};
    };
    const layout::Fragment* ltr = entry("Intro");
    const layout::Fragment* rtl = entry("מבוא");
    REQUIRE(ltr);
    REQUIRE(rtl);
    // Left to right: title at the left margin, number ending at the right margin.
    CHECK(run_x(*ltr, "Intro").first == doctest::Approx(left));
    CHECK(run_x(*ltr, "3").second == doctest::Approx(right));
    // Right to left: title ending at the right margin, number at the left margin, dots between.
    CHECK(run_x(*rtl, "מבוא").second == doctest::Approx(right));
    CHECK(run_x(*rtl, "7").first == doctest::Approx(left));
    for (const auto& it : rtl->items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text.find("...") == 0) {
            CHECK(r->right_to_left);  // extracted after the title, before the number
            CHECK(r->origin.x > run_x(*rtl, "7").second);
            CHECK(test::right_edge(*r) < run_x(*rtl, "מבוא").first);
        }
    // A second-level entry is indented from the right; its leaders stop before its title.
    const layout::Fragment* sub = entry("רשימות");
    REQUIRE(sub);
    CHECK(run_x(*sub, "רשימות").second < right - 1);
    CHECK(run_x(*sub, "9").first == doctest::Approx(left));
    for (const auto& it : sub->items)
        if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text.find("...") == 0)
            CHECK(test::right_edge(*r) < run_x(*sub, "רשימות").first);
}

TEST_CASE_FIXTURE(test::LayoutFixture, "missing glyphs are warned where the text is in the source: cells, code, headings") {
    // U+10FFFA..D are in no font. The table measures its cells and the TOC repeats the heading
    // before either is set from its source: those unlocated passes must not take the warning.
    doc::Document d;
    d.metadata.title = "T \U0010FFFA";
    d.metadata.raw = doc::Value{};
    markdown::parse("intro\n\n| a | b \U0010FFFB |\n|---|---|\n| c | d |\n\n```\ncode \U0010FFFC\n```\n\n## H \U0010FFFD\n\nx\n",
                    1, "t.md", d, sink);
    const std::map<std::string, int> pages;
    layout::Options options;
    options.toc = true;
    options.anchor_pages = &pages;
    layout::layout_document(d, style, ts, options, sink);
    std::map<std::string, std::uint32_t> line_of;
    for (const auto& diag : sink.items())
        if (diag.code == "font.glyph") line_of[diag.message.substr(diag.message.size() - 8)] = diag.location.line;
    CHECK(line_of["U+10FFFB"] == 3);
    CHECK(line_of["U+10FFFC"] == 8);
    CHECK(line_of["U+10FFFD"] == 11);
    CHECK(line_of.count("U+10FFFA") == 0);  // the title has no source position here (no front matter)
}

TEST_CASE_FIXTURE(Fixture, "a heading's keep ends with its section: a one-line section does not chain into the next heading") {
    const auto flow = this->flow("# A\n\nOne line paragraph.\n\n# B\n\nFirst line.\n\n# C\n\n# D\n\n- one\n- two\n");
    // A, its line, B, B's line, C, D, the items.
    REQUIRE(flow.fragments.size() == 8);
    CHECK(flow.fragments[0].keep_with_next);        // A keeps with its line
    CHECK_FALSE(flow.fragments[1].keep_with_next);  // A's section is complete: no keep into B
    CHECK(flow.fragments[2].keep_with_next);        // B keeps with its line
    CHECK_FALSE(flow.fragments[3].keep_with_next);
    CHECK(flow.fragments[4].keep_with_next);  // C has no lines of its own: it stays with D
    CHECK(flow.fragments[5].keep_with_next);  // D keeps with two lines of its section
    CHECK(flow.fragments[6].keep_with_next);
    CHECK_FALSE(flow.fragments[7].keep_with_next);
}

TEST_CASE("an ordered list's indent holds its widest number: markers never leave the text area") {
    for (const auto dir : {doc::ParagraphDirection::LeftToRight, doc::ParagraphDirection::RightToLeft}) {
        CAPTURE(static_cast<int>(dir));
        test::LayoutFixture fx;
        const Pt left = fx.style.margin_left, right = left + fx.style.text_width();
        const auto flow = fx.flow("98. a\n99. b\n100. c\n101. d\n102. e\n\n"
                                  "Break.\n\n"
                                  "1. one\n2. two\n\n"
                                  "- bullet\n\n"
                                  "1000. x\n1001. y\n",
                                  dir);
        REQUIRE(flow.fragments.size() == 11);
        for (const auto& f : flow.fragments)
            for (const auto& it : f.items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                    CAPTURE(r->text);
                    CHECK(r->origin.x >= left - 0.01);
                    CHECK(right_edge(*r) <= right + 0.01);
                }
        // The text of one list lines up whatever its numbers; lists of short numbers and bullets
        // keep the style's indent. The indent of item `i`, from the side its text starts on:
        auto item_edge = [&](std::size_t i, std::string_view word) {
            for (const auto& it : flow.fragments[i].items)
                if (auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == word)
                    return dir == doc::ParagraphDirection::LeftToRight ? r->origin.x - left : right - right_edge(*r);
            FAIL("no run " << word);
            return Pt{0};
        };
        const Pt wide = item_edge(0, "a");
        for (std::size_t i = 1; i < 5; ++i) CHECK(item_edge(i, std::string_view("abcde").substr(i, 1)) == doctest::Approx(wide));
        CHECK(wide > fx.style.list_indent);
        CHECK(item_edge(6, "one") == doctest::Approx(fx.style.list_indent));
        CHECK(item_edge(8, "bullet") == doctest::Approx(fx.style.list_indent));
        CHECK(item_edge(9, "x") > wide);
    }
}

TEST_CASE_FIXTURE(test::LayoutFixture, "footnote numbers of two digits stay inside the margin, the notes' text aligned") {
    std::string md = "Text";
    for (int i = 1; i <= 12; ++i) md += "[^" + std::to_string(i) + "]";
    md += "\n\n";
    for (int i = 1; i <= 12; ++i) md += "[^" + std::to_string(i) + "]: Note " + std::to_string(i) + ".\n\n";
    const auto flow = this->flow(md);
    REQUIRE(flow.notes.size() == 12);
    std::vector<Pt> text_x;
    for (const auto& note : flow.notes)
        for (const auto& it : note.fragments.front().items)
            if (auto* r = std::get_if<frame::GlyphRun>(&it)) {
                CHECK(r->origin.x >= style.margin_left - 0.01);
                if (r->text.starts_with("Note")) text_x.push_back(r->origin.x);
            }
    REQUIRE(text_x.size() == 12);
    for (Pt x : text_x) CHECK(x == doctest::Approx(text_x.front()));
}

namespace {

/// A PNG header of `width` x `height` pixels (enough for layout's check; never decoded here)
/// whose one byte of data is `mark`, so files of equal size differ.
Bytes png_header(std::uint32_t width, std::uint32_t height, std::uint8_t mark) {
    Bytes b{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    const auto be32 = [&](std::uint32_t v) {
        for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
    };
    const auto chunk = [&](const char* type, const Bytes& data) {
        be32(static_cast<std::uint32_t>(data.size()));
        b.insert(b.end(), type, type + 4);
        b.insert(b.end(), data.begin(), data.end());
        be32(0);  // the CRC, which the header check does not read
    };
    Bytes ihdr;
    for (std::uint32_t v : {width, height})
        for (int s = 24; s >= 0; s -= 8) ihdr.push_back(static_cast<std::uint8_t>(v >> s));
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});
    chunk("IHDR", ihdr);
    chunk("IDAT", {mark});
    chunk("IEND", {});
    return b;
}

doc::Inline image_at(const std::string& url, std::uint32_t line) {
    doc::Inline in;
    in.kind = doc::InlineKind::Image;
    in.url = url;
    in.location = {"t.md", line, 1};
    return in;
}

}  // namespace

TEST_CASE("pictures: one file under several spellings is one picture; distinct PNGs share a pixel budget") {
    // The loader stands for the file system: every "same*" path is one file.
    const FileLoader load = [](const std::string& path) -> std::optional<Bytes> {
        const std::string name = path.substr(path.rfind('/') + 1);
        if (name.starts_with("same")) return png_header(640, 480, 0);
        if (name.starts_with("big")) return png_header(10'000, 10'000, static_cast<std::uint8_t>(std::stoi(name.substr(3))));
        return std::nullopt;
    };
    DiagnosticSink sink;
    layout::PictureLibrary library(load, "/doc", {}, nullptr, sink);
    const layout::Picture* first = library.find(image_at("same.png", 1));
    const layout::Picture* second = library.find(image_at("./same-link.png", 2));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->data == second->data);  // decoded and embedded once
    CHECK(library.find(image_at("same.png", 3))->data == first->data);

    CHECK(sink.items().empty());

    // 100 megapixels each: ten fit the budget of 1,000, the eleventh is refused with a warning.
    static_assert(layout::kMaxDecodedPixels == 10 * 100'000'000ull);
    layout::PictureLibrary budget(load, "/doc", {}, nullptr, sink);
    for (int i = 0; i < 10; ++i) CHECK(budget.find(image_at("big" + std::to_string(i), 10 + i)));
    CHECK(budget.find(image_at("./big0", 20)));  // the same file again costs nothing
    CHECK_FALSE(budget.find(image_at("big10", 21)));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "image.budget");
    CHECK(sink.items()[0].location.line == 21);
}

TEST_CASE("pictures: a relative path is looked for beside the document, then in each resource folder") {
    std::vector<std::string> asked;
    const FileLoader load = [&asked](const std::string& path) -> std::optional<Bytes> {
        asked.push_back(path);
        if (path == "/res2/fig.png" || path == "/doc/here.png") return png_header(64, 48, 0);
        return std::nullopt;
    };
    DiagnosticSink sink;
    layout::PictureLibrary library(load, "/doc", {"/res1", "/res2"}, nullptr, sink);
    CHECK(library.find(image_at("fig.png", 1)));
    CHECK(asked == std::vector<std::string>{"/doc/fig.png", "/res1/fig.png", "/res2/fig.png"});
    asked.clear();
    CHECK(library.find(image_at("here.png", 2)));  // the document's folder wins
    CHECK(asked == std::vector<std::string>{"/doc/here.png"});
    CHECK(sink.items().empty());
    // Found nowhere: one warning naming every place looked at.
    CHECK_FALSE(library.find(image_at("none.png", 3)));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "image.missing");
    CHECK(sink.items()[0].message.find("'/res2/none.png'") != std::string::npos);
    CHECK(sink.items()[0].message.find("'/doc/none.png'") != std::string::npos);
}

TEST_CASE("heading numbers follow numbering.format and numbering.depth, from the first level in use") {
    style::Style st;
    st.number_sections = true;
    layout::SectionNumbers plain(st);
    // A document of h2 sections numbers them 1, 2, not 0.1.
    CHECK(plain.next(2) == "1");
    CHECK(plain.next(3) == "1.1");
    CHECK(plain.next(3) == "1.2");
    CHECK(plain.next(2) == "2");
    CHECK(plain.next(4) == "2.0.1");
    CHECK(plain.next(5) == "");  // deeper than numbering.depth 3
    // An h1 after h2 sections (the first h1 was the title) continues their count.
    layout::SectionNumbers after_title(st);
    CHECK(after_title.next(2) == "1");
    CHECK(after_title.next(2) == "2");
    CHECK(after_title.next(1) == "3");
    CHECK(after_title.next(2) == "3.1");
    CHECK(after_title.next(1) == "4");
    st.number_format = "A.1.";
    layout::SectionNumbers letters(st);
    CHECK(letters.next(1) == "A.");
    CHECK(letters.next(2) == "A.1.");
    CHECK(letters.next(1) == "B.");
    st.number_format = "I.i";
    layout::SectionNumbers roman(st);
    for (int i = 0; i < 3; ++i) roman.next(1);
    CHECK(roman.next(1) == "IV");
    CHECK(roman.next(2) == "IV.i");
    st.number_format = "1.";
    layout::SectionNumbers closing(st);
    CHECK(closing.next(1) == "1.");
    CHECK(closing.next(2) == "1.1.");
    st.number_sections = false;
    layout::SectionNumbers off(st);
    CHECK(off.next(1) == "");
}

TEST_CASE_FIXTURE(Fixture, "display formulas: centred, labelled at the right margin, kept with the line before") {
    style.math_numbered = true;
    const layout::Flow f = flow("Text before.\n\n$$a = b$$\n\n$$c = d \\tag{A.1}$$\n");
    REQUIRE(f.fragments.size() == 3);
    CHECK(f.fragments[0].keep_with_next);
    const Pt left = style.margin_left, width = style.text_width();
    // The formula's runs sit in the middle of the measure, the label ends at its right edge.
    std::vector<const frame::GlyphRun*> runs;
    for (const frame::Item& it : f.fragments[1].items)
        if (const auto* r = std::get_if<frame::GlyphRun>(&it)) runs.push_back(r);
    REQUIRE(runs.size() == 4);  // a, =, b and the label "(1)"
    CHECK(runs[3]->text == "(1)");
    CHECK(right_edge(*runs[3]) == doctest::Approx(left + width).epsilon(0.001));
    const Pt formula_left = runs[0]->origin.x, formula_right = right_edge(*runs[2]);
    CHECK((formula_left + formula_right) / 2 == doctest::Approx(left + width / 2).epsilon(0.002));
    // \tag replaces the running number.
    bool tagged = false;
    for (const frame::Item& it : f.fragments[2].items)
        if (const auto* r = std::get_if<frame::GlyphRun>(&it)) tagged = tagged || r->text == "(A.1)";
    CHECK(tagged);
}

TEST_CASE_FIXTURE(Fixture, "inline formulas sit on the baseline; the line grows only for one taller than it") {
    // Where the run of "Text " sits below its fragment's top.
    const auto text_y = [](const layout::Fragment& f) {
        for (const frame::Item& it : f.items)
            if (const auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text == "Text ") return r->origin.y;
        FAIL("no run of 'Text '");
        return Pt{0};
    };
    const layout::Flow plain = flow("Text $x^2$ and more text.\n");
    REQUIRE(plain.fragments.size() == 1);
    CHECK(plain.fragments[0].height == doctest::Approx(style.body.leading));
    // Taller above: the baseline moves down by what the formula needs, the line grows by as much.
    const layout::Flow above = flow("Text $\\dfrac{\\dfrac{a}{b}}{c}$ and more text.\n");
    REQUIRE(above.fragments.size() == 1);
    const Pt moved = text_y(plain.fragments[0]) - text_y(above.fragments[0]);
    CHECK(moved > 5);
    // Deeper below: the line grows at the bottom (its numerator asks for under a point above).
    const layout::Flow below = flow("Text $\\dfrac{a}{\\dfrac{b}{c}}$ and more text.\n");
    REQUIRE(below.fragments.size() == 1);
    CHECK(text_y(plain.fragments[0]) - text_y(below.fragments[0]) < 1);
    CHECK(below.fragments[0].height > style.body.leading + 5);
}

TEST_CASE_FIXTURE(Fixture, "callouts in a row stand apart: block spacing around each, the bar from its title") {
    const auto flow = this->flow("> [!NOTE]\n> First.\n\n> [!WARNING]\n> Second.\n");
    REQUIRE(flow.fragments.size() == 4);  // title and text of each
    const layout::Fragment& second_title = flow.fragments[2];
    CHECK(second_title.space_before >= style.block_spacing);
    REQUIRE(second_title.decorations.size() == 1);
    CHECK_FALSE(second_title.decorations[0].covers_space_before);
}
