// The structure tree (tagged PDF): frame::StructTree, layout's Structure builder, the tags
// block layout puts on items, and the writer's marked content and StructTreeRoot.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <set>

#include "layout/figure.h"
#include "layout/structure.h"
#include "layout_fixture.h"
#include "pdf/pdf_writer.h"

using namespace galley;
using frame::StructType;

namespace {

struct Fixture : test::LayoutFixture {
    layout::Flow tagged(const std::string& md, bool tagging = true) {
        doc::Document d;
        markdown::parse(md, 1, "t.md", d, sink);
        layout::Options options;
        options.load_file = test::read_bytes;
        options.base_dir = GALLEY_SOURCE_DIR "/tests/images";
        options.tagged = tagging;
        return layout::layout_document(d, style, ts, options, sink);
    }
};

/// The tree as "Type(kid kid ...)" in kid order, content slots left out.
std::string outline(const frame::StructTree& tree, std::uint32_t id = frame::StructTree::kDocument) {
    const frame::StructElement& e = tree.at(id);
    std::string out(frame::type_name(e.type));
    std::string kids;
    for (const frame::StructKid& k : e.kids)
        if (k.element) kids += (kids.empty() ? "" : " ") + outline(tree, k.index);
    return kids.empty() ? out : out + "(" + kids + ")";
}

/// Every item of the flow (body fragments, notes, repeated headers) with `f` called on it.
void each_item(const layout::Flow& flow, const std::function<void(const frame::Item&)>& f) {
    for (const layout::Fragment& fr : flow.fragments)
        for (const frame::Item& it : fr.items) f(it);
    for (const layout::Note& n : flow.notes)
        for (const layout::Fragment& fr : n.fragments)
            for (const frame::Item& it : fr.items) f(it);
}

/// The text of the glyph runs whose tag belongs to an element of `type`, in item order.
std::string text_of(const layout::Flow& flow, StructType type) {
    std::string out;
    each_item(flow, [&](const frame::Item& it) {
        if (const auto* r = std::get_if<frame::GlyphRun>(&it))
            if (r->tag.content && flow.structure.at(flow.structure.element_of(r->tag)).type == type) out += r->text + "|";
    });
    return out;
}

}  // namespace

TEST_CASE("StructTree: kids in the order they are added, slots and elements interleaved") {
    frame::StructTree tree;
    frame::StructTree& t = tree;
    layout::Structure st(t, true);
    const std::uint32_t p = st.open(StructType::P, st.root());
    frame::Tag text = st.content(p);
    const frame::Tag link = st.inline_element(StructType::Link, text);
    CHECK(st.element_of(link) != p);
    CHECK(st.element_of(text) == p);  // what follows the link is the paragraph's again
    const std::vector<frame::StructKid>& kids = tree.at(p).kids;
    REQUIRE(kids.size() == 3);
    CHECK((!kids[0].element && kids[1].element && !kids[2].element));
    CHECK(kids[0].index < kids[2].index);
    CHECK(link.type == StructType::Link);
    CHECK(text.type == StructType::P);
    // A note is made once, after the call, and keeps its /ID.
    const std::uint32_t note = st.note(3, p);
    CHECK(st.note(3, 0) == note);
    CHECK(tree.at(note).id == "fn:3");
    CHECK(tree.at(note).parent == p);
}

TEST_CASE("Structure: untagged, nothing is built and every tag is an artifact's") {
    frame::StructTree tree;
    layout::Structure st(tree, false);
    CHECK(st.root() == 0);
    const std::uint32_t p = st.open(StructType::P, st.root());
    CHECK(p == 0);
    frame::Tag t = st.content(p);
    CHECK(t == frame::Tag{});
    CHECK(st.inline_element(StructType::Link, t) == frame::Tag{});
    CHECK(tree.size() == 1);
    CHECK(tree.slots() == 0);
}

TEST_CASE_FIXTURE(Fixture, "block layout builds the tree in source order, one element per block kind") {
    const layout::Flow flow = tagged(
        "# Title\n\nSome *text* with [a link](https://example.com) and `code`.\n\n"
        "- one\n- two\n\n1. first\n\n> quoted\n\n```\nx = 1\n```\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n![alt text](rgb-8.png)\n");
    CHECK(outline(flow.structure) ==
          "Document(H1 P(Link Code) L(LI(Lbl LBody(P)) LI(Lbl LBody(P))) L(LI(Lbl LBody(P))) BlockQuote(P) Code "
          "Table(THead(TR(TH TH)) TBody(TR(TD TD))) Figure(Caption))");
    // Header cells have a column scope; lists their numbering; the figure its alt text.
    for (std::uint32_t id = 1; id <= flow.structure.size(); ++id) {
        const frame::StructElement& e = flow.structure.at(id);
        if (e.type == StructType::TH) CHECK(e.scope == frame::StructElement::Scope::Column);
        if (e.type == StructType::Figure) CHECK(e.alt == "alt text");
        if (e.type == StructType::L) CHECK(e.numbering != frame::StructElement::Numbering::None);
    }
    CHECK(text_of(flow, StructType::H1) == "Title|");
    CHECK(text_of(flow, StructType::Code).find("code|") != std::string::npos);
    CHECK(text_of(flow, StructType::Lbl) == "•|•|1.|");
    CHECK(text_of(flow, StructType::TH) == "A|B|");
    CHECK(text_of(flow, StructType::TD) == "1|2|");
}

TEST_CASE_FIXTURE(Fixture, "a note reads right after its call, its content tagged inside it") {
    const layout::Flow flow = tagged("Before[^n] after.\n\n[^n]: The note.\n");
    CHECK(outline(flow.structure) == "Document(P(Link Note(Lbl(Link) P)))");
    CHECK(text_of(flow, StructType::P) == "Before| after.|The note.|");
    // The note's text is set in the notes' own fragments, yet belongs to the Note's paragraph.
    bool found = false;
    for (const layout::Fragment& fr : flow.notes.at(0).fragments)
        for (const frame::Item& it : fr.items)
            if (const auto* r = std::get_if<frame::GlyphRun>(&it); r && r->text.find("note") != std::string::npos) {
                const std::uint32_t p = flow.structure.element_of(r->tag);
                CHECK(flow.structure.at(flow.structure.at(p).parent).type == StructType::Note);
                found = true;
            }
    CHECK(found);
}

TEST_CASE_FIXTURE(Fixture, "furniture is an artifact: code line numbers, leaders, repeated table headers") {
    const layout::Flow flow = tagged("```{.numberLines}\na\nb\n```\n\n| H |\n|---|\n| 1 |\n| 2 |\n");
    std::set<std::string> artifact_text;
    each_item(flow, [&](const frame::Item& it) {
        if (const auto* r = std::get_if<frame::GlyphRun>(&it); r && r->tag.content == 0) artifact_text.insert(r->text);
    });
    CHECK(artifact_text == std::set<std::string>{"1", "2"});
    REQUIRE(flow.table_headers.size() == 1);
    for (const frame::Item& it : flow.table_headers[0].items)
        if (const auto* r = std::get_if<frame::GlyphRun>(&it)) CHECK(r->tag.content == 0);
}

TEST_CASE_FIXTURE(Fixture, "a formula's element carries its TeX source as alternative text") {
    const layout::Flow flow = tagged("Inline $x^2$ here.\n\n$$\\frac{a}{b}$$\n");
    std::vector<std::string> alts;
    for (std::uint32_t id = 1; id <= flow.structure.size(); ++id)
        if (flow.structure.at(id).type == StructType::Formula) alts.push_back(flow.structure.at(id).alt);
    CHECK(alts == std::vector<std::string>{"x^2", "\\frac{a}{b}"});
}

TEST_CASE_FIXTURE(Fixture, "untagged layout tags nothing and builds no tree") {
    const layout::Flow flow = tagged("# T\n\nText [l](https://e.com).\n", false);
    CHECK(flow.structure.size() == 1);
    each_item(flow, [&](const frame::Item& it) {
        if (const auto* r = std::get_if<frame::GlyphRun>(&it)) CHECK(r->tag.content == 0);
    });
}

TEST_CASE_FIXTURE(Fixture, "the writer marks content by MCID and writes the tree, parent tree and catalog entries") {
    layout::Flow flow = tagged("# T\n\nText [l](https://e.com).\n");
    frame::Document doc;
    doc.info.tagged = true;
    doc.info.lang = "en";
    frame::Page page{{595, 842}, {}, {}};
    for (layout::Fragment& fr : flow.fragments)
        for (frame::Item& it : fr.items) {
            frame::translate(it, 0, 700);
            page.items.push_back(std::move(it));
        }
    doc.pages.push_back(std::move(page));
    doc.structure = std::move(flow.structure);
    DiagnosticSink sink;
    const Bytes bytes = pdf::write(doc, sink);
    REQUIRE(!bytes.empty());
    const std::string path = "/tmp/galley-test-structure-" + std::to_string(::getpid()) + ".pdf";
    {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    std::string text;
    if (FILE* p = ::popen(("qpdf --qdf --object-streams=disable '" + path + "' - 2>&1").c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
        ::pclose(p);
    }
    std::remove(path.c_str());
    for (const char* expected : {"/MCID 0", "BDC", "/StructTreeRoot", "/ParentTree",
                                 "/ParentTreeNextKey 2", "/StructParents 0", "/StructParent 1", "/Type /OBJR",
                                 "/Tabs /S", "/MarkInfo", "/DisplayDocTitle true", "/S /Document", "/Contents (l)"})
        CHECK_MESSAGE(text.find(expected) != std::string::npos, expected);
}

TEST_CASE("the alt text rule of PDF/UA: a picture without alt text warns, naming it, only when required") {
    doc::Inline image{.kind = doc::InlineKind::Image};
    image.url = "chart.png";
    image.location = {"t.md", 4, 1};
    DiagnosticSink sink;
    CHECK_FALSE(layout::check_alt_text(image, false, sink));
    CHECK(sink.items().empty());
    CHECK(layout::check_alt_text(image, true, sink));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "image.alt");
    CHECK(sink.items()[0].severity == Severity::Error);
    CHECK(sink.items()[0].location.line == 4);
    CHECK(sink.items()[0].message.find("chart.png") != std::string::npos);
    image.children.push_back({.kind = doc::InlineKind::Text, .text = "Sales by quarter"});
    CHECK_FALSE(layout::check_alt_text(image, true, sink));
}
