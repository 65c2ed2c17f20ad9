// Unit tests of the markdown/ stage: every block and inline kind, locations, footnotes, raw
// HTML, slugs and percent-decoding, and a run over the shared corpus.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "markdown/attributes.h"
#include "markdown/emoji.h"
#include "markdown/markdown.h"
#include "markdown/shortcodes.h"

using namespace galley;
using doc::BlockKind;
using doc::InlineKind;

namespace {

struct Parsed {
    doc::Document doc;
    DiagnosticSink sink;
};

Parsed parse(std::string_view body, std::uint32_t first_line = 1) {
    Parsed p;
    markdown::parse(body, first_line, "t.md", p.doc, p.sink);
    return p;
}

// Every block in document order, nested ones after their parent.
void collect(const std::vector<doc::Block>& blocks, std::vector<const doc::Block*>& out) {
    for (const doc::Block& b : blocks) {
        out.push_back(&b);
        collect(b.children, out);
    }
}

std::vector<const doc::Block*> all_of_kind(const doc::Document& d, BlockKind kind) {
    std::vector<const doc::Block*> all, found;
    collect(d.blocks, all);
    collect(d.footnotes, all);
    for (const doc::Block* b : all)
        if (b->kind == kind) found.push_back(b);
    return found;
}

std::vector<std::string> slugs(const doc::Document& d) {
    std::vector<std::string> out;
    for (const doc::Block* h : all_of_kind(d, BlockKind::Heading)) out.push_back(h->slug);
    return out;
}

std::vector<std::string> codes(const DiagnosticSink& sink) {
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.items()) out.push_back(d.code);
    return out;
}

std::vector<std::string> messages(const DiagnosticSink& sink) {
    std::vector<std::string> out;
    for (const Diagnostic& d : sink.items()) out.push_back(d.message);
    return out;
}

// The html.dropped message for a tag.
std::string dropped(const char* tag) { return std::string("raw HTML is not rendered: ") + tag + " (reported once per tag)"; }

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("headings: ATX and setext, levels, plain text and slugs") {
    const auto p = parse("# Head *one* #\n\nSetext two\n----------\n\n###### Six\n\nSetext one\n===\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 4);
    CHECK(b[0].kind == BlockKind::Heading);
    CHECK(b[0].level == 1);
    CHECK(doc::plain_text(b[0].inlines) == "Head one");
    CHECK(b[0].inlines[1].kind == InlineKind::Emphasis);
    CHECK(b[0].slug == "head-one");
    CHECK(b[1].level == 2);
    CHECK(b[1].slug == "setext-two");
    CHECK(b[2].level == 6);
    CHECK(b[3].level == 1);
    CHECK(p.sink.items().empty());
}

TEST_CASE("paragraph inlines: emphasis, strong, strikethrough, code, breaks, entities") {
    const auto p = parse("a *b* **c** ~~d~~ ~e~ `f g`\nsoft  \nhard\\\nback &copy; &#169; &amp;");
    REQUIRE(p.doc.blocks.size() == 1);
    const auto& in = p.doc.blocks[0].inlines;
    std::vector<InlineKind> kinds;
    for (const auto& i : in) kinds.push_back(i.kind);
    const std::vector<InlineKind> expected = {
        InlineKind::Text,      InlineKind::Emphasis,      InlineKind::Text,      InlineKind::Strong,
        InlineKind::Text,      InlineKind::Strikethrough, InlineKind::Text,      InlineKind::Strikethrough,
        InlineKind::Text,      InlineKind::Code,          InlineKind::SoftBreak, InlineKind::Text,
        InlineKind::LineBreak, InlineKind::Text,          InlineKind::LineBreak, InlineKind::Text};
    CHECK(kinds == expected);
    CHECK(in[1].children.at(0).text == "b");
    CHECK(in[5].children.at(0).text == "d");
    CHECK(in[9].text == "f g");
    CHECK(in.back().text == "back © © &");
    // No smart punctuation: quotes stay as typed.
    CHECK(doc::plain_text(parse("It's \"x\" -- y...").doc.blocks[0].inlines) == "It's \"x\" -- y...");
}

TEST_CASE("links, autolinks and images") {
    const auto p = parse(
        "[t *x*](http://a.example/p \"Ti\") <https://b.example/?q=1&r=2> https://c.example/x, "
        "www.d.example/r and e@f.example.\n\n![alt *em*](img/p.png \"Cap\")");
    const auto& in = p.doc.blocks.at(0).inlines;
    std::vector<const doc::Inline*> links;
    for (const auto& i : in)
        if (i.kind == InlineKind::Link) links.push_back(&i);
    REQUIRE(links.size() == 5);
    CHECK(links[0]->url == "http://a.example/p");
    CHECK(links[0]->title == "Ti");
    CHECK(doc::plain_text(links[0]->children) == "t x");
    CHECK(links[1]->url == "https://b.example/?q=1&r=2");
    CHECK(links[2]->url == "https://c.example/x");  // the trailing comma is not part of it
    CHECK(links[3]->url == "http://www.d.example/r");
    CHECK(links[4]->url == "mailto:e@f.example");
    CHECK(doc::plain_text(links[4]->children) == "e@f.example");

    const auto& img = p.doc.blocks.at(1).inlines.at(0);
    CHECK(img.kind == InlineKind::Image);
    CHECK(img.url == "img/p.png");
    CHECK(img.title == "Cap");
    CHECK(doc::plain_text(img.children) == "alt em");
}

TEST_CASE("lists: bullet, ordered start, tight and loose, nesting, task states") {
    const auto p = parse("- a\n- b\n  1. x\n\n3. three\n4. four\n\n* loose\n\n* list\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == BlockKind::List);
    CHECK_FALSE(b[0].ordered);
    CHECK(b[0].tight);
    REQUIRE(b[0].children.size() == 2);
    CHECK(b[0].children[0].kind == BlockKind::ListItem);
    CHECK(b[0].children[0].task == doc::TaskState::None);
    const auto& nested = b[0].children[1].children.at(1);
    CHECK(nested.kind == BlockKind::List);
    CHECK(nested.ordered);
    CHECK(nested.start == 1);
    CHECK(b[1].ordered);
    CHECK(b[1].start == 3);
    CHECK(b[2].kind == BlockKind::List);
    CHECK_FALSE(b[2].tight);

    const auto t = parse("- [ ] open\n- [x] done\n- [X] upper\n- plain\n  - [ ] nested\n");
    const auto& items = t.doc.blocks.at(0).children;
    REQUIRE(items.size() == 4);
    CHECK(items[0].task == doc::TaskState::Unchecked);
    CHECK(items[1].task == doc::TaskState::Checked);
    CHECK(items[2].task == doc::TaskState::Checked);
    CHECK(items[3].task == doc::TaskState::None);
    CHECK(items[3].children.at(1).children.at(0).task == doc::TaskState::Unchecked);
    // The box markers are not text.
    CHECK(doc::plain_text(items[0].children.at(0).inlines) == "open");
    CHECK(doc::plain_text(items[1].children.at(0).inlines) == "done");
}

TEST_CASE("block quotes nest, and hold lists and code") {
    const auto p = parse(
        "> one\n>\n> > two\n> >\n> > > three\n> > >\n> > > - item\n> > >\n> > > ```\n> > > code\n> > > "
        "```\n");
    const auto& q1 = p.doc.blocks.at(0);
    CHECK(q1.kind == BlockKind::BlockQuote);
    const auto& q2 = q1.children.at(1);
    CHECK(q2.kind == BlockKind::BlockQuote);
    const auto& q3 = q2.children.at(1);
    CHECK(q3.kind == BlockKind::BlockQuote);
    REQUIRE(q3.children.size() == 3);
    CHECK(q3.children[1].kind == BlockKind::List);
    CHECK(q3.children[2].kind == BlockKind::CodeBlock);
    CHECK(q3.children[2].text == "code\n");
}

TEST_CASE("code blocks: fenced with info string, indented, literal text") {
    const auto p = parse(
        "```c++ title=x\nint *a = b; // *not emphasis* &amp;\n\tx\n```\n\n    indented\n    more\n\n---\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == BlockKind::CodeBlock);
    CHECK(b[0].info == "c++ title=x");
    CHECK(b[0].text == "int *a = b; // *not emphasis* &amp;\n\tx\n");
    CHECK(b[1].kind == BlockKind::CodeBlock);
    CHECK(b[1].info.empty());
    CHECK(b[1].text == "indented\nmore\n");
    CHECK(b[2].kind == BlockKind::ThematicBreak);
    CHECK(parse("```\n```\n").doc.blocks.at(0).text.empty());
}

TEST_CASE("tables: header row first, alignments, escaped pipes, inline markup in cells") {
    const auto p = parse("| a | b | c | d |\n|:--|:-:|--:|---|\n| x \\| y | **z** | | `q` |\n| short |\n");
    const auto& t = p.doc.blocks.at(0);
    CHECK(t.kind == BlockKind::Table);
    CHECK(t.alignments == std::vector<doc::Alignment>{doc::Alignment::Left, doc::Alignment::Center,
                                                      doc::Alignment::Right, doc::Alignment::None});
    REQUIRE(t.children.size() == 3);
    CHECK(t.children[0].kind == BlockKind::TableRow);
    REQUIRE(t.children[0].children.size() == 4);
    CHECK(t.children[0].children[0].kind == BlockKind::TableCell);
    CHECK(doc::plain_text(t.children[0].children[3].inlines) == "d");
    const auto& row = t.children[1].children;
    REQUIRE(row.size() == 4);
    CHECK(doc::plain_text(row[0].inlines) == "x | y");
    CHECK(row[1].inlines.at(0).kind == InlineKind::Strong);
    CHECK(row[2].inlines.empty());
    CHECK(row[3].inlines.at(0).kind == InlineKind::Code);
    // cmark-gfm pads short rows to the column count.
    CHECK(t.children[2].children.size() == 4);
}

TEST_CASE("footnotes: numbered by first reference, repeats keep their number, unused warned") {
    const std::string body =
        "Zed[^z] then[^a] and zed again[^z], none[^missing].\n"
        "\n"
        "[^a]: Ay.\n"
        "[^z]: Zed *note*.\n"
        "\n"
        "    more of zed\n"
        "[^spare]: Never used.\n";
    const auto p = parse(body, 10);
    REQUIRE(p.doc.blocks.size() == 1);  // definitions are not body blocks
    std::vector<const doc::Inline*> refs;
    for (const auto& i : p.doc.blocks[0].inlines)
        if (i.kind == InlineKind::FootnoteRef) refs.push_back(&i);
    REQUIRE(refs.size() == 3);
    CHECK(refs[0]->text == "z");
    CHECK(refs[0]->number == 1);
    CHECK(refs[1]->text == "a");
    CHECK(refs[1]->number == 2);
    CHECK(refs[2]->number == 1);
    CHECK(refs[0]->location.line == 10);
    CHECK(refs[0]->location.column == 4);
    CHECK(doc::plain_text(p.doc.blocks[0].inlines).find("[^missing]") != std::string::npos);

    REQUIRE(p.doc.footnotes.size() == 2);
    CHECK(p.doc.footnotes[0].kind == BlockKind::FootnoteDefinition);
    CHECK(p.doc.footnotes[0].label == "z");
    CHECK(p.doc.footnotes[0].number == 1);
    CHECK(p.doc.footnotes[0].location.line == 13);
    CHECK(p.doc.footnotes[0].children.size() == 2);
    CHECK(p.doc.footnotes[1].label == "a");
    CHECK(p.doc.footnotes[1].number == 2);
    CHECK(doc::plain_text(p.doc.footnotes[1].children.at(0).inlines) == "Ay.");

    REQUIRE(p.sink.items().size() == 1);
    const Diagnostic& d = p.sink.items()[0];
    CHECK(d.code == "footnote.unused");
    CHECK(d.location.file == "t.md");
    CHECK(d.location.line == 16);
    CHECK(d.location.column == 1);
    CHECK(d.message.find("[^spare]") != std::string::npos);
}

TEST_CASE("footnotes: labels match without case; definitions inside code are not definitions") {
    const auto p =
        parse("x[^Note] y[^q]\n\n> [^q]: quoted\n\n[^note]: n\n\n```\n[^code]: not a definition\n```\n");
    CHECK(p.doc.footnotes.size() == 2);
    CHECK(p.sink.items().empty());
}

TEST_CASE("locations: lines offset by first_line, byte columns, file name") {
    const auto p = parse("# Title\n\nPara with *em*\nand more\n\n- item\n", 7);
    const auto& b = p.doc.blocks;
    CHECK(b[0].location.file == "t.md");
    CHECK(b[0].location.line == 7);
    CHECK(b[0].location.column == 1);
    CHECK(b[1].location.line == 9);
    CHECK(b[1].inlines.at(1).location.line == 9);
    CHECK(b[1].inlines.at(1).location.column == 11);
    CHECK(b[1].inlines.back().location.line == 10);
    CHECK(b[2].children.at(0).location.line == 12);
    // Extended autolinks have no position of their own; they take the paragraph's.
    const auto a = parse("\n\nsee www.example.com now", 3);
    for (const auto& i : a.doc.blocks.at(0).inlines) CHECK(i.location.line == 5);
}

TEST_CASE("inline HTML with a plain meaning becomes the model's inlines; <br> breaks, comments vanish") {
    const auto p =
        parse("Press <kbd>R</kbd> now; H<sub>2</sub>O, x<sup>2</sup>, <mark>m</mark> <ins>i</ins> <u>u</u> <del>d</del> "
              "<small>s</small> <b>b</b> <em>e</em> <code>c  d</code> <a href=\"https://e.com\" title='T'>l</a> "
              "<img src=\"p.png\" alt=\"A &amp; B\" width=100>.\nx<br>y<br/>z<br />w<BR>v <!-- hidden -->end",
              4);
    const auto& in = p.doc.blocks.at(0).inlines;
    CHECK(doc::plain_text(in) == "Press R now; H2O, x2, m i u d s b e c  d l A & B. x y z w v end");
    const auto find = [&](InlineKind kind) {
        const auto it = std::find_if(in.begin(), in.end(), [&](const doc::Inline& i) { return i.kind == kind; });
        REQUIRE(it != in.end());
        return *it;
    };
    CHECK(doc::plain_text(find(InlineKind::Keyboard).children) == "R");
    CHECK(doc::plain_text(find(InlineKind::Subscript).children) == "2");
    CHECK(doc::plain_text(find(InlineKind::Superscript).children) == "2");
    CHECK(doc::plain_text(find(InlineKind::Highlight).children) == "m");
    CHECK(std::count_if(in.begin(), in.end(), [](const doc::Inline& i) { return i.kind == InlineKind::Underline; }) == 2);
    CHECK(doc::plain_text(find(InlineKind::Strikethrough).children) == "d");
    CHECK(doc::plain_text(find(InlineKind::Small).children) == "s");
    CHECK(find(InlineKind::Code).text == "c  d");
    CHECK(find(InlineKind::Code).children.empty());
    CHECK(find(InlineKind::Link).url == "https://e.com");
    CHECK(find(InlineKind::Link).title == "T");
    CHECK(find(InlineKind::Image).url == "p.png");
    CHECK(doc::plain_text(find(InlineKind::Image).children) == "A & B");
    CHECK(find(InlineKind::Subscript).location.column == 26);  // its start tag
    CHECK(std::count_if(in.begin(), in.end(),
                        [](const doc::Inline& i) { return i.kind == InlineKind::LineBreak; }) == 4);
    CHECK(p.sink.items().empty());
}

TEST_CASE("inline HTML: other tags warn once per name, grouping tags are quiet, unclosed elements unwrap") {
    const auto p = parse("<blink>a</blink> <blink>b</blink> <span class=x>c</span> <abbr title=\"t\">d</abbr> "
                         "<sub>open to the end\n\n*x <sup>y* z</sup>", 2);
    REQUIRE(p.sink.items().size() == 1);
    CHECK(p.sink.items()[0].code == "html.dropped");
    CHECK(p.sink.items()[0].message == "raw HTML is not rendered: <blink> (reported once per tag)");
    CHECK(p.sink.items()[0].location.line == 2);
    CHECK(p.sink.items()[0].location.column == 1);
    const auto& first = p.doc.blocks.at(0).inlines;
    CHECK(doc::plain_text(first) == "a b c d open to the end");
    for (const doc::Inline& i : first) CHECK(i.kind != InlineKind::Subscript);
    // <sup> opened inside the emphasis and not closed there is dropped at its end.
    const auto& second = p.doc.blocks.at(1).inlines;
    CHECK(doc::plain_text(second) == "x y z");
    REQUIRE(second.at(0).kind == InlineKind::Emphasis);
    for (const doc::Inline& i : second.at(0).children) CHECK(i.kind != InlineKind::Superscript);
}

TEST_CASE("raw HTML blocks: visible text kept as a paragraph, a warning per dropped tag; comments silent") {
    const auto p = parse(
        "<div class=\"note\"><strong>Note:</strong> raw HTML blocks pass through.</div>\n\n"
        "<!-- reviewer comment: this must not be printed -->\n\n"
        "<!--\nmulti-line\ncomment\n-->\n\n"
        "<p>one<br>two &copy; &mdash; &#x41;&#66; &bogus; a &lt; b</p>\n\n"
        "<script>\nalert('x')\n</script>\n\n"
        "<table><tr><td>c1</td><td>c2</td></tr><div>c3</div></table>\n",
        20);
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == BlockKind::Paragraph);
    CHECK(doc::plain_text(b[0].inlines) == "Note: raw HTML blocks pass through.");
    CHECK(b[0].location.line == 20);
    CHECK(b[1].inlines.at(0).text == "one");
    CHECK(b[1].inlines.at(1).kind == InlineKind::LineBreak);
    CHECK(b[1].inlines.at(2).text == "two © — AB &bogus; a < b");
    CHECK(doc::plain_text(b[2].inlines) == "c1 c2 c3");  // not a plain table: its text
    CHECK(messages(p.sink) == std::vector<std::string>{dropped("<div>"), dropped("<strong>"), dropped("<p>"), dropped("<script>"),
                                                       dropped("<table>"), dropped("<tr>"), dropped("<td>")});
    CHECK(codes(p.sink) == std::vector<std::string>(7, "html.dropped"));
    CHECK(p.sink.items()[0].location.line == 20);
    for (const Diagnostic& d : p.sink.items()) CHECK(d.message.find("reviewer") == std::string::npos);
}

TEST_CASE("slug: GitHub's rules") {
    const std::pair<const char*, const char*> cases[] = {
        {"Summary", "summary"},
        {"Risks & open questions", "risks--open-questions"},
        {"What's next for Q4?", "whats-next-for-q4"},
        {"Release 2.0.0", "release-200"},
        {"Welcome to the hackathon 🎉", "welcome-to-the-hackathon-"},
        {"Appendix: numbers", "appendix-numbers"},
        {"snake_case and kebab-case", "snake_case-and-kebab-case"},
        {"  two  spaces ", "--two--spaces-"},
        {"Ελληνικά", "ελληνικά"},
        {"Українська", "українська"},
        {"日本語", "日本語"},
        {"हिन्दी", "हिन्दी"},
        {"Ünïcödé ÀÉÎ Œuvre", "ünïcödé-àéî-œuvre"},
        {"Jose\u0301", "jose\u0301"},    // a combining mark is kept
        {"İstanbul", "i\u0307stanbul"},  // full lower-case mapping, as Ruby's downcase
        {"x² ½ Ⅻ", "x--ⅻ"},              // other numbers go, letter numbers stay
        {"a\u00A0b\tc—d–e", "abcde"},    // NBSP, tab and dashes other than '-' go
        {"“Quoted” (parens) [brackets] {braces} <angle> $5 @x #y",
         "quoted-parens-brackets-braces-angle-5-x-y"},
        {"", ""},
    };
    for (const auto& c : cases) {
        // Not a structured binding: clang before 16 cannot capture one in CAPTURE's lambda.
        const std::string_view text = c.first;
        CAPTURE(text);
        CHECK(markdown::slug(text) == c.second);
    }
}

TEST_CASE("heading slugs are unique in document order") {
    const auto p = parse("# Summary\n## Details\n# Summary\n## Details\n### Summary\n> ## Summary\n");
    CHECK(slugs(p.doc) ==
          std::vector<std::string>{"summary", "details", "summary-1", "details-1", "summary-2", "summary-3"});
    // A heading whose own slug is a generated one: every anchor still differs (github-slugger).
    CHECK(slugs(parse("# a\n# a\n# a-1\n").doc) == std::vector<std::string>{"a", "a-1", "a-1-1"});
    CHECK(slugs(parse("# a-1\n# a\n# a\n").doc) == std::vector<std::string>{"a-1", "a", "a-2"});
    // Heading text is the plain text: markup, code and link text count; footnote marks do not.
    CHECK(slugs(parse("# The `parse()` *step* [link](#x)[^n]\n\n[^n]: n\n").doc) ==
          std::vector<std::string>{"the-parse-step-link"});
}

TEST_CASE("edge input: empty, whitespace, only front-matter-like rules, CRLF") {
    CHECK(parse("").doc.blocks.empty());
    CHECK(parse("  \n\t\n\n").doc.blocks.empty());
    const auto crlf = parse("# A\r\n\r\ntext\r\nmore\r\n");
    REQUIRE(crlf.doc.blocks.size() == 2);
    CHECK(crlf.doc.blocks[0].slug == "a");
    CHECK(doc::plain_text(crlf.doc.blocks[1].inlines) == "text more");
    CHECK(parse("```\r\na\r\nb\r\n```\r\n").doc.blocks.at(0).text == "a\nb\n");
    // parse() replaces what the document held before.
    doc::Document d;
    DiagnosticSink sink;
    markdown::parse("# One\n", 1, "a.md", d, sink);
    markdown::parse("# One\n", 1, "a.md", d, sink);
    REQUIRE(d.blocks.size() == 1);
    CHECK(d.blocks[0].slug == "one");
}

// ---- The shared corpus (../shared/corpus beside the repository) ----

namespace {

const std::filesystem::path corpus_dir =
    std::filesystem::path(GALLEY_SOURCE_DIR) / ".." / "shared" / "corpus";

// The body of a corpus file and the file line it starts on: after the front matter's closing
// delimiter when there is one (a BOM may precede it, lines may end in CRLF).
struct Body {
    std::string text;
    std::uint32_t first_line = 1;
};

Body read_body(const std::string& name) {
    std::ifstream in(corpus_dir / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string all = ss.str();
    if (all.starts_with("\xEF\xBB\xBF")) all.erase(0, 3);
    const auto line_at = [&](std::size_t pos) {
        const std::size_t end = all.find('\n', pos);
        std::string line = all.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (line.ends_with('\r')) line.pop_back();
        return std::pair{line, end == std::string::npos ? all.size() : end + 1};
    };
    const std::string delimiter = line_at(0).first;
    if (delimiter != "+++" && delimiter != "---") return {all, 1};
    std::uint32_t line_no = 1;
    for (std::size_t pos = line_at(0).second; pos < all.size();) {
        auto [line, next] = line_at(pos);
        ++line_no;
        if (line == delimiter) return {all.substr(next), line_no + 1};
        pos = next;
    }
    return {all, 1};
}

Parsed parse_corpus(const std::string& name) {
    const Body body = read_body(name);
    Parsed p;
    markdown::parse(body.text, body.first_line, name, p.doc, p.sink);
    return p;
}

/// Whether the shared corpus sits beside the checkout (CI has it): without it the corpus tests
/// are reported as skipped (doctest::skip), not passed.
bool have_corpus() { return std::filesystem::is_directory(corpus_dir); }

}  // namespace

TEST_CASE("corpus: every document parses" * doctest::skip(!have_corpus())) {
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir)) {
        if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
        CAPTURE(entry.path().filename().string());
        const auto p = parse_corpus(entry.path().filename().string());
        for (const Diagnostic& d : p.sink.items()) CHECK(d.location.line > 0);
    }
}

TEST_CASE("corpus: team-report anchors, tasks, footnotes" * doctest::skip(!have_corpus())) {
    const auto p = parse_corpus("team-report.md");
    const auto s = slugs(p.doc);
    for (const char* want :
         {"payments-integration-team--october-2024", "contents", "at-a-glance", "summary", "details",
          "summary-1", "details-1", "risks--open-questions", "plan-for-november", "appendix-numbers"})
        CHECK_MESSAGE(contains(s, want), want);
    CHECK(s.size() == 13);
    const auto items = all_of_kind(p.doc, BlockKind::ListItem);
    CHECK(std::count_if(items.begin(), items.end(),
                        [](auto* i) { return i->task == doc::TaskState::Checked; }) == 1);
    CHECK(std::count_if(items.begin(), items.end(),
                        [](auto* i) { return i->task == doc::TaskState::Unchecked; }) == 4);
    REQUIRE(p.doc.footnotes.size() == 2);
    CHECK(p.doc.footnotes[0].label == "firsttry");
    CHECK(p.doc.footnotes[1].label == "recon");
    CHECK(all_of_kind(p.doc, BlockKind::Table).size() == 2);
    CHECK(p.sink.items().empty());
    // The heading's location is its line in the .md file (front matter counted).
    CHECK(p.doc.blocks.at(0).location.line == 10);
}

TEST_CASE("corpus: changelog-archive anchors" * doctest::skip(!have_corpus())) {
    const auto s = slugs(parse_corpus("changelog-archive.md").doc);
    CHECK(s.size() == 242);
    for (const char* want : {"release-200", "added", "added-1", "added-30", "changed-59", "release-2590"})
        CHECK_MESSAGE(contains(s, want), want);
    CHECK_FALSE(contains(s, "added-60"));
}

TEST_CASE("corpus: multilingual anchors" * doctest::skip(!have_corpus())) {
    const auto s = slugs(parse_corpus("multilingual.md").doc);
    CHECK(s == std::vector<std::string>{"welcome-to-the-hackathon-", "日本語", "中文", "עברית", "العربية",
                                        "हिन्दी", "ไทย", "ελληνικά", "українська", "emoji-and-marks"});
}

TEST_CASE("corpus: design-notes raw HTML, comment and entities" * doctest::skip(!have_corpus())) {
    const auto p = parse_corpus("design-notes.md");
    std::string text;
    for (const doc::Block* b : all_of_kind(p.doc, BlockKind::Paragraph))
        text += doc::plain_text(b->inlines) + "\n";
    CHECK(text.find("Note: raw HTML blocks pass through.") != std::string::npos);
    CHECK(text.find("Press R to refresh; the page shows H2O-level detail*.") != std::string::npos);
    CHECK(text.find("© 2024 the CI team — internal use only.") != std::string::npos);
    for (const char* absent : {"reviewer comment", "<div", "<kbd>", "<strong>", "&copy;", "&mdash;"})
        CHECK_MESSAGE(text.find(absent) == std::string::npos, absent);
    // The <div> block's two tags, once each; <kbd>, <sub> and <sup> are the model's inlines.
    CHECK(codes(p.sink) == std::vector<std::string>(2, "html.dropped"));
    const auto code = all_of_kind(p.doc, BlockKind::CodeBlock);
    REQUIRE(code.size() == 1);
    CHECK(code[0]->text == "status: green | amber | red\n");
}

TEST_CASE("corpus: gfm-tour links and repeated footnote" * doctest::skip(!have_corpus())) {
    const auto p = parse_corpus("gfm-tour.md");
    std::vector<std::string> urls;
    std::vector<const doc::Inline*> refs;
    const auto walk = [&](const auto& self, const std::vector<doc::Inline>& inlines) -> void {
        for (const auto& i : inlines) {
            if (i.kind == InlineKind::Link) urls.push_back(i.url);
            if (i.kind == InlineKind::FootnoteRef) refs.push_back(&i);
            self(self, i.children);
        }
    };
    std::vector<const doc::Block*> all;
    collect(p.doc.blocks, all);
    for (const doc::Block* b : all) walk(walk, b->inlines);
    for (const char* want : {"https://status.example.com/mobile", "http://www.example.com/releases/4.18",
                             "mailto:mobile-team@example.com",
                             "https://crash.example.com/apps/orders-android?version=4.17.2&since=7d"})
        CHECK_MESSAGE(contains(urls, want), want);
    REQUIRE(refs.size() == 3);
    CHECK(refs[0]->number == 1);
    CHECK(refs[1]->number == 1);
    CHECK(refs[2]->number == 2);
    CHECK(p.doc.footnotes.size() == 2);
    const auto tables = all_of_kind(p.doc, BlockKind::Table);
    REQUIRE(tables.size() == 2);
    CHECK(tables[1]->children.size() == 41);
    CHECK(p.sink.items().empty());
}

TEST_CASE("manual page breaks: \\newpage and <!-- pagebreak --> alone on their lines") {
    galley::DiagnosticSink sink;
    galley::doc::Document d;
    galley::markdown::parse("one\n\n\\newpage\n\ntwo\n\n<!-- pagebreak -->\n\nthree \\newpage inline\n", 1, "t.md", d, sink);
    REQUIRE(d.blocks.size() == 5);
    CHECK(d.blocks[1].kind == galley::doc::BlockKind::PageBreak);
    CHECK(d.blocks[1].location.line == 3);
    CHECK(d.blocks[3].kind == galley::doc::BlockKind::PageBreak);
    CHECK(d.blocks[4].kind == galley::doc::BlockKind::Paragraph);
    CHECK(sink.items().empty());
}

// ---- deep nesting ----------------------------------------------------------------------------

namespace {

// How deep a model nests, measured without recursion: blocks, levels as doc::max_nesting counts
// them (quotes, lists, footnote definitions), inline containers; and all its text in order.
struct Depths {
    int blocks = 0;
    int levels = 0;
    int inlines = 0;
    std::string text;
};

Depths measure(const std::vector<doc::Block>& top) {
    struct Open {
        const doc::Block* block;
        int depth;
        int levels;
    };
    Depths d;
    std::vector<Open> todo;
    for (auto b = top.rbegin(); b != top.rend(); ++b) todo.push_back({&*b, 1, 0});
    while (!todo.empty()) {
        const Open at = todo.back();
        todo.pop_back();
        const doc::Block& b = *at.block;
        const bool level = b.kind == BlockKind::BlockQuote || b.kind == BlockKind::List ||
                           b.kind == BlockKind::FootnoteDefinition;
        const int levels = at.levels + (level ? 1 : 0);
        d.blocks = std::max(d.blocks, at.depth);
        d.levels = std::max(d.levels, levels);
        std::vector<std::pair<const doc::Inline*, int>> ins;
        for (auto in = b.inlines.rbegin(); in != b.inlines.rend(); ++in) ins.push_back({&*in, 0});
        while (!ins.empty()) {
            const auto [in, depth] = ins.back();
            ins.pop_back();
            d.inlines = std::max(d.inlines, depth + (in->children.empty() ? 0 : 1));
            d.text += in->text;
            for (auto c = in->children.rbegin(); c != in->children.rend(); ++c) ins.push_back({&*c, depth + 1});
        }
        d.text += b.text;
        for (auto c = b.children.rbegin(); c != b.children.rend(); ++c) todo.push_back({&*c, at.depth + 1, levels});
    }
    return d;
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// The one warning deep nesting gives, at line `line`, column `column`.
void check_flattened(const DiagnosticSink& sink, std::uint32_t line, std::uint32_t column) {
    REQUIRE(sink.items().size() == 1);
    const Diagnostic& d = sink.items()[0];
    CHECK(d.code == "nesting.flattened");
    CHECK(d.message == "nesting deeper than 64 levels is flattened");
    CHECK(d.location.file == "t.md");
    CHECK(d.location.line == line);
    CHECK(d.location.column == column);
}

}  // namespace

TEST_CASE("deep nesting: a 10000-deep list keeps 64 levels and its text, with one warning") {
    REQUIRE(doc::max_nesting == 64);
    for (std::string_view marker : {"- ", "1. "}) {
        CAPTURE(marker);
        const Parsed p = parse(repeat(marker, 10000) + "x\n");
        const Depths d = measure(p.doc.blocks);
        CHECK(d.levels == doc::max_nesting);
        CHECK(d.blocks == 2 * doc::max_nesting + 1);  // list, item, ..., the paragraph
        CHECK(d.text == "x");
        // The 65th list starts after 64 markers.
        check_flattened(p.sink, 1, static_cast<std::uint32_t>(64 * marker.size() + 1));
    }
}

TEST_CASE("deep nesting: a 50000-deep quote keeps 64 levels and its text, with one warning") {
    const Parsed p = parse("intro\n\n" + repeat("> ", 50000) + "x\n");
    const Depths d = measure(p.doc.blocks);
    CHECK(d.levels == doc::max_nesting);
    CHECK(d.blocks == doc::max_nesting + 1);
    CHECK(d.text == "introx");
    check_flattened(p.sink, 3, 129);
}

TEST_CASE("deep nesting: 30000 emphasis markers each side keep 64 inline levels and the text") {
    const Parsed p = parse(repeat("*", 30000) + "x" + repeat("*", 30000) + "\n");
    REQUIRE(p.doc.blocks.size() == 1);
    const Depths d = measure(p.doc.blocks);
    CHECK(d.inlines == doc::max_nesting);
    CHECK(d.text == "x");
    CHECK(doc::plain_text(p.doc.blocks[0].inlines) == "x");
    check_flattened(p.sink, 1, 1);
}

TEST_CASE("deep nesting: exactly 64 levels are kept as they are; the 65th is flattened") {
    for (const int n : {64, 65}) {
        CAPTURE(n);
        const Parsed quotes = parse(repeat("> ", n) + "x\n");
        CHECK(measure(quotes.doc.blocks).levels == 64);
        CHECK(measure(quotes.doc.blocks).text == "x");
        // `*a *a ... x* c* c`: emphasis inside emphasis, n deep.
        const Parsed em = parse(repeat("*a ", n) + "x" + repeat("* c", n) + "\n");
        const Depths d = measure(em.doc.blocks);
        CHECK(d.inlines == 64);
        CHECK(d.text == repeat("a ", n) + "x" + repeat(" c", n));
        if (n == 64) {
            CHECK(quotes.sink.items().empty());
            CHECK(em.sink.items().empty());
        } else {
            check_flattened(quotes.sink, 1, 129);
            check_flattened(em.sink, 1, 3 * 64 + 1);
        }
    }
}

TEST_CASE("deep nesting: lists in quotes in lists, on several lines, keep every word; one warning") {
    std::string md = repeat("> - ", 3000) + "x\n\n";                    // quote, list, quote, ...
    md += repeat("- > 1. ", 2000) + "y\n\n";                            // list, quote, list, ...
    for (int i = 0; i < 100; ++i) md += repeat("  ", i) + "- w" + std::to_string(i) + "\n";
    md += "\n" + repeat("> ", 100) + "| a | b |\n" + repeat("> ", 100) + "|---|---|\n" + repeat("> ", 100) +
          "| " + repeat("*", 500) + "z" + repeat("*", 500) + " | q |\n";
    const Parsed p = parse(md);
    const Depths d = measure(p.doc.blocks);
    CHECK(d.levels == doc::max_nesting);
    CHECK(d.inlines == doc::max_nesting);
    std::string words = "xy";
    for (int i = 0; i < 100; ++i) words += "w" + std::to_string(i);
    CHECK(d.text == words + "abzq");
    check_flattened(p.sink, 1, 4 * 32 + 1);  // the 33rd quote is the 65th level
    const auto tables = all_of_kind(p.doc, BlockKind::Table);
    REQUIRE(tables.size() == 1);
    CHECK(tables[0]->children.size() == 2);
}

TEST_CASE("deep nesting: a footnote with deep content keeps its label and number") {
    const Parsed p = parse("See[^deep].\n\n[^deep]: " + repeat("> ", 50000) + "x\n\n    " + repeat("- ", 10000) + "y\n");
    REQUIRE(p.doc.footnotes.size() == 1);
    CHECK(p.doc.footnotes[0].label == "deep");
    CHECK(p.doc.footnotes[0].number == 1);
    const Depths d = measure(p.doc.footnotes);
    CHECK(d.levels == doc::max_nesting);
    CHECK(d.text == "xy");
    const auto refs = [&] {
        std::vector<const doc::Inline*> out;
        for (const doc::Inline& in : p.doc.blocks.at(0).inlines)
            if (in.kind == InlineKind::FootnoteRef) out.push_back(&in);
        return out;
    }();
    REQUIRE(refs.size() == 1);
    CHECK(refs[0]->text == "deep");
    CHECK(refs[0]->number == 1);
    check_flattened(p.sink, 3, 9 + 2 * 63 + 1);  // the definition is the first level
}

#include "markdown/sections.h"

namespace {

std::vector<std::string> section_texts(std::string_view body, std::size_t target) {
    std::vector<std::string> out;
    for (const markdown::Section& s : markdown::split_sections(body, target))
        out.emplace_back(body.substr(s.begin, s.end - s.begin));
    return out;
}

/// Kinds, locations, slugs and text of every block and inline, nested ones after their parent.
std::string shape_of(const std::vector<doc::Block>& blocks) {
    std::vector<const doc::Block*> all;
    collect(blocks, all);
    std::string out;
    for (const doc::Block* b : all) {
        out += std::to_string(static_cast<int>(b->kind)) + "@" + std::to_string(b->location.line) + ":" +
               std::to_string(b->location.column) + " " + b->slug + " " + b->text + "|" + doc::plain_text(b->inlines) +
               "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("a long body is cut before a heading after a blank line, never inside code or HTML") {
    const std::string body =
        "# One\n\npara one\n\n```\n\n# in code\n```\n\n# Two\n\n> quote\n\n- item\n\n      ```\n\n# Three\nlazy\n\n  # Indented\n";
    const auto parts = section_texts(body, 1);
    REQUIRE(parts.size() == 3);
    CHECK(parts[0].starts_with("# One"));
    CHECK(parts[0].find("# in code") != std::string::npos);
    CHECK(parts[1].starts_with("# Two"));
    CHECK(parts[2].starts_with("# Three"));
    CHECK(parts[2].find("# Indented") != std::string::npos);
    // Where this scan and cmark-gfm could disagree about code: never cut.
    CHECK(section_texts(body + "\n- item\n\n  ```\n", 1).size() == 1);
    CHECK(section_texts(body + "\n<div>\n", 1).size() == 1);
    CHECK(section_texts(body + "\nx\r```\n", 1).size() == 1);
    CHECK(section_texts("# A\r\n\r\n# B\r\n", 1).size() == 2);
    // Sections are at least `target` bytes: a large target keeps the body whole.
    CHECK(section_texts(body, body.size()).size() == 1);
    // A link reference or footnote definition applies document-wide: never cut.
    CHECK(section_texts(body + "\n[ref]: https://example.org\n", 1).size() == 1);
}

TEST_CASE("a body read a section at a time gives the model of reading it whole") {
    std::string body;
    for (int i = 0; i < 60; ++i) {
        body += "# Part " + std::to_string(i % 7) + "\n\nSome *text* with `code` and a [link](#part-" +
                std::to_string(i % 5) + ").\nSecond line.\n\n";
        body += "- a list\n- b item\n\n```\n\n# not a heading\n```\n\n> quote\n> ```\n\n# heading after a quote's fence\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    }
    const Parsed whole = parse(body, 3);
    DiagnosticSink sink;
    const auto reader = markdown::SectionReader::open(body, 3, "t.md", sink, 0, 200);
    REQUIRE(reader);
    doc::Document streamed;
    CHECK(reader->start(streamed) == "Part 0");
    CHECK(streamed.heading_slugs == whole.doc.heading_slugs);
    std::vector<doc::Block> all = streamed.blocks;
    for (std::vector<doc::Block> more; reader->next(more);) all.insert(all.end(), more.begin(), more.end());
    CHECK(all.size() == whole.doc.blocks.size());
    CHECK(shape_of(all) == shape_of(whole.doc.blocks));
    CHECK(sink.items().size() == whole.sink.items().size());
}

TEST_CASE("a section reader names the file it was opened with after that name is gone") {
    const std::string body = "# One\n\nText.\n\n# Two\n\nMore text.\n";
    DiagnosticSink sink;
    auto name = std::make_unique<std::string>("a-file-name-longer-than-a-short-string.md");
    const auto reader = markdown::SectionReader::open(body, 1, *name, sink, 0, 8);
    REQUIRE(reader);
    // The name's bytes freed and, most likely, taken by a string of the same size.
    name.reset();
    const std::string other(41, 'x');
    doc::Document streamed;
    reader->start(streamed);
    REQUIRE_FALSE(streamed.blocks.empty());
    CHECK(streamed.blocks.front().location.file == "a-file-name-longer-than-a-short-string.md");
    std::vector<doc::Block> more;
    REQUIRE(reader->next(more));
    REQUIRE_FALSE(more.empty());
    CHECK(more.front().location.file == "a-file-name-longer-than-a-short-string.md");
    CHECK(other.size() == 41);
}


TEST_CASE("corpus: a body cut at every possible place reads as the whole" * doctest::skip(!have_corpus())) {
    int cut = 0;
    for (const auto& entry : std::filesystem::directory_iterator(corpus_dir)) {
        if (entry.path().extension() != ".md") continue;
        const std::string name = entry.path().filename().string();
        const Body body = read_body(name);
        const Parsed whole = parse_corpus(name);
        DiagnosticSink sink;
        const auto reader = markdown::SectionReader::open(body.text, body.first_line, name, sink, 0, 1);
        if (!reader) continue;
        ++cut;
        INFO(name);
        doc::Document streamed;
        CHECK(reader->start(streamed) == markdown::first_heading(whole.doc));
        CHECK(streamed.heading_slugs == whole.doc.heading_slugs);
        std::vector<doc::Block> all = streamed.blocks;
        for (std::vector<doc::Block> more; reader->next(more);) all.insert(all.end(), more.begin(), more.end());
        CHECK(shape_of(all) == shape_of(whole.doc.blocks));
        CHECK(sink.items().size() == whole.sink.items().size());
    }
    MESSAGE(cut << " corpus documents cut into sections");
    CHECK(cut > 0);
}

namespace {

/// The first diagnostic of within_limits() on `body`, or none when it passes.
std::optional<Diagnostic> limit_hit(const std::string& body) {
    DiagnosticSink sink;
    const bool ok = markdown::within_limits(body, 3, "t.md", sink);
    CHECK(ok == sink.items().empty());
    if (ok) return std::nullopt;
    CHECK(sink.items().front().code == "markdown.limit");
    return sink.items().front();
}

std::string row(std::size_t cells, const std::string& cell = "a") {
    std::string r = "|";
    for (std::size_t i = 0; i < cells; ++i) r += cell + "|";
    return r + "\n";
}

}  // namespace

TEST_CASE("limits: a table line with more cells than the limit is an error where the first extra cell starts") {
    const std::size_t n = markdown::kMaxTableColumns;
    CHECK_FALSE(limit_hit(row(n) + row(n, "-") + row(n)));
    const auto wide = limit_hit(row(n + 1) + row(n + 1, "-"));
    REQUIRE(wide);
    CHECK(wide->location.line == 3);  // the header line, the body starting on file line 3
    CHECK(wide->location.column == 2 * n + 1);
    // A wide body row under a narrow header costs as much: cmark-gfm splits every cell.
    const auto body = limit_hit(row(1) + row(1, "-") + row(1) + row(n + 1));
    REQUIRE(body);
    CHECK(body->location.line == 6);
    // Pipes in plain paragraphs and code are no table.
    CHECK_FALSE(limit_hit(row(4 * n) + "\n```\n" + row(4 * n) + "```\n"));
}

TEST_CASE("limits: a table of more cells or bytes than the limits is an error at the row that crosses them") {
    const std::size_t columns = 50, rows = markdown::kMaxTableCells / columns;
    std::string table = row(columns) + row(columns, "-");
    for (std::size_t r = 2; r < rows; ++r) table += row(columns);
    CHECK_FALSE(limit_hit(table));
    const auto big = limit_hit(table + row(columns));
    REQUIRE(big);
    CHECK(big->location.line == 3 + rows);
    // Separate tables (a blank line between) count apart.
    CHECK_FALSE(limit_hit(table + "\n" + table));
    const std::string cell(1000, 'x');
    std::string long_table = row(2) + row(2, "-");
    while (long_table.size() <= markdown::kMaxTableBytes) long_table += row(2, cell);
    CHECK(limit_hit(long_table));
}

TEST_CASE("limits: delimiter-like lines that start no table, and '![' left open before links, are bounded") {
    // Each line looks like a delimiter row whose cell count differs from the line above, so
    // cmark-gfm reads the whole paragraph again as a header at each (time quadratic in it).
    std::string mismatched = "a\n";
    while (mismatched.size() < 8192) mismatched += "|-|-|\n|-|-|-|\n";
    CHECK_FALSE(limit_hit(mismatched));
    while (mismatched.size() < 16384) mismatched += "|-|-|\n|-|-|-|\n";
    CHECK(limit_hit(mismatched));
    // "![[]()" leaves each '![' open; each link walks all of them.
    std::string brackets;
    for (int i = 0; i < 4000; ++i) brackets += "![[]()";
    CHECK_FALSE(limit_hit(brackets));
    for (int i = 0; i < 1000; ++i) brackets += "![[]()";
    const auto hit = limit_hit(brackets);
    REQUIRE(hit);
    CHECK(hit->location.line == 3);
    // Closed images and links inside links cost nothing.
    std::string badges;
    for (int i = 0; i < 20000; ++i) badges += "[![b](b.png)](https://x.org) ";
    CHECK_FALSE(limit_hit(badges));
}

TEST_CASE("a block of more than max_inlines inline elements sets the rest as plain text, with one warning") {
    // 12000 code spans and the spaces between them: 24000 elements, kept up to the limit.
    const Parsed p = parse("Start " + repeat("`a` ", 12000) + "end.\n");
    REQUIRE(p.doc.blocks.size() == 1);
    const auto& ins = p.doc.blocks[0].inlines;
    CHECK(ins.size() <= doc::max_inlines + 1);
    CHECK(ins.back().kind == doc::InlineKind::Text);
    CHECK(doc::plain_text(ins) == "Start " + repeat("a ", 12000) + "end.");
    REQUIRE(p.sink.items().size() == 1);
    CHECK(p.sink.items()[0].code == "inline.flattened");
    CHECK(p.sink.items()[0].location.line == 1);
}

TEST_CASE("a heading longer than max_heading_bytes is a located error, not an outline entry of megabytes") {
    const Parsed ok = parse("# " + repeat("word ", 800) + "\n");  // 4000 bytes
    CHECK(ok.sink.items().empty());
    const Parsed p = parse("Text.\n\n## " + repeat("word ", 1000) + "\n");
    REQUIRE(p.sink.items().size() == 1);
    CHECK(p.sink.items()[0].code == "markdown.limit");
    CHECK(p.sink.items()[0].severity == Severity::Error);
    CHECK(p.sink.items()[0].location.line == 3);
    // A setext heading is a heading too.
    const Parsed setext = parse(repeat("word ", 1000) + "\n===\n");
    REQUIRE(setext.sink.items().size() == 1);
    CHECK(setext.sink.items()[0].code == "markdown.limit");
}

TEST_CASE("GitHub alerts and Obsidian callouts become callouts; other quotes stay quotes") {
    const auto p = parse("> [!NOTE]\n> Read this.\n\n"
                         "> [!warning]\n> Line one\n> line two\n\n"
                         "> [!tip]- Custom *title*\n> Body.\n>\n> More.\n\n"
                         "> [!CAUTION]\n\n"
                         "> [!not a marker]\n> text\n\n"
                         "> plain [!NOTE] later\n\n"
                         "> > [!IMPORTANT]\n> > nested\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 7);
    CHECK(b[0].kind == BlockKind::Callout);
    CHECK(b[0].label == "note");
    CHECK(b[0].inlines.empty());
    REQUIRE(b[0].children.size() == 1);
    CHECK(doc::plain_text(b[0].children[0].inlines) == "Read this.");
    CHECK(b[1].label == "warning");
    CHECK(doc::plain_text(b[1].children.at(0).inlines) == "Line one line two");
    CHECK(b[2].label == "tip");
    CHECK(doc::plain_text(b[2].inlines) == "Custom title");
    CHECK(b[2].inlines.at(1).kind == InlineKind::Emphasis);
    CHECK(b[2].children.size() == 2);
    CHECK(b[3].kind == BlockKind::Callout);
    CHECK(b[3].children.empty());
    CHECK(b[4].kind == BlockKind::BlockQuote);
    CHECK(doc::plain_text(b[4].children.at(0).inlines) == "[!not a marker] text");
    CHECK(b[5].kind == BlockKind::BlockQuote);
    REQUIRE(b[6].kind == BlockKind::BlockQuote);
    CHECK(b[6].children.at(0).kind == BlockKind::Callout);
    CHECK(b[6].children.at(0).label == "important");
    CHECK(p.sink.items().empty());
}

TEST_CASE("emoji short codes: GitHub's names become emoji; code, autolinks, times and unknown names stay") {
    // Fifty codes seen in real READMEs and changelogs, with the emoji GitHub shows for each.
    const std::pair<const char*, const char*> codes[] = {
        {"+1", "👍"}, {"-1", "👎"}, {"thumbsup", "👍"}, {"tada", "🎉"}, {"x", "❌"}, {"warning", "⚠️"},
        {"heavy_check_mark", "✔️"}, {"white_check_mark", "✅"}, {"rocket", "🚀"}, {"bug", "🐛"},
        {"sparkles", "✨"}, {"fire", "🔥"}, {"memo", "📝"}, {"bulb", "💡"}, {"star", "⭐"}, {"heart", "❤️"},
        {"smile", "😄"}, {"wink", "😉"}, {"eyes", "👀"}, {"construction", "🚧"}, {"lock", "🔒"},
        {"wrench", "🔧"}, {"hammer", "🔨"}, {"package", "📦"}, {"zap", "⚡"}, {"boom", "💥"},
        {"lipstick", "💄"}, {"art", "🎨"}, {"recycle", "♻️"}, {"white_circle", "⚪"}, {"red_circle", "🔴"},
        {"arrow_right", "➡️"}, {"arrow_up", "⬆️"}, {"arrow_down", "⬇️"}, {"information_source", "ℹ️"},
        {"question", "❓"}, {"exclamation", "❗"}, {"no_entry", "⛔"}, {"stop_sign", "🛑"},
        {"heavy_plus_sign", "➕"}, {"heavy_minus_sign", "➖"}, {"calendar", "📆"}, {"clock1", "🕐"},
        {"globe_with_meridians", "🌐"}, {"books", "📚"}, {"link", "🔗"}, {"pushpin", "📌"},
        {"us", "🇺🇸"}, {"de", "🇩🇪"}, {"100", "💯"},
    };
    std::string source, expected;
    for (const auto& code : codes) {
        const char* name = code.first;  // clang 14 cannot capture a structured binding
        const char* emoji = code.second;
        CAPTURE(name);
        CHECK(markdown::emoji::lookup(name) == emoji);
        source += std::string(" :") + name + ":";
        expected += std::string(" ") + emoji;
    }
    CHECK(doc::plain_text(parse("x" + source).doc.blocks.at(0).inlines) == "x" + expected);
    const auto p = parse("`:tada:` <https://e.com/:tada:> 10:30:00 a:tada:b :nosuchemoji: :TADA: **:tada:**");
    CHECK(doc::plain_text(p.doc.blocks.at(0).inlines) ==
          ":tada: https://e.com/:tada: 10:30:00 a:tada:b :nosuchemoji: :TADA: 🎉");
}

TEST_CASE("definition lists: tight and loose forms, several terms and definitions; other paragraphs stay") {
    const auto p = parse("Apple\n: A fruit.\n: A company.\n\nOrange\nTangerine\n: Citrus,\n  continued.\n\n"
                         "Loose *term*\n\n:   First.\n\n:   Second.\n\nTwo-line\nparagraph.\n\n# H\n\n: alone\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 4);
    REQUIRE(b[0].kind == BlockKind::DefinitionList);
    std::vector<std::string> seen;
    for (const doc::Block& item : b[0].children)
        seen.push_back(item.kind == BlockKind::DefinitionTerm ? "T:" + doc::plain_text(item.inlines)
                                                              : "D:" + doc::plain_text(item.children.at(0).inlines));
    CHECK(seen == std::vector<std::string>{"T:Apple", "D:A fruit.", "D:A company.", "T:Orange", "T:Tangerine",
                                           "D:Citrus, continued.", "T:Loose term", "D:First.", "D:Second."});
    CHECK(b[1].kind == BlockKind::Paragraph);
    // A paragraph that starts with ": " and follows no term stays a paragraph.
    CHECK(b[3].kind == BlockKind::Paragraph);
    CHECK(doc::plain_text(b[3].inlines) == ": alone");
}

namespace {

std::string expanded(std::string_view body, DiagnosticSink& sink, std::string_view front_matter_toml = "") {
    doc::Value fm;
    if (!front_matter_toml.empty()) {
        auto table = std::make_shared<doc::Table>();
        table->push_back({"params", doc::Value{}});
        auto params = std::make_shared<doc::Table>();
        params->push_back({"client", doc::Value{std::string(front_matter_toml)}});
        table->back().second.data = params;
        fm.data = table;
    }
    auto out = markdown::shortcodes::expand(body, 5, "page.md", fm, sink);
    REQUIRE(out.has_value());
    return *out;
}

}  // namespace

TEST_CASE("Hugo shortcodes: figure, highlight, callouts, details, ref, param become Markdown, line for line") {
    DiagnosticSink sink;
    const std::string body =
        "For {{< param \"client\" >}}: [setup]({{< ref \"#setup\" >}}), [x]({{< relref \"other.md\" >}}).\n"
        "{{< figure src=\"a b.png\" alt=\"Alt\" caption=\"Say \\\"hi\\\"\" >}}\n"
        "{{< highlight go \"linenos=true\" >}}\n"
        "x := \"{{< not >}}\"\n"
        "{{< /highlight >}}\n"
        "{{% note %}}\n"
        "A **note**.\n"
        "{{% /note %}}\n"
        "{{< details summary=\"More\" >}}\n"
        "Hidden.\n"
        "{{< /details >}}\n"
        "```\n{{< figure src=\"kept.png\" >}}\n```\n"
        "`{{< ref \"x\" >}}` stays.";
    const std::string out = expanded(body, sink, "ACME");
    CHECK(out ==
          "For ACME: [setup](#setup), [x]().\n"
          "![Alt](<a b.png> \"Say \\\"hi\\\"\")\n"
          "```go {linenos=true}\n"
          "x := \"{{< not >}}\"\n"
          "```\n"
          "> [!NOTE]\n"
          "> A **note**.\n"
          "\n"
          "> **More**\\\n"
          "> Hidden.\n"
          "\n"
          "```\n{{< figure src=\"kept.png\" >}}\n```\n"
          "`{{< ref \"x\" >}}` stays.");
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "shortcode.ref");
    CHECK(sink.items()[0].location.line == 5);
    CHECK(std::count(out.begin(), out.end(), '\n') == std::count(body.begin(), body.end(), '\n'));
    // The rewritten body parses into what the author meant.
    const auto p = parse(out);
    const auto& first = p.doc.blocks.at(0).inlines;
    const auto image = std::find_if(first.begin(), first.end(), [](const doc::Inline& i) { return i.kind == InlineKind::Image; });
    REQUIRE(image != first.end());
    CHECK(image->url == "a b.png");
    CHECK(image->title == "Say \"hi\"");
    CHECK(p.doc.blocks.at(1).kind == BlockKind::CodeBlock);
    CHECK(p.doc.blocks.at(1).info == "go {linenos=true}");
    CHECK(p.doc.blocks.at(2).kind == BlockKind::Callout);
    CHECK(p.doc.blocks.at(3).kind == BlockKind::BlockQuote);
}

TEST_CASE("Hugo shortcodes: an unknown one warns once by name and keeps its content's lines") {
    DiagnosticSink sink;
    const std::string out = expanded("{{< code-toggle file=\"config\" >}}\n[params]\n  key = 1\n{{< /code-toggle >}}\n"
                                     "{{< youtube abc >}}\n{{< youtube def >}}\nText {{< tweet 1 >}} here.",
                                     sink);
    CHECK(out == "\n[params]  \n  key = 1  \n\n\n\nText  here.");
    REQUIRE(sink.items().size() == 3);
    CHECK(sink.items()[0].message.find("'code-toggle'") != std::string::npos);
    CHECK(sink.items()[1].message.find("'youtube'") != std::string::npos);
    CHECK(sink.items()[1].location.line == 9);
    CHECK(sink.items()[2].message.find("'tweet'") != std::string::npos);
    CHECK(sink.items()[2].location.column == 6);
    CHECK_FALSE(markdown::shortcodes::expand("no codes {{ here }}", 1, "x.md", doc::Value{}, sink));
}

namespace {

// The top-level inlines of the first block, kinds and texts as "Kind:text" joined by "|".
std::string math_inlines(std::string_view body) {
    const Parsed p = parse(body);
    REQUIRE(!p.doc.blocks.empty());
    std::string out;
    for (const doc::Inline& in : p.doc.blocks[0].inlines) {
        if (!out.empty()) out += "|";
        out += in.kind == InlineKind::Math ? "M:" : in.kind == InlineKind::Text ? "T:" : "?:";
        out += in.kind == InlineKind::Emphasis ? "emphasis" : in.text;
    }
    return out;
}

}  // namespace

TEST_CASE("math: dollars by GitHub's rules; Markdown never reaches inside a formula") {
    // Prices stay text: the `$` after "and " cannot close (a space before it).
    CHECK(math_inlines("costs $5 and $10 today") == "T:costs $5 and $10 today");
    // A closing `$` before a digit closes nothing; one before a space does.
    CHECK(math_inlines("from $x$1 to") == "T:from $x$1 to");
    CHECK(math_inlines("a $x_1 + y_1$ b") == "T:a |M:x_1 + y_1|T: b");
    // `_` pairs inside formulas make no emphasis, and `\,` keeps its backslash.
    CHECK(math_inlines("$a_b$ and $c_d$") == "M:a_b|T: and |M:c_d");
    CHECK(math_inlines("$a\\,b$") == "M:a\\,b");
    // No space just inside the dollars; `\$` is a dollar, also inside a formula.
    CHECK(math_inlines("$ x$ and $x $") == "T:$ x$ and $x $");
    CHECK(math_inlines("\\$x$") == "T:$x$");
    CHECK(math_inlines("$a\\$b$") == "M:a\\$b");
    // Code spans keep their dollars.
    CHECK(math_inlines("`$x$`") == "?:$x$");
}

TEST_CASE("math: display formulas become Math blocks, kept in order with the text around them") {
    const Parsed p = parse("Before\n$$\\sum_i x_i$$\nafter.\n\n```math\n\\frac{a}{b}\n```\n");
    REQUIRE(p.doc.blocks.size() == 4);
    CHECK(p.doc.blocks[0].kind == BlockKind::Paragraph);
    CHECK(p.doc.blocks[1].kind == BlockKind::Math);
    CHECK(p.doc.blocks[1].text == "\\sum_i x_i");
    CHECK(p.doc.blocks[1].location.line == 2);
    CHECK(p.doc.blocks[1].location.column == 1);
    CHECK(p.doc.blocks[2].kind == BlockKind::Paragraph);
    CHECK(p.doc.blocks[3].kind == BlockKind::Math);
    CHECK(p.doc.blocks[3].text == "\\frac{a}{b}\n");
    // An inline formula's location is its opening dollar.
    const Parsed q = parse("ab $x$");
    CHECK(q.doc.blocks[0].inlines[1].location.column == 4);
}

TEST_CASE("math: formulas in table cells keep their source") {
    const Parsed p = parse("| a | b |\n|---|---|\n| $\\frac{1}{2}$ | $x_1$ |\n");
    REQUIRE(p.doc.blocks.size() == 1);
    const doc::Block& row = p.doc.blocks[0].children.at(1);
    REQUIRE(row.children.size() == 2);
    REQUIRE(row.children[0].inlines.size() == 1);
    CHECK(row.children[0].inlines[0].kind == InlineKind::Math);
    CHECK(row.children[0].inlines[0].text == "\\frac{1}{2}");
    CHECK(row.children[1].inlines[0].text == "x_1");
}

TEST_CASE("attribute blocks: ids, classes, keys, quoted values, the kramdown colon") {
    const auto a = markdown::parse_attributes("{#fig:plot .center .wide width=60% alt=\"a \\\"b\\\" c\" k='x y'} tail");
    REQUIRE(a);
    CHECK(a->length == std::string_view("{#fig:plot .center .wide width=60% alt=\"a \\\"b\\\" c\" k='x y'}").size());
    CHECK(a->attributes.id == "fig:plot");
    CHECK(a->attributes.classes == std::vector<std::string>{"center", "wide"});
    REQUIRE(a->attributes.value("WIDTH"));
    CHECK(*a->attributes.value("width") == "60%");
    CHECK(*a->attributes.value("alt") == "a \"b\" c");
    CHECK(*a->attributes.value("k") == "x y");
    CHECK(a->attributes.has_class("wide"));
    CHECK_FALSE(a->attributes.has_class("left"));
    const auto colon = markdown::parse_attributes("{: #intro}");
    REQUIRE(colon);
    CHECK(colon->attributes.id == "intro");
    // Not attribute blocks: they stay text.
    for (std::string_view text : {"{}", "{ }", "{width=}", "{#}", "{x y}", "{width=3 ", "{.a#b}", "{w=\"open}",
                                  "no brace"})
        CHECK_MESSAGE(!markdown::parse_attributes(text), text);
    CHECK(markdown::parse_attributes("{a=1}}")->length == 5);  // the second brace is text
    CHECK_FALSE(markdown::parse_attributes("{" + std::string(5000, 'a') + "=1}"));
}

TEST_CASE("an attribute block after an image is the image's, never text") {
    const auto p = parse("![a](a.png){width=60%}\n\n![b](b.svg){width=50% .center} and text\n\n"
                         "![c](c.png \"T\"){#fig:my_plot height=3in}\n\n[![d](d.png){width=8cm}](http://x.example)\n\n"
                         "{width=1} alone stays text");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 5);
    REQUIRE(b[0].inlines.size() == 1);
    REQUIRE(b[0].inlines[0].attributes);
    CHECK(*b[0].inlines[0].attributes->value("width") == "60%");
    REQUIRE(b[1].inlines.size() == 2);
    CHECK(b[1].inlines[0].attributes->has_class("center"));
    CHECK(b[1].inlines[1].text == " and text");
    REQUIRE(b[2].inlines.size() == 1);
    CHECK(b[2].inlines[0].attributes->id == "fig:my_plot");
    CHECK(*b[2].inlines[0].attributes->value("height") == "3in");
    const doc::Inline& link = b[3].inlines.at(0);
    REQUIRE(link.kind == InlineKind::Link);
    REQUIRE(link.children.size() == 1);
    CHECK(*link.children[0].attributes->value("width") == "8cm");
    CHECK(doc::plain_text(b[4].inlines) == "{width=1} alone stays text");
}

TEST_CASE("<img> in a paragraph and as an HTML block is an image with its attributes") {
    const auto p = parse("See <img src=\"a b.png\" width=300 alt='An &amp; B' class=\"x y\"> here.\n\n"
                         "<img src=\"c.svg\" height=\"2in\" title=\"T\">\n");
    CHECK_FALSE(contains(codes(p.sink), "html.dropped"));
    const auto& in = p.doc.blocks.at(0).inlines;
    REQUIRE(in.size() == 3);
    CHECK(in[1].kind == InlineKind::Image);
    CHECK(in[1].url == "a b.png");
    CHECK(doc::plain_text(in[1].children) == "An & B");
    CHECK(*in[1].attributes->value("width") == "300");
    CHECK(in[1].attributes->classes == std::vector<std::string>{"x", "y"});
    const auto& block = p.doc.blocks.at(1);
    CHECK(block.kind == BlockKind::Paragraph);
    REQUIRE(block.inlines.size() == 1);
    CHECK(block.inlines[0].url == "c.svg");
    CHECK(block.inlines[0].title == "T");
    CHECK(*block.inlines[0].attributes->value("height") == "2in");
}

TEST_CASE("table captions: `Table:` or `:` after a table, else before it, with an {#id}") {
    const auto p = parse("| a |\n|---|\n| 1 |\n\nTable: Costs *per* stage {#tbl:costs}\n\n"
                         ": Before the second\n\n| b |\n|---|\n| 2 |\n\nText in\ntwo lines.\n\n: not a caption, no table next to it\n\n"
                         "> | c |\n> |---|\n> | 3 |\n>\n> Table: Nested\n");
    const auto tables = all_of_kind(p.doc, BlockKind::Table);
    REQUIRE(tables.size() == 3);
    CHECK(doc::plain_text(tables[0]->inlines) == "Costs per stage");
    CHECK(tables[0]->slug == "tbl:costs");
    CHECK(doc::plain_text(tables[1]->inlines) == "Before the second");
    CHECK(tables[1]->slug.empty());
    CHECK(doc::plain_text(tables[2]->inlines) == "Nested");
    const auto paragraphs = all_of_kind(p.doc, BlockKind::Paragraph);
    REQUIRE(paragraphs.size() == 2);
    CHECK(doc::plain_text(paragraphs[1]->inlines) == ": not a caption, no table next to it");
    // Figure and table ids are anchors a link may name.
    const auto q = parse("![x](a.png){#fig:a}\n\n| a |\n|---|\n| 1 |\n\nTable: T {#tbl:b}\n\n# H\n");
    CHECK(q.doc.heading_slugs == std::vector<std::string>{"fig:a", "tbl:b", "h"});
}

TEST_CASE("heading attributes: {#id} replaces the slug, {.unnumbered} and {-} keep it out of numbering") {
    const auto p = parse("# Preface {-}\n\n## Setup {#custom-setup .unnumbered}\n\n## Kramdown {: #kid}\n\n"
                         "## Braces {in} text\n\n## Glued{#x}\n\n## Custom Setup\n\n## custom-setup\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 7);
    CHECK(doc::plain_text(b[0].inlines) == "Preface");
    CHECK(b[0].unnumbered);
    CHECK(b[0].slug == "preface");
    CHECK(doc::plain_text(b[1].inlines) == "Setup");
    CHECK(b[1].slug == "custom-setup");
    CHECK(b[1].unnumbered);
    CHECK(b[2].slug == "kid");
    CHECK_FALSE(b[2].unnumbered);
    CHECK(doc::plain_text(b[3].inlines) == "Braces {in} text");
    CHECK(doc::plain_text(b[4].inlines) == "Glued{#x}");
    // A later heading whose own slug is a claimed id gets the next free one.
    CHECK(b[5].slug == "custom-setup-1");
    CHECK(b[6].slug == "custom-setup-2");
    CHECK(p.doc.heading_slugs == std::vector<std::string>{"preface", "custom-setup", "kid", "braces-in-text", "gluedx",
                                                         "custom-setup-1", "custom-setup-2"});
}

TEST_CASE("Hugo shortcodes: escaped forms are text, quoted >}} stays in its argument, unmatched tags warn") {
    DiagnosticSink sink;
    const std::string out = expanded("Docs show {{</* figure src=\"a.png\" */>}} and {{%/* note */%}}.\n"
                                     "{{< figure src=\"a.png\" caption=\"a >}} b\" >}}\n"
                                     "{{% note %}}\nx\n{{% /warning %}}\n{{< /highlight >}} y\n",
                                     sink);
    CHECK(out == "Docs show {{< figure src=\"a.png\" >}} and {{% note %}}.\n"
                 "![](<a.png> \"a >}} b\")\n"
                 "> [!NOTE]\n> x\n> \n>  y\n> ");
    std::vector<std::pair<std::uint32_t, std::string>> got;
    for (const Diagnostic& d : sink.items()) got.emplace_back(d.location.line, d.code);
    CHECK(got == std::vector<std::pair<std::uint32_t, std::string>>{
                     {9, "shortcode.unmatched"}, {10, "shortcode.unmatched"}, {7, "shortcode.unmatched"}});
}

TEST_CASE("HTML tables of plain rows and cells are tables: header, caption, spans, alignment, inline markup") {
    const auto p = parse("<table>\n  <caption>Release <b>dates</b></caption>\n  <thead>\n"
                         "    <tr><th>Version</th><th align=\"right\">Date</th><th>Notes</th></tr>\n  </thead>\n"
                         "  <tr><td><code>1.0</code></td><td style=\"text-align: center\">Jan</td>"
                         "<td>H<sub>2</sub>O *not emphasis* &amp; &eacute; :tada: 1. <a href=\"https://e.com\">link</a></td></tr>\n"
                         "  <tr><td colspan=\"2\">both</td><td>last</td></tr>\n  <tr><td>short</td></tr>\n</table>\n",
                         5);
    REQUIRE(p.doc.blocks.size() == 1);
    const doc::Block& t = p.doc.blocks[0];
    REQUIRE(t.kind == BlockKind::Table);
    CHECK(t.location.line == 5);
    CHECK(doc::plain_text(t.inlines) == "Release dates");
    CHECK(t.inlines.at(1).kind == InlineKind::Strong);
    CHECK(t.alignments == std::vector<doc::Alignment>{doc::Alignment::None, doc::Alignment::Right, doc::Alignment::None});
    REQUIRE(t.children.size() == 4);
    std::vector<std::vector<std::string>> text;
    for (const doc::Block& row : t.children) {
        CHECK(row.kind == BlockKind::TableRow);
        auto& r = text.emplace_back();
        for (const doc::Block& cell : row.children) r.push_back(doc::plain_text(cell.inlines));
    }
    CHECK(text == std::vector<std::vector<std::string>>{{"Version", "Date", "Notes"},
                                                        {"1.0", "Jan", "H2O *not emphasis* & é 🎉 1. link"},
                                                        {"both", "", "last"},
                                                        {"short", "", ""}});
    const auto& notes = t.children[1].children[2].inlines;
    CHECK(std::any_of(notes.begin(), notes.end(), [](const doc::Inline& i) { return i.kind == InlineKind::Subscript; }));
    CHECK(std::any_of(notes.begin(), notes.end(), [](const doc::Inline& i) { return i.kind == InlineKind::Link; }));
    CHECK(t.children[1].children[0].inlines.at(0).kind == InlineKind::Code);
    CHECK(p.sink.items().empty());
}

TEST_CASE("HTML blocks that are not plain tables keep their text; each dropped tag warns once per document") {
    const auto p = parse("<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>\n\n"
                         "<div><center>a</center><blink>b</blink></div>\n\n<div><blink>c</blink><marquee>d</marquee></div>\n");
    REQUIRE(p.doc.blocks.size() == 3);
    CHECK(p.doc.blocks[0].kind == BlockKind::Paragraph);
    CHECK(doc::plain_text(p.doc.blocks[0].inlines) == "nested");
    CHECK(messages(p.sink) == std::vector<std::string>{dropped("<table>"), dropped("<tr>"), dropped("<td>"), dropped("<div>"),
                                                       dropped("<blink>"), dropped("<marquee>")});
    CHECK(p.sink.items().back().location.line == 5);
}

TEST_CASE("<details><summary>: a quote titled in bold holding the Markdown between the tags") {
    const auto p = parse("<details>\n<summary>Click to <b>expand</b></summary>\n\nSome *Markdown*.\n\n- a\n- b\n\n</details>\n\n"
                         "after\n\n<details><summary>Inline</summary>plain <b>HTML</b> body</details>\n\n"
                         "- <details>\n\n  unclosed in an item\n\n- next item\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 4);
    REQUIRE(b[0].kind == BlockKind::BlockQuote);
    REQUIRE(b[0].children.size() == 3);
    CHECK(b[0].children[0].inlines.at(0).kind == InlineKind::Strong);
    CHECK(doc::plain_text(b[0].children[0].inlines) == "Click to expand");
    CHECK(b[0].children[1].inlines.at(1).kind == InlineKind::Emphasis);
    CHECK(b[0].children[2].kind == BlockKind::List);
    CHECK(doc::plain_text(b[1].inlines) == "after");
    REQUIRE(b[2].kind == BlockKind::BlockQuote);
    REQUIRE(b[2].children.size() == 2);
    CHECK(doc::plain_text(b[2].children[0].inlines) == "Inline");
    CHECK(doc::plain_text(b[2].children[1].inlines) == "plain HTML body");
    // Left open in a list item: it ends with the item, titled as browsers title it.
    REQUIRE(b[3].kind == BlockKind::List);
    const doc::Block& details = b[3].children.at(0).children.at(0);
    REQUIRE(details.kind == BlockKind::BlockQuote);
    CHECK(doc::plain_text(details.children.at(0).inlines) == "Details");
    CHECK(doc::plain_text(details.children.at(1).inlines) == "unclosed in an item");
    CHECK(b[3].children.size() == 2);
    CHECK(codes(p.sink) == std::vector<std::string>(1, "html.dropped"));  // the <b> of the plain body
}

TEST_CASE("escaped forms are text: \\[!NOTE] stays a quote, \\:tada: and &#58;tada: print the code, \\: defines nothing") {
    const auto p = parse("> \\[!NOTE] not an alert\n\n> &#91;!TIP] neither\n\n\\:tada: and &#58;x: stay, :tada: does not\n\n"
                         "Term\n\\: not a definition\n\n`\\:tada:` \\*a\\*\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 5);
    CHECK(b[0].kind == BlockKind::BlockQuote);
    CHECK(doc::plain_text(b[0].children.at(0).inlines) == "[!NOTE] not an alert");
    CHECK(b[1].kind == BlockKind::BlockQuote);
    CHECK(doc::plain_text(b[1].children.at(0).inlines) == "[!TIP] neither");
    CHECK(doc::plain_text(b[2].inlines) == ":tada: and :x: stay, 🎉 does not");
    CHECK(b[3].kind == BlockKind::Paragraph);
    CHECK(doc::plain_text(b[3].inlines) == "Term : not a definition");
    CHECK(doc::plain_text(b[4].inlines) == "\\:tada: *a*");
    // Escaped characters stand alone; the text around them stays whole.
    CHECK(b[2].inlines.at(0).escaped);
    CHECK(b[2].inlines.at(0).text == ":");
    CHECK(b[2].inlines.at(1).text == "tada: and ");
    CHECK_FALSE(b[2].inlines.at(1).escaped);
}

TEST_CASE("pandoc dialect: H~2~O and x^2^ are sub- and superscripts, ~~x~~ strikes; GFM reads ~x~ as strikethrough") {
    const std::string_view text = "H~2~O, x^2^, 2^10^ and ~~gone~~; a ~ b ~ c, x^2 + y, \\~no\\~, ^^, `~c~` and *E=mc^2^*\n";
    Parsed pandoc;
    markdown::parse(text, 1, "t.md", pandoc.doc, pandoc.sink, {.pandoc = true});
    const auto& in = pandoc.doc.blocks.at(0).inlines;
    std::vector<std::pair<InlineKind, std::string>> kinds;
    for (const doc::Inline& i : in)
        if (i.kind != InlineKind::Text) kinds.emplace_back(i.kind, doc::plain_text({i}));
    CHECK(kinds == std::vector<std::pair<InlineKind, std::string>>{{InlineKind::Subscript, "2"},
                                                                   {InlineKind::Superscript, "2"},
                                                                   {InlineKind::Superscript, "10"},
                                                                   {InlineKind::Strikethrough, "gone"},
                                                                   {InlineKind::Code, "~c~"},
                                                                   {InlineKind::Emphasis, "E=mc2"}});
    CHECK(in.back().children.at(1).kind == InlineKind::Superscript);
    CHECK(doc::plain_text(in) == "H2O, x2, 210 and gone; a ~ b ~ c, x^2 + y, ~no~, ^^, ~c~ and E=mc2");

    const auto gfm = parse(text);
    const auto& g = gfm.doc.blocks.at(0).inlines;
    CHECK(std::none_of(g.begin(), g.end(), [](const doc::Inline& i) { return i.kind == InlineKind::Subscript || i.kind == InlineKind::Superscript; }));
    CHECK(g.at(1).kind == InlineKind::Strikethrough);
    CHECK(doc::plain_text(g.at(1).children) == "2");
}

TEST_CASE("definition lists: further paragraphs indented four spaces, lists and code belong to the definition") {
    const auto p = parse("Term\n:   First paragraph.\n\n    Second paragraph of the same definition.\n\n"
                         "    - a list\n    - in it\n\n    ```sh\n    echo code\n    ```\n\n"
                         ":   Another definition.\n\n\tAfter a tab.\n\nOther\n\n: x\n\n        indented code in it\n\n"
                         "Not indented: a paragraph.\n\n    plain indented code\n", 3);
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 3);
    REQUIRE(b[0].kind == BlockKind::DefinitionList);
    CHECK_FALSE(b[0].tight);
    const auto& items = b[0].children;
    REQUIRE(items.size() == 5);
    CHECK(items[0].kind == BlockKind::DefinitionTerm);
    const auto& first = items[1].children;
    REQUIRE(first.size() == 4);
    CHECK(doc::plain_text(first[0].inlines) == "First paragraph.");
    CHECK(doc::plain_text(first[1].inlines) == "Second paragraph of the same definition.");
    CHECK(first[1].location.line == 6);
    CHECK(first[2].kind == BlockKind::List);
    REQUIRE(first[3].kind == BlockKind::CodeBlock);
    CHECK(first[3].info == "sh");
    CHECK(first[3].text == "echo code\n");
    const auto& second = items[2].children;
    REQUIRE(second.size() == 2);
    CHECK(doc::plain_text(second[1].inlines) == "After a tab.");
    CHECK(doc::plain_text(items[3].inlines) == "Other");
    REQUIRE(items[4].children.size() == 2);
    CHECK(items[4].children[1].kind == BlockKind::CodeBlock);
    CHECK(items[4].children[1].text == "indented code in it\n");
    CHECK(b[1].kind == BlockKind::Paragraph);
    CHECK(b[2].kind == BlockKind::CodeBlock);  // not after a definition: code
}

TEST_CASE("definition lists: definitions nested in definitions stop being read at a depth, as code") {
    std::string text, indent;
    for (int depth = 0; depth < 10; ++depth, indent += "    ") text += indent + "T" + std::to_string(depth) + "\n" + indent + ":   d\n\n";
    const auto p = parse(text);
    int lists = 1;
    const doc::Block* b = &p.doc.blocks.at(0);
    const doc::Block* after = nullptr;  // what follows the innermost list
    REQUIRE(b->kind == BlockKind::DefinitionList);
    for (;; ++lists) {
        const auto& details = b->children.at(1).children;
        if (details.size() < 2 || details[1].kind != BlockKind::DefinitionList) break;
        after = details.size() > 2 ? &details[2] : nullptr;
        b = &details[1];
    }
    CHECK(lists == 5);
    REQUIRE(after);
    CHECK(after->kind == BlockKind::CodeBlock);
    CHECK(after->text.starts_with("T5\n"));
}

TEST_CASE("kramdown's {: #id} on the line under a heading is the heading's; elsewhere it is text") {
    const auto p = parse("## Kramdown heading\n{: #kd-id .unnumbered}\n\n## Apart\n\n{: #not-it}\n\nText\n{: #nor-this}\n");
    const auto h = all_of_kind(p.doc, BlockKind::Heading);
    REQUIRE(h.size() == 2);
    CHECK(h[0]->slug == "kd-id");
    CHECK(h[0]->unnumbered);
    CHECK(h[1]->slug == "apart");
    const auto paragraphs = all_of_kind(p.doc, BlockKind::Paragraph);
    REQUIRE(paragraphs.size() == 2);
    CHECK(doc::plain_text(paragraphs[0]->inlines) == "{: #not-it}");
}

TEST_CASE("an HTML block of <hr> alone is a thematic break, without a warning") {
    const auto p = parse("Above\n\n<hr>\n\n<hr/>\n\n<hr class=\"x\"> text\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 4);
    CHECK(b[1].kind == BlockKind::ThematicBreak);
    CHECK(b[2].kind == BlockKind::ThematicBreak);
    CHECK(doc::plain_text(b[3].inlines) == "text");
    CHECK(messages(p.sink) == std::vector<std::string>{dropped("<hr>")});
    CHECK(p.sink.items()[0].location.line == 7);
}

TEST_CASE("pictures in wrapper tags (a README's centred logo) are pictures; the wrappers warn by name") {
    const auto p = parse("<p align=\"center\">\n  <a href=\"https://e.com\"><img src=\"logo.png\" alt=\"Logo\" width=\"100\"></a>\n"
                         "  <img src=\"badge.svg\" alt=\"Badge\">\n</p>\n\n<p><img src=\"x.png\" alt=\"X\"> with text</p>\n");
    const auto& b = p.doc.blocks;
    REQUIRE(b.size() == 2);
    REQUIRE(b[0].inlines.size() == 3);
    CHECK(b[0].inlines[0].kind == InlineKind::Image);
    CHECK(b[0].inlines[0].url == "logo.png");
    CHECK(b[0].inlines[2].url == "badge.svg");
    CHECK(doc::plain_text(b[1].inlines) == "X with text");  // with text: the text, alt included
    CHECK(messages(p.sink) == std::vector<std::string>{dropped("<p>"), dropped("<img>")});
}
