// Markdown body to the document model: cmark-gfm parses, this file walks its tree and builds
// doc::Block and doc::Inline with file locations, heading slugs and footnote numbers.
#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "markdown/alerts.h"
#include "markdown/definitions.h"
#include "markdown/emoji.h"
#include "markdown/attributes.h"
#include "markdown/captions.h"
#include "markdown/footnotes.h"
#include "markdown/html.h"
#include "markdown/math_syntax.h"
#include "markdown/scripts.h"
#include "markdown/sections.h"
#include "markdown/slug.h"

namespace galley::markdown {

namespace {

// The GFM extensions of DESIGN.md section 2. cmark-gfm's registration is process-wide and not
// thread-safe, so it runs once, under the guard of a function-local static.
const std::vector<cmark_syntax_extension*>& gfm_extensions() {
    static const std::vector<cmark_syntax_extension*> extensions = [] {
        cmark_gfm_core_extensions_ensure_registered();
        std::vector<cmark_syntax_extension*> list;
        for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"})
            list.push_back(cmark_find_syntax_extension(name));
        return list;
    }();
    return extensions;
}

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};

// The node types the extensions add (table, strikethrough, ...) are assigned at run time and
// have no constant in the public headers; their type string is their stable name. A task list
// item is a CMARK_NODE_ITEM whose type string is "tasklist".
bool has_type_string(cmark_node* n, const char* name) {
    return std::strcmp(cmark_node_get_type_string(n), name) == 0;
}

std::string literal(cmark_node* n) {
    const char* s = cmark_node_get_literal(n);
    return s ? s : "";
}

// cmark-gfm has no accessor for footnote labels; its CommonMark renderer writes them. A
// definition's content is moved aside while it is rendered and then put back as it was: only
// the label is wanted, and rendering deeply nested content takes time quadratic in its depth.
std::string footnote_label(cmark_node* n) {
    std::vector<cmark_node*> content;
    for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_first_child(n)) {
        cmark_node_unlink(c);
        content.push_back(c);
    }
    std::unique_ptr<char, decltype(&std::free)> text(cmark_render_commonmark(n, CMARK_OPT_FOOTNOTES, 0),
                                                     &std::free);
    for (cmark_node* c : content) cmark_node_append_child(n, c);
    return text ? footnotes::label_of_rendering(text.get()) : std::string();
}

doc::Alignment alignment(std::uint8_t code) {
    switch (code) {
        case 'l': return doc::Alignment::Left;
        case 'c': return doc::Alignment::Center;
        case 'r': return doc::Alignment::Right;
        default: return doc::Alignment::None;
    }
}

// Adjacent text merges into one inline: cmark-gfm splits text at delimiters it tried, and
// dropped HTML tags leave neighbours ("H<sub>2</sub>O" is one word).
void push_inline(std::vector<doc::Inline>& out, doc::Inline in) {
    if (in.kind == doc::InlineKind::Text && !in.escaped && !out.empty() && out.back().kind == doc::InlineKind::Text &&
        !out.back().escaped)
        out.back().text += in.text;
    else
        out.push_back(std::move(in));
}

// An inline container being built: from a cmark node, or (node == nullptr) from an HTML start
// tag `html` waiting for its end tag.
struct OpenInline {
    cmark_node* node;
    doc::Inline in;
    std::string html;
};

/// cmark-gfm's tree of `text`, with the GFM extensions; for pandoc's dialect, strikethrough
/// only with two tildes (one marks a subscript).
std::unique_ptr<cmark_node, NodeDeleter> parse_tree(std::string_view text, Dialect dialect) {
    const std::unique_ptr<cmark_parser, ParserDeleter> parser(
        cmark_parser_new(CMARK_OPT_FOOTNOTES | (dialect.pandoc ? CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE : 0)));
    for (cmark_syntax_extension* extension : gfm_extensions())
        cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_attach_syntax_extension(parser.get(), math_extension());
    cmark_parser_feed(parser.get(), text.data(), text.size());
    return std::unique_ptr<cmark_node, NodeDeleter>(cmark_parser_finish(parser.get()));
}

struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using Iterator = std::unique_ptr<cmark_iter, IterDeleter>;

// What a cmark node becomes: nothing, a finished node (its subtree is not walked), or a
// container whose children the walk converts into it.
enum class Shape { Skip, Leaf, Container };

// The text cmark-gfm parsed, by line, to find what its text nodes no longer show: which
// characters were escaped.
class SourceLines {
public:
    explicit SourceLines(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
            starts_.push_back(i + 1);
    }
    /// Line `line` (1-based) without its line ending; empty past the end.
    std::string_view line(int line) const {
        if (line <= 0 || static_cast<std::size_t>(line) > starts_.size()) return {};
        const std::size_t begin = starts_[static_cast<std::size_t>(line) - 1];
        const std::size_t end = static_cast<std::size_t>(line) < starts_.size() ? starts_[static_cast<std::size_t>(line)] - 1 : text_.size();
        return text_.substr(begin, end - begin);
    }

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

bool is_ascii_punctuation(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// The length of an entity reference (`&amp;`, `&#58;`) at source[i] == '&', or 0.
std::size_t entity_length(std::string_view source, std::size_t i) {
    std::size_t e = i + 1;
    while (e < source.size() && e - i <= 32 &&
           ((source[e] >= 'a' && source[e] <= 'z') || (source[e] >= 'A' && source[e] <= 'Z') ||
            (source[e] >= '0' && source[e] <= '9') || source[e] == '#'))
        ++e;
    return e > i + 1 && e < source.size() && source[e] == ';' ? e + 1 - i : 0;
}

// The characters syntax read after parsing starts with: alerts `[!`, emoji codes and
// definitions `:`, pandoc's `~sub~` and `^sup^`.
bool is_dialect_syntax(char c) { return c == '[' || c == '!' || c == ':' || c == '~' || c == '^'; }

// Text node `text` cut so that each of the dialect's syntax characters that `source` (the
// node's source bytes) writes as a backslash escape or an entity stands alone, marked escaped;
// `text` whole when the two do not line up (the node's position is not its source).
std::vector<doc::Inline> split_escapes(const doc::Inline& text, std::string_view source) {
    std::vector<doc::Inline> out;
    const std::string& t = text.text;
    std::size_t i = 0, j = 0, plain = 0;  // plain: where the text since the last escape starts
    const auto cut = [&](std::size_t length) {
        if (length != 1 || !is_dialect_syntax(t[j])) {
            j += length;
            return;
        }
        if (j > plain) out.push_back({.text = t.substr(plain, j - plain), .location = text.location});
        out.push_back({.text = t.substr(j, length), .location = text.location, .escaped = true});
        j += length;
        plain = j;
    };
    while (i < source.size() && j < t.size()) {
        if (source[i] == '\\' && i + 1 < source.size() && is_ascii_punctuation(source[i + 1]) && t[j] == source[i + 1]) {
            cut(1);
            i += 2;
        } else if (const std::size_t entity = source[i] == '&' ? entity_length(source, i) : 0;
                   entity > 0 && t.compare(j, entity, source, i, entity) != 0) {
            std::size_t end = j;
            utf8::decode(t, end);
            cut(end - j);
            i += entity;
        } else if (source[i] == t[j]) {
            ++i, ++j;
        } else {
            return {text};
        }
    }
    if (i < source.size() || j < t.size()) return {text};
    if (j > plain) out.push_back({.text = t.substr(plain), .location = text.location});
    return out;
}

// Block quotes, lists and footnote definitions are the levels doc::max_nesting counts; an item
// belongs to its list's level and a table has fixed depth.
bool is_level(doc::BlockKind kind) {
    return kind == doc::BlockKind::BlockQuote || kind == doc::BlockKind::Callout || kind == doc::BlockKind::List ||
           kind == doc::BlockKind::FootnoteDefinition;
}

// The tree is walked with cmark's iterator and explicit stacks of the nodes being built, never
// by recursion: input nests as deep as it likes (`- - - ...`, `> > > ...`, `***...`). Levels
// deeper than doc::max_nesting are flattened: the container is dropped and what it holds goes
// to the enclosing one at the limit, so every word stays and the model stays shallow enough for
// the recursive walks downstream (layout, plain_text, the model's destructor).
class Converter {
public:
    Converter(std::uint32_t first_line, const std::string& file, DiagnosticSink& sink, Dialect dialect)
        : first_line_(first_line), file_(file), sink_(sink), dialect_(dialect) {}

    /// cmark-gfm's tree of `text` in this converter's dialect.
    std::unique_ptr<cmark_node, NodeDeleter> tree(std::string_view text) const { return parse_tree(text, dialect_); }

    /// The next tree given to document() starts on file line `first_line` (a section).
    void start_at(std::uint32_t first_line) { first_line_ = first_line; }

    /// Converts `root`, the tree cmark-gfm made of `text`, into `out`.
    void document(cmark_node* root, std::string_view text, doc::Document& out) {
        const SourceLines lines(text);
        const SourceLines* outer = std::exchange(source_, &lines);
        Walk w{out};
        const SourceLocation start{file_, first_line_, 1};
        const Iterator it(cmark_iter_new(root));
        for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
            cmark_node* n = cmark_iter_get_node(it.get());
            if (n == root) continue;
            if (ev == CMARK_EVENT_EXIT) {
                if (std::none_of(w.open.begin(), w.open.end(), [n](const OpenBlock& o) { return o.node == n; }))
                    continue;  // a flattened container
                while (w.open.back().node != n) close_details(w);  // <details> its container ends
                close_top(w);
                continue;
            }
            doc::Block b;
            b.location = where(n, w.open.empty() ? start : w.open.back().block.location);
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
                html_block(n, b.location, w);
                continue;
            }
            switch (block(n, b)) {
                case Shape::Container: {
                    bool flatten = false;
                    if (is_level(b.kind))
                        flatten = w.levels == doc::max_nesting;
                    else if (b.kind == doc::BlockKind::ListItem)  // an item of a flattened list
                        flatten = w.open.empty() || w.open.back().node != cmark_node_parent(n);
                    if (flatten) {
                        flattened(b.location);
                    } else {
                        if (is_level(b.kind)) ++w.levels;
                        w.open.push_back({n, std::move(b)});
                    }
                    continue;
                }
                case Shape::Leaf:
                    if (holds_display_math(b)) {
                        for (doc::Block& part : split_display_math(std::move(b))) finish(w, std::move(part));
                    } else {
                        finish(w, std::move(b));
                    }
                    break;
                case Shape::Skip: break;
            }
            cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
        }
        while (!w.open.empty()) close_details(w);  // only <details> can be left open
        attach_table_captions(out.blocks);
        attach_table_captions(out.footnotes);
        const definitions::Content content = [this](const doc::Block& code) { return definition_content(code); };
        definitions::group(out.blocks, content);
        for (doc::Block& note : out.footnotes) definitions::group(note.children, content);
        source_ = outer;
    }

    const std::vector<std::string>& used_labels() const { return used_labels_; }
    const std::vector<footnotes::LineRange>& verbatim_lines() const { return verbatim_; }

private:
    // A container being built: from a cmark node, or (node == nullptr) an HTML <details>
    // waiting for its end tag in a later HTML block.
    struct OpenBlock {
        cmark_node* node;
        doc::Block block;
        bool titled = true;  // a <details>: whether its summary was read
    };
    struct Walk {
        doc::Document& out;
        std::vector<OpenBlock> open;  // outermost first
        int levels = 0;               // how many of them count towards doc::max_nesting
        int flat_details = 0;         // <details> open beyond the nesting limit (not in `open`)
    };

    // `.unnumbered` and `#id` (the anchor, claimed against later slugs) of a heading.
    void heading_attributes(const doc::Attributes& a, doc::Block& heading) {
        heading.unnumbered = heading.unnumbered || a.has_class("unnumbered");
        if (!a.id.empty()) heading.slug = slugs_.claim(a.id);
    }

    // kramdown's block attributes on the line under a heading (`{: #id}`, a paragraph of its
    // own to cmark-gfm) are the heading's; true when `b` was such a line.
    bool kramdown_heading_attributes(Walk& w, const doc::Block& b) {
        std::vector<doc::Block>& siblings = w.open.empty() ? w.out.blocks : w.open.back().block.children;
        if (b.kind != doc::BlockKind::Paragraph || b.inlines.size() != 1 || b.inlines[0].kind != doc::InlineKind::Text ||
            !b.inlines[0].text.starts_with("{:") || siblings.empty() || siblings.back().kind != doc::BlockKind::Heading ||
            siblings.back().location.line + 1 != b.location.line)
            return false;
        const std::optional<ParsedAttributes> parsed = parse_attributes(b.inlines[0].text);
        if (!parsed || parsed->length != b.inlines[0].text.size()) return false;
        heading_attributes(parsed->attributes, siblings.back());
        return true;
    }

    void finish(Walk& w, doc::Block b) {
        if (kramdown_heading_attributes(w, b)) return;
        if (!w.open.empty()) {
            w.open.back().block.children.push_back(std::move(b));
        } else if (b.kind == doc::BlockKind::FootnoteDefinition) {
            // cmark-gfm appends the referenced definitions in order of first reference.
            b.number = static_cast<int>(w.out.footnotes.size()) + 1;
            used_labels_.push_back(b.label);
            w.out.footnotes.push_back(std::move(b));
        } else {
            w.out.blocks.push_back(std::move(b));
        }
    }

    void close_top(Walk& w) {
        doc::Block b = std::move(w.open.back().block);
        w.open.pop_back();
        alerts::to_callout(b);
        if (is_level(b.kind)) --w.levels;
        finish(w, std::move(b));
    }

    // A <details> ends (its end tag, its container's end, or the document's): untitled, it is
    // titled "Details", as browsers show it.
    void close_details(Walk& w) {
        OpenBlock& top = w.open.back();
        if (!top.titled) top.block.children.insert(top.block.children.begin(), summary_paragraph({}, top.block.location));
        close_top(w);
    }

    // A definition's further blocks: the text of the indented code block cmark-gfm made of
    // them, parsed again (nested definitions at most kMaxDefinitionDepth deep; deeper ones
    // stay code, which keeps the model's depth bounded).
    std::optional<std::vector<doc::Block>> definition_content(const doc::Block& code) {
        if (definition_depth_ == kMaxDefinitionDepth) return std::nullopt;
        ++definition_depth_;
        doc::Document inner;
        const std::uint32_t line = std::exchange(first_line_, code.text_line);
        document(tree(code.text).get(), code.text, inner);
        first_line_ = line;
        --definition_depth_;
        return std::move(inner.blocks);
    }

    // cmark-gfm counts lines from the start of the body; inlines it made up itself (extended
    // autolinks, breaks) have no position and take their parent's.
    SourceLocation where(cmark_node* n, const SourceLocation& fallback) const {
        const int line = cmark_node_get_start_line(n);
        if (line <= 0) return fallback;
        return {file_, static_cast<std::uint32_t>(line) + first_line_ - 1,
                static_cast<std::uint32_t>(cmark_node_get_start_column(n))};
    }

    void note_verbatim(cmark_node* n) {
        verbatim_.push_back({static_cast<std::uint32_t>(cmark_node_get_start_line(n)),
                             static_cast<std::uint32_t>(cmark_node_get_end_line(n))});
    }

    // One warning per document, at the first place nesting is flattened.
    void flattened(const SourceLocation& at) {
        if (warned_nesting_) return;
        warned_nesting_ = true;
        sink_.warn("nesting.flattened", at,
                   "nesting deeper than " + std::to_string(doc::max_nesting) + " levels is flattened");
    }

    // Converts one block node into `b` (a container without its children).
    Shape block(cmark_node* n, doc::Block& b) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
                b.kind = doc::BlockKind::Paragraph;
                inlines(n, b.location, b.inlines);
                if (is_newpage(b.inlines)) b = {doc::BlockKind::PageBreak, b.location};
                return !b.inlines.empty() || b.kind == doc::BlockKind::PageBreak ? Shape::Leaf : Shape::Skip;
            case CMARK_NODE_HEADING:
                b.kind = doc::BlockKind::Heading;
                b.level = cmark_node_get_heading_level(n);
                inlines(n, b.location, b.inlines);
                if (const auto attributes = take_trailing_attributes(b.inlines)) heading_attributes(*attributes, b);
                if (const std::string text = doc::plain_text(b.inlines); text.size() > doc::max_heading_bytes)
                    sink_.error("markdown.limit", b.location,
                                "this heading has " + std::to_string(text.size()) + " bytes of text; a heading may have at most " +
                                    std::to_string(doc::max_heading_bytes));
                else if (b.slug.empty())
                    b.slug = slugs_.add(text);
                return Shape::Leaf;
            case CMARK_NODE_BLOCK_QUOTE: b.kind = doc::BlockKind::BlockQuote; return Shape::Container;
            case CMARK_NODE_LIST:
                b.kind = doc::BlockKind::List;
                b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                if (b.ordered) b.start = cmark_node_get_list_start(n);
                b.tight = cmark_node_get_list_tight(n) != 0;
                return Shape::Container;
            case CMARK_NODE_ITEM:
                b.kind = doc::BlockKind::ListItem;
                if (has_type_string(n, "tasklist"))
                    b.task = cmark_gfm_extensions_get_tasklist_item_checked(n) ? doc::TaskState::Checked
                                                                               : doc::TaskState::Unchecked;
                return Shape::Container;
            case CMARK_NODE_CODE_BLOCK:
                b.kind = doc::BlockKind::CodeBlock;
                b.text = literal(n);
                if (const char* info = cmark_node_get_fence_info(n)) b.info = info;
                if (is_math_fence(b.info)) b.kind = doc::BlockKind::Math;
                {
                    int fence_length = 0, fence_offset = 0;
                    char fence_char = 0;
                    const bool fenced = cmark_node_get_fenced(n, &fence_length, &fence_offset, &fence_char) != 0;
                    b.text_line = b.location.line + (fenced ? 1 : 0);
                }
                note_verbatim(n);
                return Shape::Leaf;
            case CMARK_NODE_THEMATIC_BREAK: b.kind = doc::BlockKind::ThematicBreak; return Shape::Leaf;
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                b.kind = doc::BlockKind::FootnoteDefinition;
                b.label = footnote_label(n);
                return Shape::Container;
            default: break;
        }
        if (has_type_string(n, "table")) {
            b.kind = doc::BlockKind::Table;
            const std::uint8_t* codes = cmark_gfm_extensions_get_table_alignments(n);
            for (std::uint16_t i = 0; codes && i < cmark_gfm_extensions_get_table_columns(n); ++i)
                b.alignments.push_back(alignment(codes[i]));
            return Shape::Container;
        }
        if (has_type_string(n, "table_header") || has_type_string(n, "table_row")) {
            b.kind = doc::BlockKind::TableRow;
            return Shape::Container;
        }
        if (has_type_string(n, "table_cell")) {
            b.kind = doc::BlockKind::TableCell;
            inlines(n, b.location, b.inlines);
            return Shape::Leaf;
        }
        return Shape::Skip;
    }

    // A paragraph that is only `\newpage` (LaTeX's command, as pandoc users write it).
    static bool is_newpage(const std::vector<doc::Inline>& ins) {
        return ins.size() == 1 && ins[0].kind == doc::InlineKind::Text && trim(ins[0].text) == "\\newpage";
    }

    static std::string_view trim(std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
        return s;
    }

    // An `<img>` tag as the image Markdown would have made: src, alt as its text, title, and
    // the other attributes (width, height) as attributes.
    static doc::Inline html_image(std::string_view tag, const SourceLocation& at) {
        doc::Inline in{.kind = doc::InlineKind::Image, .location = at};
        doc::Attributes a = html::tag_attributes(tag);
        for (const auto& [key, value] : a.values) {
            if (key == "src") in.url = value;
            if (key == "title") in.title = value;
            if (key == "alt" && !value.empty())
                in.children = {{.kind = doc::InlineKind::Text, .text = value, .location = at}};
        }
        in.attributes = std::make_shared<const doc::Attributes>(std::move(a));
        return in;
    }

    // An HTML block: cut at <details>, <summary> and </details>, which GitHub renders with
    // Markdown between them (a titled block quote here, as Hugo's details shortcode); the
    // rest is HTML content.
    void html_block(cmark_node* n, const SourceLocation& at, Walk& w) {
        note_verbatim(n);
        for (html::Piece& piece : html::details_pieces(literal(n))) {
            doc::Block b{doc::BlockKind::Paragraph, at};
            switch (piece.kind) {
                case html::Piece::Kind::Open:
                    if (w.levels == doc::max_nesting) {
                        ++w.flat_details;
                        flattened(at);
                        break;
                    }
                    b.kind = doc::BlockKind::BlockQuote;
                    if (!piece.text.empty()) b.children.push_back(summary_paragraph(piece.text, at));
                    ++w.levels;
                    w.open.push_back({nullptr, std::move(b), !piece.text.empty()});
                    break;
                case html::Piece::Kind::Summary:
                    if (!w.open.empty() && !w.open.back().titled && w.open.back().node == nullptr) {
                        w.open.back().block.children.push_back(summary_paragraph(piece.text, at));
                        w.open.back().titled = true;
                    } else if (html_content("<summary>" + piece.text, b)) {
                        finish(w, std::move(b));
                    }
                    break;
                case html::Piece::Kind::Close:
                    if (w.flat_details > 0)
                        --w.flat_details;
                    else if (!w.open.empty() && w.open.back().node == nullptr)
                        close_details(w);
                    break;  // a stray end tag: nothing to close
                case html::Piece::Kind::Html:
                    if (html_content(piece.text, b)) finish(w, std::move(b));
                    break;
            }
        }
    }

    // The bold title paragraph of a <details> from its summary's inner HTML ("Details" when empty).
    doc::Block summary_paragraph(std::string_view summary, const SourceLocation& at) {
        doc::Block p{doc::BlockKind::Paragraph, at};
        doc::Inline strong{.kind = doc::InlineKind::Strong, .location = at};
        strong.children = html_inlines(summary, at);
        if (strong.children.empty()) strong.children.push_back({.text = "Details", .location = at});
        p.inlines.push_back(std::move(strong));
        return p;
    }

    // HTML content becomes a thematic break when it holds only `<hr>`, a table when it is a
    // plain one, a paragraph of its pictures when it has `<img>` tags and no text, else a
    // paragraph of its visible text, if it has any; the comment `<!-- pagebreak -->` alone is
    // a manual page break.
    bool html_content(const std::string& raw, doc::Block& b) {
        if (trim(raw) == "<!-- pagebreak -->") {
            b.kind = doc::BlockKind::PageBreak;
            return true;
        }
        if (!html::tags_alone(raw, "hr").empty()) {
            b.kind = doc::BlockKind::ThematicBreak;
            return true;
        }
        if (const std::optional<html::Table> table = html::read_table(raw); table && html_table(*table, b)) return true;
        const html::BlockText text = html::block_text(raw);
        b.kind = doc::BlockKind::Paragraph;
        if (!text.has_text && !text.images.empty()) {
            // Pictures in wrappers (`<p align="center"><img ...></p>`, a README's logo): the
            // pictures, the wrappers' layout left out.
            for (const std::string& name : text.dropped)
                if (name != "<img>") warn_html(name, b.location);
            for (std::string_view tag : text.images) {
                if (!b.inlines.empty()) b.inlines.push_back({.text = " ", .location = b.location});
                b.inlines.push_back(html_image(tag, b.location));
            }
            return true;
        }
        for (const std::string& name : text.dropped) warn_html(name, b.location);
        for (const std::string& line : text.lines) {
            if (line.empty()) continue;
            if (!b.inlines.empty())
                b.inlines.push_back({.kind = doc::InlineKind::LineBreak, .location = b.location});
            b.inlines.push_back({.kind = doc::InlineKind::Text, .text = line, .location = b.location});
        }
        return !b.inlines.empty();
    }

    // An HTML table as a GFM table: the first row is the header (the table layout always has
    // one), a cell spanning columns is followed by empty cells, short rows are filled up;
    // false when it is wider or larger than the limits of Markdown tables.
    bool html_table(const html::Table& t, doc::Block& b) {
        std::size_t cols = 0;
        for (const auto& row : t.rows) {
            std::size_t width = 0;
            for (const html::Table::Cell& c : row) width += static_cast<std::size_t>(c.span);
            cols = std::max(cols, width);
        }
        if (cols > kMaxTableColumns || t.rows.size() * cols > kMaxTableCells) return false;
        b.kind = doc::BlockKind::Table;
        b.inlines = html_inlines(t.caption, b.location);
        b.alignments.assign(cols, doc::Alignment::None);
        for (const auto& row : t.rows) {
            doc::Block r{doc::BlockKind::TableRow, b.location};
            for (const html::Table::Cell& c : row) {
                if (c.align && b.alignments[r.children.size()] == doc::Alignment::None)
                    b.alignments[r.children.size()] = alignment(static_cast<std::uint8_t>(c.align));
                doc::Block cell{doc::BlockKind::TableCell, b.location};
                cell.inlines = html_inlines(c.html, b.location);
                r.children.push_back(std::move(cell));
                r.children.resize(r.children.size() + static_cast<std::size_t>(c.span) - 1, {doc::BlockKind::TableCell, b.location});
            }
            r.children.resize(cols, {doc::BlockKind::TableCell, b.location});
            b.children.push_back(std::move(r));
        }
        return true;
    }

    // Inner HTML (a cell, a caption, a summary) as inlines: its text literal, its tags read as
    // inline HTML; located at `at` (the block it stands in).
    std::vector<doc::Inline> html_inlines(std::string_view inner, const SourceLocation& at) {
        std::vector<doc::Inline> out;
        const std::string markdown = html::as_markdown(inner);
        if (markdown.empty()) return out;
        // A letter first, so that a leading tag is inline HTML, not the start of an HTML block.
        const std::string text = "x" + markdown;
        const auto root = tree(text);
        cmark_node* paragraph = cmark_node_first_child(root.get());
        if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH) return out;
        const SourceLines lines(text);
        const SourceLines* outer = std::exchange(source_, &lines);
        const std::uint32_t line = std::exchange(first_line_, at.line);
        inlines(paragraph, at, out);
        first_line_ = line;
        source_ = outer;
        if (!out.empty() && out.front().kind == doc::InlineKind::Text) {
            out.front().text.erase(0, 1);
            if (out.front().text.empty()) out.erase(out.begin());
        }
        relocate(out, at);
        return out;
    }

    // Located at `at`, and the text that as_markdown escaped joined again: no syntax is read
    // after this in HTML's text.
    static void relocate(std::vector<doc::Inline>& ins, const SourceLocation& at) {
        std::vector<doc::Inline> joined;
        for (doc::Inline& in : ins) {
            in.location = at;
            in.escaped = false;
            relocate(in.children, at);
            push_inline(joined, std::move(in));
        }
        ins = std::move(joined);
    }

    // One warning per document for each tag name (or declaration) left out.
    void warn_html(const std::string& name, const SourceLocation& at) {
        if (warned_tags_.insert(name).second)
            sink_.warn("html.dropped", at, "raw HTML is not rendered: " + name + " (reported once per tag)");
    }

    void inlines(cmark_node* parent, const SourceLocation& parent_at, std::vector<doc::Inline>& out) {
        std::vector<OpenInline> open;  // containers being built (emphasis, links, ...), outermost first
        std::size_t count = 0;         // inline elements kept in the model, against doc::max_inlines
        const Iterator it(cmark_iter_new(parent));
        for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
            cmark_node* n = cmark_iter_get_node(it.get());
            if (n == parent) continue;
            std::vector<doc::Inline>& into = open.empty() ? out : open.back().in.children;
            if (ev == CMARK_EVENT_EXIT) {
                if (std::none_of(open.begin(), open.end(), [n](const OpenInline& o) { return o.node == n; }))
                    continue;  // a flattened container
                while (open.back().node != n) unwrap(open, out);  // HTML elements left open inside it
                doc::Inline in = std::move(open.back().in);
                open.pop_back();
                push_inline(open.empty() ? out : open.back().in.children, std::move(in));
                continue;
            }
            doc::Inline in;
            in.location = where(n, open.empty() ? parent_at : open.back().in.location);
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
                html_inline(literal(n), in.location, open, out);
                continue;
            }
            const Shape shape = inline_node(n, in);
            const bool kept = shape == Shape::Leaf ||
                              (shape == Shape::Container && open.size() < static_cast<std::size_t>(doc::max_nesting));
            if (kept && ++count > doc::max_inlines) {
                // Past the limit, containers are flattened and leaves become plain text.
                if (count == doc::max_inlines + 1)
                    sink_.warn("inline.flattened", in.location,
                               "more than " + std::to_string(doc::max_inlines) +
                                   " inline elements in one block: the rest is set as plain text");
                if (shape == Shape::Container) continue;
                push_inline(into, {.kind = doc::InlineKind::Text, .text = doc::plain_text({in}), .location = in.location});
                cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
                continue;
            }
            switch (shape) {
                case Shape::Container:
                    if (open.size() < static_cast<std::size_t>(doc::max_nesting))
                        open.push_back({n, std::move(in)});
                    else
                        flattened(in.location);
                    continue;
                case Shape::Leaf:
                    if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
                        for (doc::Inline& part : text_parts(n, std::move(in))) push_inline(into, std::move(part));
                    else
                        push_inline(into, std::move(in));
                    break;
                case Shape::Skip: break;
            }
            cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
        }
        while (!open.empty()) unwrap(open, out);
        attach_image_attributes(out);
        emoji::replace_codes(out);
        if (dialect_.pandoc) scripts::read(out);
    }

    // A text node, its escaped characters standing alone (split_escapes).
    std::vector<doc::Inline> text_parts(cmark_node* n, doc::Inline in) const {
        const int line = cmark_node_get_start_line(n), first = cmark_node_get_start_column(n),
                  last = cmark_node_get_end_column(n);
        if (!source_ || line <= 0 || line != cmark_node_get_end_line(n) || first <= 0 || last < first) return {in};
        const std::string_view text = source_->line(line);
        if (static_cast<std::size_t>(last) > text.size()) return {in};
        const std::string_view written = text.substr(static_cast<std::size_t>(first) - 1, static_cast<std::size_t>(last - first) + 1);
        if (written.find_first_of("\\&") == std::string_view::npos) return {in};
        return split_escapes(in, written);
    }

    // An HTML element the text did not close: its content goes on without it.
    static void unwrap(std::vector<OpenInline>& open, std::vector<doc::Inline>& out) {
        doc::Inline in = std::move(open.back().in);
        open.pop_back();
        for (doc::Inline& child : in.children) push_inline(open.empty() ? out : open.back().in.children, std::move(child));
    }

    // One inline HTML tag: a start tag with a plain meaning opens an element that its end tag
    // closes (cmark-gfm gives each tag as a node of its own); elements that only group text
    // (<span>, <abbr>) are left out quietly, any other tag with one warning per name.
    void html_inline(const std::string& raw, const SourceLocation& at, std::vector<OpenInline>& open,
                     std::vector<doc::Inline>& out) {
        const html::InlineTag tag = html::classify_inline(raw);
        std::vector<doc::Inline>& into = open.empty() ? out : open.back().in.children;
        doc::Inline in{.location = at};
        switch (tag.kind) {
            case html::InlineHtml::Comment: return;
            case html::InlineHtml::LineBreak: push_inline(into, {.kind = doc::InlineKind::LineBreak, .location = at}); return;
            case html::InlineHtml::Open:
                if (!html::element(tag, in)) break;
                if (open.size() >= static_cast<std::size_t>(doc::max_nesting)) {
                    flattened(at);
                    return;
                }
                open.push_back({nullptr, std::move(in), tag.name});
                return;
            case html::InlineHtml::Close:
                if (!open.empty() && open.back().node == nullptr && open.back().html == tag.name) {
                    doc::Inline done = std::move(open.back().in);
                    open.pop_back();
                    if (done.kind == doc::InlineKind::Code) done.text = doc::plain_text(std::exchange(done.children, {}));
                    push_inline(open.empty() ? out : open.back().in.children, std::move(done));
                }
                return;  // an end tag of an element not open (or left out) is dropped with it
            case html::InlineHtml::Empty:
                if (tag.name != "img") break;
                push_inline(into, html_image(raw, at));
                return;
            case html::InlineHtml::Other: break;
        }
        if (html::is_transparent(tag.name)) return;
        warn_html(tag.name.empty() ? html::excerpt(raw) : "<" + tag.name + ">", at);
    }

    // Converts one inline node into `in` (a container without its children).
    Shape inline_node(cmark_node* n, doc::Inline& in) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT: in.text = literal(n); return Shape::Leaf;
            case CMARK_NODE_SOFTBREAK: in.kind = doc::InlineKind::SoftBreak; return Shape::Leaf;
            case CMARK_NODE_LINEBREAK: in.kind = doc::InlineKind::LineBreak; return Shape::Leaf;
            case CMARK_NODE_CODE:
                switch (math_node(n)) {
                    case MathNode::None: in.kind = doc::InlineKind::Code; break;
                    case MathNode::Inline: in.kind = doc::InlineKind::Math; break;
                    case MathNode::Display: in.kind = doc::InlineKind::DisplayMath; break;
                }
                in.text = literal(n);
                return Shape::Leaf;
            case CMARK_NODE_EMPH: in.kind = doc::InlineKind::Emphasis; return Shape::Container;
            case CMARK_NODE_STRONG: in.kind = doc::InlineKind::Strong; return Shape::Container;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE:
                in.kind = cmark_node_get_type(n) == CMARK_NODE_LINK ? doc::InlineKind::Link : doc::InlineKind::Image;
                in.url = cmark_node_get_url(n);
                in.title = cmark_node_get_title(n);
                return Shape::Container;
            case CMARK_NODE_FOOTNOTE_REFERENCE: {
                // cmark-gfm replaces the reference's literal with the definition's number.
                in.kind = doc::InlineKind::FootnoteRef;
                in.text = footnote_label(n);
                const std::string number = literal(n);
                std::from_chars(number.data(), number.data() + number.size(), in.number);
                return Shape::Leaf;
            }
            default:
                if (!has_type_string(n, "strikethrough")) return Shape::Skip;
                in.kind = doc::InlineKind::Strikethrough;
                return Shape::Container;
        }
    }

    std::uint32_t first_line_;
    const SourceLines* source_ = nullptr;  // the text of the tree being converted
    const std::string& file_;
    DiagnosticSink& sink_;
    Dialect dialect_;
    UniqueSlugs slugs_;
    std::vector<std::string> used_labels_;
    std::vector<footnotes::LineRange> verbatim_;
    bool warned_nesting_ = false;
    static constexpr int kMaxDefinitionDepth = 4;
    int definition_depth_ = 0;  // definitions whose further blocks are being read
    std::set<std::string> warned_tags_;  // HTML tags reported as not rendered
};

}  // namespace

namespace {

/// The `{#id}` of every image in `inlines`, at any depth.
void collect_image_ids(const std::vector<doc::Inline>& inlines, std::vector<std::string>& out) {
    for (const doc::Inline& in : inlines) {
        if (in.kind == doc::InlineKind::Image && in.attributes && !in.attributes->id.empty())
            out.push_back(in.attributes->id);
        collect_image_ids(in.children, out);
    }
}

/// Every anchor a link may name: headings' slugs, figures' and tables' ids, in document order,
/// at any depth.
void collect_slugs(const std::vector<doc::Block>& blocks, std::vector<std::string>& out) {
    for (const doc::Block& b : blocks) {
        if (b.kind == doc::BlockKind::Heading || (b.kind == doc::BlockKind::Table && !b.slug.empty()))
            out.push_back(b.slug);
        collect_image_ids(b.inlines, out);
        collect_slugs(b.children, out);
    }
}

std::string first_h1(const std::vector<doc::Block>& blocks) {
    for (const doc::Block& b : blocks)
        if (b.kind == doc::BlockKind::Heading && b.level == 1) return doc::plain_text(b.inlines);
    return {};
}

}  // namespace

void parse(std::string_view body, std::uint32_t first_line, const std::string& file, doc::Document& out,
           DiagnosticSink& sink, Dialect dialect) {
    Converter converter(first_line, file, sink, dialect);
    const auto root = converter.tree(body);
    out.blocks.clear();
    out.footnotes.clear();
    converter.document(root.get(), body, out);
    out.heading_slugs.clear();
    collect_slugs(out.blocks, out.heading_slugs);

    for (const footnotes::WrittenDefinition& d :
         footnotes::unused_definitions(body, converter.used_labels(), converter.verbatim_lines()))
        sink.warn("footnote.unused", {file, d.line + first_line - 1, d.column},
                  "footnote [^" + d.label + "] is never referenced and is not printed");
}

std::string first_heading(const doc::Document& doc) { return first_h1(doc.blocks); }

struct SectionReader::State {
    State(std::string_view body, std::uint32_t first_line, const std::string& file, DiagnosticSink& sink,
          Dialect dialect)
        : body(body), first_line(first_line), file(file), dialect(dialect), converter(first_line, this->file, sink, dialect) {}
    std::string_view body;
    std::uint32_t first_line;
    // A copy: the reader outlives the call that opened it, and the caller's name may not.
    const std::string file;
    Dialect dialect;
    Converter converter;
    std::vector<Section> sections;
    std::size_t next = 0;

    /// Section `i` converted by `c` into `out`'s blocks.
    void read(std::size_t i, Converter& c, doc::Document& out) const {
        const Section& s = sections[i];
        c.start_at(first_line + s.line - 1);
        out.blocks.clear();
        const std::string_view text = body.substr(s.begin, s.end - s.begin);
        c.document(c.tree(text).get(), text, out);
    }
};

std::unique_ptr<SectionReader> SectionReader::open(std::string_view body, std::uint32_t first_line,
                                                   const std::string& file, DiagnosticSink& sink, std::size_t min_bytes,
                                                   std::size_t section_bytes, Dialect dialect) {
    if (body.size() < min_bytes) return nullptr;
    std::unique_ptr<SectionReader> reader(new SectionReader);
    reader->state_ = std::make_unique<State>(body, first_line, file, sink, dialect);
    reader->state_->sections = split_sections(body, section_bytes);
    if (reader->state_->sections.size() < 2) return nullptr;
    return reader;
}

SectionReader::SectionReader() = default;
SectionReader::~SectionReader() = default;

std::string SectionReader::start(doc::Document& out) {
    State& s = *state_;
    // The headings first, each section read and dropped: links to later headings are checked
    // as they are laid out. The slugs repeat exactly when the sections are read again, since
    // they come in the same order.
    DiagnosticSink quiet;
    Converter scan(s.first_line, s.file, quiet, s.dialect);
    std::string h1;
    out.heading_slugs.clear();
    for (std::size_t i = 0; i < s.sections.size(); ++i) {
        s.read(i, scan, out);
        collect_slugs(out.blocks, out.heading_slugs);
        if (h1.empty()) h1 = first_h1(out.blocks);
    }
    out.footnotes.clear();
    s.read(0, s.converter, out);
    s.next = 1;
    return h1;
}

bool SectionReader::next(std::vector<doc::Block>& blocks) {
    State& s = *state_;
    if (s.next >= s.sections.size()) return false;
    doc::Document section;
    s.read(s.next++, s.converter, section);
    blocks = std::move(section.blocks);
    return true;
}

}  // namespace galley::markdown
