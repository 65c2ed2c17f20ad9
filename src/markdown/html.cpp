// Raw HTML: classify inline tags and strip HTML blocks down to their text. This is a small
// tag scanner, not an HTML parser: enough for the snippets people put into Markdown.
#include "markdown/html.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/utf8.h"

namespace galley::markdown::html {

namespace {

struct Tag {
    std::string name;  // lower-case
    bool closing = false;
    bool self_closing = false;  // `<br/>`
    std::size_t end = 0;  // index just past '>'
    std::vector<std::pair<std::string, std::string>> attributes;  // names lower-case, values raw
};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A start or end tag at s[pos] == '<'; nullopt when the '<' starts no tag (then it is text).
std::optional<Tag> tag_at(std::string_view s, std::size_t pos) {
    Tag tag;
    std::size_t i = pos + 1;
    if (i < s.size() && s[i] == '/') tag.closing = true, ++i;
    if (i >= s.size() || !is_ascii_alpha(s[i])) return std::nullopt;
    while (i < s.size() && (is_ascii_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
        tag.name += ascii_lower(s[i++]);
    // Attributes: name, name=value, name="value" or name='value'; a '>' inside a quoted
    // value does not end the tag.
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
        if (i >= s.size()) break;
        if (s[i] == '>') {
            tag.end = i + 1;
            return tag;
        }
        if (s[i] == '/') {
            tag.self_closing = true;
            ++i;
            continue;
        }
        std::string name;
        while (i < s.size() && s[i] != '=' && s[i] != '>' && s[i] != '/' && s[i] != ' ' && s[i] != '\t' &&
               s[i] != '\n' && s[i] != '\r')
            name += ascii_lower(s[i++]);
        std::string value;
        if (i < s.size() && s[i] == '=') {
            ++i;
            if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
                const std::size_t close = s.find(s[i], i + 1);
                if (close == std::string_view::npos) return std::nullopt;
                value = std::string(s.substr(i + 1, close - i - 1));
                i = close + 1;
            } else {
                while (i < s.size() && s[i] != '>' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n') value += s[i++];
            }
        }
        if (!name.empty()) tag.attributes.emplace_back(std::move(name), std::move(value));
        if (name.empty() && value.empty() && i < s.size() && s[i] != '>') ++i;  // a stray character
    }
    return std::nullopt;
}

// Elements that sit inside a line of text: dropping them must not separate words
// ("H<sub>2</sub>O" reads "H2O"); every other tag separates like white space.
bool is_phrasing(const std::string& name) {
    static constexpr std::array<std::string_view, 29> names = {
        "a",    "abbr",   "b",      "bdi", "bdo", "cite", "code", "data", "del",  "dfn",
        "em",   "font",   "i",      "ins", "kbd", "mark", "q",    "s",    "samp", "small",
        "span", "strike", "strong", "sub", "sup", "time", "tt",   "u",    "var"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never have content or an end tag.
bool is_void(const std::string& name) { return name == "img" || name == "hr" || name == "wbr"; }

// Elements whose content is not text to read.
bool is_raw_text(const std::string& name) { return name == "script" || name == "style"; }

// Decodes the entity at s[pos] == '&' into `out`; returns the index past it, or pos when the
// text there is no entity galley knows (then '&' is an ordinary character).
std::size_t decode_entity(std::string_view s, std::size_t pos, std::string& out) {
    const std::size_t semi = s.find(';', pos);
    if (semi == std::string_view::npos || semi - pos > 10) return pos;
    const std::string_view name = s.substr(pos + 1, semi - pos - 1);
    if (name.size() > 1 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return pos;
        char32_t cp = 0;
        for (char c : digits) {
            const int d = c >= '0' && c <= '9'          ? c - '0'
                          : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                        : -1;
            if (d < 0) return pos;
            cp = std::min<char32_t>(cp * (hex ? 16 : 10) + static_cast<char32_t>(d), 0x110000);
        }
        // As HTML does: NUL, surrogates and values past Unicode become U+FFFD.
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        utf8::append(out, cp);
        return semi + 1;
    }
    static constexpr std::array<std::pair<std::string_view, char32_t>, 14> named = {{
        {"amp", U'&'},
        {"lt", U'<'},
        {"gt", U'>'},
        {"quot", U'"'},
        {"apos", U'\''},
        {"nbsp", 0xA0},
        {"copy", 0xA9},
        {"reg", 0xAE},
        {"trade", 0x2122},
        {"mdash", 0x2014},
        {"ndash", 0x2013},
        {"hellip", 0x2026},
        {"laquo", 0xAB},
        {"raquo", 0xBB},
    }};
    for (const auto& [n, cp] : named)
        if (n == name) {
            utf8::append(out, cp);
            return semi + 1;
        }
    return pos;
}

// Collapses runs of ASCII white space to one space and trims, as HTML lays out text.
std::string collapse_space(std::string_view s) {
    std::string out;
    for (char c : s) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (!space)
            out += c;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Index past the end tag that closes raw-text element `name` opened before `pos`.
std::size_t skip_raw_text(std::string_view s, std::size_t pos, const std::string& name) {
    for (std::size_t lt = s.find('<', pos); lt != std::string_view::npos; lt = s.find('<', lt + 1))
        if (auto tag = tag_at(s, lt); tag && tag->closing && tag->name == name) return tag->end;
    return s.size();
}

}  // namespace

InlineTag classify_inline(std::string_view literal) {
    InlineTag out;
    if (literal.starts_with("<!--")) {
        out.kind = InlineHtml::Comment;
        return out;
    }
    const std::optional<Tag> tag = tag_at(literal, 0);
    if (!tag) return out;
    out.name = tag->name;
    if (tag->name == "br") {
        out.kind = InlineHtml::LineBreak;
        return out;
    }
    out.kind = tag->closing ? InlineHtml::Close : tag->self_closing || is_void(tag->name) ? InlineHtml::Empty : InlineHtml::Open;
    for (const auto& [name, value] : tag->attributes) {
        std::string decoded;
        for (std::size_t i = 0; i < value.size();) {
            if (value[i] == '&')
                if (const std::size_t next = decode_entity(value, i, decoded); next != i) {
                    i = next;
                    continue;
                }
            decoded += value[i++];
        }
        out.attributes.emplace_back(name, std::move(decoded));
    }
    return out;
}

bool element(const InlineTag& tag, doc::Inline& in) {
    using K = doc::InlineKind;
    static constexpr std::array<std::pair<std::string_view, K>, 20> kinds = {{
        {"b", K::Strong},         {"strong", K::Strong},     {"i", K::Emphasis},     {"em", K::Emphasis},
        {"cite", K::Emphasis},    {"dfn", K::Emphasis},      {"var", K::Emphasis},   {"s", K::Strikethrough},
        {"del", K::Strikethrough}, {"strike", K::Strikethrough}, {"ins", K::Underline}, {"u", K::Underline},
        {"sub", K::Subscript},    {"sup", K::Superscript},   {"mark", K::Highlight}, {"kbd", K::Keyboard},
        {"small", K::Small},      {"code", K::Code},         {"tt", K::Code},        {"samp", K::Code},
    }};
    if (tag.kind == InlineHtml::Open)
        for (const auto& [name, kind] : kinds)
            if (name == tag.name) {
                in.kind = kind;
                return true;
            }
    if (tag.kind == InlineHtml::Open && tag.name == "a" && !tag.attribute("href").empty()) {
        in.kind = K::Link;
        in.url = tag.attribute("href");
        in.title = tag.attribute("title");
        return true;
    }
    return false;
}

bool is_transparent(std::string_view name) {
    static constexpr std::array<std::string_view, 13> names = {"a",   "abbr", "bdi", "bdo",  "big",  "data", "font",
                                                               "q",   "span", "time", "wbr", "center", "nobr"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string InlineTag::attribute(std::string_view name) const {
    for (const auto& [n, v] : attributes)
        if (n == name) return v;
    return {};
}

doc::Attributes tag_attributes(std::string_view tag) {
    doc::Attributes out;
    for (auto& [name, value] : classify_inline(tag).attributes) {
        if (name == "id") {
            out.id = value;
        } else if (name == "class") {
            for (std::size_t k = 0; k < value.size();) {
                const std::size_t end = std::min(value.find(' ', k), value.size());
                if (end > k) out.classes.push_back(value.substr(k, end - k));
                k = end + 1;
            }
        } else {
            out.values.emplace_back(name, std::move(value));
        }
    }
    return out;
}

std::vector<std::string_view> image_tags(std::string_view block) {
    std::vector<std::string_view> tags;
    for (std::size_t i = 0; i < block.size();) {
        const char c = block[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        const auto tag = c == '<' ? tag_at(block, i) : std::nullopt;
        if (!tag || tag->closing || tag->name != "img") return {};
        tags.push_back(block.substr(i, tag->end - i));
        i = tag->end;
    }
    return tags;
}

std::string excerpt(std::string_view literal) {
    constexpr std::size_t max_bytes = 60;
    std::size_t end = std::min(literal.find('>'), literal.find('\n'));
    end = end == std::string_view::npos ? literal.size() : end + (literal[end] == '>');
    if (end <= max_bytes) return std::string(literal.substr(0, end));
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(literal[cut]) & 0xC0) == 0x80) --cut;
    return std::string(literal.substr(0, cut)) + "...";
}

BlockText block_text(std::string_view s) {
    BlockText result;
    std::string line;
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i).starts_with("<!--")) {
            const std::size_t close = s.find("-->", i + 4);
            i = close == std::string_view::npos ? s.size() : close + 3;
            continue;
        }
        if (s.substr(i).starts_with("<!") || s.substr(i).starts_with("<?")) {
            // Declarations, processing instructions and CDATA: markup, not text.
            const std::size_t close = s.find('>', i);
            i = close == std::string_view::npos ? s.size() : close + 1;
            result.dropped_markup = true;
            continue;
        }
        if (s[i] == '<') {
            if (auto tag = tag_at(s, i)) {
                result.dropped_markup = true;
                i = tag->end;
                if (tag->name == "br") {
                    result.lines.push_back(collapse_space(line));
                    line.clear();
                } else if (!tag->closing && is_raw_text(tag->name)) {
                    i = skip_raw_text(s, i, tag->name);
                } else if (!is_phrasing(tag->name)) {
                    line += ' ';
                }
                continue;
            }
        }
        if (s[i] == '&') {
            if (const std::size_t next = decode_entity(s, i, line); next != i) {
                i = next;
                continue;
            }
        }
        line += s[i++];
    }
    result.lines.push_back(collapse_space(line));
    return result;
}

}  // namespace galley::markdown::html
