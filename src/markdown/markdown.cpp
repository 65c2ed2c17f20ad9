// Markdown body to the document model: cmark-gfm parses, this file walks its tree and builds
// doc::Block and doc::Inline with file locations, heading slugs and footnote numbers.
#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "markdown/footnotes.h"
#include "markdown/html.h"
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

// cmark-gfm has no accessor for footnote labels; its CommonMark renderer writes them.
std::string footnote_label(cmark_node* n) {
    std::unique_ptr<char, decltype(&std::free)> text(cmark_render_commonmark(n, CMARK_OPT_FOOTNOTES, 0),
                                                     &std::free);
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
    if (in.kind == doc::InlineKind::Text && !out.empty() && out.back().kind == doc::InlineKind::Text)
        out.back().text += in.text;
    else
        out.push_back(std::move(in));
}

class Converter {
public:
    Converter(std::uint32_t first_line, const std::string& file, DiagnosticSink& sink)
        : first_line_(first_line), file_(file), sink_(sink) {}

    void document(cmark_node* root, doc::Document& out) {
        const SourceLocation start{file_, first_line_, 1};
        for (cmark_node* n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
            doc::Block b;
            if (!block(n, start, b)) continue;
            if (b.kind == doc::BlockKind::FootnoteDefinition) {
                // cmark-gfm appends the referenced definitions in order of first reference.
                b.number = static_cast<int>(out.footnotes.size()) + 1;
                used_labels_.push_back(b.label);
                out.footnotes.push_back(std::move(b));
            } else {
                out.blocks.push_back(std::move(b));
            }
        }
    }

    const std::vector<std::string>& used_labels() const { return used_labels_; }
    const std::vector<footnotes::LineRange>& verbatim_lines() const { return verbatim_; }

private:
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

    void blocks(cmark_node* parent, const SourceLocation& at, std::vector<doc::Block>& out) {
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
            doc::Block b;
            if (block(n, at, b)) out.push_back(std::move(b));
        }
    }

    // Converts one block node into `b`; false when nothing of it is kept.
    bool block(cmark_node* n, const SourceLocation& parent_at, doc::Block& b) {
        b.location = where(n, parent_at);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
                b.kind = doc::BlockKind::Paragraph;
                inlines(n, b.location, b.inlines);
                if (is_newpage(b.inlines)) b = {doc::BlockKind::PageBreak, b.location};
                return !b.inlines.empty() || b.kind == doc::BlockKind::PageBreak;
            case CMARK_NODE_HEADING:
                b.kind = doc::BlockKind::Heading;
                b.level = cmark_node_get_heading_level(n);
                inlines(n, b.location, b.inlines);
                b.slug = slugs_.add(doc::plain_text(b.inlines));
                return true;
            case CMARK_NODE_BLOCK_QUOTE:
                b.kind = doc::BlockKind::BlockQuote;
                blocks(n, b.location, b.children);
                return true;
            case CMARK_NODE_LIST:
                b.kind = doc::BlockKind::List;
                b.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
                if (b.ordered) b.start = cmark_node_get_list_start(n);
                b.tight = cmark_node_get_list_tight(n) != 0;
                blocks(n, b.location, b.children);
                return true;
            case CMARK_NODE_ITEM:
                b.kind = doc::BlockKind::ListItem;
                if (has_type_string(n, "tasklist"))
                    b.task = cmark_gfm_extensions_get_tasklist_item_checked(n) ? doc::TaskState::Checked
                                                                               : doc::TaskState::Unchecked;
                blocks(n, b.location, b.children);
                return true;
            case CMARK_NODE_CODE_BLOCK:
                b.kind = doc::BlockKind::CodeBlock;
                b.text = literal(n);
                if (const char* info = cmark_node_get_fence_info(n)) b.info = info;
                note_verbatim(n);
                return true;
            case CMARK_NODE_THEMATIC_BREAK: b.kind = doc::BlockKind::ThematicBreak; return true;
            case CMARK_NODE_HTML_BLOCK: note_verbatim(n); return html_block(n, b);
            case CMARK_NODE_FOOTNOTE_DEFINITION:
                b.kind = doc::BlockKind::FootnoteDefinition;
                b.label = footnote_label(n);
                blocks(n, b.location, b.children);
                return true;
            default: break;
        }
        if (has_type_string(n, "table")) {
            b.kind = doc::BlockKind::Table;
            const std::uint8_t* codes = cmark_gfm_extensions_get_table_alignments(n);
            for (std::uint16_t i = 0; codes && i < cmark_gfm_extensions_get_table_columns(n); ++i)
                b.alignments.push_back(alignment(codes[i]));
            blocks(n, b.location, b.children);
            return true;
        }
        if (has_type_string(n, "table_header") || has_type_string(n, "table_row")) {
            b.kind = doc::BlockKind::TableRow;
            blocks(n, b.location, b.children);
            return true;
        }
        if (has_type_string(n, "table_cell")) {
            b.kind = doc::BlockKind::TableCell;
            inlines(n, b.location, b.inlines);
            return true;
        }
        return false;
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

    // An HTML block becomes a paragraph of its visible text, if it has any; the comment
    // `<!-- pagebreak -->` alone is a manual page break.
    bool html_block(cmark_node* n, doc::Block& b) {
        const std::string raw = literal(n);
        if (trim(raw) == "<!-- pagebreak -->") {
            b.kind = doc::BlockKind::PageBreak;
            return true;
        }
        const html::BlockText text = html::block_text(raw);
        if (text.dropped_markup) warn_html(raw, b.location);
        b.kind = doc::BlockKind::Paragraph;
        for (const std::string& line : text.lines) {
            if (line.empty()) continue;
            if (!b.inlines.empty())
                b.inlines.push_back({.kind = doc::InlineKind::LineBreak, .location = b.location});
            b.inlines.push_back({.kind = doc::InlineKind::Text, .text = line, .location = b.location});
        }
        return !b.inlines.empty();
    }

    void warn_html(std::string_view raw, const SourceLocation& at) {
        sink_.warn("html.dropped", at, "raw HTML is not rendered: " + html::excerpt(raw));
    }

    void inlines(cmark_node* parent, const SourceLocation& parent_at, std::vector<doc::Inline>& out) {
        for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
            doc::Inline in;
            in.location = where(n, parent_at);
            switch (cmark_node_get_type(n)) {
                case CMARK_NODE_TEXT: in.text = literal(n); break;
                case CMARK_NODE_SOFTBREAK: in.kind = doc::InlineKind::SoftBreak; break;
                case CMARK_NODE_LINEBREAK: in.kind = doc::InlineKind::LineBreak; break;
                case CMARK_NODE_CODE:
                    in.kind = doc::InlineKind::Code;
                    in.text = literal(n);
                    break;
                case CMARK_NODE_EMPH: in.kind = doc::InlineKind::Emphasis; break;
                case CMARK_NODE_STRONG: in.kind = doc::InlineKind::Strong; break;
                case CMARK_NODE_LINK:
                case CMARK_NODE_IMAGE:
                    in.kind = cmark_node_get_type(n) == CMARK_NODE_LINK ? doc::InlineKind::Link
                                                                        : doc::InlineKind::Image;
                    in.url = cmark_node_get_url(n);
                    in.title = cmark_node_get_title(n);
                    break;
                case CMARK_NODE_FOOTNOTE_REFERENCE: {
                    // cmark-gfm replaces the reference's literal with the definition's number.
                    in.kind = doc::InlineKind::FootnoteRef;
                    in.text = footnote_label(n);
                    const std::string number = literal(n);
                    std::from_chars(number.data(), number.data() + number.size(), in.number);
                    break;
                }
                case CMARK_NODE_HTML_INLINE:
                    switch (html::classify_inline(literal(n))) {
                        case html::InlineHtml::Comment: continue;
                        case html::InlineHtml::LineBreak: in.kind = doc::InlineKind::LineBreak; break;
                        case html::InlineHtml::Other: warn_html(literal(n), in.location); continue;
                    }
                    break;
                default:
                    if (!has_type_string(n, "strikethrough")) continue;
                    in.kind = doc::InlineKind::Strikethrough;
                    break;
            }
            inlines(n, in.location, in.children);
            push_inline(out, std::move(in));
        }
    }

    std::uint32_t first_line_;
    const std::string& file_;
    DiagnosticSink& sink_;
    UniqueSlugs slugs_;
    std::vector<std::string> used_labels_;
    std::vector<footnotes::LineRange> verbatim_;
};

}  // namespace

void parse(std::string_view body, std::uint32_t first_line, const std::string& file, doc::Document& out,
           DiagnosticSink& sink) {
    const std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
    for (cmark_syntax_extension* extension : gfm_extensions())
        cmark_parser_attach_syntax_extension(parser.get(), extension);
    cmark_parser_feed(parser.get(), body.data(), body.size());
    const std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));

    out.blocks.clear();
    out.footnotes.clear();
    Converter converter(first_line, file, sink);
    converter.document(root.get(), out);

    for (const footnotes::WrittenDefinition& d :
         footnotes::unused_definitions(body, converter.used_labels(), converter.verbatim_lines()))
        sink.warn("footnote.unused", {file, d.line + first_line - 1, d.column},
                  "footnote [^" + d.label + "] is never referenced and is not printed");
}

}  // namespace galley::markdown
