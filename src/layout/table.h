// Tables (GFM pipe tables): column widths after CSS 2.1's automatic table layout, cells set by
// the paragraph line breaker, rows cut at line boundaries so that a row taller than a page can
// split, a header row styled apart and repeated by pagination, rules and zebra striping.
#pragma once

#include <vector>

#include "doc/document.h"
#include "layout/layout.h"
#include "style/style.h"

namespace galley::layout {

class InlineText;

/// A column's content widths in points, cell padding included: `min` is its widest unbreakable
/// piece (a word, or a part of a long URL between break points), `max` its widest cell set on
/// one line (CSS 2.1, 17.5.2.2: minimum and maximum content width).
struct ColumnWidths {
    Pt min = 0;
    Pt max = 0;
};

/// Widths for columns in a measure of `width`: each column its maximum when they all fit (the
/// table keeps its natural width); else its minimum plus a share of the remaining width in
/// proportion to (maximum - minimum); when even the minima do not fit, the minima scaled down
/// (cells then break inside words). The result never sums to more than `width`.
std::vector<Pt> distribute_columns(const std::vector<ColumnWidths>& columns, Pt width);

/// The content widths of one cell's spans, as the typesetter will break them: at spaces, after
/// hyphens inside words, after URL punctuation in URL-like tokens and code, and with
/// `hyphenate` at the words' hyphenation points (the minimum is then the widest part).
ColumnWidths content_widths(const std::vector<Span>& spans, Typesetter& ts, bool hyphenate = false);

/// A table as fragments. The header row's slices keep with the first body row; each row's
/// slices keep together, so a row splits only when it is taller than a page.
struct TableFragments {
    std::vector<Fragment> header;
    std::vector<Fragment> body;
    /// The header row as one fragment, for the top of every page the table continues on.
    Fragment repeated_header;
};

/// Lays out `table` (BlockKind::Table) in the column from `left`, `width` wide. A
/// right-to-left table mirrors: its first column on the right, the table against the right
/// edge of the column when narrower than it. The rows go into the Table element `element` as
/// THead (header cells TH with /Scope /Column) and TBody; the repeated header is an artifact.
TableFragments table_fragments(const doc::Block& table, Pt left, Pt width, const style::Style& style,
                               Typesetter& ts, InlineText& setter, bool right_to_left = false,
                               std::uint32_t element = 0);

}  // namespace galley::layout
