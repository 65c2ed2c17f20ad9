// Raw HTML inside Markdown. galley renders no HTML layout (DESIGN.md section 2): a comment
// vanishes, inline elements with a plain meaning (<sub>, <kbd>, <a href>, <img>, ...) become
// the model's inlines, and of an HTML block only the visible text survives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace galley::markdown::html {

enum class InlineHtml {
    Comment,    // <!-- ... -->
    LineBreak,  // <br>, <br/>
    Open,       // a start tag: <sub>, <a href=...>
    Close,      // an end tag: </sub>
    Empty,      // a tag without content: <img ...>, <hr>, <x/>
    Other,      // not a tag (a declaration, a processing instruction)
};

/// One inline HTML node of cmark-gfm (a single tag or comment), read.
struct InlineTag {
    InlineHtml kind = InlineHtml::Other;
    std::string name;  // lower-case tag name
    std::vector<std::pair<std::string, std::string>> attributes;  // names lower-case, entities decoded

    /// The value of attribute `name` (lower-case), empty when absent.
    std::string attribute(std::string_view name) const;
};

InlineTag classify_inline(std::string_view literal);

/// The model's element for a start tag with a plain meaning, into `in` (kind, url, title): <b>
/// <strong> <i> <em> <cite> <dfn> <var> <s> <del> <strike> <ins> <u> <sub> <sup> <mark> <kbd>
/// <small> <code> <tt> <samp> <a href>. false for any other tag (<img> is an image with its
/// attributes: tag_attributes).
bool element(const InlineTag& tag, doc::Inline& in);

/// Tags that only group text (<span>, <abbr>, <a> without href, ...): left out without a
/// warning, their content kept.
bool is_transparent(std::string_view name);

/// The attributes of a start tag (`<img src="a.png" width=300 alt='x'>`): names lower-cased,
/// values with entities decoded; `id` and `class` in their own fields.
doc::Attributes tag_attributes(std::string_view tag);

/// The `<name>` tags (`hr`) of an HTML block that holds nothing else (white space between
/// them); empty when it holds anything else.
std::vector<std::string_view> tags_alone(std::string_view block, std::string_view name);

/// The first tag of some raw HTML, shortened, for the "not rendered" warning.
std::string excerpt(std::string_view literal);

/// The visible text of an HTML block: tags, comments, script and style contents removed,
/// common entities decoded, whitespace collapsed as a browser would; an `<img>` leaves its alt
/// text.
struct BlockText {
    std::vector<std::string> lines;  // split at <br>; a line may be empty
    /// What was removed, each once in order of appearance: `<name>` of a tag (not of grouping
    /// tags, is_transparent), or the excerpt of a declaration or processing instruction.
    std::vector<std::string> dropped;
    std::vector<std::string_view> images;  // the `<img>` tags, in order (views into the literal)
    bool has_text = false;                 // any visible text besides alt texts
};
BlockText block_text(std::string_view literal);

/// Inner HTML (a table cell, a summary) as Markdown that cmark-gfm reads back as the same
/// text: ASCII punctuation outside tags backslash-escaped, white space collapsed to single
/// spaces on one line, tags and entities kept (they become inline HTML and characters).
std::string as_markdown(std::string_view inner_html);

/// A `<table>` HTML block of plain rows and cells (`<thead>`, `<tbody>`, `<tfoot>`, `<tr>`,
/// `<th>`, `<td>`, `<caption>`), each cell's inner HTML kept for inline reading. `<th>` and
/// `<td>` are not told apart: the table layout takes the first row as the header.
struct Table {
    struct Cell {
        std::string html;  // inner HTML
        int span = 1;         // colspan, 1 to kMaxColspan
        char align = 0;       // 'l', 'c', 'r' from align= or style="text-align:...", else 0
    };
    std::string caption;  // inner HTML of <caption>
    std::vector<std::vector<Cell>> rows;
};
/// The widest colspan read; larger values are clamped (a table is at most
/// markdown::kMaxTableColumns wide anyway).
inline constexpr int kMaxColspan = 64;
/// `block` as a table when it is one table and nothing else (white space and comments around
/// it), holds no nested table and at least one cell; nullopt otherwise.
std::optional<Table> read_table(std::string_view block);

/// An HTML block cut at `<details>`, `<summary>...</summary>` and `</details>`, which hold
/// Markdown between them as GitHub renders it.
struct Piece {
    enum class Kind { Html, Open, Summary, Close } kind = Kind::Html;
    /// Html: the raw HTML; Open: its summary's inner HTML (empty when it has none there);
    /// Summary: the inner HTML of a `<summary>` that starts a block after its `<details>`.
    std::string text;
};
/// The pieces of `block`: a single Html piece when it holds no details tags.
std::vector<Piece> details_pieces(std::string_view block);

}  // namespace galley::markdown::html
