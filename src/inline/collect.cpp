#include "inline/collect.h"

#include <algorithm>

#include "base/ascii.h"
#include "base/utf8.h"
#include "inline/break_rules.h"

namespace galley::inlines {

namespace lb = linebreak;

namespace {

constexpr Pt kFill = 1e6;  // \parfillskip-like stretch at the end of a paragraph

// Penalties (TeX's defaults where TeX has one).
constexpr double kHyphenPenalty = 50;          // \hyphenpenalty
constexpr double kExplicitHyphenPenalty = 50;  // \exhyphenpenalty
/// A break inside a URL or identifier ("snake_case_/names"): taken only where the line has no
/// acceptable break otherwise; its square (2.25 million demerits) outweighs a line of badness
/// 1000, about r = 2.1 (issue 14).
constexpr double kUrlBreakPenalty = 1500;
constexpr double kEmergencyPenalty = 5000;

/// What stands for an inline picture in the paragraph's logical text (bidi): U+FFFC OBJECT
/// REPLACEMENT CHARACTER, a neutral that takes the level of the text around it.
constexpr std::string_view kObject = "\uFFFC";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// How a part of a token ends (see Collector::part_end).
enum class PartEnd { Rule, Soft, Script };

/// Builds the item list of one paragraph; one method per kind of item.
class Collector {
public:
    Collector(const std::vector<Span>& spans, const ParagraphStyle& para, WordShaper& shaper, Collected& out)
        : spans_(spans), para_(para), ws_(shaper), narrowest_(std::max<Pt>(1, para.width - para.first_indent)),
          out_(out) {}

    void run() {
        out_.clear();
        // Han beside kana is Japanese (shape::Shaper::set_kana_nearby).
        ws_.set_kana_nearby(std::any_of(spans_.begin(), spans_.end(), [](const Span& sp) { return shape::holds_kana(sp.text); }));
        resolve_bidi();
        for (std::size_t si = 0; si < spans_.size(); ++si) add_span(si);
        // Trailing glue is dropped; \parfillskip and the final forced break end the paragraph.
        while (!out_.items.empty() && out_.items.back().type == lb::ItemType::Glue) {
            out_.items.pop_back();
            out_.payload.pop_back();
        }
        if (out_.items.empty()) return;
        allow_emergency_breaks();
        push_forced_break();
    }

private:
    const std::vector<Span>& spans_;
    const ParagraphStyle& para_;
    WordShaper& ws_;
    const Pt narrowest_;
    Collected& out_;

    /// Bidi (UAX #9): levels resolved on the whole paragraph, lines reordered after breaking.
    void resolve_bidi() {
        const auto logical_of = [](const Span& sp) {
            return sp.hard_break ? std::string_view(" ") : sp.picture ? kObject : std::string_view(sp.text);
        };
        std::size_t length = 0;
        bool may_need = para_.direction != shape::ParagraphDirection::Auto;
        for (const Span& sp : spans_) {
            out_.span_start.push_back(length);
            length += logical_of(sp).size();
            may_need = may_need || utf8::may_hold_rtl(logical_of(sp));
        }
        if (!may_need) return;  // the usual case: no need to join the text
        std::string logical;
        logical.reserve(length);
        for (const Span& sp : spans_) logical += logical_of(sp);
        out_.bidi.emplace(logical, para_.direction);
        if (out_.bidi->all_left_to_right()) out_.bidi.reset();
    }

    void push(lb::Item item, Payload payload) {
        out_.items.push_back(item);
        out_.payload.push_back(payload);
    }

    void push_piece(std::size_t word, std::uint32_t b, std::uint32_t e, const GlyphView& glyphs) {
        push(lb::Item::box(glyphs.width), {out_.pieces.size()});
        out_.pieces.push_back({word, b, e, glyphs});
    }

    /// \parfillskip and a forced break; `span` is the hard break's span (the paragraph's end: none).
    void push_forced_break(std::size_t span = 0) {
        push(lb::Item::glue(0, kFill, 0), {});
        push(lb::Item::penalty_item(0, -lb::kInfinitePenalty, false), {0, span});
    }

    /// Boxes for bytes [b, e) of word `wi`; a part wider than the measure is cut between
    /// clusters as a last resort, with one warning per paragraph.
    void push_part(std::size_t wi, std::uint32_t b, std::uint32_t e, const Span& sp) {
        const Word& w = out_.words[wi];
        const auto piece = [&](std::uint32_t from, std::uint32_t to) {
            push_piece(wi, from, to, ws_.view(w, from, to, sp.style));
        };
        if (const GlyphView v = ws_.view(w, b, e, sp.style); v.width <= narrowest_ + lb::kWidthTolerance)
            return push_piece(wi, b, e, v);
        if (!out_.warned_overfull) {
            out_.warned_overfull = true;
            const std::string_view t = w.text.substr(b, e - b);
            ws_.sink().warn("line.overfull", sp.location,
                            "a word is wider than the line and was broken: '" + std::string(utf8::head(t, 40)) +
                                (t.size() > 40 ? "…'" : "'"));
        }
        std::vector<std::uint32_t> cuts;
        for (const shape::ShapedGlyph& g : w.whole->glyphs)
            if (g.cluster > b && g.cluster < e && (cuts.empty() || cuts.back() != g.cluster)) cuts.push_back(g.cluster);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::uint32_t from = b;
        for (std::uint32_t c : cuts) {
            piece(from, c);
            push(lb::Item::penalty_item(0, kEmergencyPenalty, false), {});
            from = c;
        }
        piece(from, e);
    }

    void add_span(std::size_t si) {
        const Span& sp = spans_[si];
        if (sp.hard_break) return push_forced_break(si);
        if (sp.picture) return push(lb::Item::box(sp.picture->size.width), {0, si, nullptr, 0, false, 0, 0, true});
        const SpanStyle& ss = sp.style;
        const font::Face* primary = ws_.face(ss.family, ss.face_style);
        if (!primary) return;
        const std::string_view text = sp.text;
        join_spans(si);
        const std::size_t first_item = out_.items.size();
        for (std::size_t i = 0; i < text.size();) {
            if (is_space(text[i]) && ss.code) {
                add_space(si, *primary, i++);  // each space of code is kept
                continue;
            }
            if (is_space(text[i])) {
                while (i < text.size() && is_space(text[i])) ++i;
                add_space(si, *primary, i - 1);
                continue;
            }
            std::size_t j = i;
            while (j < text.size() && !is_space(text[j])) ++j;
            add_token(si, text.substr(i, j - i));
            i = j;
        }
        if (ss.code) fix_code(first_item);
    }

    /// Between the text of span `si - 1` and that of span `si`, with no space between them, the
    /// break UAX #14 allows between their characters ("詳しくは" and a link "公式サイト"): inter-
    /// character glue, as inside a span. Else a CJK paragraph could not break, nor stretch, at
    /// the edges of its links and emphasis.
    void join_spans(std::size_t si) {
        if (si == 0 || out_.items.empty() || out_.items.back().type != lb::ItemType::Box) return;
        const Span& before = spans_[si - 1];
        const Span& after = spans_[si];
        if (before.hard_break || before.picture || before.text.empty() || after.text.empty() ||
            static_cast<unsigned char>(before.text.back()) < 0x80 || static_cast<unsigned char>(after.text.front()) < 0xE0)
            return;
        std::size_t start = before.text.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(before.text[start]) & 0xC0) == 0x80) --start;
        std::size_t end = 0;
        utf8::decode(after.text, end);
        const std::string pair = before.text.substr(start) + after.text.substr(0, end);
        for (const shape::BreakOpportunity& b : ws_.breaker().opportunities(pair))
            if (b.offset == before.text.size() - start)
                return push(lb::Item::glue(0, after.style.size * 0.1, 0), {0, si});
    }

    /// Inline code from item `first` on: its spaces keep their width (no stretch or shrink from
    /// justification: `kubectl  get` stays as typed), and a short span (at most a third of the
    /// narrowest line) is not broken inside (no break at its inner spaces or after its URL
    /// punctuation); a longer one breaks there as other text does, since moving it whole would
    /// leave a line with gaps of several ems (a 55-character identifier in the corpus stretched
    /// its line 17 times its stretch).
    void fix_code(std::size_t first) {
        Pt width = 0;
        for (std::size_t k = first; k < out_.items.size(); ++k) {
            lb::Item& item = out_.items[k];
            if (item.type == lb::ItemType::Glue) item.stretch = item.shrink = 0;
            if (item.type != lb::ItemType::Penalty) width += item.width;
        }
        if (width > narrowest_ / 3) return;
        std::vector<lb::Item> items(out_.items.begin() + static_cast<std::ptrdiff_t>(first), out_.items.end());
        std::vector<Payload> payload(out_.payload.begin() + static_cast<std::ptrdiff_t>(first), out_.payload.end());
        out_.items.resize(first);
        out_.payload.resize(first);
        for (std::size_t k = 0; k < items.size(); ++k) {
            if (items[k].type == lb::ItemType::Penalty) continue;
            // A glue right after a box is a break; the span's first space is its edge, not inside.
            if (items[k].type == lb::ItemType::Glue && k > 0 && items[k - 1].type == lb::ItemType::Box)
                push(lb::Item::penalty_item(0, lb::kInfinitePenalty), {});
            push(items[k], payload[k]);
        }
    }

    /// Interword glue from the span's font: TeX-like stretch 1/2 and shrink 1/3. `at` is the
    /// byte offset of the space's last character in the span.
    void add_space(std::size_t si, const font::Face& primary, std::size_t at) {
        const SpanStyle& ss = spans_[si].style;
        const shape::Shaped& sh = ws_.small_text(primary, " ", ss.features);
        const Pt w = sh.advance * (ss.size / primary.metrics().units_per_em);
        // Its glyph comes from the face of the word before when that face has one, so text in
        // a fallback face (Arabic, Hebrew) stays one glyph run across spaces; not from a colour
        // bitmap face, whose space is as wide as an emoji (its /W width, which extractors take
        // for the space's box, would overlap the next word).
        const font::Face* space_face = &primary;
        std::uint32_t space_gid = sh.glyphs.empty() ? 0 : sh.glyphs[0].gid;
        const std::vector<Word>& words = out_.words;
        if (!words.empty() && words.back().span == si && words.back().face != &primary &&
            words.back().face->has_outlines())
            if (const std::uint32_t gid = words.back().face->glyph_for(' ')) space_face = words.back().face, space_gid = gid;
        push(lb::Item::glue(w, w / 2, w / 3), {0, si, space_face, space_gid, false, 0, at});
    }

    /// Where the part of `token` that starts at `k` ends: after an explicit hyphen, a soft
    /// hyphen, URL punctuation, or at a UAX #14 opportunity inside the token.
    std::size_t part_end(std::string_view token, std::size_t k, bool url_like, const std::vector<std::size_t>& breaks,
                         std::size_t& next_break, PartEnd& how) const {
        how = PartEnd::Rule;
        std::size_t e = k;
        while (e < token.size()) {
            const std::size_t at = e;
            const char32_t c = utf8::decode(token, e);
            if (e >= token.size()) break;
            while (next_break < breaks.size() && breaks[next_break] < e) ++next_break;
            if (next_break < breaks.size() && breaks[next_break] == e) {
                // After a hyphen ("Al-Yassen" in text that holds CJK or a direction mark) the
                // break is the hyphen's, not a stretchable one between characters.
                how = c == '-' ? PartEnd::Rule : PartEnd::Script;
                break;
            }
            if (c == 0xAD) {
                how = PartEnd::Soft;
                break;
            }
            if (breaks_after(token, k, at, e, c, url_like)) break;
        }
        return e;
    }

    /// Shapes a part of a token in span `si` into words. Characters of different embedding
    /// levels are separate words, so each can take its place when the line is reordered ("2."
    /// in Hebrew text).
    void shape_part(std::size_t si, std::string_view part, bool among_cjk) {
        const Span& sp = spans_[si];
        const auto in_span = static_cast<std::size_t>(part.data() - sp.text.data());  // for warnings' columns
        if (!out_.bidi)
            return ws_.shape_words(part, sp.style, si, sp.location, out_.words, std::nullopt, in_span, among_cjk);
        const shape::BidiParagraph& bidi = *out_.bidi;
        const std::size_t base = out_.span_start[si] + in_span;
        std::size_t from = 0;
        for (std::size_t pos = 0; pos < part.size();) {
            const std::size_t at = pos;
            utf8::decode(part, pos);
            if (pos == part.size() || bidi.level_at(base + pos) != bidi.level_at(base + at)) {
                const shape::Direction dir =
                    bidi.level_at(base + at) % 2 ? shape::Direction::RightToLeft : shape::Direction::LeftToRight;
                ws_.shape_words(part.substr(from, pos - from), sp.style, si, sp.location, out_.words, dir,
                                in_span + from, among_cjk);
                from = pos;
            }
        }
    }

    /// Boxes for the words shaped from one part, split at hyphenation points.
    void add_words(std::size_t si, std::size_t first_word, bool hyphenate) {
        const Span& sp = spans_[si];
        const bool one_face = out_.words.size() == first_word + 1;
        for (std::size_t wi = first_word; wi < out_.words.size(); ++wi) {
            const auto len = static_cast<std::uint32_t>(out_.words[wi].text.size());
            std::span<const std::uint32_t> points;
            if (hyphenate && one_face) points = ws_.hyphenation_points(out_.words[wi]);
            std::uint32_t from = 0;
            for (std::uint32_t p : points) {
                push_part(wi, from, p, sp);
                const GlyphView h = ws_.hyphen(*out_.words[wi].face, sp.style);
                push(lb::Item::penalty_item(h.width, kHyphenPenalty, true, true),
                     {0, si, out_.words[wi].face, 0, true, wi});
                from = p;
            }
            push_part(wi, from, len, sp);
        }
    }

    void add_token(std::size_t si, std::string_view token) {
        const SpanStyle& ss = spans_[si].style;
        // Long tokens may break after URL punctuation, at a cost paid only when needed.
        const bool url_like = para_.allow_url_breaks && (ss.code || url_like_token(token));
        const bool may_hyphenate = para_.hyphenate && !ss.code && !url_like_token(token);
        // Scripts written without spaces (CJK, Thai, ...) break where UAX #14 allows.
        std::vector<std::size_t> script_breaks;
        const bool wide = std::any_of(token.begin(), token.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE0; });
        if (wide)
            for (const shape::BreakOpportunity& b : ws_.breaker().opportunities(token)) script_breaks.push_back(b.offset);
        std::size_t next_script_break = 0;
        // Whether the last letter before the part is CJK; before the first letter, that one's.
        std::optional<bool> cjk_before = wide ? shape::letter_is_cjk(token, false) : std::nullopt;
        for (std::size_t k = 0; k < token.size();) {
            PartEnd how;
            const std::size_t e = part_end(token, k, url_like, script_breaks, next_script_break, how);
            const std::size_t first_word = out_.words.size();
            // Punctuation in a part without letters takes its face from the letters around it.
            bool among_cjk = false;
            if (wide) {
                among_cjk = cjk_before.value_or(false);
                if (const std::optional<bool> last = shape::letter_is_cjk(token.substr(k, e - k), true)) cjk_before = last;
            }
            shape_part(si, token.substr(k, e - k), among_cjk);
            add_words(si, first_word, may_hyphenate && !url_like);
            if (e < token.size() && out_.words.size() > first_word) add_part_break(si, token, e, how);
            k = e;
        }
    }

    /// The break opportunity after a part that ends at byte `e` of `token`.
    void add_part_break(std::size_t si, std::string_view token, std::size_t e, PartEnd how) {
        const SpanStyle& ss = spans_[si].style;
        if (how == PartEnd::Script) {
            // Inter-character glue: breakable, and it lets a line without spaces be justified.
            // It sits at its place in the text, so it takes the bidi level of the characters
            // around it (at the span's start, a glue between two Latin words of right-to-left
            // text took the paragraph's level and split them: "YassenAli Al-").
            const auto at = static_cast<std::size_t>(token.data() - spans_[si].text.data()) + e;
            return push(lb::Item::glue(0, ss.size * 0.1, 0), {0, si, nullptr, 0, false, 0, at});
        }
        if (how == PartEnd::Soft) {
            const GlyphView h = ws_.hyphen(*out_.words.back().face, ss);
            return push(lb::Item::penalty_item(h.width, kHyphenPenalty, true),
                        {0, si, out_.words.back().face, 0, true, out_.words.size() - 1});
        }
        const bool hyphen = token[e - 1] == '-';
        push(lb::Item::penalty_item(0, hyphen ? kExplicitHyphenPenalty : kUrlBreakPenalty, hyphen), {});
    }

    /// Boxes with no break between them (a token's parts in different faces or bidi levels)
    /// may together be wider than the measure: then they may break between each other too.
    void allow_emergency_breaks() {
        std::vector<std::size_t> before;  // items that get a break before them; mostly none
        Pt run = 0;
        for (std::size_t it = 0; it < out_.items.size(); ++it) {
            const lb::Item& item = out_.items[it];
            if (item.type != lb::ItemType::Box) {
                run = 0;
                continue;
            }
            if (run > 0 && run + item.width > narrowest_) {
                before.push_back(it);
                run = 0;
            }
            run += item.width;
        }
        if (before.empty()) return;
        // One pass that moves every item once: inserting one by one moved the rest of the list
        // at each break, quadratic in a paragraph of many short spans without spaces.
        std::vector<lb::Item> items;
        std::vector<Payload> payload;
        items.reserve(out_.items.size() + before.size());
        payload.reserve(items.capacity());
        std::size_t next = 0;
        for (std::size_t it = 0; it < out_.items.size(); ++it) {
            if (next < before.size() && before[next] == it) {
                items.push_back(lb::Item::penalty_item(0, kEmergencyPenalty));
                payload.push_back({});
                ++next;
            }
            items.push_back(out_.items[it]);
            payload.push_back(out_.payload[it]);
        }
        out_.items.swap(items);
        out_.payload.swap(payload);
    }
};

}  // namespace

bool url_like_token(std::string_view token) {
    if (token.find("://") != std::string_view::npos || token.starts_with("www.")) return true;
    // What surrounds a word in prose is not part of it: "(see example.com)." keeps its dot test
    // for the inside only.
    constexpr std::string_view kOpen = "([{<\"'";
    constexpr std::string_view kClose = ")]}>\"'.,;:!?";
    std::size_t b = 0, e = token.size();
    while (b < e && kOpen.find(token[b]) != std::string_view::npos) ++b;
    while (e > b && kClose.find(token[e - 1]) != std::string_view::npos) --e;
    for (std::size_t i = b; i < e; ++i) {
        const char c = token[i];
        const char next = i + 1 < e ? token[i + 1] : '\0';
        if (c == '/' || c == '\\' || c == '_' || c == '@' || c == '#' || c == '?' || c == '&' || c == '=') return true;
        if (c == '.' && ascii::is_alnum(next)) return true;
        if (c >= 'a' && c <= 'z' && next >= 'A' && next <= 'Z') return true;
    }
    return false;
}

namespace {

/// Does a character that continues an emoji's grapheme start at byte `at` (U+FE0E, U+FE0F,
/// the keycap U+20E3, ZWJ)? Then no break goes before it: "#" with U+FE0F and U+20E3 is the
/// keycap #️⃣, and a part is itemized on its own, so the "#" would be set apart from it.
/// Byte comparisons: this runs at every break a token offers.
bool emoji_extender_at(std::string_view token, std::size_t at) {
    if (at + 3 > token.size()) return false;
    const auto b0 = static_cast<unsigned char>(token[at]), b1 = static_cast<unsigned char>(token[at + 1]),
               b2 = static_cast<unsigned char>(token[at + 2]);
    return (b0 == 0xEF && b1 == 0xB8 && (b2 == 0x8E || b2 == 0x8F)) ||
           (b0 == 0xE2 && ((b1 == 0x83 && b2 == 0xA3) || (b1 == 0x80 && b2 == 0x8D)));
}

}  // namespace

bool breaks_after(std::string_view token, std::size_t part_start, std::size_t at, std::size_t end, char32_t c,
                  bool url_like) {
    if (end >= token.size()) return false;
    const char next = token[end];
    // No break after a hyphen before a digit ("MOB-811", "-5"), as UAX #14 says.
    if (c == '-' && at > part_start && !(next >= '0' && next <= '9')) return !emoji_extender_at(token, end);
    if (!url_like) return false;
    if (c == '/') return next != '/';  // "https://" stays whole up to its second slash
    return (c == '.' || c == '_' || c == '-' || c == '#' || c == '?' || c == '&' || c == '=') &&
           !emoji_extender_at(token, end);
}

void collect(const std::vector<Span>& spans, const ParagraphStyle& para, WordShaper& shaper, Collected& out) {
    Collector(spans, para, shaper, out).run();
}

}  // namespace galley::inlines
