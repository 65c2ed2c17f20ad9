// Splitting a document into front matter and body: which format opens it on line 1 and where
// it ends (a closing `+++` / `---` line, or the brace that closes a JSON object).
#include <optional>

#include "base/ascii.h"
#include "frontmatter/formats.h"
#include "frontmatter/frontmatter.h"

namespace galley::frontmatter {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// One line of the text: its bytes without the line end, and where the next line starts.
struct Line {
    std::string_view text;
    std::size_t next;
};

Line line_at(std::string_view text, std::size_t pos) {
    const std::size_t newline = text.find('\n', pos);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view line = text.substr(pos, end - pos);
    if (line.ends_with('\r')) line.remove_suffix(1);
    return {line, newline == std::string_view::npos ? text.size() : newline + 1};
}

/// A delimiter line is exactly `+++` or `---`, trailing spaces and tabs allowed.
bool is_delimiter(std::string_view line, std::string_view delimiter) {
    const std::size_t end = line.find_last_not_of(" \t");
    return end != std::string_view::npos && line.substr(0, end + 1) == delimiter;
}

/// The split with content in [content_begin, content_end) and the body from body_begin.
Split finish(Format format, std::string_view text, std::size_t content_begin,
             std::size_t content_end, std::size_t body_begin) {
    Split s;
    s.format = format;
    s.content = text.substr(content_begin, content_end - content_begin);
    s.content_line = line_and_column(text, content_begin).first;
    s.body = text.substr(body_begin);
    s.body_line = line_and_column(text, body_begin).first;
    return s;
}

/// Front matter from the delimiter line at `start` to the next line that is the same delimiter;
/// none when no line closes it.
Split delimited(Format format, std::string_view text, std::size_t start,
                std::string_view delimiter) {
    const std::size_t content_begin = line_at(text, start).next;
    for (std::size_t pos = content_begin; pos < text.size();) {
        const Line line = line_at(text, pos);
        if (is_delimiter(line.text, delimiter))
            return finish(format, text, content_begin, pos, line.next);
        pos = line.next;
    }
    return {};  // no closing line
}

/// A JSON object opens with `{` and, after whitespace, a key's `"` or the closing `}`; this
/// keeps a Hugo shortcode such as `{{< toc >}}` on line 1 in the body.
bool opens_json_object(std::string_view text, std::size_t start) {
    if (start >= text.size() || text[start] != '{') return false;
    const std::size_t next = text.find_first_not_of(" \t\r\n", start + 1);
    return next != std::string_view::npos && (text[next] == '"' || text[next] == '}');
}

/// The offset of the `}` that closes the object opening at `start`, skipping strings.
std::optional<std::size_t> closing_brace(std::string_view text, std::size_t start) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i;
        }
    }
    return std::nullopt;
}

/// The JSON text runs to the end of the closing brace's line, so that anything written after
/// the brace reaches the JSON parser and is reported, not silently dropped.
Split json(std::string_view text, std::size_t start) {
    const std::optional<std::size_t> close = closing_brace(text, start);
    if (!close) return {};
    const std::size_t newline_before = text.rfind('\n', *close);
    const std::size_t line_begin =
        newline_before == std::string_view::npos ? start : newline_before + 1;
    const Line last = line_at(text, line_begin);
    const std::size_t content_end = line_begin + last.text.size();
    return finish(Format::Json, text, start, content_end, last.next);
}

}  // namespace

/// `key:` or `key: value` at the start of a line (a YAML mapping entry).
bool looks_like_yaml_key(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (ascii::is_alnum(line[i]) || line[i] == '_' || line[i] == '-'))
        ++i;
    return i > 0 && i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\r');
}

Split split(std::string_view text, const std::string& file, DiagnosticSink& sink) {
    const std::size_t start = text.starts_with(kBom) ? kBom.size() : 0;
    const std::string_view first = line_at(text, start).text;
    const SourceLocation opening{file, 1, 1};

    Split found;
    if (is_delimiter(first, "+++")) {
        found = delimited(Format::Toml, text, start, "+++");
        if (found.format == Format::None)
            sink.error("frontmatter.toml", opening, "unterminated front matter (no closing +++)");
    } else if (is_delimiter(first, "---")) {
        // An unclosed `---` is a thematic break in Markdown, not broken front matter; but when
        // a `key:` line follows it, a closing line was probably forgotten: say so.
        found = delimited(Format::Yaml, text, start, "---");
        if (found.format == Format::None && looks_like_yaml_key(line_at(text, line_at(text, start).next).text))
            sink.warn("frontmatter.yaml", opening,
                      "no closing --- for what looks like YAML front matter: read as Markdown");
    } else if (opens_json_object(text, start)) {
        found = json(text, start);
        if (found.format == Format::None)
            sink.error("frontmatter.json", opening,
                       "unterminated front matter (no closing } for the JSON object)");
    }
    if (found.format != Format::None) return found;

    Split body;
    body.body = text.substr(start);
    return body;
}

}  // namespace galley::frontmatter
