#include "layout/formulas.h"

#include "layout/blocks.h"

namespace galley::layout {

Formulas::Formulas(const style::Style& style, inlines::Typesetter& ts, DiagnosticSink& sink)
    : style_(style), ts_(ts), sink_(sink) {}
Formulas::~Formulas() = default;

const math::MathSetter* Formulas::setter(const SourceLocation& at) {
    if (looked_up_) return setter_.get();
    looked_up_ = true;
    const font::Face* face = ts_.optional_face(style_.math_family);
    if (face) setter_ = std::make_unique<math::MathSetter>(*face);
    if (!setter_ || !setter_->usable()) {
        setter_.reset();
        sink_.warn("math.font", at,
                   "math.font \"" + style_.math_family +
                       "\" is not a font with an OpenType MATH table; formulas are shown as code (install fonts-lmodern)");
    }
    return setter_.get();
}

std::optional<math::SetFormula> Formulas::set(std::string_view source, Pt size, bool display, const Color& color,
                                              const SourceLocation& at) {
    const math::MathSetter* m = setter(at);
    if (!m) return std::nullopt;
    return m->set(source, size, display, color, at, sink_);
}

SourceLocation formula_source_start(const SourceLocation& at, int dollars) {
    SourceLocation s = at;
    if (s.line > 0) s.column += static_cast<std::uint32_t>(dollars);
    return s;
}

namespace {

/// The label at the right margin: "(tag)" or the next number, or nothing.
std::string equation_label(Blocks& b, const math::SetFormula& f) {
    if (!f.tag.empty()) return "(" + f.tag + ")";
    if (b.style.math_numbered) return "(" + std::to_string(b.text.formulas().next_number()) + ")";
    return {};
}

}  // namespace

void display_math(Blocks& b, const doc::Block& m, const Context& ctx) {
    const bool fence = !m.info.empty();
    const SourceLocation start = fence ? SourceLocation{m.location.file, m.text_line, 1} : formula_source_start(m.location, 2);
    const std::optional<math::SetFormula> set = b.text.formulas().set(m.text, ctx.text.size, true, ctx.text.color, start);
    if (!set) {
        doc::Block code = m;
        code.kind = doc::BlockKind::CodeBlock;
        if (!fence) code.text = "$$" + m.text + "$$\n";
        code_block(b, code, ctx);
        return;
    }
    // Display formulas stand off the text by about half a line (TeX's \abovedisplayskip is
    // 12 pt at 10 pt, less the paragraph's own spacing here).
    const Pt pad = ctx.text.size * 0.4;
    Fragment f;
    f.baseline = pad + set->height;
    f.height = f.baseline + set->depth + pad;
    const std::string label = equation_label(b, *set);
    const SpanStyle label_style = span_style(ctx.text);
    const Pt label_width = label.empty() ? 0 : b.ts.measure(label, label_style);
    // Centred in the measure; one too wide for the space beside its label starts at the left.
    Pt x = ctx.left + (ctx.width - set->width) / 2;
    if (x + set->width > ctx.left + ctx.width - label_width) x = ctx.left;
    for (frame::Item item : set->items) {
        frame::translate(item, x, -f.baseline);
        f.items.push_back(std::move(item));
    }
    if (!label.empty())
        for (frame::Item& item : b.ts.set_text(label, label_style, {ctx.left + ctx.width - label_width, -f.baseline}))
            f.items.push_back(std::move(item));
    // Kept with the line before it, which usually introduces it.
    if (!b.list.fragments().empty() && b.list.fragments().back().paragraph != 0) b.list.fragments().back().keep_with_next = true;
    b.list.emit(std::move(f), ctx.decorations);
    b.list.space(b.style.paragraph_spacing);
}

}  // namespace galley::layout
