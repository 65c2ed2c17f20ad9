// A recursive-descent reader of the TeX math subset. Each group, script, environment and
// \left…\right is one level of recursion, bounded by max_depth.
#include "math/parse.h"

#include <algorithm>

#include "base/utf8.h"
#include "math/symbols.h"

namespace galley::math {

namespace {

Node list(std::vector<Node> kids = {}) { return {.kind = NodeKind::List, .kids = std::move(kids)}; }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Delimiters \left, \right and the \big family accept.
std::optional<char32_t> delimiter_char(std::string_view name) {
    if (name == "." ) return char32_t{0};
    if (name == "|") return char32_t{'|'};
    if (name == "\\|") return char32_t{0x2016};
    if (name.size() == 1) {
        const char c = name[0];
        if (c == '(' || c == ')' || c == '[' || c == ']' || c == '/') return char32_t(c);
        return std::nullopt;
    }
    if (name == "\\{" || name == "\\lbrace") return char32_t{'{'};
    if (name == "\\}" || name == "\\rbrace") return char32_t{'}'};
    if (name.substr(0, 1) == "\\")
        if (const auto s = command_symbol(name.substr(1));
            s && (s->cls == AtomClass::Open || s->cls == AtomClass::Close || s->cp == 0x007C || s->cp == 0x2016 ||
                  s->cp == 0x2191 || s->cp == 0x2193 || s->cp == 0x21D1 || s->cp == 0x21D3))
            return s->cp;
    return std::nullopt;
}

class Parser {
public:
    Parser(std::string_view src, ParseError& error) : s_(src), error_(error) {}

    std::optional<Formula> formula() {
        Formula f;
        f.root = parse_list(End::Source, 0);
        if (failed_) return std::nullopt;
        f.tag = std::move(tag_);
        return f;
    }

private:
    enum class End { Source, Brace, Right, Environment };

    bool fail(std::size_t at, std::string message) {
        if (!failed_) error_ = {at, std::move(message)};
        failed_ = true;
        return false;
    }

    void skip_spaces() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }

    // The token at pos_: "\name", "\x" for one non-letter, or one UTF-8 character.
    std::string_view peek_token() {
        skip_spaces();
        if (pos_ >= s_.size()) return {};
        if (s_[pos_] == '\\') {
            std::size_t e = pos_ + 1;
            while (e < s_.size() && is_letter(s_[e])) ++e;
            if (e == pos_ + 1 && e < s_.size()) ++e;
            return s_.substr(pos_, e - pos_);
        }
        std::size_t e = pos_ + 1;
        while (e < s_.size() && (static_cast<unsigned char>(s_[e]) & 0xC0) == 0x80) ++e;
        return s_.substr(pos_, e - pos_);
    }
    std::string_view next_token() {
        const std::string_view t = peek_token();
        pos_ += t.size();
        return t;
    }

    // A math list up to its end: `}` (Brace), `\right` (Right), `&`, `\\` or `\end` (Environment).
    // `opened` is where the `{`, `\left` or `\begin` is, which an unclosed one is reported at.
    Node parse_list(End end, int depth, std::size_t opened = 0) {
        Node out = list();
        if (depth > max_depth) {
            fail(pos_, "formula nested more than " + std::to_string(max_depth) + " levels deep");
            return out;
        }
        while (!failed_) {
            const std::size_t at = (skip_spaces(), pos_);
            const std::string_view t = peek_token();
            if (t.empty()) {
                if (end == End::Brace) fail(opened, "unbalanced braces: '{' is never closed");
                else if (end == End::Right) fail(opened, "\\left without \\right");
                else if (end == End::Environment) fail(opened, "environment without \\end");
                break;
            }
            if (t == "}") {
                if (end != End::Brace) fail(at, "unbalanced braces: '}' closes nothing");
                break;
            }
            if (t == "\\right") {
                if (end != End::Right) fail(at, "\\right without \\left");
                break;
            }
            if (t == "&" || t == "\\\\" || t == "\\end") {
                if (end != End::Environment) fail(at, std::string(t) + " outside an environment");
                break;
            }
            if (t == "'") {
                // A MATH font's prime (U+2032) is already raised: it follows the base as a
                // symbol, and a superscript after it is the prime's.
                next_token();
                out.kids.push_back({.kind = NodeKind::Symbol, .cp = 0x2032});
                const std::string_view after = peek_token();
                if (after == "^" || after == "_") out.kids.back() = scripts_of(std::move(out.kids.back()));
                continue;
            }
            if (t == "^" || t == "_") {
                if (out.kids.empty() || out.kids.back().kind != NodeKind::Scripts) out.kids.push_back(scripts_of(list()));
                add_script(out.kids.back(), depth);
                continue;
            }
            Node atom = parse_atom(depth);
            if (failed_) break;
            if (atom.kind == NodeKind::List && atom.kids.empty() && atom.text == "skip") continue;
            // \limits and \nolimits after an operator: its scripts above and below in every
            // style, or always beside it.
            bool limits = false;
            if (peek_token() == "\\limits" || peek_token() == "\\nolimits") {
                limits = next_token() == "\\limits";
                atom.limits = limits;
            }
            const std::string_view after = peek_token();
            if (after == "^" || after == "_") {
                out.kids.push_back(scripts_of(std::move(atom)));
                out.kids.back().limits = limits;
                continue;
            }
            out.kids.push_back(std::move(atom));
        }
        return out;
    }

    static Node scripts_of(Node base) {
        return {.kind = NodeKind::Scripts, .kids = {std::move(base), list(), list()}};
    }

    // One `^x` or `_x` onto `n` (a Scripts node); a second of the same kind is an error.
    void add_script(Node& n, int depth) {
        const std::size_t at = pos_;
        const std::string_view t = next_token();
        Node& slot = n.kids[t == "^" ? 1 : 2];
        if (!slot.kids.empty()) {
            fail(at, std::string("double ") + (t == "^" ? "superscript" : "subscript"));
            return;
        }
        if (peek_token().empty()) {
            fail(at, std::string("missing argument after '") + std::string(t) + "'");
            return;
        }
        slot.kids.push_back(parse_atom(depth + 1));
    }

    // One argument: a group `{...}` or a single token.
    Node argument(int depth) {
        const std::size_t at = (skip_spaces(), pos_);
        if (peek_token().empty()) {
            fail(at, "missing argument");
            return list();
        }
        return parse_atom(depth + 1);
    }

    // The raw text of a `{...}` argument (\text, \operatorname, \tag, \begin).
    std::string raw_group() {
        const std::size_t at = (skip_spaces(), pos_);
        if (pos_ >= s_.size() || s_[pos_] != '{') {
            fail(at, "expected '{'");
            return {};
        }
        int level = 0;
        for (std::size_t i = pos_; i < s_.size(); ++i) {
            if (s_[i] == '\\') {
                ++i;
                continue;
            }
            if (s_[i] == '{') ++level;
            if (s_[i] == '}' && --level == 0) {
                std::string text(s_.substr(pos_ + 1, i - pos_ - 1));
                pos_ = i + 1;
                return text;
            }
        }
        fail(at, "unbalanced braces: '{' is never closed");
        return {};
    }

    Node parse_atom(int depth) {
        const std::size_t at = (skip_spaces(), pos_);
        if (depth > max_depth) {
            fail(at, "formula nested more than " + std::to_string(max_depth) + " levels deep");
            return list();
        }
        const std::string_view t = next_token();
        if (t == "{") {
            Node g = parse_list(End::Brace, depth + 1, at);
            if (!failed_) next_token();
            return g;
        }
        if (t == "}") {
            fail(at, "unbalanced braces: '}' closes nothing");
            return list();
        }
        if (t[0] == '\\' && t.size() > 1 && is_letter(t[1])) return command(t.substr(1), at, depth);
        if (t[0] == '\\') {
            if (const auto mu = spacing(t.substr(1))) return {.kind = NodeKind::Space, .space = *mu};
            if (t == "\\{" || t == "\\}")
                return {.kind = NodeKind::Symbol, .cls = t == "\\{" ? AtomClass::Open : AtomClass::Close, .cp = char32_t(t[1])};
            if (t == "\\|") return {.kind = NodeKind::Symbol, .cp = 0x2016};
            if (t.size() == 2 && std::string_view("%#&$_").find(t[1]) != std::string_view::npos)
                return {.kind = NodeKind::Symbol, .cp = char32_t(t[1])};
            fail(at, "unknown command '" + std::string(t) + "'");
            return list();
        }
        if (t == "~") return {.kind = NodeKind::Space, .space = 6};
        std::size_t i = 0;
        const char32_t c = utf8::decode(t, i);
        const SymbolInfo sym = char_symbol(c);
        return {.kind = NodeKind::Symbol, .cls = sym.cls, .cp = styled(sym.cp, Alphabet::Default)};
    }

    Node command(std::string_view name, std::size_t at, int depth) {
        if (const auto sym = command_symbol(name)) {
            const bool letter = (sym->cp >= 0x03B1 && sym->cp <= 0x03C9) || sym->cp == 0x03F5 || sym->cp == 0x03D1 ||
                                sym->cp == 0x03D5 || sym->cp == 0x03F1 || sym->cp == 0x03D6 || sym->cp == 0x2202;
            return {.kind = NodeKind::Symbol, .cls = sym->cls, .cp = letter ? styled(sym->cp, Alphabet::Italic) : sym->cp,
                    .limits = sym->limits};
        }
        if (const auto limits = named_operator(name))
            return {.kind = NodeKind::Text, .cls = AtomClass::Op, .limits = *limits, .text = std::string(name)};
        if (const auto mu = spacing(name)) return {.kind = NodeKind::Space, .space = *mu};
        if (const auto a = accent(name)) {
            Node base = argument(depth);
            return {.kind = NodeKind::Accent, .cp = a->cp, .under = a->under, .stretch = a->stretch, .kids = {std::move(base)}};
        }
        if (const auto a = alphabet(name)) {
            Node body = argument(depth);
            restyle(body, *a);
            return body;
        }
        if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "binom" || name == "dbinom" || name == "tbinom")
            return fraction(name, depth);
        if (name == "sqrt") return radical(depth);
        if (name == "left") return delimited(at, depth);
        if (name.starts_with("big") || name.starts_with("Big")) return big(name, at);
        if (name == "text" || name == "textrm" || name == "mbox" || name == "textit" || name == "textbf")
            return {.kind = NodeKind::Text, .text = raw_group()};
        if (name == "operatorname") {
            const bool limits = peek_token() == "*" && (next_token(), true);
            return {.kind = NodeKind::Text, .cls = AtomClass::Op, .limits = limits, .text = raw_group()};
        }
        if (name == "begin") return environment(at, depth);
        if (name == "tag") {
            tag_ = raw_group();
            return skip();
        }
        if (name == "label" || name == "nonumber" || name == "notag") {
            if (name == "label") raw_group();
            return skip();
        }
        if (name == "overset" || name == "underset") {
            Node mark = argument(depth);
            Node base = argument(depth);
            Node n = scripts_of(std::move(base));
            n.kids[name == "overset" ? 1 : 2] = std::move(mark);
            n.limits = true;
            return n;
        }
        if (name == "displaystyle" || name == "textstyle")
            return {.kind = NodeKind::Style, .forced = name == "displaystyle" ? ForcedStyle::Display : ForcedStyle::Text};
        if (name == "limits" || name == "nolimits") return skip();
        fail(at, "unknown command '\\" + std::string(name) + "'");
        return list();
    }

    static Node skip() { return {.kind = NodeKind::List, .text = "skip"}; }

    // Letters and digits anywhere in `n` drawn from alphabet `a`.
    static void restyle(Node& n, Alphabet a) {
        if (n.kind == NodeKind::Symbol) n.cp = styled(plain(n.cp), a);
        for (Node& k : n.kids) restyle(k, a);
    }

    // The ASCII letter or digit, or the basic Greek letter, a math-italic code point stands for.
    static char32_t plain(char32_t cp) {
        if (cp == 0x210E) return 'h';
        if (cp >= 0x1D434 && cp < 0x1D434 + 26) return 'A' + (cp - 0x1D434);
        if (cp >= 0x1D44E && cp < 0x1D44E + 26) return 'a' + (cp - 0x1D44E);
        return cp;
    }

    Node fraction(std::string_view name, int depth) {
        Node num = argument(depth);
        Node den = argument(depth);
        Node f{.kind = NodeKind::Fraction, .kids = {std::move(num), std::move(den)}};
        if (name[0] == 'd') f.forced = ForcedStyle::Display;
        if (name[0] == 't') f.forced = ForcedStyle::Text;
        if (name.ends_with("binom")) {
            f.rule = false;
            f.left = '(';
            f.right = ')';
        }
        return f;
    }

    Node radical(int depth) {
        Node degree = list();
        if (peek_token() == "[") {
            next_token();
            while (!failed_ && peek_token() != "]") {
                if (peek_token().empty()) {
                    fail(pos_, "'[' of \\sqrt is never closed");
                    break;
                }
                degree.kids.push_back(parse_atom(depth + 1));
            }
            next_token();
        }
        Node body = argument(depth);
        return {.kind = NodeKind::Radical, .kids = {std::move(body), std::move(degree)}};
    }

    std::optional<char32_t> read_delimiter(std::size_t at, std::string_view after) {
        const std::string_view t = next_token();
        const auto d = delimiter_char(t);
        if (!d) fail(at, "'" + std::string(t) + "' after " + std::string(after) + " is not a delimiter");
        return d;
    }

    Node delimited(std::size_t at, int depth) {
        const auto left = read_delimiter(at, "\\left");
        if (!left) return list();
        Node body = parse_list(End::Right, depth + 1, at);
        if (failed_) return list();
        next_token();  // \right
        const auto right = read_delimiter(pos_, "\\right");
        if (!right) return list();
        return {.kind = NodeKind::Delimited, .cls = AtomClass::Inner, .left = *left, .right = *right, .kids = {std::move(body)}};
    }

    Node big(std::string_view name, std::size_t at) {
        std::string_view base = name;
        AtomClass cls = AtomClass::Ord;
        if (base.ends_with('l')) cls = AtomClass::Open;
        if (base.ends_with('r')) cls = AtomClass::Close;
        if (base.ends_with('m')) cls = AtomClass::Rel;
        if (cls != AtomClass::Ord) base.remove_suffix(1);
        // TeX's \big..\Bigg are 8.5, 11.5, 14.5 and 17.5 pt at 10 pt: 0.85 to 1.75 em.
        float size = 0;
        if (base == "big") size = 0.85f;
        if (base == "Big") size = 1.15f;
        if (base == "bigg") size = 1.45f;
        if (base == "Bigg") size = 1.75f;
        if (size == 0) {
            fail(at, "unknown command '\\" + std::string(name) + "'");
            return list();
        }
        const auto d = read_delimiter(at, "\\" + std::string(name));
        if (!d) return list();
        return {.kind = NodeKind::BigDelim, .cls = cls, .cp = *d, .size = size};
    }

    Node environment(std::size_t at, int depth) {
        const std::string name = raw_group();
        if (failed_) return list();
        static constexpr std::string_view kKnown[] = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix",
                                                      "cases", "aligned", "align", "align*", "gathered", "split"};
        if (std::find(std::begin(kKnown), std::end(kKnown), std::string_view(name)) == std::end(kKnown)) {
            fail(at, "unknown environment '" + name + "'");
            return list();
        }
        Node table{.kind = NodeKind::Table, .text = name};
        std::vector<std::vector<Node>> rows(1);
        const bool pairs = name.starts_with("align") || name == "split";
        while (!failed_) {
            rows.back().push_back(parse_list(End::Environment, depth + 1, at));
            // As amsmath does, the right-hand side of a pair starts with an empty atom, so
            // `&= b` keeps the space before its relation.
            if (pairs && rows.back().size() % 2 == 0) rows.back().back().kids.insert(rows.back().back().kids.begin(), list());
            if (failed_) return list();
            const std::size_t here = pos_;
            const std::string_view t = next_token();
            if (t == "\\\\") rows.emplace_back();
            if (t == "\\end") {
                const std::string closing = raw_group();
                if (closing != name) fail(here, "\\begin{" + name + "} ended by \\end{" + closing + "}");
                break;
            }
        }
        if (rows.size() > 1 && rows.back().size() == 1 && rows.back()[0].kids.empty()) rows.pop_back();
        for (const auto& r : rows) table.columns = std::max(table.columns, static_cast<int>(r.size()));
        for (auto& r : rows) {
            r.resize(static_cast<std::size_t>(table.columns), list());
            for (Node& cell : r) table.kids.push_back(std::move(cell));
        }
        return table;
    }

    std::string_view s_;
    ParseError& error_;
    std::size_t pos_ = 0;
    bool failed_ = false;
    std::string tag_;
};

}  // namespace

std::optional<Formula> parse(std::string_view source, ParseError& error) { return Parser(source, error).formula(); }

}  // namespace galley::math
