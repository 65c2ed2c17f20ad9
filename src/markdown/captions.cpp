// Table captions: `Table: text` / `: text` paragraphs next to a table.
#include "markdown/captions.h"

#include "markdown/attributes.h"

namespace galley::markdown {

namespace {

/// The length of the caption marker a paragraph starts with ("Table:" or ":"), or 0.
std::size_t marker(const doc::Block& b) {
    if (b.kind != doc::BlockKind::Paragraph || b.inlines.empty() || b.inlines[0].kind != doc::InlineKind::Text) return 0;
    const std::string& t = b.inlines[0].text;
    if (t.starts_with("Table:")) return 6;
    if (t.starts_with(':') && !t.starts_with("::")) return 1;
    return 0;
}

void trim_front(std::vector<doc::Inline>& ins) {
    if (ins.empty() || ins[0].kind != doc::InlineKind::Text) return;
    std::string& t = ins[0].text;
    t.erase(0, t.find_first_not_of(" \t"));
    if (t.empty()) ins.erase(ins.begin());
}

/// Moves caption paragraph `caption` into `table`.
void attach(doc::Block& caption, doc::Block& table) {
    const std::size_t m = marker(caption);
    std::vector<doc::Inline> ins = std::move(caption.inlines);
    ins[0].text.erase(0, m);
    trim_front(ins);
    // A trailing `{#tbl:name}` names the table.
    if (!ins.empty() && ins.back().kind == doc::InlineKind::Text) {
        std::string& t = ins.back().text;
        const std::size_t brace = t.rfind('{');
        if (brace != std::string::npos) {
            std::string_view rest(t);
            rest.remove_prefix(brace);
            while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
            const std::optional<ParsedAttributes> parsed = parse_attributes(rest);
            if (parsed && parsed->length == rest.size()) {
                table.slug = parsed->attributes.id;
                t.erase(brace);
                while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
                if (t.empty()) ins.pop_back();
            }
        }
    }
    table.inlines = std::move(ins);
}

}  // namespace

void attach_table_captions(std::vector<doc::Block>& blocks) {
    for (doc::Block& b : blocks) attach_table_captions(b.children);  // at most doc::max_nesting deep
    std::vector<bool> drop(blocks.size(), false);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (blocks[i].kind != doc::BlockKind::Table || !blocks[i].inlines.empty()) continue;
        if (i + 1 < blocks.size() && marker(blocks[i + 1])) {
            attach(blocks[i + 1], blocks[i]);
            drop[i + 1] = true;
        } else if (i > 0 && !drop[i - 1] && marker(blocks[i - 1])) {
            attach(blocks[i - 1], blocks[i]);
            drop[i - 1] = true;
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        if (drop[i]) continue;
        if (kept != i) blocks[kept] = std::move(blocks[i]);
        ++kept;
    }
    blocks.resize(kept);
}

}  // namespace galley::markdown
