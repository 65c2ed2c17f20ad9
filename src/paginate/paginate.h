// Pagination: flows the vertical list of fragments into pages, honouring keeps (headings,
// orphans, widows, short code blocks, table rows), repeating table headers, floating figures
// and setting footnotes at the foot of the page of their reference; then adds page furniture:
// page numbers (roman for front matter), the running header and footer, the DRAFT mark. For
// duplex printing it leaves blank versos before odd-page breaks and mirrors even pages.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frame/frame.h"
#include "layout/layout.h"
#include "inline/typesetter.h"
#include "style/style.h"

namespace galley::paginate {

struct Options {
    bool draft = false;  // draw style.draft_text across every page
    /// The document's values for header and footer placeholders other than the page's own
    /// ({title}, {author}, {params.client}); nullopt for a name it has no value for (the
    /// placeholder is then printed as written).
    std::function<std::optional<std::string>(std::string_view)> field;
    /// {pages}: the number of the last page as an earlier pass found it (Summary::last_number);
    /// 0 before there was one.
    int last_number = 0;
};

/// What the page breaks left behind that a typesetter would not sign: counted from the final
/// placements, independently of the keeps that try to prevent them.
struct BreakStats {
    std::size_t widows = 0;               // pages starting with fewer than style.widows lines of a paragraph
    std::size_t orphans = 0;              // pages ending with fewer than style.orphans lines of a paragraph
    std::size_t headings_at_page_end = 0; // pages whose last body line is a heading's
};

struct Result {
    std::vector<frame::Page> pages;
    BreakStats breaks;
    /// 1-based page number of each anchor (named destination) in the flow.
    std::map<std::string, int> anchor_pages;
};

/// Receives each page as soon as it is final, in order; returns false to stop (the output
/// failed).
using PageSink = std::function<bool(frame::Page&&)>;

/// What pagination found besides the pages.
struct Summary {
    BreakStats breaks;
    /// 1-based page number of each anchor (named destination) in the flow.
    std::map<std::string, int> anchor_pages;
    std::size_t pages = 0;
    /// Each page's label as printed and in /PageLabels ("ii", "7"), in page order.
    std::vector<std::string> labels;
    /// The number of the last page within its numbering ({pages}).
    int last_number = 0;
};

/// Places `flow` on pages of `style.page` inside the margins. A page break never separates a
/// fragment from the next when keep_with_next is set, unless the kept chain is taller than a
/// page (then it breaks at the last fragment that fits). A fragment goes on a page only with
/// the notes it claims (every one starts there; the last may continue on the next page's
/// foot). A table body row that starts a page gets its header above it. A floating figure that
/// does not fit waits for the next page while the text after it goes on. Always returns at
/// least one page. The flow's items are moved onto the pages.
Result paginate(layout::Flow&& flow, const style::Style& style, inlines::Typesetter& typesetter,
                const Options& options);

/// The same, streamed: `layouter` lays out a block at a time as pagination needs fragments,
/// each page goes to `sink` as soon as no later fragment can change it, and fragments are
/// freed once placed, so memory stays bounded by a few pages and the longest keep chain.
/// Null when `sink` refused a page.
std::optional<Summary> paginate(layout::Layouter& layouter, const style::Style& style,
                                inlines::Typesetter& typesetter, const Options& options, const PageSink& sink);

}  // namespace galley::paginate
