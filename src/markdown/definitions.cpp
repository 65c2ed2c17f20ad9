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

bool starts_with_definition(const doc::Block& b) {
    return b.kind == doc::BlockKind::Paragraph && opens_definition(lines_of(b.inlines).front());
}

}  // namespace

void group(std::vector<doc::Block>& blocks) {
    std::vector<doc::Block> out;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        doc::Block& b = blocks[i];
        group(b.children);
        std::size_t first_definition = 0;
        std::vector<Line> lines;
        if (b.kind == doc::BlockKind::Paragraph) {
            lines = lines_of(b.inlines);
            for (std::size_t l = 1; l < lines.size() && !first_definition; ++l)
                if (opens_definition(lines[l])) first_definition = l;
        }
        const bool tight = first_definition > 0 && !opens_definition(lines.front());
        const bool loose = !tight && b.kind == doc::BlockKind::Paragraph && lines.size() == 1 &&
                           !opens_definition(lines.front()) && i + 1 < blocks.size() && starts_with_definition(blocks[i + 1]);
        if (!tight && !loose) {
            out.push_back(std::move(b));
            continue;
        }
        if (out.empty() || out.back().kind != doc::BlockKind::DefinitionList)
            out.push_back({doc::BlockKind::DefinitionList, b.location});
        doc::Block& list = out.back();
        list.tight = tight;
        if (tight) {
            for (std::size_t l = 0; l < first_definition; ++l) add_term(std::move(lines[l]), b.location, list);
            add_definitions(lines, first_definition, b.location, list);
            continue;
        }
        add_term(std::move(lines.front()), b.location, list);
        while (i + 1 < blocks.size() && starts_with_definition(blocks[i + 1])) {
            ++i;
            add_definitions(lines_of(blocks[i].inlines), 0, blocks[i].location, list);
        }
    }
    blocks = std::move(out);
}

}  // namespace galley::markdown::definitions
