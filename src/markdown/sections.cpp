// Cutting a body into independently parsed sections (sections.h).
#include "markdown/sections.h"


namespace galley::markdown {

namespace {

/// The line without up to three leading spaces into `rest`; false when it is indented more or
/// by a tab (indented code, or a container's continuation).
bool strip_margin(std::string_view line, std::string_view& rest) {
    std::size_t i = 0;
    while (i < line.size() && i < 4 && line[i] == ' ') ++i;
    if (i == 4 || (i < line.size() && line[i] == '\t')) return false;
    rest = line.substr(i);
    return true;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// A carriage return not followed by a line feed: cmark-gfm ends a line there, this scan does not.
bool lone_carriage_return(std::string_view body) {
    for (std::size_t at = body.find('\r'); at != std::string_view::npos; at = body.find('\r', at + 1))
        if (at + 1 == body.size() || body[at + 1] != '\n') return true;
    return false;
}

bool atx_heading(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    return n >= 1 && n <= 6 && (n == line.size() || line[n] == ' ' || line[n] == '\t' || line[n] == '\r');
}

/// A code fence opener or closer: three or more backticks or tildes.
struct Fence {
    char c = 0;
    std::size_t length = 0;
};

Fence fence_of(std::string_view rest) {
    if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return {};
    std::size_t n = 0;
    while (n < rest.size() && rest[n] == rest[0]) ++n;
    if (n < 3) return {};
    // A backtick fence's info string holds no backtick (CommonMark 4.5).
    if (rest[0] == '`' && rest.substr(n).find('`') != std::string_view::npos) return {};
    return {rest[0], n};
}

}  // namespace

std::vector<Section> split_sections(std::string_view body, std::size_t target) {
    std::vector<Section> whole{{0, body.size(), 1}};
    if (body.find("]:") != std::string_view::npos || lone_carriage_return(body)) return whole;
    std::vector<Section> out = whole;
    Fence fence;  // the open fence, c == 0 when none
    bool after_blank = false;
    std::uint32_t line_number = 1;
    for (std::size_t pos = 0; pos < body.size(); ++line_number) {
        const std::size_t eol = body.find('\n', pos);
        const std::size_t next = eol == std::string_view::npos ? body.size() : eol + 1;
        const std::string_view line = body.substr(pos, next - pos);
        pos = next;
        std::string_view rest;
        const bool margin = strip_margin(line, rest);
        const Fence f = margin ? fence_of(rest) : Fence{};
        // A fence indented by one to three spaces may belong to a list item, which can end
        // before the fence closes; an HTML block may hold a fence line. Either could leave
        // this scan and cmark-gfm disagreeing about what is code: not cut at all.
        if ((f.c != 0 && rest.size() != line.size()) || (margin && !rest.empty() && rest[0] == '<')) return whole;
        if (fence.c != 0) {
            if (f.c == fence.c && f.length >= fence.length && blank(rest.substr(f.length))) fence = {};
        } else if (f.c != 0) {
            fence = f;
        } else if (after_blank && atx_heading(line) && line.data() - body.data() - out.back().begin >= target) {
            const std::size_t at = static_cast<std::size_t>(line.data() - body.data());
            out.back().end = at;
            out.push_back({at, body.size(), line_number});
        }
        after_blank = blank(line);
    }
    return out;
}

}  // namespace galley::markdown
