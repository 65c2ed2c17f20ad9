// Paragraph line breaking over boxes, glue and penalties (Knuth & Plass, "Breaking Paragraphs
// into Lines", Software: Practice and Experience 11, 1981). Pure: no fonts, no I/O; widths are
// plain numbers (layout uses points).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace galley::linebreak {

/// Penalty values at or beyond these bounds are "never break" / "must break" (TeX's ±10000).
constexpr double kInfinitePenalty = 10000;
/// Widths within this many points of the measure count as exactly the measure: glyph advances
/// are summed in single precision, and a word measured as wide as its table column must fit it.
constexpr double kWidthTolerance = 1e-3;

enum class ItemType { Box, Glue, Penalty };

/// One item of the paragraph list. A box has `width`; glue has `width`, `stretch`, `shrink`;
/// a penalty has `width` (added only when the line breaks there, e.g. a hyphen), `penalty` and
/// `flagged` (hyphen breaks: two flagged breaks in a row cost extra demerits).
struct Item {
    ItemType type = ItemType::Box;
    double width = 0;
    double stretch = 0;
    double shrink = 0;
    double penalty = 0;
    bool flagged = false;
    /// A break found by hyphenation patterns: tried only from the second pass on, so a
    /// paragraph that sets well without hyphenating is not hyphenated (TeX's \pretolerance).
    bool hyphenation = false;

    static Item box(double w) { return {ItemType::Box, w}; }
    static Item glue(double w, double stretch, double shrink) {
        return {ItemType::Glue, w, stretch, shrink};
    }
    static Item penalty_item(double w, double p, bool flagged = false, bool hyphenation = false) {
        return {ItemType::Penalty, w, 0, 0, p, flagged, hyphenation};
    }
};

enum class Algorithm { FirstFit, TotalFit };

struct Params {
    /// Width of line 1, 2, ...; the last entry applies to all further lines. Must not be empty.
    std::vector<double> line_widths;
    Algorithm algorithm = Algorithm::TotalFit;
    /// Largest adjustment ratio accepted before the emergency pass (badness 100, TeX's
    /// \pretolerance). Lines are stretched beyond it only when no other way exists.
    double tolerance = 1;
    /// The same for the pass with hyphenation: ratio 1.26 is badness 200, TeX's \tolerance.
    double hyphenation_tolerance = 1.26;
    double line_penalty = 10;         // added to each line's badness (TeX \linepenalty)
    double flagged_demerits = 10000;  // two flagged breaks in a row (\doublehyphendemerits)
    double final_hyphen_demerits = 300000;  // a flagged break on the next-to-last line (TeX's \finalhyphendemerits)
    /// A paragraph's last line (of two or more) is short when it holds fewer than
    /// `last_line_min_words` words (word spaces + 1) and less than `last_line_min_share` of the
    /// measure; such a line costs `short_last_line_demerits` ("meet-/ing." alone at the end).
    int last_line_min_words = 2;
    double last_line_min_share = 0.15;
    double short_last_line_demerits = 1000000;
    /// The same in a paragraph of `long_paragraph_lines` lines or more, which has more lines to
    /// take up the slack: about a line at r = 3.8, so such an ending stays only where avoiding
    /// it would take a looser line than that.
    int long_paragraph_lines = 4;
    double long_paragraph_short_last_line_demerits = 3e7;
    double fitness_demerits = 10000;  // adjacent lines in non-adjacent fitness classes (\adjdemerits)
    /// Most lines in a row that may end at a flagged break (a hyphen).
    int max_consecutive_hyphens = 2;
    /// Extra stretch every line may use beyond its glue (TeX's \rightskip for ragged-right).
    double line_end_stretch = 0;
};

/// One chosen break: the line ends at item `position` (a glue or penalty; the item itself is
/// discarded, except a penalty's width which is added at the line end). `ratio` is the line's
/// adjustment ratio r: glue widths become w + r*stretch (r >= 0) or w + r*shrink (r < 0).
/// `ratio` is 0 for the last line when its stretch is infinite.
struct Break {
    std::size_t position = 0;
    double ratio = 0;
    /// True when no feasible break existed and this line is overfull or was forced.
    bool emergency = false;
};

/// Breaks a paragraph. `items` must end with a forced break (penalty <= -kInfinitePenalty),
/// normally preceded by a finishing glue with large stretch (\parfillskip); forced breaks may
/// also stand inside (hard line breaks). Returns the breaks in order; the last is the final
/// forced break.
///
/// TotalFit finds the breaks with least total demerits (badness 100|r|^3, line penalty,
/// penalties, flagged and fitness-class demerits) as TeX does, in passes: within `tolerance`
/// without hyphenation breaks, then with them; if none is feasible, an emergency pass accepts
/// any stretch, with badness no longer capped at 10000 so the loosest line is as tight as
/// possible (its lines looser than ratio 1 are marked `emergency`); if still none (a box wider
/// than the line), falls back to FirstFit, whose overfull lines are marked `emergency`.
/// No more than `max_consecutive_hyphens` lines in a row end at a flagged break.
std::vector<Break> break_lines(const std::vector<Item>& items, const Params& params);

/// Badness of a line with ratio r: 100 |r|^3, capped at 10000 (TeX's approximation).
double badness(double ratio);

}  // namespace galley::linebreak
