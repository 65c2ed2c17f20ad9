// Heading numbers (numbering.* style keys): one counter per level, printed in the style's form.
#include <algorithm>

#include "base/numerals.h"
#include "layout/blocks.h"

namespace galley::layout {

namespace {

/// Whether `c` names a kind of number: 1 (arabic), A a (letters), I i (roman).
bool is_kind(char c) { return c == '1' || c == 'A' || c == 'a' || c == 'I' || c == 'i'; }

/// `n` (from 1) as a number of `kind`; letters go on as AA, AB, ... past Z.
std::string number_as(int n, char kind) {
    if (kind == 'I' || kind == 'i') return numerals::roman(n, kind == 'I');
    if (kind == 'A' || kind == 'a') return numerals::letters(n, kind);
    return std::to_string(n);
}

}  // namespace

std::string SectionNumbers::next(int level) {
    if (!style_.number_sections) return "";
    const int i = std::clamp(level, 1, 6) - 1;
    if (i < top_) {
        if (top_ < 6) counts_[i] = counts_[top_];
        top_ = i;
    }
    ++counts_[i];
    std::fill(counts_ + i + 1, counts_ + 6, 0);
    // The format: the top level's kind, a separator, the lower levels' kind, then whatever
    // closes a number ("1.1." ends each with a dot; "1." too, having no lower kind of its own).
    const std::string& f = style_.number_format;
    const char top = !f.empty() && is_kind(f[0]) ? f[0] : '1';
    std::size_t k = f.empty() ? 0 : 1;
    std::string separator;
    for (; k < f.size() && !is_kind(f[k]); ++k) separator += f[k];
    const char lower = k < f.size() ? f[k] : top;
    const std::string close = k < f.size() ? f.substr(k + 1) : separator;
    const int first = static_cast<int>(std::find_if(counts_, counts_ + i, [](int c) { return c > 0; }) - counts_);
    if (i - first + 1 > style_.number_depth) return "";
    std::string out;
    for (int l = first; l <= i; ++l) {
        if (l > first) out += separator.empty() ? "." : separator;
        out += number_as(counts_[l], l == first ? top : lower);
    }
    return out + close;
}

std::vector<doc::Inline> numbered(const std::vector<doc::Inline>& inlines, const std::string& number) {
    if (number.empty()) return inlines;
    std::vector<doc::Inline> out;
    out.reserve(inlines.size() + 1);
    out.push_back({doc::InlineKind::Text, number + "\u2002"});  // an en space: a clear gap
    if (!inlines.empty()) out.back().location = inlines.front().location;
    out.insert(out.end(), inlines.begin(), inlines.end());
    return out;
}

}  // namespace galley::layout
