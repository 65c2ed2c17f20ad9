// Syntax highlighting of code by language: the fence's language word to tokens of each line,
// each with the theme's colour and weight. KSyntaxHighlighting (the Kate definitions) stays
// inside this stage; its repository is loaded on first use, so documents without
// language-tagged code pay nothing for it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/geometry.h"
#include "galley/diagnostic.h"

namespace galley::highlight {

/// How a token is drawn: its text colour and the mono font's bold or italic face.
struct TokenStyle {
    Color color;
    bool bold = false;
    bool italic = false;
    bool operator==(const TokenStyle&) const = default;
};

/// A token of one source line: bytes [begin, end) of the line. Bytes no token covers are set
/// in the code block's own text style.
struct Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    TokenStyle style;
};

/// The name galley's own theme has (`code.theme`): print-friendly, every colour at least
/// 4.5:1 against the code background #f5f5f5, so it reads in greyscale too.
inline constexpr std::string_view kPrintTheme = "print";

/// WCAG 2.x contrast ratio of two sRGB colours, from 1 (same luminance) to 21.
double contrast_ratio(Color a, Color b);

/// Every style of the print theme (for tests of its contrast).
std::vector<TokenStyle> print_theme_styles();

/// Highlights the code blocks of one render. Cheap to create: the library's definitions are
/// read when the first block with a known-looking language asks for tokens.
class Highlighter {
public:
    /// `theme`: kPrintTheme or the name of one of the library's themes ("GitHub Light", ...).
    explicit Highlighter(std::string theme);
    ~Highlighter();
    Highlighter(const Highlighter&) = delete;
    Highlighter& operator=(const Highlighter&) = delete;

    /// Tokens of each line of `code` (split at every '\n', as the code block's lines are) in
    /// `language`, a fence info string's language word (aliases such as `py`, `js`, `sh`,
    /// `yml`, `c++` resolve; case does not matter). Tokens in the text colour are left out.
    /// nullopt when the language is unknown: the first time for each name, a note with `where`
    /// goes to notes(). An unknown theme warns once (`code.theme`) and the print theme is used.
    std::optional<std::vector<std::vector<Token>>> tokens(std::string_view language, std::string_view code,
                                                          const SourceLocation& where, DiagnosticSink& sink);

    /// Remarks for `-v`: languages set plain because no definition knows them.
    const std::vector<std::string>& notes() const { return notes_; }

private:
    struct Library;
    std::string theme_;
    std::unique_ptr<Library> library_;  // loaded on first use
    std::vector<std::string> notes_;
    std::vector<std::string> unknown_;  // languages already noted
};

/// The language word of a fence info string: its first word, `{.python}` and `{.python
/// .numberLines}` giving `python`. Empty when there is none.
std::string_view fence_language(std::string_view info);

}  // namespace galley::highlight
