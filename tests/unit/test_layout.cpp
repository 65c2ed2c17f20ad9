// layout/: the typesetter's lines and the block layout's fragments and keeps.
#include <doctest/doctest.h>

#include "doc/document.h"
#include "layout/layout.h"
#include "markdown/markdown.h"
#include "support.h"

using namespace galley;

namespace {

struct Fixture {
    style::Style style;
    DiagnosticSink sink;
    font::FontBook book{test::read_bytes, test::kFontsDir};
    shape::Shaper shaper{book};
    layout::Typesetter ts{style, book, shaper, sink};

    layout::SpanStyle body() {
        layout::SpanStyle s;
        s.family = style.body.family;
        s.size = style.body.size;
        return s;
    }

    layout::Flow flow(const std::string& md) {
        doc::Document d;
        markdown::parse(md, 1, "t.md", d, sink);
        return layout::layout_document(d, style, ts, {}, sink);
    }
};

Pt right_edge(const frame::GlyphRun& r) {
    Pt x = r.origin.x;
    for (const frame::Glyph& g : r.glyphs) x += g.x_advance;
    return x;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "justified lines fill the measure exactly; the last line is ragged") {
    std::string words;
    for (int i = 0; i < 60; ++i) words += "word" + std::to_string(i % 7) + " ";
    layout::ParagraphStyle ps;
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
    layout::ParagraphStyle ps;
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
    layout::ParagraphStyle ps;
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
