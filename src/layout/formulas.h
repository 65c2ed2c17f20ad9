// Formulas for block layout: the math font found once per document, formulas set through the
// math stage, display formulas as fragments (centred, numbered, kept with the text before).
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "inline/typesetter.h"
#include "math/math.h"
#include "style/style.h"

namespace galley::layout {

class Formulas {
public:
    Formulas(const style::Style& style, inlines::Typesetter& ts, DiagnosticSink& sink);
    ~Formulas();

    /// `source` (which starts at `at`) set at `size` points; std::nullopt after a warning when
    /// it cannot be read or no math font is available ("math.font", once per document).
    std::optional<math::SetFormula> set(std::string_view source, Pt size, bool display, const Color& color,
                                        const SourceLocation& at);
    /// The next number of a numbered display formula (style math.numbered), from 1.
    int next_number() { return ++numbers_; }

private:
    /// The setter, made on first use; `at` is the formula that asks (for the warning).
    const math::MathSetter* setter(const SourceLocation& at);

    const style::Style& style_;
    inlines::Typesetter& ts_;
    DiagnosticSink& sink_;
    std::unique_ptr<math::MathSetter> setter_;
    bool looked_up_ = false;
    int numbers_ = 0;
};

/// Where the TeX source of a formula starts: after the `$` or `$$` of an inline's location, or on
/// the first line inside a ```` ```math ```` fence.
SourceLocation formula_source_start(const SourceLocation& at, int dollars);

}  // namespace galley::layout
