// Blocks of the Markdown dialects beyond GFM. Callouts (GitHub alerts, Obsidian callouts): a
// coloured bar, a bold title in the kind's colour (the author's, or the kind's name in the
// document's language), then the content. Definition lists: bold terms, indented definitions.
#include <algorithm>
#include <string_view>

#include "layout/blocks.h"

namespace galley::layout {

namespace {

/// GitHub's five kinds, in style::Style::callout_colors order, and the Obsidian words read as
/// each (https://help.obsidian.md/Editing+and+formatting/Callouts).
constexpr std::string_view kKinds[5][7] = {
    {"note", "info", "todo", "abstract", "summary", "tldr", "quote"},
    {"tip", "hint", "success", "check", "done", "", ""},
    {"important", "question", "help", "faq", "example", "", ""},
    {"warning", "attention", "", "", "", "", ""},
    {"caution", "danger", "error", "bug", "failure", "fail", "missing"},
};

std::size_t kind_index(std::string_view word) {
    for (std::size_t k = 0; k < 5; ++k)
        if (std::find(std::begin(kKinds[k]), std::end(kKinds[k]), word) != std::end(kKinds[k])) return k;
    return 0;
}

/// The titles of GitHub's kinds in a language (its two-letter code), as GitHub's own
/// translations and the usual typographic terms give them.
struct Titles {
    std::string_view language;
    std::string_view title[5];
};
constexpr Titles kTitles[] = {
    {"en", {"Note", "Tip", "Important", "Warning", "Caution"}},
    {"de", {"Hinweis", "Tipp", "Wichtig", "Warnung", "Vorsicht"}},
    {"fr", {"Remarque", "Astuce", "Important", "Avertissement", "Attention"}},
    {"es", {"Nota", "Consejo", "Importante", "Advertencia", "Precaución"}},
    {"it", {"Nota", "Suggerimento", "Importante", "Avviso", "Attenzione"}},
    {"pt", {"Nota", "Dica", "Importante", "Aviso", "Cuidado"}},
    {"nl", {"Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Voorzichtig"}},
    {"ru", {"Примечание", "Совет", "Важно", "Предупреждение", "Осторожно"}},
    {"ja", {"注記", "ヒント", "重要", "警告", "注意"}},
    {"zh", {"注意", "提示", "重要", "警告", "小心"}},
};

/// The title of a callout without one of its own: GitHub's kinds in the document's language
/// (English when galley has no words for it); any other word capitalised, as Obsidian shows it.
std::string default_title(std::string_view word, std::string_view lang) {
    const std::string_view language = lang.substr(0, lang.find('-'));
    for (std::size_t k = 0; k < 5; ++k)
        if (word == kKinds[k][0]) {
            const Titles* t = &kTitles[0];
            for (const Titles& candidate : kTitles)
                if (language == candidate.language) t = &candidate;
            return std::string(t->title[k]);
        }
    std::string title(word);
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
    return title;
}

}  // namespace

void callout(Blocks& b, const doc::Block& c, const Context& ctx) {
    const Color color = b.style.callout_colors[kind_index(c.label)];
    Context inner = ctx;
    inner.right_to_left = b.right_to_left(c, ctx);
    // As GitHub's HTML has it: a division, its title a paragraph.
    inner.parent = b.structure().open(frame::StructType::Div, ctx.parent);
    b.indent(inner, b.style.quote_indent);
    if (inner.width < ctx.width) {
        const Pt bar = inner.right_to_left ? ctx.left + ctx.width - b.style.callout_bar_width : ctx.left;
        inner.decorations.push_back({bar, b.style.callout_bar_width, color, true});
    }
    style::TextStyle title_style = inner.text;
    title_style.bold = true;
    title_style.color = color;
    std::vector<doc::Inline> title = c.inlines;
    if (title.empty()) title.push_back({.kind = doc::InlineKind::Text, .text = default_title(c.label, b.style.lang),
                                        .location = c.location});
    ParagraphStyle ps;
    ps.width = inner.width;
    ps.leading = title_style.leading;
    ps.justify = false;
    SpanStyle title_span = span_style(title_style);
    title_span.tag = b.structure().leaf(frame::StructType::P, inner.parent);
    // Spaced as a quote is, so that callouts in a row stay apart.
    barred_block(b, ctx, inner, [&] {
        b.list.emit_lines(b.lines(title, title_span, ps), inner.left, inner.decorations, true);
        b.list.space(b.style.list_item_spacing);
        for (const doc::Block& child : c.children) b.block(child, inner);
    });
}

void definition_list(Blocks& b, const doc::Block& list, const Context& ctx) {
    Context details = ctx;
    details.tight = list.tight;
    b.indent(details, b.style.list_indent);
    style::TextStyle term_style = ctx.text;
    term_style.bold = true;
    // L > LI > (Lbl: the term, LBody: its definitions), as HTML's dl is commonly tagged.
    Structure& st = b.structure();
    const std::uint32_t element = st.open(frame::StructType::L, ctx.parent);
    std::uint32_t li = 0;
    for (const doc::Block& item : list.children) {
        if (item.kind == doc::BlockKind::DefinitionTerm) {
            ParagraphStyle ps;
            ps.width = ctx.width;
            ps.leading = term_style.leading;
            ps.justify = false;
            SpanStyle term = span_style(term_style);
            li = st.open(frame::StructType::LI, element);
            term.tag = st.leaf(frame::StructType::Lbl, li);
            b.list.emit_lines(b.lines(item.inlines, term, ps), ctx.left, ctx.decorations, true);
            b.list.space(b.style.list_item_spacing);
        } else {
            if (li == 0) li = st.open(frame::StructType::LI, element);
            details.parent = st.open(frame::StructType::LBody, li);
            for (const doc::Block& child : item.children) b.block(child, details);
        }
    }
    b.list.space(b.style.paragraph_spacing);
}

}  // namespace galley::layout
