// The KSyntaxHighlighting module (highlight-ksh.so): the Kate definitions behind the C interface
// of abi.h. Only this file includes Qt; galley loads it on demand (highlight.cpp).
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QStandardPaths>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "highlight/module/abi.h"

namespace {

namespace ksh = KSyntaxHighlighting;

// The kinds sent to galley are these numbers; its print theme (theme.cpp) is a table in this order.
static_assert(ksh::Theme::Normal == 0 && ksh::Theme::Keyword == 1 && ksh::Theme::String == 12 &&
              ksh::Theme::Comment == 21 && ksh::Theme::Error == 29 && ksh::Theme::Others == 30);

/// One line as a QString, and the UTF-8 byte offset of each of its UTF-16 units (one more for
/// the end), so that token offsets map back to the line's bytes.
struct Utf16Line {
    QString text;
    std::vector<uint32_t> byte_of;

    explicit Utf16Line(std::string_view line) {
        text.reserve(static_cast<int>(line.size()));
        byte_of.reserve(line.size() + 1);
        for (std::size_t pos = 0; pos < line.size();) {
            const auto start = static_cast<uint32_t>(pos);
            const char32_t cp = galley::utf8::decode(line, pos);
            if (cp > 0xFFFF) {
                text.append(QChar(QChar::highSurrogate(cp)));
                text.append(QChar(QChar::lowSurrogate(cp)));
                byte_of.push_back(start);
            } else {
                text.append(QChar(static_cast<char16_t>(cp)));
            }
            byte_of.push_back(start);
        }
        byte_of.push_back(static_cast<uint32_t>(line.size()));
    }
};

/// Emits the tokens of one line at a time.
class Collector : public ksh::AbstractHighlighter {
public:
    Collector(const ksh::Theme* theme, GalleyHighlightEmit emit, void* context)
        : theme_(theme), emit_(emit), context_(context) {}

    void line(uint32_t index, const Utf16Line& line, ksh::State& state) {
        index_ = index;
        line_ = &line;
        state = highlightLine(line.text, state);
    }

protected:
    void applyFormat(int offset, int length, const ksh::Format& format) override {
        if (length <= 0 || offset < 0) return;
        const std::size_t last = line_->byte_of.size() - 1;
        const std::size_t begin = std::min(static_cast<std::size_t>(offset), last);
        const std::size_t end = std::min(static_cast<std::size_t>(offset) + static_cast<std::size_t>(length), last);
        if (begin == end) return;
        const int kind = static_cast<int>(format.textStyle());
        if (!theme_) {
            emit_(context_, index_, line_->byte_of[begin], line_->byte_of[end], kind, 0, 0);
            return;
        }
        if (format.isDefaultTextStyle(*theme_)) return;
        const QRgb rgb = format.textColor(*theme_).rgb() & 0xFFFFFFu;
        const uint32_t flags = kGalleyTokenThemed | (format.isBold(*theme_) ? kGalleyTokenBold : 0u) |
                               (format.isItalic(*theme_) ? kGalleyTokenItalic : 0u);
        emit_(context_, index_, line_->byte_of[begin], line_->byte_of[end], kind, rgb, flags);
    }

private:
    const ksh::Theme* theme_;  // nullptr: kinds only
    GalleyHighlightEmit emit_;
    void* context_;
    uint32_t index_ = 0;
    const Utf16Line* line_ = nullptr;
};

/// The process's repository, its definitions by id and its themes, behind one lock.
struct Library {
    std::mutex lock;
    std::unique_ptr<ksh::Repository> repository;
    std::vector<ksh::Definition> definitions;
    std::map<std::string, ksh::Theme> themes;

    /// The repository, read on first use. Qt's test mode points the user's data folder
    /// (~/.local/share) at one nobody fills, so that a user's own definitions cannot change the
    /// output; the definitions built into the library and system-wide ones remain.
    ksh::Repository& repo() {
        if (!repository) {
            QStandardPaths::setTestModeEnabled(true);
            repository = std::make_unique<ksh::Repository>();
        }
        return *repository;
    }

    const ksh::Theme* theme(const char* name) {
        if (!name) return nullptr;
        auto it = themes.find(name);
        if (it == themes.end()) it = themes.emplace(name, repo().theme(QString::fromUtf8(name))).first;
        return it->second.isValid() ? &it->second : nullptr;
    }
};

Library& library() {
    static Library lib;
    return lib;
}

int has_theme(const char* name) {
    Library& lib = library();
    std::lock_guard<std::mutex> guard(lib.lock);
    return name && lib.theme(name) ? 1 : 0;
}

int definition(const char* name) {
    Library& lib = library();
    std::lock_guard<std::mutex> guard(lib.lock);
    const QString word = QString::fromUtf8(name);
    ksh::Definition found = lib.repo().definitionForName(word);
    if (!found.isValid())
        for (const ksh::Definition& candidate : lib.repo().definitions())
            if (candidate.name().compare(word, Qt::CaseInsensitive) == 0) found = candidate;
    if (!found.isValid()) found = lib.repo().definitionForFileName(QStringLiteral("x.") + word);
    if (!found.isValid()) return -1;
    for (std::size_t i = 0; i < lib.definitions.size(); ++i)
        if (lib.definitions[i] == found) return static_cast<int>(i);
    lib.definitions.push_back(found);
    return static_cast<int>(lib.definitions.size() - 1);
}

int highlight(int id, const char* theme_name, const char* code, size_t size, GalleyHighlightEmit emit, void* context) {
    Library& lib = library();
    std::lock_guard<std::mutex> guard(lib.lock);
    if (id < 0 || static_cast<std::size_t>(id) >= lib.definitions.size()) return 0;
    Collector collector(lib.theme(theme_name), emit, context);
    collector.setDefinition(lib.definitions[static_cast<std::size_t>(id)]);
    ksh::State state;
    const std::string_view text(code, size);
    uint32_t index = 0;
    for (std::size_t pos = 0;; ++index) {
        const std::size_t nl = text.find('\n', pos);
        collector.line(index, Utf16Line(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos)),
                       state);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return 1;
}

constexpr GalleyHighlightModule kModule = {GALLEY_HIGHLIGHT_ABI, has_theme, definition, highlight};

}  // namespace

extern "C" __attribute__((visibility("default"))) const GalleyHighlightModule* galley_highlight_module_v1() {
    return &kModule;
}
