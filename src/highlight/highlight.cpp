// Code tokens by language through KSyntaxHighlighting: aliases, lazy loading of the
// repository, UTF-16 token offsets back to UTF-8 bytes, and the theme's styles.
#include "highlight/highlight.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <algorithm>
#include <map>

#include "base/utf8.h"
#include "highlight/theme.h"

namespace galley::highlight {

namespace ksh = KSyntaxHighlighting;

// theme.cpp's table follows this order.
static_assert(ksh::Theme::Normal == 0 && ksh::Theme::Keyword == 1 && ksh::Theme::String == 12 &&
              ksh::Theme::Comment == 21 && ksh::Theme::Error == 29 && ksh::Theme::Others == 30);

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

/// One line as a QString, and the UTF-8 byte offset of each of its UTF-16 units (one more
/// for the end), so that token offsets map back to the line's bytes.
struct Utf16Line {
    QString text;
    std::vector<std::uint32_t> byte_of;

    explicit Utf16Line(std::string_view line) {
        text.reserve(static_cast<int>(line.size()));
        byte_of.reserve(line.size() + 1);
        for (std::size_t pos = 0; pos < line.size();) {
            const auto start = static_cast<std::uint32_t>(pos);
            const char32_t cp = utf8::decode(line, pos);
            if (cp > 0xFFFF) {
                text.append(QChar(QChar::highSurrogate(cp)));
                text.append(QChar(QChar::lowSurrogate(cp)));
                byte_of.push_back(start);
                byte_of.push_back(start);
            } else {
                text.append(QChar(static_cast<char16_t>(cp)));
                byte_of.push_back(start);
            }
        }
        byte_of.push_back(static_cast<std::uint32_t>(line.size()));
    }
};

/// Collects the tokens of one line at a time.
class Collector : public ksh::AbstractHighlighter {
public:
    explicit Collector(const ksh::Theme* theme) : theme_(theme) {}

    std::vector<Token> line(const Utf16Line& line, ksh::State& state) {
        line_ = &line;
        tokens_.clear();
        state = highlightLine(line.text, state);
        return std::move(tokens_);
    }

protected:
    void applyFormat(int offset, int length, const ksh::Format& format) override {
        if (length <= 0) return;
        std::optional<TokenStyle> style;
        if (!theme_) {
            style = print_style(static_cast<int>(format.textStyle()));
        } else if (!format.isDefaultTextStyle(*theme_)) {
            const QColor c = format.textColor(*theme_);
            style = TokenStyle{{c.redF(), c.greenF(), c.blueF()}, format.isBold(*theme_), format.isItalic(*theme_)};
        }
        if (!style) return;
        const std::size_t end = std::min(static_cast<std::size_t>(offset + length), line_->byte_of.size() - 1);
        tokens_.push_back({line_->byte_of[static_cast<std::size_t>(offset)], line_->byte_of[end], *style});
    }

private:
    const ksh::Theme* theme_;  // nullptr: the print theme
    const Utf16Line* line_ = nullptr;
    std::vector<Token> tokens_;
};

}  // namespace

struct Highlighter::Library {
    ksh::Repository repository;
    std::map<std::string, ksh::Definition> definitions;  // by lower-case fence word
    std::optional<ksh::Theme> theme;                     // empty: the print theme

    ksh::Definition definition(const std::string& word) {
        if (auto it = definitions.find(word); it != definitions.end()) return it->second;
        ksh::Definition d;
        for (const Alias& a : kAliases)
            if (a.word == word)
                d = repository.definitionForName(QString::fromUtf8(a.definition.data(), static_cast<int>(a.definition.size())));
        const QString name = QString::fromStdString(word);
        if (!d.isValid())
            for (const ksh::Definition& candidate : repository.definitions())
                if (candidate.name().compare(name, Qt::CaseInsensitive) == 0) d = candidate;
        if (!d.isValid()) d = repository.definitionForFileName(QStringLiteral("x.") + name);
        definitions.emplace(word, d);
        return d;
    }
};

Highlighter::Highlighter(std::string theme) : theme_(std::move(theme)) {}

Highlighter::~Highlighter() = default;

std::optional<std::vector<std::vector<Token>>> Highlighter::tokens(std::string_view language, std::string_view code,
                                                                   const SourceLocation& where,
                                                                   DiagnosticSink& sink) {
    const std::string word = lower(language);
    if (plain_word(word)) return std::nullopt;
    if (!library_) {
        library_ = std::make_unique<Library>();
        if (theme_ != kPrintTheme) {
            ksh::Theme t = library_->repository.theme(QString::fromStdString(theme_));
            if (t.isValid())
                library_->theme = t;
            else
                sink.warn("code.theme", where, "unknown code theme '" + theme_ + "'; the print theme is used");
        }
    }
    const ksh::Definition definition = library_->definition(word);
    if (!definition.isValid()) {
        if (std::find(unknown_.begin(), unknown_.end(), word) == unknown_.end()) {
            unknown_.push_back(word);
            notes_.push_back("code language '" + std::string(language) + "' is not known; set plain; first at " +
                             where.file + ":" + std::to_string(where.line));
        }
        return std::nullopt;
    }
    Collector collector(library_->theme ? &*library_->theme : nullptr);
    collector.setDefinition(definition);
    ksh::State state;
    std::vector<std::vector<Token>> out;
    for (std::size_t pos = 0;;) {
        const std::size_t nl = code.find('\n', pos);
        const std::string_view line = code.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        out.push_back(collector.line(Utf16Line(line), state));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return out;
}

std::string_view fence_language(std::string_view info) {
    std::size_t start = info.find_first_not_of(" \t{.");
    if (start == std::string_view::npos) return {};
    const std::size_t end = info.find_first_of(" \t{},", start);
    return info.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace galley::highlight
