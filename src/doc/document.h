// The document model: what the Markdown says, independent of how it will look. Produced by
// frontmatter/ and markdown/, read by layout/. Every node keeps its source location.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::doc {

/// The front matter `dir`: the base direction of every paragraph (UAX #9 rule HL1), or Auto to
/// take each paragraph's from its first strong character.
enum class ParagraphDirection { Auto, LeftToRight, RightToLeft };

/// Front matter mapped to the fields galley uses (DESIGN.md section 2). `raw` keeps every key,
/// including unknown ones; `style_overrides` is the `[galley]` table (or `galley:` map).
struct Metadata {
    std::string title;
    std::string subtitle;     // `subtitle`
    std::string description;  // `description` or `summary`
    std::string abstract;     // `abstract`: printed under the title block
    std::vector<std::string> authors;  // `author` or `authors`, string or list
    std::optional<DateTime> date;
    std::vector<std::string> tags;
    std::vector<std::string> categories;
    std::vector<std::string> keywords;
    std::string lang;  // BCP 47, empty = style default
    ParagraphDirection dir = ParagraphDirection::Auto;  // `dir`: "auto", "ltr" or "rtl"
    bool draft = false;
    std::optional<bool> toc;
    /// Style keys from pandoc's variables (papersize, geometry, fontsize, mainfont, toc-depth,
    /// numbersections, ...): a table of dotted style keys, or null. Applied before
    /// `style_overrides`.
    Value pandoc_style;
    /// Keys of pandoc or Hugo that galley knows and does not use, with where they were set.
    std::vector<std::pair<std::string, SourceLocation>> unused_keys;
    Value style_overrides;  // a table, or null
    Value raw;              // the whole front matter table, or null
};

enum class InlineKind {
    Text,         // `text`
    Emphasis,     // children
    Strong,       // children
    Strikethrough,// children
    Code,         // `text`: inline code span
    Link,         // children, `url`, `title`
    Image,        // children = alt text, `url`, `title`
    SoftBreak,    // a line ending inside a paragraph: a space when typeset
    LineBreak,    // hard line break
    FootnoteRef,  // `text` = label, `number` = 1-based number in order of first reference
    Math,         // `text`: the TeX source of an inline formula (`$…$`), without the dollars
    DisplayMath,  // `text`: TeX source of `$$…$$` inside inline containers (a paragraph's own
                  // display formulas become BlockKind::Math blocks)
    // From inline HTML with a plain meaning (markdown/html.h):
    Subscript,    // children: <sub>
    Superscript,  // children: <sup>
    Underline,    // children: <ins>, <u>
    Highlight,    // children: <mark>
    Keyboard,     // children: <kbd>, a key to press
    Small,        // children: <small>
};

/// Attributes written in braces after an element, as pandoc and kramdown write them:
/// `{#id .class key=value key="quoted value"}` (also `{: ...}`). Markdown's attribute parser
/// (markdown/attributes.h) makes them; images take them today, headings and code fences can.
struct Attributes {
    std::string id;
    std::vector<std::string> classes;
    std::vector<std::pair<std::string, std::string>> values;  // in the order written; keys as written

    /// The value of the last `key=...` (keys compare case-insensitively, as HTML's do), or null.
    const std::string* value(std::string_view key) const;
    bool has_class(std::string_view name) const;
};

struct Inline {
    InlineKind kind = InlineKind::Text;
    std::string text;
    std::string url;
    std::string title;
    int number = 0;
    std::vector<Inline> children;
    SourceLocation location;
    /// An image's `{...}` after it, or its HTML attributes; null when none (shared: inlines
    /// are copied, and most have none).
    std::shared_ptr<const Attributes> attributes;
    /// Text: one character of the syntax galley reads in text after parsing (alerts `[!`,
    /// emoji codes and definition lists `:`, pandoc's `~` and `^`) that the source wrote
    /// escaped (`\[`, `\:`, `&#58;`). It stands alone, so that syntax never takes it for its own.
    bool escaped = false;
};

enum class BlockKind {
    Paragraph,      // inlines
    Heading,        // inlines, level 1..6, slug
    BlockQuote,     // children
    List,           // children = ListItem; ordered, start, tight
    ListItem,       // children; task: checked or not
    CodeBlock,      // text (literal, ends with '\n' unless empty), info (fence info string)
    ThematicBreak,
    Table,          // children = TableRow (first is the header); alignments; inlines = caption, slug = its {#id}
    TableRow,       // children = TableCell
    TableCell,      // inlines
    FootnoteDefinition,  // children, label, number
    PageBreak,      // a manual page break: `\newpage` or `<!-- pagebreak -->` alone
    Math,           // text: TeX source of a display formula (`$$…$$` or a ```math fence)
    Callout,        // children; label = kind ("note", "warning", ...), inlines = title (may be empty)
    DefinitionList,     // children = DefinitionTerm and DefinitionDetails in source order; tight
    DefinitionTerm,     // inlines
    DefinitionDetails,  // children: the definition of the terms before it
};

enum class Alignment { None, Left, Center, Right };

enum class TaskState { None, Unchecked, Checked };

/// How deep the model nests: at most this many levels of block quotes, lists (an item is part
/// of its list's level) and footnote definitions, and at most this many inline containers
/// (emphasis, strong, strikethrough, link, image) inside one another. markdown::parse flattens
/// deeper input (one warning), so the walks over the model may recurse, the implicit destructor
/// among them, and stay within a small stack whatever the input.
inline constexpr int max_nesting = 64;
/// The most inline elements (text runs, code spans, styles, links, breaks) markdown/ gives one
/// block; the rest of a block beyond it is plain text. Each element costs a few hundred bytes
/// on its way to the page, so a paragraph of millions of tiny code spans would not fit in
/// memory, while its text as one run is set in windows.
inline constexpr std::size_t max_inlines = 10000;

/// The longest heading text, in bytes (about a page at a title's size). A heading is a line of
/// the outline and of the contents, its anchor, and the PDF's Title when it is the first H1: a
/// megabyte heading is a mistake, and would be copied into each.
inline constexpr std::size_t max_heading_bytes = 4096;

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    SourceLocation location;
    std::vector<Inline> inlines;
    std::vector<Block> children;
    int level = 0;              // heading level
    std::string slug;           // heading anchor (GitHub rules, unique in the document; or its {#id})
    bool unnumbered = false;    // heading: `{.unnumbered}` or `{-}`, left out of section numbering
    bool ordered = false;       // list
    int start = 1;              // ordered list start number
    bool tight = true;          // list
    TaskState task = TaskState::None;  // list item
    std::string text;           // code block literal; display formula source
    std::uint32_t text_line = 0;  // code block: the source line its literal starts on
    std::string info;           // code block info string
    std::vector<Alignment> alignments;  // table columns
    std::string label;          // footnote definition label; callout kind
    int number = 0;             // footnote definition number
};

/// A whole document: metadata from front matter and the body blocks in order. Footnote
/// definitions are collected in `footnotes` in number order, not left in `blocks`.
struct Document {
    Metadata metadata;
    std::vector<Block> blocks;
    std::vector<Block> footnotes;
    /// Every heading's slug and every figure's and table's `{#id}` in document order, also of
    /// those whose blocks are not (or not yet) in `blocks` (a long body read a section at a
    /// time), so links to them can be checked.
    std::vector<std::string> heading_slugs;
};

/// The plain text of inlines: text and code spans concatenated, breaks as spaces, images as alt
/// text. Used for heading slugs, outline titles and the PDF Info title.
std::string plain_text(const std::vector<Inline>& inlines);

}  // namespace galley::doc
