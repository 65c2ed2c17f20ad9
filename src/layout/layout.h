// Block layout: turns the document model into a vertical list of fragments (lines and other
// unbreakable pieces) with the spacing, keeps and decorations that pagination needs.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "frame/frame.h"
#include "highlight/highlight.h"
#include "inline/typesetter.h"
#include "picture/vector.h"
#include "style/style.h"

namespace galley::layout {

// Block layout works in the inline stage's terms.
using inlines::FootnoteRef;
using inlines::ParagraphStyle;
using inlines::SetLine;
using inlines::Span;
using inlines::SpanStyle;
using inlines::Typesetter;

/// A vertical strip drawn beside or behind a fragment for its whole height: a block quote's
/// bar, a code block's background. A fragment carries the strips of every container it is in,
/// so a container split across pages is drawn on both.
struct Decoration {
    Pt x = 0;
    Pt width = 0;
    Color color;
    /// Also covers the fragment's space_before (continuous bars between paragraphs), unless the
    /// fragment starts a page.
    bool covers_space_before = true;
};

/// One unbreakable piece of the vertical list: a line of text, a rule, a code line.
/// Item coordinates: x in page space; y relative to the fragment's top edge (so negative for
/// everything inside it); pagination moves them into place.
struct Fragment {
    Pt height = 0;
    /// Glue above the fragment; dropped when the fragment starts a page.
    Pt space_before = 0;
    std::vector<frame::Item> items;
    std::vector<Decoration> decorations;
    /// No page break between this fragment and the next (headings, orphan/widow control,
    /// short code blocks).
    bool keep_with_next = false;
    /// Start a new page before this fragment.
    bool page_break_before = false;
    /// ... on an odd page (a right-hand page in duplex printing): pagination adds a blank page
    /// before it when the new page would be even.
    bool odd_page = false;
    /// The first fragment of the body after front matter (Flow::front_matter): its page is
    /// numbered 1 in arabic figures.
    bool starts_body = false;
    /// Distance from the top edge to the first baseline (list markers align to it).
    Pt baseline = 0;
    /// For lines of text: the paragraph they belong to (numbered from 1; 0 for heading lines
    /// and other fragments), the line's index in it and its line count. Pagination reports
    /// widows and orphans from these.
    std::uint32_t paragraph = 0;
    std::uint32_t line = 0;
    std::uint32_t lines = 0;
    bool heading = false;  // a line of a heading (or the title)
    /// Footnotes first referenced in this fragment, as indices into Flow::notes in reference
    /// order: pagination sets them at the foot of the page this fragment lands on.
    std::vector<std::size_t> notes;
    /// The footnote references set in this fragment, until it is emitted and claims their
    /// notes (`notes`).
    std::vector<FootnoteRef> footnote_refs;
    /// A table body row: the index into Flow::table_headers of the header row that is repeated
    /// above it when it starts a page.
    std::optional<std::size_t> repeat_header;
    /// The first fragment of a figure that may float (style figure.float): when the figure and
    /// what it keeps with do not fit, the fragments after it may fill the page, and the figure
    /// heads the next one.
    bool floats = false;
};

/// A footnote's text, set at the foot of a page by pagination: fragments at the full text
/// width in the footnote style, the first one carrying the note's anchor and number.
struct Note {
    int number = 0;
    std::vector<Fragment> fragments;
    bool right_to_left = false;  // set right to left: the notes' rule goes on the right
};

/// An entry of the generated table of contents, and of the outline.
struct Heading {
    std::string title;
    int level = 1;
    std::string slug;
};

/// The result of laying out a document: the vertical list, the headings in order, the
/// footnotes and the table headers that pagination places.
struct Flow {
    std::vector<Fragment> fragments;
    std::vector<Heading> headings;
    /// Every footnote, in number order; fragments refer to them by index.
    std::vector<Note> notes;
    /// Table header rows to repeat on the pages a table continues on, each one fragment.
    std::vector<Fragment> table_headers;
    /// Set with the first step: the pages before the fragment that starts_body are front
    /// matter (a title page, the contents), numbered i, ii, ...
    bool front_matter = false;
    /// Captions numbered so far ("Figure 3.", "Table 1.").
    int figures = 0;
    int tables = 0;
    /// The structure tree of what was laid out (tagged PDF; empty when Options::tagged is off).
    frame::StructTree structure;
};

struct Options {
    /// Generate a table of contents after the title block.
    bool toc = false;
    /// Build the structure tree (Flow::structure) and tag every item (tagged PDF).
    bool tagged = false;
    /// Warn about pictures without alt text (image.alt): PDF/UA-1 (--pdf-standard ua-1).
    bool require_alt_text = false;
    /// Page numbers of anchors from the previous pagination pass (TOC fixed point); anchors
    /// not in the map print as "0".
    const std::map<std::string, int>* anchor_pages = nullptr;
    /// The label of each page of the previous pass ("iii", "7"), which the contents print.
    const std::vector<std::string>* page_labels = nullptr;
    /// Reads the pictures the document refers to (relative paths are looked for in `base_dir`,
    /// then in each of `resource_dirs`); each path is read once per layout.
    FileLoader load_file;
    std::string base_dir = ".";
    std::vector<std::string> resource_dirs;
    /// Colours code blocks that name a language (style `code.highlight`); nullptr: all plain.
    highlight::Highlighter* highlighter = nullptr;
    /// Reads SVG and PDF pictures; nullptr: they are refused like unsupported files.
    picture::VectorReader* vectors = nullptr;
    /// A long document read a section at a time: when the document's blocks are laid out, the
    /// next section's blocks (replacing the last ones); false after the last section.
    std::function<bool(std::vector<doc::Block>&)> next_blocks;
};

/// Moves a set line's items and footnote references into `f`, translated by (dx, dy) points.
void place_line(SetLine& line, Fragment& f, Pt dx, Pt dy);

/// Lays out a document a top-level block at a time, so that pagination can take fragments as
/// they come and the document's frames never all exist at once. The title block and the table
/// of contents come with the first step.
class Layouter {
public:
    /// Warnings (missing anchors, missing glyphs) go to `sink`. `doc`, `style`, `typesetter`,
    /// `options` and `sink` must outlive the layouter.
    Layouter(const doc::Document& doc, const style::Style& style, Typesetter& typesetter, const Options& options,
             DiagnosticSink& sink);
    ~Layouter();
    Layouter(const Layouter&) = delete;
    Layouter& operator=(const Layouter&) = delete;

    /// Lays out the next top-level block into flow().fragments, then the notes its fragments
    /// claimed (into flow().notes, which has a slot for every footnote). After the last block,
    /// the notes no fragment claimed go with the last fragment, and the flow has at least one
    /// fragment. Returns false once the document is done.
    bool step();
    /// What has been laid out. Fragments may be taken out of the front between steps, except
    /// the last: the next step may still change it (a keep).
    Flow& flow();

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Lays out `doc` whole (every step of a Layouter).
Flow layout_document(const doc::Document& doc, const style::Style& style, Typesetter& typesetter,
                     const Options& options, DiagnosticSink& sink);

}  // namespace galley::layout
