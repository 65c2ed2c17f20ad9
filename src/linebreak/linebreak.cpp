// First-fit and Knuth–Plass total-fit line breaking.
#include "linebreak/linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace galley::linebreak {

namespace {

constexpr double kHuge = 1e18;

bool is_forced(const Item& it) {
    return it.type == ItemType::Penalty && it.penalty <= -kInfinitePenalty;
}

/// Running sums of widths, stretches and shrinks: sums[i] covers items [0, i). Computed once
/// per paragraph and shared by the passes.
struct Sum {
    double width = 0, stretch = 0, shrink = 0;
    std::size_t spaces = 0;  // glue after a box: the word spaces
};
using Sums = std::vector<Sum>;

Sums running_sums(const std::vector<Item>& items) {
    Sums s(items.size() + 1);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        const bool glue = it.type == ItemType::Glue;
        s[i + 1] = {s[i].width + (it.type != ItemType::Penalty ? it.width : 0),
                    s[i].stretch + (glue ? it.stretch : 0), s[i].shrink + (glue ? it.shrink : 0),
                    s[i].spaces + (glue && i > 0 && items[i - 1].type == ItemType::Box ? 1 : 0)};
    }
    return s;
}

/// Is a break allowed at `i`? Penalties below +infinity; glue right after a box.
bool legal_break(const std::vector<Item>& items, std::size_t i) {
    const Item& it = items[i];
    if (it.type == ItemType::Penalty) return it.penalty < kInfinitePenalty;
    if (it.type == ItemType::Glue) return i > 0 && items[i - 1].type == ItemType::Box;
    return false;
}

/// The first item of the line that follows a break at `b`: glue and penalties after a break
/// are discarded up to the next box (or forced break).
std::size_t line_start_after(const std::vector<Item>& items, std::size_t b) {
    std::size_t i = b + 1;
    while (i < items.size() && items[i].type != ItemType::Box && !is_forced(items[i])) ++i;
    return i;
}

double width_for_line(const Params& p, std::size_t line) {
    return line < p.line_widths.size() ? p.line_widths[line] : p.line_widths.back();
}

/// Adjustment ratio of a line covering items [start, end) and breaking at item `end`, from the
/// running sums at `start` and `end`.
double line_ratio(const Sum& start, const Sum& end, const Item& end_item, double target, double extra_stretch) {
    double natural = end.width - start.width;
    if (end_item.type == ItemType::Penalty) natural += end_item.width;
    if (std::abs(natural - target) <= kWidthTolerance) return 0;
    if (natural < target) {
        const double y = end.stretch - start.stretch + extra_stretch;
        return y > 0 ? (target - natural) / y : kHuge;
    }
    if (natural > target) {
        const double z = end.shrink - start.shrink;
        return z > 0 ? (target - natural) / z : -kHuge;
    }
    return 0;
}

/// Whether the paragraph's last line, items [start, end), holds fewer words than the minimum
/// and is narrower than the minimum share of the measure.
bool short_last_line(const Sum& start, const Sum& end, double target, const Params& p) {
    const std::size_t words = end.spaces - start.spaces + 1;
    return words < static_cast<std::size_t>(p.last_line_min_words) &&
           end.width - start.width < p.last_line_min_share * target;
}

int fitness_class(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1) return 2;
    return 3;
}

std::vector<Break> first_fit(const std::vector<Item>& items, const Sums& s, const Params& p) {
    std::vector<Break> out;
    std::size_t start = line_start_after(items, static_cast<std::size_t>(-1));
    std::size_t candidate = items.size();
    double candidate_ratio = 0;
    bool overfull = false;
    for (std::size_t i = start; i < items.size(); ++i) {
        if (!legal_break(items, i)) continue;
        const double target = width_for_line(p, out.size());
        const double r = line_ratio(s[start], s[i], items[i], target, p.line_end_stretch);
        const bool fits = r >= -1;
        if (fits && !is_forced(items[i])) {
            candidate = i;
            candidate_ratio = r;
            continue;
        }
        if (!fits && candidate < items.size()) {
            // Break at the last break that fitted, then look at this item again.
            out.push_back({candidate, std::min(candidate_ratio, kHuge), false});
            start = line_start_after(items, candidate);
            candidate = items.size();
            i = start - 1;
            continue;
        }
        // Nothing fitted since the line start: the line is overfull. If only the paragraph end
        // follows, let the forced break end it rather than leave an empty last line.
        const std::size_t next = line_start_after(items, i);
        if (!fits && !is_forced(items[i]) && next < items.size() && is_forced(items[next])) {
            overfull = true;
            continue;
        }
        const bool last = i + 1 == items.size();
        const double ratio = r >= kHuge ? 0 : (r <= -kHuge ? -1 : r);
        out.push_back({i, ratio, !fits || overfull});
        overfull = false;
        if (last) break;
        start = line_start_after(items, i);
        candidate = items.size();
        i = start - 1;
    }
    return out;
}

struct Node {
    std::size_t position;
    std::size_t line;  // number of lines before this break
    int fitness;
    double demerits;
    double ratio;
    int previous;  // index into nodes, -1 for the start
    int hyphens;   // lines in a row ending at a flagged break, up to and including this one
    std::size_t start;  // first item of the line after this break
    double target;      // width of the line after this break
};

/// How a total-fit pass treats lines and breaks.
struct Pass {
    double max_ratio;       // stretch accepted
    bool hyphenation;       // consider breaks found by hyphenation patterns
    bool emergency;         // lines looser than ratio 1 are marked emergency
};

/// One Knuth–Plass pass; empty when no sequence of feasible breaks exists.
std::vector<Break> total_fit(const std::vector<Item>& items, const Sums& s, const Params& p, const Pass& pass) {
    const bool capped = pass.max_ratio < kHuge;
    std::vector<Node> nodes;
    nodes.push_back({static_cast<std::size_t>(-1), 0, 1, 0, 0, -1, 0,
                     line_start_after(items, static_cast<std::size_t>(-1)), width_for_line(p, 0)});
    std::vector<int> active{0};
    std::vector<int> still_active;  // the next `active`, built in a buffer kept across breaks
    const int max_hyphens = std::max(1, p.max_consecutive_hyphens);

    struct Candidate {
        // Infinite, not kHuge: a line without stretch in the emergency pass costs (1e12)^2.
        double demerits = std::numeric_limits<double>::infinity();
        int from = -1;
        double ratio = 0;
    };
    // The best way to reach a break per fitness class and per count of hyphenated lines in a
    // row, so the limit on consecutive hyphens never discards the only good path.
    std::vector<Candidate> best(4 * (max_hyphens + 1));
    std::vector<int> filled;  // the entries of `best` that hold a candidate for this break

    for (std::size_t b = 0; b < items.size(); ++b) {
        if (!legal_break(items, b)) continue;
        const Item& brk = items[b];
        if (brk.hyphenation && !pass.hyphenation) continue;
        const bool forced = is_forced(brk);
        const bool flagged = brk.type == ItemType::Penalty && brk.flagged;
        still_active.clear();
        for (int a : active) {
            const Node& n = nodes[a];
            if (n.start > b) {  // this break lies inside the discarded items after n
                still_active.push_back(a);
                continue;
            }
            const double r = line_ratio(s[n.start], s[b], brk, n.target, p.line_end_stretch);
            if (r >= -1 && !forced) still_active.push_back(a);
            if (r < -1 || r > pass.max_ratio) continue;
            const int hyphens = flagged ? n.hyphens + 1 : 0;
            if (hyphens > max_hyphens) continue;
            // A line with no stretch that falls short is infinitely bad, not perfect. In the
            // emergency pass badness is not capped, so a line stretched to r = 40 costs far
            // more than one at r = 3 and the unavoidable loose line is as tight as it can be.
            const double r3 = std::abs(r) * r * r;
            const double bad = r >= kHuge ? (capped ? 10000 : 1e12) : (capped ? badness(r) : 100 * r3);
            double d = (p.line_penalty + bad) * (p.line_penalty + bad);
            if (brk.type == ItemType::Penalty) {
                if (brk.penalty >= 0)
                    d += brk.penalty * brk.penalty;
                else if (!forced)
                    d -= brk.penalty * brk.penalty;
            }
            if (flagged && n.hyphens > 0) d += p.flagged_demerits;
            if (forced && n.hyphens > 0) d += p.final_hyphen_demerits;
            // The paragraph's end: its \parfillskip glue is no word space.
            if (b + 1 == items.size() && n.line > 0 && b > 0 && short_last_line(s[n.start], s[b - 1], n.target, p))
                d += n.line + 1 >= static_cast<std::size_t>(p.long_paragraph_lines) ? p.long_paragraph_short_last_line_demerits
                                                                                    : p.short_last_line_demerits;
            const int fit = fitness_class(r);
            if (n.previous >= 0 && std::abs(fit - n.fitness) > 1) d += p.fitness_demerits;
            d += n.demerits;
            const int k = fit * (max_hyphens + 1) + hyphens;
            Candidate& c = best[k];
            if (d < c.demerits) {
                if (c.from < 0) filled.push_back(k);
                c = {d, a, r >= kHuge ? 0 : r};
            }
        }
        active.swap(still_active);
        if (filled.empty()) continue;
        // New nodes in the order of `best`: which of two equally good paths later breaks keep
        // depends on it.
        std::sort(filled.begin(), filled.end());
        double least = std::numeric_limits<double>::infinity();
        for (int k : filled) least = std::min(least, best[k].demerits);
        const std::size_t next_start = line_start_after(items, b);
        for (int k : filled) {
            const Candidate& c = best[k];
            if (c.demerits <= least + p.fitness_demerits) {
                const std::size_t line = nodes[c.from].line + 1;
                nodes.push_back({b, line, k / (max_hyphens + 1), c.demerits, c.ratio, c.from, k % (max_hyphens + 1),
                                 next_start, width_for_line(p, line)});
                active.push_back(static_cast<int>(nodes.size() - 1));
            }
            best[k] = Candidate{};
        }
        filled.clear();
    }

    // The best node ending at the final forced break.
    int final_node = -1;
    for (int a : active) {
        const Node& n = nodes[a];
        if (n.position == items.size() - 1 && (final_node < 0 || n.demerits < nodes[final_node].demerits))
            final_node = a;
    }
    std::vector<Break> out;
    for (int n = final_node; n > 0; n = nodes[n].previous)
        out.push_back({nodes[n].position, nodes[n].ratio, pass.emergency && nodes[n].ratio > 1});
    std::reverse(out.begin(), out.end());
    return out;
}

/// Whether a paragraph's breaks end with a hyphen on the next-to-last line or a short last line.
bool ends_badly(const std::vector<Item>& items, const Sums& s, const Params& p, const std::vector<Break>& out) {
    if (out.size() < 2) return false;
    const std::size_t before = out[out.size() - 2].position;
    const Item& brk = items[before];
    if (brk.type == ItemType::Penalty && brk.flagged && p.final_hyphen_demerits > 0) return true;
    const std::size_t end = out.back().position;
    return p.short_last_line_demerits > 0 && end > 0 &&
           short_last_line(s[line_start_after(items, before)], s[end - 1], width_for_line(p, out.size() - 1), p);
}

}  // namespace

double badness(double ratio) {
    const double r = std::abs(ratio);
    return std::min(10000.0, 100 * r * r * r);
}

std::vector<Break> break_lines(const std::vector<Item>& items, const Params& params) {
    if (items.empty()) return {};
    const Sums sums = running_sums(items);
    if (params.algorithm == Algorithm::FirstFit) return first_fit(items, sums, params);
    // TeX's passes: without hyphenating, then with, then as an emergency with any stretch. A
    // paragraph whose best breaks end badly (a hyphen on its next-to-last line, a short last
    // line) tries the next pass too, which may avoid that with a hyphen or a looser line: each
    // pass holds every solution of the one before at the same cost, so it is never worse.
    std::vector<Break> ending_badly;
    for (const Pass& pass : {Pass{params.tolerance, false, false}, Pass{params.hyphenation_tolerance, true, false},
                             Pass{kHuge, true, true}}) {
        std::vector<Break> out = total_fit(items, sums, params, pass);
        if (out.empty()) continue;
        if (!ends_badly(items, sums, params, out)) return out;
        ending_badly = std::move(out);
    }
    if (!ending_badly.empty()) return ending_badly;
    return first_fit(items, sums, params);
}

}  // namespace galley::linebreak
