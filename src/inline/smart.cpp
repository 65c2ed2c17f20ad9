// Smart punctuation over a paragraph's spans: the spans are read as one text (so a quote
// before an emphasis closes after it), decisions are made per character from its neighbours,
// and the replacements are written back span by span.
#include "inline/smart.h"

#include <algorithm>

#include "base/utf8.h"

namespace galley::inlines {

namespace {

constexpr char32_t kApostrophe = 0x2019;
constexpr char32_t kPrime = 0x2032;
constexpr char32_t kDoublePrime = 0x2033;
constexpr char32_t kNarrowNoBreakSpace = 0x202F;

/// What a neighbouring character says about a quote beside it.
enum class Context { Space, Opening, Digit, Letter, Other };

/// A space that separates words. No-break spaces are not: they bind a quote to its word, as
/// French writers type them inside guillemets.
bool is_space(char32_t c) {
    return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c >= 0x2000 && c <= 0x200B && c != 0x2007) ||
           c == 0x205F || c == 0x3000;
}

/// Characters after which a quote opens: brackets, dashes, slashes and opening quotes.
bool is_opening(char32_t c) {
    switch (c) {
        case '(': case '[': case '{': case '<': case '-': case '/': case 0x2013: case 0x2014:
        case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0x00AB: case 0x2039: case 0x300C: case 0x300E:
            return true;
        default: return false;
    }
}

/// Punctuation above ASCII that does not count as a letter beside a quote.
bool is_other_punctuation(char32_t c) {
    return (c >= 0x2010 && c <= 0x205E) || c == 0x00BB || c == 0x00BF || c == 0x00A1 || (c >= 0x3001 && c <= 0x303F);
}

Context context(char32_t c) {
    if (is_space(c)) return Context::Space;
    if (is_opening(c)) return Context::Opening;
    if (c >= '0' && c <= '9') return Context::Digit;
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Context::Letter : Context::Other;
    return is_other_punctuation(c) ? Context::Other : Context::Letter;
}

/// How a byte of the paragraph's text may be treated.
enum class Byte : std::uint8_t { Free, Code, Fixed };

/// The paragraph as one text: what each byte is and where each span starts.
struct Flat {
    std::string text;
    std::vector<Byte> kind;
    std::vector<std::size_t> start;  // per span
};

/// A replacement of bytes [begin, end) of the flat text.
struct Edit {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string with;
};

bool url_like(std::string_view token) {
    return token.find("://") != std::string_view::npos || token.starts_with("www.") || token.starts_with("mailto:");
}

/// Whether a link's text is its own target (an autolink: "<https://x>", "www.x.org", an email).
bool is_own_target(const Span& s) {
    const std::string_view uri = s.style.link_uri;
    if (uri.empty() || s.text.empty()) return false;
    if (uri == s.text) return true;
    for (std::string_view scheme : {"mailto:", "http://", "https://"})
        if (uri.starts_with(scheme) && uri.substr(scheme.size()) == s.text) return true;
    return false;
}

/// Marks URL-like tokens of free text as fixed.
void fix_urls(Flat& f, std::size_t from, std::size_t to) {
    std::size_t i = from;
    while (i < to) {
        while (i < to && is_space(static_cast<unsigned char>(f.text[i]))) ++i;
        std::size_t e = i;
        while (e < to && !is_space(static_cast<unsigned char>(f.text[e]))) ++e;
        if (url_like(std::string_view(f.text).substr(i, e - i)))
            std::fill(f.kind.begin() + static_cast<std::ptrdiff_t>(i), f.kind.begin() + static_cast<std::ptrdiff_t>(e),
                      Byte::Fixed);
        i = e;
    }
}

Flat flatten(const std::vector<Span>& spans) {
    Flat f;
    for (const Span& s : spans) {
        f.start.push_back(f.text.size());
        const std::size_t from = f.text.size();
        if (s.hard_break) f.text += '\n';
        else if (s.picture) f.text += "\uFFFC";
        else f.text += s.text;
        const Byte k = s.style.code ? Byte::Code : (s.hard_break || s.picture || is_own_target(s)) ? Byte::Fixed : Byte::Free;
        f.kind.resize(f.text.size(), k);
        if (k == Byte::Free) fix_urls(f, from, f.text.size());
    }
    return f;
}

/// The context of the character before byte `at` (a code span counts as a letter).
Context before(const Flat& f, std::size_t at) {
    if (at == 0) return Context::Space;
    std::size_t b = at - 1;
    while (b > 0 && (static_cast<unsigned char>(f.text[b]) & 0xC0) == 0x80) --b;
    if (f.kind[b] == Byte::Code) return Context::Letter;
    return context(utf8::decode(f.text, b));
}

/// The context of the character at byte `at`.
Context after(const Flat& f, std::size_t at) {
    if (at >= f.text.size()) return Context::Space;
    if (f.kind[at] == Byte::Code) return Context::Letter;
    return context(utf8::decode(f.text, at));
}

std::string utf8_of(char32_t c) {
    std::string s;
    utf8::append(s, c);
    return s;
}

/// Decides quotes, apostrophes and primes; keeps the stack of open quotes.
class Quoter {
public:
    Quoter(const Flat& f, const Punctuation& p, std::vector<Edit>& edits) : f_(f), p_(p), edits_(edits) {}

    void quote(std::size_t at) {
        const bool dbl = f_.text[at] == '"';
        // A quote just opened counts as opening punctuation for the one after it.
        const Context prev = at == opened_end_ ? Context::Opening : before(f_, at);
        const Context next = after(f_, at + 1);
        const bool open_kind = std::find(open_.begin(), open_.end(), dbl) != open_.end();
        const bool lead = prev == Context::Space || prev == Context::Opening;
        if (!dbl && (prev == Context::Letter || prev == Context::Digit) && next == Context::Letter)
            return replace(at, utf8_of(kApostrophe));  // don't, l'homme, 1990's
        if (prev == Context::Digit && !open_kind) return replace(at, utf8_of(dbl ? kDoublePrime : kPrime));
        if (lead && next == Context::Space) return;  // a quote alone between spaces stays as typed
        if (!dbl && lead && next == Context::Digit) return replace(at, utf8_of(kApostrophe));  // '90s
        if (lead) return open(at, dbl);
        if (!dbl && !open_kind) return replace(at, utf8_of(kApostrophe));  // the students' books
        close(at, dbl);
    }

private:
    void replace(std::size_t at, std::string with) { edits_.push_back({at, at + 1, std::move(with)}); }

    /// With French spacing, a guillemet takes a narrow no-break space on its inner side.
    std::string spaced(const std::string& mark, bool opening) const {
        const bool guillemet = mark == "\u00AB" || mark == "\u00BB" || mark == "\u2039" || mark == "\u203A";
        if (!p_.guillemet_space || !guillemet) return mark;
        const std::string space = utf8_of(kNarrowNoBreakSpace);
        return opening ? mark + space : space + mark;
    }

    void open(std::size_t at, bool dbl) {
        open_.push_back(dbl);
        opened_end_ = at + 1;
        const std::string& mark = dbl ? p_.quotes.open : p_.quotes.inner_open;
        const std::string with = spaced(mark, true);
        edits_.push_back({at, at + 1 + (with == mark ? 0 : space_after(at + 1)), with});
    }

    void close(std::size_t at, bool dbl) {
        const auto it = std::find(open_.rbegin(), open_.rend(), dbl);
        if (it != open_.rend()) open_.erase(std::next(it).base(), open_.end());
        const std::string& mark = dbl ? p_.quotes.close : p_.quotes.inner_close;
        const std::string with = spaced(mark, false);
        edits_.push_back({at - (with == mark ? 0 : space_before(at)), at + 1, with});
    }

    /// Bytes of a typed space (ASCII or no-break) at `at` that a guillemet's narrow space replaces.
    std::size_t space_after(std::size_t at) const {
        if (at >= f_.text.size() || f_.kind[at] != Byte::Free) return 0;
        if (f_.text[at] == ' ') return 1;
        return f_.text.compare(at, 2, "\u00A0") == 0 && f_.kind[at + 1] == Byte::Free ? 2 : 0;
    }
    /// The same for a space that ends at `at`.
    std::size_t space_before(std::size_t at) const {
        if (at >= 1 && f_.kind[at - 1] == Byte::Free && f_.text[at - 1] == ' ') return 1;
        return at >= 2 && f_.kind[at - 2] == Byte::Free && f_.text.compare(at - 2, 2, "\u00A0") == 0 ? 2 : 0;
    }

    const Flat& f_;
    const Punctuation& p_;
    std::vector<Edit>& edits_;
    std::vector<bool> open_;  // the quotes open, innermost last: true for double
    std::size_t opened_end_ = std::string::npos;  // the byte after the last quote opened
};

/// Dashes from a run of 2 or 3 hyphens, unless it starts a word ("--force"); the ellipsis from
/// a run of exactly three dots. Returns the end of the run.
std::size_t run(const Flat& f, std::size_t at, std::vector<Edit>& edits) {
    const char c = f.text[at];
    std::size_t e = at;
    while (e < f.text.size() && f.text[e] == c && f.kind[e] == Byte::Free) ++e;
    const std::size_t n = e - at;
    if (c == '.' && n == 3) edits.push_back({at, e, "\u2026"});
    if (c == '-' && (n == 2 || n == 3)) {
        const bool option = before(f, at) == Context::Space && after(f, e) == Context::Letter;
        if (!option) edits.push_back({at, e, n == 2 ? "\u2013" : "\u2014"});
    }
    return e;
}

/// Writes the edits (ascending, not overlapping) back into the spans; an edit that would
/// cross a span boundary is dropped.
void apply(std::vector<Span>& spans, const Flat& f, const std::vector<Edit>& edits) {
    std::size_t si = 0;
    std::vector<std::string> rebuilt(spans.size());
    std::vector<std::size_t> copied(spans.size(), 0);
    std::vector<bool> touched(spans.size(), false);
    for (const Edit& e : edits) {
        while (si + 1 < spans.size() && f.start[si + 1] <= e.begin) ++si;
        const std::size_t span_end = si + 1 < spans.size() ? f.start[si + 1] : f.text.size();
        if (e.end > span_end) continue;
        const std::size_t b = e.begin - f.start[si];
        rebuilt[si].append(spans[si].text, copied[si], b - copied[si]);
        rebuilt[si] += e.with;
        copied[si] = e.end - f.start[si];
        touched[si] = true;
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (!touched[i]) continue;
        rebuilt[i].append(spans[i].text, copied[i]);
        spans[i].text = std::move(rebuilt[i]);
    }
}

}  // namespace

Punctuation punctuation_for(std::string_view lang, bool enabled) {
    Punctuation p;
    p.enabled = enabled;
    p.quotes = shape::quote_marks(lang);
    const std::string_view language = lang.substr(0, lang.find_first_of("-_"));
    p.guillemet_space = language == "fr";
    return p;
}

void smarten(std::vector<Span>& spans, const Punctuation& punctuation) {
    if (!punctuation.enabled) return;
    bool any = false;
    for (const Span& s : spans)
        if (!s.style.code && s.text.find_first_of("\"'-.") != std::string::npos) any = true;
    if (!any) return;
    const Flat f = flatten(spans);
    std::vector<Edit> edits;
    Quoter quoter(f, punctuation, edits);
    for (std::size_t i = 0; i < f.text.size();) {
        const char c = f.text[i];
        if (f.kind[i] != Byte::Free || (c != '"' && c != '\'' && c != '-' && c != '.')) {
            ++i;
            continue;
        }
        if (c == '-' || c == '.') {
            i = run(f, i, edits);
            continue;
        }
        quoter.quote(i);
        ++i;
    }
    apply(spans, f, edits);
}

std::string smarten(std::string_view text, const Punctuation& punctuation) {
    std::vector<Span> one{{std::string(text), {}, {}}};
    smarten(one, punctuation);
    return std::move(one[0].text);
}

}  // namespace galley::inlines
