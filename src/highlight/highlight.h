// Syntax highlighting of code by language: the fence's language word to tokens of each line,
// each with the theme's colour and weight. KSyntaxHighlighting (the Kate definitions) stays
// inside this stage, in a module (module/ksh.cpp, highlight-ksh.so) loaded with dlopen on the
// first block that names a language, so documents without such code load no Qt.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <map>

#include "base/geometry.h"
#include "galley/diagnostic.h"

struct GalleyHighlightModule;  // module/abi.h

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

/// Highlights the code blocks of one render. Cheap to create: the module is loaded, and the
/// library's definitions read, when the first block with a language asks for tokens.
class Highlighter {
public:
    /// `theme`: kPrintTheme or the name of one of the library's themes ("GitHub Light", ...).
    /// `module_path`: the file of the KSyntaxHighlighting module (highlight-ksh.so).
    Highlighter(std::string theme, std::string module_path);
    ~Highlighter();
    Highlighter(const Highlighter&) = delete;
    Highlighter& operator=(const Highlighter&) = delete;

    /// Tokens of each line of `code` (split at every '\n', as the code block's lines are) in
    /// `language`, a fence info string's language word (aliases such as `py`, `js`, `sh`,
    /// `yml`, `c++` resolve; case does not matter). Tokens in the text colour are left out.
    /// nullopt when the language is unknown: the first time for each name, a note with `where`
    /// goes to notes(). An unknown theme warns once (`code.theme`) and the print theme is used;
    /// a module that cannot be loaded warns once (`code.highlight`) and every block is plain.
    std::optional<std::vector<std::vector<Token>>> tokens(std::string_view language, std::string_view code,
                                                          const SourceLocation& where, DiagnosticSink& sink);

    /// Remarks for `-v`: languages set plain because no definition knows them.
    const std::vector<std::string>& notes() const { return notes_; }

private:
    /// Loads the module on the first call; false (after one warning) when it cannot be.
    bool ready(const SourceLocation& where, DiagnosticSink& sink);

    std::string theme_;
    std::string module_path_;
    const GalleyHighlightModule* module_ = nullptr;  // loaded on first use
    bool tried_ = false;
    std::map<std::string, int> definitions_;  // the module's definition id by fence word, -1 unknown
    std::vector<std::string> notes_;
    std::vector<std::string> unknown_;  // languages already noted
};

/// The language word of a fence info string: its first word, `{.python}` and `{.python
/// .numberLines}` giving `python`. Empty when there is none.
std::string_view fence_language(std::string_view info);

}  // namespace galley::highlight
