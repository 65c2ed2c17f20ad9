// Definition lists regrouped from paragraphs: lines are split at soft breaks, a line that
// starts with ": " opens a definition.
#include "markdown/definitions.h"

#include <iterator>

namespace galley::markdown::definitions {

namespace {

using Line = std::vector<doc::Inline>;

std::vector<Line> lines_of(const std::vector<doc::Inline>& ins) {
    std::vector<Line> out(1);
    for (const doc::Inline& in : ins) {
        if (in.kind == doc::InlineKind::SoftBreak)
            out.emplace_back();
        else
            out.back().push_back(in);
    }
    return out;
}

/// Whether `line` opens a definition: its text starts with ':' and a space or tab.
bool opens_definition(const Line& line) {
    if (line.empty() || line.front().kind != doc::InlineKind::Text) return false;
    const std::string& t = line.front().text;
    return t.size() >= 2 && t[0] == ':' && (t[1] == ' ' || t[1] == '\t');
}

/// The definitions of `lines` from index `from` on: each `: ` line opens one, later lines
/// continue it (joined by soft breaks, as in the source).
void add_definitions(const std::vector<Line>& lines, std::size_t from, const SourceLocation& at, doc::Block& list) {
    for (std::size_t i = from; i < lines.size(); ++i) {
        Line line = lines[i];
        if (opens_definition(line)) {
            std::string& t = line.front().text;
            t.erase(0, t.find_first_not_of(" \t", 1));
            if (t.empty()) line.erase(line.begin());
            doc::Block details{doc::BlockKind::DefinitionDetails, at};
            details.children.push_back({doc::BlockKind::Paragraph, at});
            list.children.push_back(std::move(details));
        } else {
            std::vector<doc::Inline>& para = list.children.back().children.back().inlines;
            para.push_back({.kind = doc::InlineKind::SoftBreak, .location = at});
        }
        std::vector<doc::Inline>& para = list.children.back().children.back().inlines;
        para.insert(para.end(), std::make_move_iterator(line.begin()), std::make_move_iterator(line.end()));
    }
}

void add_term(Line line, const SourceLocation& at, doc::Block& list) {
    doc::Block term{doc::BlockKind::DefinitionTerm, at};
    term.inlines = std::move(line);
    list.children.push_back(std::move(term));
}

/// An indented code block (a fenced one's text starts on the line after its fence).
bool is_indented_code(const doc::Block& b) {
    return b.kind == doc::BlockKind::CodeBlock && b.text_line == b.location.line;
}

bool starts_with_definition(const doc::Block& b) {
    return b.kind == doc::BlockKind::Paragraph && opens_definition(lines_of(b.inlines).front());
}

}  // namespace

void group(std::vector<doc::Block>& blocks, const Content& content) {
    std::vector<doc::Block> out;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        doc::Block& b = blocks[i];
        group(b.children, content);
        std::size_t first_definition = 0;
        std::vector<Line> lines;
        if (b.kind == doc::BlockKind::Paragraph) {
            lines = lines_of(b.inlines);
            for (std::size_t l = 1; l < lines.size() && !first_definition; ++l)
                if (opens_definition(lines[l])) first_definition = l;
        }
        const bool in_list = !out.empty() && out.back().kind == doc::BlockKind::DefinitionList;
        const bool more = in_list && starts_with_definition(b);
        const bool tight = !more && first_definition > 0 && !opens_definition(lines.front());
        const bool loose = !more && !tight && b.kind == doc::BlockKind::Paragraph && lines.size() == 1 &&
                           !opens_definition(lines.front()) && i + 1 < blocks.size() && starts_with_definition(blocks[i + 1]);
        if (!more && !tight && !loose) {
            out.push_back(std::move(b));
            continue;
        }
        if (!in_list) out.push_back({doc::BlockKind::DefinitionList, b.location});
        doc::Block& list = out.back();
        list.tight = list.tight && tight;
        if (more) {
            add_definitions(lines, 0, b.location, list);
        } else if (tight) {
            for (std::size_t l = 0; l < first_definition; ++l) add_term(std::move(lines[l]), b.location, list);
            add_definitions(lines, first_definition, b.location, list);
        } else {
            add_term(std::move(lines.front()), b.location, list);
            while (i + 1 < blocks.size() && starts_with_definition(blocks[i + 1])) {
                ++i;
                add_definitions(lines_of(blocks[i].inlines), 0, blocks[i].location, list);
            }
        }
        // The definition's further blocks, which cmark-gfm read as indented code.
        while (i + 1 < blocks.size() && is_indented_code(blocks[i + 1])) {
            std::optional<std::vector<doc::Block>> further = content(blocks[i + 1]);
            if (!further) break;
            std::vector<doc::Block>& details = list.children.back().children;
            details.insert(details.end(), std::make_move_iterator(further->begin()), std::make_move_iterator(further->end()));
            list.tight = false;
            ++i;
        }
    }
    blocks = std::move(out);
}

}  // namespace galley::markdown::definitions
