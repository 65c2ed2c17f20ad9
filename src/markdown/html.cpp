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
    std::size_t end = 0;  // index just past '>'
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
    // Attributes: a '>' inside a quoted value does not end the tag.
    char quote = 0;
    for (; i < s.size(); ++i) {
        if (quote) {
            if (s[i] == quote) quote = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (s[i] == '>') {
            tag.end = i + 1;
            return tag;
        }
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

InlineHtml classify_inline(std::string_view literal) {
    if (literal.starts_with("<!--")) return InlineHtml::Comment;
    if (auto tag = tag_at(literal, 0); tag && !tag->closing) {
        if (tag->name == "br") return InlineHtml::LineBreak;
        if (tag->name == "img") return InlineHtml::Image;
    }
    return InlineHtml::Other;
}

doc::Attributes tag_attributes(std::string_view tag) {
    doc::Attributes out;
    std::size_t i = tag.starts_with('<') ? 1 : 0;
    while (i < tag.size() && (is_ascii_alpha(tag[i]) || (tag[i] >= '0' && tag[i] <= '9') || tag[i] == '-')) ++i;
    const auto space = [&] {
        while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    };
    for (;;) {
        space();
        if (i >= tag.size() || tag[i] == '>' || tag[i] == '/') break;
        std::string name;
        while (i < tag.size() && tag[i] != '=' && tag[i] != '>' && tag[i] != ' ' && tag[i] != '\t' &&
               tag[i] != '\n' && tag[i] != '/')
            name += ascii_lower(tag[i++]);
        space();
        std::string raw;
        if (i < tag.size() && tag[i] == '=') {
            ++i;
            space();
            if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
                const char quote = tag[i++];
                const std::size_t close = std::min(tag.find(quote, i), tag.size());
                raw = tag.substr(i, close - i);
                i = close + 1;
            } else {
                const std::size_t start = i;
                while (i < tag.size() && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '>') ++i;
                raw = tag.substr(start, i - start);
            }
        }
        if (name.empty()) {
            ++i;  // a stray character: skip it rather than loop
            continue;
        }
        std::string value;
        for (std::size_t k = 0; k < raw.size();) {
            const std::size_t next = raw[k] == '&' ? decode_entity(raw, k, value) : k;
            if (next != k) {
                k = next;
            } else {
                value += raw[k++];
            }
        }
        if (name == "id") {
            out.id = value;
        } else if (name == "class") {
            for (std::size_t k = 0; k < value.size();) {
                const std::size_t end = std::min(value.find(' ', k), value.size());
                if (end > k) out.classes.push_back(value.substr(k, end - k));
                k = end + 1;
            }
        } else {
            out.values.emplace_back(std::move(name), std::move(value));
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
