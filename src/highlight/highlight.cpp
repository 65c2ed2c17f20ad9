// Code tokens by language through KSyntaxHighlighting: aliases, lazy loading of the
// repository, UTF-16 token offsets back to UTF-8 bytes, and the theme's styles.
#include "highlight/highlight.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "base/module.h"
#include "highlight/module/abi.h"
#include "highlight/theme.h"

namespace galley::highlight {

namespace {

/// Fence words the library does not know by name or file extension, and words that mean
/// "no highlighting" (empty definition name).
struct Alias {
    std::string_view word;
    std::string_view definition;
};
constexpr Alias kAliases[] = {
    {"py", "Python"},        {"python3", "Python"},     {"js", "JavaScript"},    {"node", "JavaScript"},
    {"ts", "TypeScript"},    {"sh", "Bash"},            {"shell", "Bash"},       {"console", "Bash"},
    {"shell-session", "Bash"}, {"yml", "YAML"},         {"c++", "C++"},          {"cpp", "C++"},
    {"cxx", "C++"},          {"h", "C"},                {"rs", "Rust"},          {"golang", "Go"},
    {"cs", "C#"},            {"csharp", "C#"},          {"kt", "Kotlin"},        {"rb", "Ruby"},
    {"ps1", "PowerShell"},   {"pwsh", "PowerShell"},    {"r", "R Script"},       {"md", "Markdown"},
    {"docker", "Dockerfile"}, {"make", "Makefile"},     {"mk", "Makefile"},      {"ini", "INI Files"},
    {"cfg", "INI Files"},    {"htm", "HTML"},           {"svg", "XML"},          {"php", "PHP/PHP"},
    {"patch", "Diff"},       {"jsonc", "JSON"},         {"text", ""},            {"txt", ""},
    {"plain", ""},           {"plaintext", ""},         {"none", ""},            {"nohighlight", ""},
};

/// A word that asks for no highlighting (`text`, `plain`, ...).
bool plain_word(std::string_view word) {
    for (const Alias& a : kAliases)
        if (a.word == word) return a.definition.empty();
    return false;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// The definition name an alias stands for, else the word itself.
std::string_view definition_name(std::string_view word) {
    for (const Alias& a : kAliases)
        if (a.word == word) return a.definition;
    return word;
}

/// Collects the module's tokens into lines, styled by the print theme or the library's theme.
struct Sink {
    std::vector<std::vector<Token>>* lines;

    static void emit(void* context, uint32_t line, uint32_t begin, uint32_t end, int kind, uint32_t rgb,
                     uint32_t flags) {
        auto& lines = *static_cast<Sink*>(context)->lines;
        std::optional<TokenStyle> style;
        if (flags & kGalleyTokenThemed)
            style = TokenStyle{{((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0},
                               (flags & kGalleyTokenBold) != 0, (flags & kGalleyTokenItalic) != 0};
        else
            style = print_style(kind);
        if (!style || line >= lines.size() || begin >= end) return;
        lines[line].push_back({begin, end, *style});
    }
};

}  // namespace

Highlighter::Highlighter(std::string theme, std::string module_path)
    : theme_(std::move(theme)), module_path_(std::move(module_path)) {}

Highlighter::~Highlighter() = default;

bool Highlighter::ready(const SourceLocation& where, DiagnosticSink& sink) {
    if (tried_) return module_ != nullptr;
    tried_ = true;
    std::string error;
    module_ = load_module<GalleyHighlightModule>(module_path_, GALLEY_HIGHLIGHT_ENTRY, GALLEY_HIGHLIGHT_ABI, "highlighting", error);
    if (!module_) {
        sink.warn("code.highlight", where, "syntax highlighting is not available (" + error + "); code is set plain");
        return false;
    }
    if (theme_ != kPrintTheme && !module_->has_theme(theme_.c_str())) {
        sink.warn("code.theme", where, "unknown code theme '" + theme_ + "'; the print theme is used");
        theme_ = std::string(kPrintTheme);
    }
    return true;
}

std::optional<std::vector<std::vector<Token>>> Highlighter::tokens(std::string_view language, std::string_view code,
                                                                   const SourceLocation& where,
                                                                   DiagnosticSink& sink) {
    const std::string word = lower(language);
    if (plain_word(word) || !ready(where, sink)) return std::nullopt;
    auto known = definitions_.find(word);
    if (known == definitions_.end())
        known = definitions_.emplace(word, module_->definition(std::string(definition_name(word)).c_str())).first;
    if (known->second < 0) {
        if (std::find(unknown_.begin(), unknown_.end(), word) == unknown_.end()) {
            unknown_.push_back(word);
            notes_.push_back("code language '" + std::string(language) + "' is not known; set plain; first at " +
                             where.file + ":" + std::to_string(where.line));
        }
        return std::nullopt;
    }
    std::vector<std::vector<Token>> out(static_cast<std::size_t>(std::count(code.begin(), code.end(), '\n')) + 1);
    Sink collected{&out};
    module_->highlight(known->second, theme_ == kPrintTheme ? nullptr : theme_.c_str(), code.data(), code.size(),
                       &Sink::emit, &collected);
    return out;
}

std::string_view fence_language(std::string_view info) {
    std::size_t start = info.find_first_not_of(" \t{.");
    if (start == std::string_view::npos) return {};
    const std::size_t end = info.find_first_of(" \t{},", start);
    return info.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace galley::highlight
