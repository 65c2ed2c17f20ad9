#include "layout/formulas.h"

#include <algorithm>

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
    if (setter_)
        setter_->set_text_fallback([this](std::string_view text, Pt size, const Color& color) {
            SpanStyle s = span_style(style_.body);
            s.size = size;
            s.color = color;
            math::SetText out;
            out.items = ts_.set_text(text, s, {0, 0});
            out.width = ts_.measure(text, s);
            const auto [ascender, descender] = ts_.vertical_metrics(s);
            out.height = ascender;
            out.depth = -descender;
            return out;
        });
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

/// A display formula wider than the measure or taller than the text area is set again, smaller
/// by the factor that makes it fit (as a reader would rather read small than lose the right
/// half); below 70 % with a warning, below a quarter it stays at a quarter and runs out.
void fit(Blocks& b, math::SetFormula& set, const std::string& source, const Context& ctx, const SourceLocation& at) {
    const Pt text_height = b.style.page.height - b.style.margin_top - b.style.margin_bottom;
    const double scale = std::min({1.0, ctx.width / std::max<Pt>(set.width, 1e-3),
                                   0.9 * text_height / std::max<Pt>(set.height + set.depth, 1e-3)});
    if (scale >= 1) return;
    // Down to 70 % it is a matter of course; below, the reader should know.
    constexpr double kSmallest = 0.25, kNoticeable = 0.7;
    if (scale < kSmallest)
        b.text.sink().warn("math.overfull", at,
                           "this formula does not fit the text area even at a quarter of its size; it runs out of it");
    else if (scale < kNoticeable)
        b.text.sink().warn("math.overfull", at,
                           "this formula is set at " + std::to_string(static_cast<int>(scale * 100)) +
                               " % of its size to fit the text area; break it into several formulas to set it larger");
    if (auto smaller = b.text.formulas().set(source, ctx.text.size * std::max(scale, kSmallest), true, ctx.text.color, at))
        set = std::move(*smaller);
}

}  // namespace

void display_math(Blocks& b, const doc::Block& m, const Context& ctx) {
    const bool fence = !m.info.empty();
    const SourceLocation start = fence ? SourceLocation{m.location.file, m.text_line, 1} : formula_source_start(m.location, 2);
    std::optional<math::SetFormula> set = b.text.formulas().set(m.text, ctx.text.size, true, ctx.text.color, start);
    if (set) fit(b, *set, m.text, ctx, start);
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
    // A paragraph of the formula (its TeX source as /Alt) and its label.
    Structure& st = b.structure();
    const std::uint32_t paragraph = st.open(frame::StructType::P, ctx.parent);
    const frame::Tag formula = st.leaf(frame::StructType::Formula, paragraph);
    if (frame::StructElement* e = st.element(st.element_of(formula))) e->alt = m.text;
    SpanStyle label_style = span_style(ctx.text);
    label_style.tag = st.content(paragraph);
    const Pt label_width = label.empty() ? 0 : b.ts.measure(label, label_style);
    // Centred in the measure; one too wide for the space beside its label starts at the left.
    Pt x = ctx.left + (ctx.width - set->width) / 2;
    if (x + set->width > ctx.left + ctx.width - label_width) x = ctx.left;
    for (frame::Item item : set->items) {
        frame::translate(item, x, -f.baseline);
        frame::set_tag(item, formula);
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
