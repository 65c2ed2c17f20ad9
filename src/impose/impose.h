// Imposition: the document's pages onto sheets of the output paper (2-up, 4-up, a saddle-stitched
// booklet), or each page onto a larger medium with crop marks and bleed. Frames in, frames out:
// a page becomes a frame::PlacedPage (a scale and a position) on a sheet, and its links and
// anchors move with it in the writer.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "frame/frame.h"

namespace galley::impose {

enum class Layout { None, TwoUp, FourUp, Booklet };

struct Options {
    Layout layout = Layout::None;
    /// The sheet (points, either orientation: the one that sets the pages larger is taken);
    /// absent: the page size (4-up, booklet) or the page size turned (2-up).
    std::optional<Size> sheet;
    Pt gutter = 0;        // space between neighbouring pages on a sheet
    bool frame = false;   // a thin line around each page on a sheet
    bool crop_marks = false;
    Pt bleed = 0;         // printed beyond the trimmed page on each side
    /// Pages run right to left across a sheet (page 1 on the right), and a booklet binds on
    /// the right.
    bool right_to_left = false;
};

/// A cell of a sheet side: the document page drawn there (0-based), or none (a blank).
using Cell = std::optional<std::size_t>;

/// One printed side of a sheet: its cells in reading order (left to right, top to bottom,
/// before the right-to-left mirror).
struct Side {
    std::vector<Cell> cells;
};

/// The sides of the sheets in output order for `pages` document pages. Booklet: sides front,
/// back, front, ... of sheets folded into each other, the outer sheet first; pages padded with
/// blanks to a multiple of 4; sheet s (0-based) of N pages carries N-2s, 2s+1 on its front and
/// 2s+2, N-2s-1 on its back (1-based), for duplex printing flipped on the short edge.
std::vector<Side> order(Layout layout, std::size_t pages);

/// Cells across and down a sheet side of `layout` (1 x 1 for None).
struct Grid {
    int columns = 1, rows = 1;
};
Grid grid(Layout layout);

/// Extends the filled boxes of `page` that touch its edge (a cover colour) by `bleed` beyond
/// that edge, so that trimming leaves no white sliver; others (code backgrounds, which stay
/// inside the margins) are left as they are.
void extend_into_bleed(frame::Page& page, Pt bleed);

/// Takes the document's pages in order and hands on sheets as soon as each is complete
/// (a booklet's only at the end, since its first sheet holds the last page).
class Imposer {
public:
    using Sink = std::function<bool(frame::Page&&)>;
    Imposer(const Options& options, Sink sink) : options_(options), sink_(std::move(sink)) {}

    /// False when the sink refused a sheet.
    bool add(frame::Page&& page);
    /// Hands on the last sheets. False when the sink refused one.
    bool finish();

private:
    /// Hands a sheet (or an unimposed page) to the sink, with marks and bleed when asked for.
    bool hand_on(frame::Page&& page);
    /// Hands on the sheets of `sides`, whose cells index held_.
    bool emit_sides(const std::vector<Side>& sides);
    frame::Page sheet(const std::vector<Cell>& cells);
    frame::Page with_marks(frame::Page&& page) const;

    Options options_;
    Sink sink_;
    std::vector<frame::Page> held_;  // pages waiting for their sheet
};

}  // namespace galley::impose
