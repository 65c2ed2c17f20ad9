// Block layout's internals: what every block kind's layout needs (Blocks), the container a
// block is set in (Context), and one function per block kind, each in its own file: layout.cpp
// (dispatch, paragraphs, headings, quotes, rules, figures, tables), title.cpp, toc.cpp,
// lists.cpp, code.cpp, footnotes.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "layout/inline_text.h"
#include "layout/layout.h"
#include "layout/vertical_list.h"

namespace galley::layout {

/// Where and how the blocks of one container are set.
struct Context {
    Pt left = 0;   // x of the text column's left edge, page space
    Pt width = 0;  // measure
    std::vector<Decoration> decorations;
    style::TextStyle text;  // body text role for this container
    int list_depth = 0;
    bool tight = false;  // inside a tight list item: no paragraph spacing
    /// A right-to-left container (list item, block quote, footnote): indented from the right,
    /// its marker, bar or number on the right.
    bool right_to_left = false;
    /// The base direction of every paragraph and container set here (a list's, inherited by
    /// what its items hold); Auto: each takes its own from its first strong character.
    shape::ParagraphDirection direction = shape::ParagraphDirection::Auto;
    /// The structure element the container's blocks are kids of (0: untagged).
    std::uint32_t parent = 0;
};

/// Heading numbers as the style's numbering keys say: a counter per level, printed from the
/// first level in use (a document whose sections are h2 numbers them 1, 2, ..., not 0.1).
class SectionNumbers {
public:
    explicit SectionNumbers(const style::Style& style) : style_(style) {}
    /// Counts a heading of `level` (1-6) and returns its number ("2.1"), or "" when headings
    /// are not numbered or this one lies deeper than numbering.depth. Numbers start at the
    /// first level in use (h2 sections are 1, 2); a heading above every one numbered so far
    /// continues their count (h2 "1", then h1 "2", its h2 "2.1"), so no two read the same.
    std::string next(int level);

private:
    const style::Style& style_;
    int counts_[6] = {};
    int top_ = 6;  // the index of the shallowest level numbered so far; 6 before any
};

/// The services and state of one document's block layout. Only `list` changes as blocks are
/// laid out (and `flow`'s headings, notes and table headers).
struct Blocks {
    const doc::Document& doc;
    const style::Style& style;
    Typesetter& ts;
    const Options& options;
    InlineText& text;
    VerticalList& list;
    Flow& flow;
    SectionNumbers& numbers;
    /// The document's `dir`: Auto lets each container's first paragraph decide.
    shape::ParagraphDirection direction;

    /// Lays out one block (and its children) into the vertical list.
    void block(const doc::Block& b, const Context& ctx);
    /// The structure tree being built.
    Structure& structure() { return text.structure(); }
    /// Lines of `inlines` set in the container's measure as `ps` says.
    std::vector<SetLine> lines(const std::vector<doc::Inline>& inlines, const SpanStyle& style, ParagraphStyle ps) {
        return text.lines(text.spans(inlines, style, ps.leading), ps);
    }
    /// Moves a container's text in by `by` from the side it starts on, unless that would leave
    /// less than a third of the text width.
    void indent(Context& c, Pt by) const;
    /// Whether a container is set right to left: the document's `dir` says, or the direction
    /// the enclosing context hands down (`ctx.direction`, inside a list), or else its first
    /// paragraph's first strong character does (UAX #9 P2–P3).
    bool right_to_left(const doc::Block& container, const Context& ctx) const;
};

/// A heading-like block: anchored at `slug`, in the outline and TOC when `listed`, kept with
/// what follows.
/// Tagged as `type`, by default the heading type of `level`.
void heading_text(Blocks& b, const std::vector<doc::Inline>& ins, const std::string& slug, int level,
                  const style::TextStyle& ts, const Context& ctx, bool listed,
                  std::optional<frame::StructType> type = std::nullopt);
/// A thematic break: a rule across the column.
void rule(Blocks& b, const Context& ctx);
/// The title block from the front matter and the abstract; `first_block` is set past an H1
/// that repeats the title. With title.page, the block fills a page of its own. Returns whether
/// it set anything.
bool title_block(Blocks& b, const Context& ctx, std::size_t& first_block);
/// The generated table of contents of the blocks from `first_block` on; whether it set any.
bool toc(Blocks& b, const Context& ctx, std::size_t first_block);
/// `inlines` after the heading number `number` and an en space (as they are when it is empty).
std::vector<doc::Inline> numbered(const std::vector<doc::Inline>& inlines, const std::string& number);
void list(Blocks& b, const doc::Block& list, const Context& ctx);
void code_block(Blocks& b, const doc::Block& code, const Context& ctx);
/// A display formula (formulas.cpp): centred, labelled at the right margin, or as code when it
/// cannot be set.
void display_math(Blocks& b, const doc::Block& math, const Context& ctx);
/// A callout (doc::BlockKind::Callout): bar and title in the kind's colour, then the content.
void callout(Blocks& b, const doc::Block& c, const Context& ctx);
/// Lays out `draw` (a quote's or callout's lines, whose Context `inner` adds a bar to `outer`)
/// with block spacing above and below, the bar starting at the first line, not in the space
/// above it (where it met the rule of a table just above).
void barred_block(Blocks& b, const Context& outer, const Context& inner, const std::function<void()>& draw);
/// A definition list: each term bold and kept with its definition, definitions indented.
void definition_list(Blocks& b, const doc::Block& list, const Context& ctx);
/// The indent footnote numbers hang in: the footnote indent, or the widest number's.
Pt note_number_indent(Blocks& b);
/// Footnote `index` (of the document's footnotes) into its own fragments, Flow::notes[index].
void note(Blocks& b, std::size_t index, const Context& root, Pt number_indent);

/// The gap between a hanging marker (list marker, task box, footnote number) and its text.
inline Pt marker_gap(const SpanStyle& s) { return s.size * 0.45; }
/// Sets `text` on the first baseline of `f`, ending a small gap before the column (list
/// markers, footnote numbers). Returns the box of its line.
Rect hanging_text(Blocks& b, Fragment& f, const std::string& text, const SpanStyle& s, const Context& c);

}  // namespace galley::layout
