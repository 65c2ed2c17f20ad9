// The attribute block parser: `{#id .class key=value key="quoted"}`.
#include "markdown/attributes.h"

#include "base/ascii.h"

namespace galley::markdown {

namespace {

bool name_char(char c) { return ascii::is_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.'; }

/// A run of name characters from `at`; empty when there is none.
std::string_view name_at(std::string_view s, std::size_t at) {
    std::size_t end = at;
    while (end < s.size() && name_char(s[end])) ++end;
    return s.substr(at, end - at);
}

/// A value from `at` (after `=`): quoted or up to a space or `}`. Sets `at` past it; false when
/// a quote is not closed or the value is empty.
bool value_at(std::string_view s, std::size_t& at, std::string& out) {
    if (at < s.size() && (s[at] == '"' || s[at] == '\'')) {
        const char quote = s[at++];
        for (; at < s.size(); ++at) {
            if (s[at] == '\\' && at + 1 < s.size() && (s[at + 1] == quote || s[at + 1] == '\\')) {
                out += s[++at];
            } else if (s[at] == quote) {
                ++at;
                return true;
            } else {
                out += s[at];
            }
        }
        return false;
    }
    const std::size_t start = at;
    while (at < s.size() && s[at] != ' ' && s[at] != '\t' && s[at] != '}' && s[at] != '"' && s[at] != '\'') ++at;
    out.assign(s.substr(start, at - start));
    return !out.empty();
}

}  // namespace

std::optional<ParsedAttributes> parse_attributes(std::string_view text) {
    if (text.empty() || text[0] != '{') return std::nullopt;
    const std::string_view s = text.substr(0, kMaxAttributeBytes);
    ParsedAttributes out;
    doc::Attributes& a = out.attributes;
    std::size_t at = 1;
    if (at < s.size() && s[at] == ':') ++at;
    bool any = false;
    while (at < s.size()) {
        const char c = s[at];
        if (c == ' ' || c == '\t') {
            ++at;
            continue;
        }
        if (c == '}') {
            if (!any) return std::nullopt;
            out.length = at + 1;
            return out;
        } else if (c == '#' || c == '.') {
            const std::string_view name = name_at(s, at + 1);
            if (name.empty()) return std::nullopt;
            if (c == '#')
                a.id = name;
            else
                a.classes.emplace_back(name);
            at += 1 + name.size();
            any = true;
        } else if (c == '-' && at + 1 < s.size() && (s[at + 1] == ' ' || s[at + 1] == '\t' || s[at + 1] == '}')) {
            a.classes.emplace_back("unnumbered");  // pandoc's shorthand: `# Preface {-}`
            ++at;
            any = true;
        } else if (ascii::is_alpha(c) || c == '_') {
            const std::string_view key = name_at(s, at);
            at += key.size();
            if (at >= s.size() || s[at] != '=') return std::nullopt;
            ++at;
            std::string value;
            if (!value_at(s, at, value)) return std::nullopt;
            a.values.emplace_back(std::string(key), std::move(value));
            any = true;
        } else {
            return std::nullopt;
        }
        // Items are separated by white space: `{.a.b}` is one class name, `{#a#b}` nothing.
        if (at < s.size() && s[at] != ' ' && s[at] != '\t' && s[at] != '}') return std::nullopt;
    }
    return std::nullopt;
}

void attach_image_attributes(std::vector<doc::Inline>& inlines) {
    for (std::size_t i = 0; i < inlines.size(); ++i) {
        doc::Inline& in = inlines[i];
        attach_image_attributes(in.children);  // the model is at most doc::max_nesting deep
        if (in.kind != doc::InlineKind::Image || in.attributes || i + 1 >= inlines.size()) continue;
        doc::Inline& next = inlines[i + 1];
        if (next.kind != doc::InlineKind::Text) continue;
        std::optional<ParsedAttributes> parsed = parse_attributes(next.text);
        if (!parsed) continue;
        in.attributes = std::make_shared<const doc::Attributes>(std::move(parsed->attributes));
        next.text.erase(0, parsed->length);
        if (next.text.empty()) inlines.erase(inlines.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
}


std::optional<doc::Attributes> take_trailing_attributes(std::vector<doc::Inline>& inlines) {
    if (inlines.empty() || inlines.back().kind != doc::InlineKind::Text) return std::nullopt;
    std::string& text = inlines.back().text;
    std::size_t end = text.find_last_not_of(" \t");
    if (end == std::string::npos || text[end] != '}') return std::nullopt;
    for (std::size_t open = text.rfind('{', end); open != std::string::npos; open = open ? text.rfind('{', open - 1) : std::string::npos) {
        if (end + 1 - open > kMaxAttributeBytes) break;
        const auto parsed = parse_attributes(std::string_view(text).substr(open, end + 1 - open));
        if (!parsed || parsed->length != end + 1 - open) continue;
        // The block must stand apart: at the start or after a space ("a{b}" is text).
        if (open > 0 && text[open - 1] != ' ' && text[open - 1] != '\t') return std::nullopt;
        std::size_t cut = open;
        while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\t')) --cut;
        text.erase(cut);
        if (text.empty()) inlines.pop_back();
        return parsed->attributes;
    }
    return std::nullopt;
}

}  // namespace galley::markdown
