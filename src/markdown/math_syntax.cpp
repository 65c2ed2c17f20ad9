// `$…$` and `$$…$$` by GitHub's rules: an inline formula opens with a `$` not followed by a space
// and closes at the next `$`, which must follow no space and precede no digit, or there is no
// formula ("costs $5 and $10" is text); `\$` is a dollar (cmark's escape runs before this,
// outside a formula; inside one the scan skips escaped characters). A display formula runs from
// `$$` to the next `$$`.
#include "markdown/math_syntax.h"

#include <cmark-gfm/node.h>

#include <algorithm>
#include <cstdint>
#include <string>

namespace galley::markdown {

namespace {

// A formula is a code span node (the one inline kind every container takes, table cells and
// link texts included) marked through its user data with the address of one of these.
const char kInlineMark = 'i';
const char kDisplayMark = 'd';

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/// The offset in `s` just past the closing delimiter of a formula whose content starts at
/// `from`, or npos. `display` looks for `$$`, else for a single `$` by the rules above.
std::size_t closing(std::string_view s, std::size_t from, bool display) {
    const auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; };
    for (std::size_t i = s.find_first_of("$\\", from); i != std::string_view::npos; i = s.find_first_of("$\\", i + 1)) {
        if (s[i] == '\\') {
            ++i;  // an escaped character, perhaps a dollar
            continue;
        }
        if (display) {
            if (at(i + 1) == '$' && i > from) return i + 2;
            continue;
        }
        // As in TeX, the first `$` ends the formula: when it cannot close (a space before it,
        // a digit after it), there is no formula, so "costs $5 and $10" stays text.
        if (i > from && !is_space(at(i - 1)) && !is_digit(at(i + 1))) return i + 1;
        return std::string_view::npos;
    }
    return std::string_view::npos;
}

cmark_node* match(cmark_syntax_extension*, cmark_parser*, cmark_node*, unsigned char c,
                  cmark_inline_parser* p) {
    if (c != '$') return nullptr;
    const cmark_chunk* chunk = cmark_inline_parser_get_chunk(p);
    const std::string_view s(reinterpret_cast<const char*>(chunk->data), static_cast<std::size_t>(chunk->len));
    const auto start = static_cast<std::size_t>(cmark_inline_parser_get_offset(p));
    const bool display = start + 1 < s.size() && s[start + 1] == '$';
    const std::size_t open = display ? 2 : 1;
    if (start + open >= s.size()) return nullptr;
    const auto first = static_cast<unsigned char>(s[start + open]);
    if (!display && (is_space(first) || first == '$')) return nullptr;
    const std::size_t end = closing(s, start + open, display);
    if (end == std::string_view::npos) return nullptr;
    const std::string source(s.substr(start + open, end - 2 * open - start));

    cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_CODE, cmark_get_default_mem_allocator());
    cmark_node_set_literal(node, source.c_str());
    cmark_node_set_user_data(node, const_cast<char*>(display ? &kDisplayMark : &kInlineMark));
    node->start_line = node->end_line = cmark_inline_parser_get_line(p);
    node->start_column = cmark_inline_parser_get_column(p);
    cmark_inline_parser_set_offset(p, static_cast<int>(end));
    return node;
}

}  // namespace

cmark_syntax_extension* math_extension() {
    // The extension is process-wide, like cmark-gfm's own: made once, never freed.
    static cmark_syntax_extension* const ext = [] {
        cmark_syntax_extension* e = cmark_syntax_extension_new("galley_math");
        cmark_syntax_extension_set_match_inline_func(e, match);
        cmark_llist* chars = cmark_llist_append(cmark_get_default_mem_allocator(), nullptr,
                                                reinterpret_cast<void*>(static_cast<std::uintptr_t>('$')));
        cmark_syntax_extension_set_special_inline_chars(e, chars);
        return e;
    }();
    return ext;
}

namespace {

bool is_display(const doc::Inline& in) { return in.kind == doc::InlineKind::DisplayMath; }

bool blank(const std::vector<doc::Inline>& ins) {
    return std::all_of(ins.begin(), ins.end(), [](const doc::Inline& in) {
        return in.kind == doc::InlineKind::SoftBreak || in.kind == doc::InlineKind::LineBreak ||
               (in.kind == doc::InlineKind::Text && in.text.find_first_not_of(" \t") == std::string::npos);
    });
}

}  // namespace

MathNode math_node(cmark_node* n) {
    const void* mark = cmark_node_get_user_data(n);
    if (mark == &kInlineMark) return MathNode::Inline;
    if (mark == &kDisplayMark) return MathNode::Display;
    return MathNode::None;
}

bool holds_display_math(const doc::Block& b) {
    return b.kind == doc::BlockKind::Paragraph && std::any_of(b.inlines.begin(), b.inlines.end(), is_display);
}

std::vector<doc::Block> split_display_math(doc::Block b) {
    std::vector<doc::Block> out;
    doc::Block text{.kind = doc::BlockKind::Paragraph, .location = b.location};
    const auto flush = [&] {
        if (!blank(text.inlines)) out.push_back(std::move(text));
        text = {.kind = doc::BlockKind::Paragraph};
    };
    for (doc::Inline& in : b.inlines) {
        if (!is_display(in)) {
            if (text.inlines.empty()) text.location = in.location;
            text.inlines.push_back(std::move(in));
            continue;
        }
        flush();
        out.push_back({.kind = doc::BlockKind::Math, .location = in.location, .text = std::move(in.text),
                       .text_line = in.location.line});
    }
    flush();
    return out;
}

bool is_math_fence(std::string_view info) {
    const std::size_t end = info.find_first_of(" \t{");
    return info.substr(0, end) == "math";
}

}  // namespace galley::markdown
