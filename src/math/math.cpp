#include "math/math.h"

#include "math/layout.h"
#include "math/parse.h"

namespace galley::math {

MathSetter::MathSetter(const font::Face& face) : font_(std::make_unique<MathFont>(face)) {}
MathSetter::~MathSetter() = default;

bool MathSetter::usable() const { return font_->has_math(); }

SourceLocation locate(const SourceLocation& at, std::string_view source, std::size_t offset) {
    SourceLocation out = at;
    offset = std::min(offset, source.size());
    for (std::size_t i = 0; i < offset; ++i) {
        if (source[i] == '\n') {
            ++out.line;
            out.column = 1;
        } else {
            ++out.column;
        }
    }
    return out;
}

std::optional<SetFormula> MathSetter::set(std::string_view source, Pt size, bool display, const Color& color,
                                          const SourceLocation& at, DiagnosticSink& sink) const {
    ParseError error;
    const std::optional<Formula> formula = parse(source, error);
    if (!formula) {
        sink.warn("math.syntax", locate(at, source, error.offset), error.message + "; the formula is shown as code");
        return std::nullopt;
    }
    Layouter layouter(*font_, size, color, fallback_ ? &fallback_ : nullptr);
    const Box box = layouter.list(formula->root, {display ? 0 : 1, false});
    return SetFormula{box.items, box.width, box.height, box.depth, formula->tag};
}

}  // namespace galley::math
