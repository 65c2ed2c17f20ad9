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

std::vector<std::string_view> tags_alone(std::string_view block, std::string_view name) {
    std::vector<std::string_view> tags;
    for (std::size_t i = 0; i < block.size();) {
        const char c = block[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
            continue;
        }
        const auto tag = c == '<' ? tag_at(block, i) : std::nullopt;
        if (!tag || tag->closing || tag->name != name) return {};
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
    const auto drop = [&](std::string what) {
        if (std::find(result.dropped.begin(), result.dropped.end(), what) == result.dropped.end())
            result.dropped.push_back(std::move(what));
    };
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
            drop(excerpt(s.substr(i)));
            i = close == std::string_view::npos ? s.size() : close + 1;
            continue;
        }
        if (s[i] == '<') {
            if (auto tag = tag_at(s, i)) {
                if (tag->name != "br" && !is_transparent(tag->name)) drop("<" + tag->name + ">");
                if (tag->name == "img" && !tag->closing) {
                    result.images.push_back(s.substr(i, tag->end - i));
                    line += classify_inline(result.images.back()).attribute("alt");
                }
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
        result.has_text = result.has_text || (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r');
        line += s[i++];
    }
    result.lines.push_back(collapse_space(line));
    return result;
}

std::string as_markdown(std::string_view s) {
    std::string out;
    const auto space = [&] {
        if (!out.empty() && out.back() != ' ') out += ' ';
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        std::size_t end = i;
        if (s.substr(i).starts_with("<!--")) {
            const std::size_t close = s.find("-->", i + 4);
            end = close == std::string_view::npos ? s.size() : close + 3;
        } else if (c == '<') {
            if (const auto tag = tag_at(s, i)) end = tag->end;
        } else if (c == '&') {  // an entity of any name: cmark-gfm knows all of HTML's
            std::size_t e = i + 1;
            while (e < s.size() && e - i <= 32 && (is_ascii_alpha(s[e]) || (s[e] >= '0' && s[e] <= '9') || s[e] == '#')) ++e;
            if (e > i + 1 && e < s.size() && s[e] == ';') end = e + 1;
        }
        if (end > i) {  // a tag, comment or entity, kept on the one line
            for (char t : s.substr(i, end - i)) out += t == '\n' || t == '\r' || t == '\t' ? ' ' : t;
            i = end;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space();
        } else {
            // ':' stays bare, so emoji codes read as in Markdown.
            const bool punctuation = (c >= '!' && c <= '/') || (c >= ';' && c <= '@') || (c >= '[' && c <= '`') ||
                                     (c >= '{' && c <= '~');
            if (punctuation) out += '\\';
            out += c;
        }
        ++i;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

namespace {

/// 'l', 'c' or 'r' from a cell's `align=` or `style="text-align: ..."`, else 0.
char cell_alignment(std::string_view tag) {
    const InlineTag t = classify_inline(tag);
    std::string value = t.attribute("align");
    if (value.empty()) {
        const std::string style = t.attribute("style");
        if (const std::size_t at = style.find("text-align"); at != std::string::npos) {
            std::size_t v = style.find(':', at);
            if (v != std::string::npos) {
                v = style.find_first_not_of(" \t", v + 1);
                if (v != std::string::npos) value = style.substr(v, style.find_first_of(" ;", v) - v);
            }
        }
    }
    for (char& ch : value) ch = ascii_lower(ch);
    return value == "left" ? 'l' : value == "center" ? 'c' : value == "right" ? 'r' : 0;
}

int colspan(std::string_view tag) {
    int span = 0;
    for (char ch : classify_inline(tag).attribute("colspan")) {
        if (ch < '0' || ch > '9') break;
        span = std::min(kMaxColspan, span * 10 + (ch - '0'));
    }
    return std::max(span, 1);
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

}  // namespace

std::optional<Table> read_table(std::string_view s) {
    Table table;
    bool in_table = false, done = false;
    std::size_t content = 0;   // where the open cell's or caption's inner HTML starts
    Table::Cell* cell = nullptr;
    bool in_caption = false;
    const auto close_cell = [&](std::size_t at) {
        if (cell) cell->html = std::string(s.substr(content, at - content));
        cell = nullptr;
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i).starts_with("<!--")) {
            const std::size_t close = s.find("-->", i + 4);
            i = close == std::string_view::npos ? s.size() : close + 3;
            continue;
        }
        const std::optional<Tag> tag = s[i] == '<' ? tag_at(s, i) : std::nullopt;
        if (!tag) {
            // Text belongs in cells and captions only.
            if (!cell && !in_caption && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return std::nullopt;
            ++i;
            continue;
        }
        const std::string& name = tag->name;
        const std::size_t at = i;
        i = tag->end;
        if (in_caption) {
            if (name == "caption" && tag->closing) table.caption = s.substr(content, at - content), in_caption = false;
            continue;
        }
        const bool ends_cell = name == "td" || name == "th" || name == "tr" || name == "table" || name == "thead" ||
                               name == "tbody" || name == "tfoot";
        if (cell && !ends_cell) continue;  // markup inside a cell: read with its text
        close_cell(at);
        if (done || (!in_table && name != "table") || (name == "table" && in_table == !tag->closing)) return std::nullopt;
        if (name == "table") {
            in_table = !tag->closing;
            done = tag->closing;
        } else if (name == "caption" && !tag->closing) {
            in_caption = true;
            content = i;
        } else if (name == "tr" && !tag->closing) {
            table.rows.emplace_back();
        } else if ((name == "td" || name == "th") && !tag->closing) {
            if (table.rows.empty()) table.rows.emplace_back();
            cell = &table.rows.back().emplace_back();
            cell->span = colspan(s.substr(at, i - at));
            cell->align = cell_alignment(s.substr(at, i - at));
            content = i;
        } else if (name != "thead" && name != "tbody" && name != "tfoot" && name != "colgroup" && name != "col" && name != "tr" &&
                   name != "td" && name != "th") {
            return std::nullopt;  // anything else in a table: not a plain one
        }
    }
    if (!done || std::none_of(table.rows.begin(), table.rows.end(), [](const auto& r) { return !r.empty(); }))
        return std::nullopt;
    std::erase_if(table.rows, [](const auto& r) { return r.empty(); });
    return table;
}

std::vector<Piece> details_pieces(std::string_view s) {
    std::vector<Piece> pieces;
    std::size_t copied = 0;
    const auto flush = [&](std::size_t to) {
        if (!blank(s.substr(copied, to - copied)))
            pieces.push_back({Piece::Kind::Html, std::string(s.substr(copied, to - copied))});
    };
    // The inner HTML of a <summary> at s[from] (white space before it allowed), and the index
    // past its end tag; nullopt when none starts there.
    const auto summary_at = [&](std::size_t from) -> std::optional<std::pair<std::string, std::size_t>> {
        while (from < s.size() && (s[from] == ' ' || s[from] == '\t' || s[from] == '\n' || s[from] == '\r')) ++from;
        const auto open = from < s.size() && s[from] == '<' ? tag_at(s, from) : std::nullopt;
        if (!open || open->closing || open->name != "summary") return std::nullopt;
        for (std::size_t lt = s.find('<', open->end); lt != std::string_view::npos; lt = s.find('<', lt + 1))
            if (const auto close = tag_at(s, lt); close && close->closing && close->name == "summary")
                return std::make_pair(std::string(s.substr(open->end, lt - open->end)), close->end);
        return std::make_pair(std::string(s.substr(open->end)), s.size());
    };
    if (const auto summary = summary_at(0)) {
        pieces.push_back({Piece::Kind::Summary, summary->first});
        copied = summary->second;
    }
    for (std::size_t lt = s.find('<', copied); lt != std::string_view::npos; lt = s.find('<', lt + 1)) {
        const auto tag = tag_at(s, lt);
        if (!tag || tag->name != "details") continue;
        flush(lt);
        copied = tag->end;
        if (tag->closing) {
            pieces.push_back({Piece::Kind::Close, {}});
        } else if (const auto summary = summary_at(copied)) {
            pieces.push_back({Piece::Kind::Open, summary->first});
            copied = summary->second;
        } else {
            pieces.push_back({Piece::Kind::Open, {}});
        }
        lt = copied - 1;
    }
    flush(s.size());
    return pieces;
}

}  // namespace galley::markdown::html
