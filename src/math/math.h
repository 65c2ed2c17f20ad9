// The math stage's one entry point: a formula's TeX source set in a MATH font, as positioned
// glyph runs and rules for a frame. Parsing (parse.h) and layout (layout.h) stay inside.
#pragma once

#include <functional>
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

/// Text a formula's MATH font has no glyphs for, set by the caller's fallback faces: items from
/// the origin (the left end of the baseline, y up) and the extent, in points.
struct SetText {
    std::vector<frame::Item> items;
    Pt width = 0;
    Pt height = 0;
    Pt depth = 0;
};

/// Sets `text` (\text{日本}, an operator name in Greek) at `size` points in `color` with faces
/// that have its characters: the math stage knows only its MATH font.
using TextFallback = std::function<SetText(std::string_view text, Pt size, const Color& color)>;

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
    /// Where text the MATH font lacks characters for is set; without one it is drawn in the
    /// MATH font as it can be (.notdef boxes).
    void set_text_fallback(TextFallback fallback) { fallback_ = std::move(fallback); }
    /// `source` set at `size` points in display or text style, in `color`; std::nullopt when
    /// the source is not in the subset, with a "math.syntax" warning at the place in the
    /// source (`at` is where the source starts: its first byte's line and column).
    std::optional<SetFormula> set(std::string_view source, Pt size, bool display, const Color& color,
                                  const SourceLocation& at, DiagnosticSink& sink) const;

private:
    std::unique_ptr<MathFont> font_;
    TextFallback fallback_;
};

/// The line and column of byte `offset` of a source that starts at `at` (columns count bytes,
/// as elsewhere in galley's diagnostics).
SourceLocation locate(const SourceLocation& at, std::string_view source, std::size_t offset);

}  // namespace galley::math
