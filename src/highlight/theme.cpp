// The print theme and the contrast measure it is held to.
#include "highlight/theme.h"

#include <array>
#include <cmath>

namespace galley::highlight {

namespace {

constexpr Color hex(unsigned v) {
    return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}

// Dark inks only, each at least 4.5:1 on #f5f5f5 (a unit test computes it), told apart in
// greyscale by weight as much as by shade: keywords bold, comments italic.
constexpr Color kBlue = hex(0x1c3d8c), kTeal = hex(0x1c5a7a), kGreen = hex(0x0f6b2f), kBrown = hex(0x8a4b00),
                kRust = hex(0xa0300f), kPlum = hex(0x7a2d7a), kViolet = hex(0x5c3d99), kGrey = hex(0x5e5e5e),
                kMagenta = hex(0x8a2b5a), kRed = hex(0xa0001a);

struct Entry {
    bool plain;  // set in the text colour
    TokenStyle style;
};

// Indexed by KSyntaxHighlighting::Theme::TextStyle.
constexpr std::array<Entry, 31> kPrint = {{
    {true, {}},                        // Normal
    {false, {kBlue, true, false}},     // Keyword
    {false, {kViolet, false, false}},  // Function
    {false, {kBrown, false, false}},   // Variable
    {false, {kBlue, true, false}},     // ControlFlow
    {true, {}},                        // Operator
    {false, {kTeal, false, false}},    // BuiltIn
    {false, {kTeal, false, false}},    // Extension
    {false, {kBrown, false, false}},   // Preprocessor
    {false, {kBrown, false, false}},   // Attribute
    {false, {kGreen, false, false}},   // Char
    {false, {kMagenta, false, false}}, // SpecialChar
    {false, {kGreen, false, false}},   // String
    {false, {kGreen, false, false}},   // VerbatimString
    {false, {kMagenta, false, false}}, // SpecialString
    {false, {kBrown, false, false}},   // Import
    {false, {kPlum, false, false}},    // DataType
    {false, {kRust, false, false}},    // DecVal
    {false, {kRust, false, false}},    // BaseN
    {false, {kRust, false, false}},    // Float
    {false, {kRust, false, false}},    // Constant
    {false, {kGrey, false, true}},     // Comment
    {false, {kGrey, false, true}},     // Documentation
    {false, {kGrey, true, true}},      // Annotation
    {false, {kGrey, true, true}},      // CommentVar
    {false, {kGrey, false, false}},    // RegionMarker
    {false, {kTeal, false, false}},    // Information
    {false, {kBrown, true, false}},    // Warning
    {false, {kRed, true, false}},      // Alert
    {false, {kRed, false, false}},     // Error
    {false, {kTeal, false, false}},    // Others
}};

double linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double luminance(Color c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

}  // namespace

double contrast_ratio(Color a, Color b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<TokenStyle> print_theme_styles() {
    std::vector<TokenStyle> out;
    for (const Entry& e : kPrint)
        if (!e.plain) out.push_back(e.style);
    return out;
}

std::optional<TokenStyle> print_style(int kind) {
    if (kind < 0 || kind >= static_cast<int>(kPrint.size()) || kPrint[kind].plain) return std::nullopt;
    return kPrint[kind].style;
}

}  // namespace galley::highlight
