// The math stage's one entry point: a formula's TeX source set in a MATH font, as positioned
// glyph runs and rules for a frame. Parsing (parse.h) and layout (layout.h) stay inside.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "font/font.h"
#include "frame/frame.h"
#include "galley/diagnostic.h"

namespace galley::math {

class MathFont;

/// A set formula. Items are relative to its origin: the left end of its baseline, y up, in
/// points. `height` and `depth` (positive) are its extent above and below the baseline.
struct SetFormula {
    std::vector<frame::Item> items;
    Pt width = 0;
    Pt height = 0;
    Pt depth = 0;
    std::string tag;  // `\tag{...}`, empty when none
};

/// Sets formulas in one MATH font. Cheap to keep for a document; not thread safe.
class MathSetter {
public:
    /// `face` must outlive the setter.
    explicit MathSetter(const font::Face& face);
    ~MathSetter();
    MathSetter(const MathSetter&) = delete;
    MathSetter& operator=(const MathSetter&) = delete;

    /// Whether the face has an OpenType MATH table (without one nothing can be set).
    bool usable() const;
    /// `source` set at `size` points in display or text style, in `color`; std::nullopt when
    /// the source is not in the subset, with a "math.syntax" warning at the place in the
    /// source (`at` is where the source starts: its first byte's line and column).
    std::optional<SetFormula> set(std::string_view source, Pt size, bool display, const Color& color,
                                  const SourceLocation& at, DiagnosticSink& sink) const;

private:
    std::unique_ptr<MathFont> font_;
};

/// The line and column of byte `offset` of a source that starts at `at` (columns count bytes,
/// as elsewhere in galley's diagnostics).
SourceLocation locate(const SourceLocation& at, std::string_view source, std::size_t offset);

}  // namespace galley::math
