// Checks of the running header and footer once the cascade is done: placeholders galley does
// not know, and a header or footer that reaches into the text area.
#include <array>

#include "style/style.h"

namespace galley::style {

namespace {

/// The placeholders pagination expands (and {params.KEY}).
bool known_placeholder(std::string_view name) {
    static constexpr std::array<std::string_view, 8> names = {"title", "subtitle", "author", "date",
                                                              "section", "page", "pages", "page-label"};
    for (std::string_view n : names)
        if (n == name) return true;
    return name.starts_with("params.") && name.size() > 7;
}

/// The first placeholder of `text` that is not known, or "" ("{{" and "}}" are braces).
std::string unknown_placeholder(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i, 2) == "{{" || text.substr(i, 2) == "}}") {
            ++i;
            continue;
        }
        if (text[i] != '{') continue;
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos) return std::string(text.substr(i));
        const std::string_view name = text.substr(i + 1, close - i - 1);
        if (!known_placeholder(name)) return "{" + std::string(name) + "}";
        i = close;
    }
    return "";
}

SourceLocation where(std::span<const doc::Value> layers, std::string_view key) {
    const doc::Value* v = last_set(layers, key);
    return v ? v->location : SourceLocation{};
}

}  // namespace

void check_furniture(const Style& s, std::span<const doc::Value> layers, DiagnosticSink& sink) {
    bool shown[2] = {false, false};  // header, footer
    for (int f = 0; f < 2; ++f) {
        const char* name = f == 0 ? "header" : "footer";
        const Furniture& furniture = f == 0 ? s.header_slots : s.footer_slots;
        const std::pair<const char*, const Slots*> sets[] = {
            {"", &furniture.every}, {"first-", &furniture.first}, {"even-", &furniture.even}};
        for (const auto& [prefix, slots] : sets) {
            shown[f] = shown[f] || slots->any();
            const std::pair<const char*, const std::string*> texts[] = {
                {"left", &slots->left}, {"center", &slots->center}, {"right", &slots->right}};
            for (const auto& [slot, text] : texts) {
                const std::string unknown = unknown_placeholder(*text);
                if (unknown.empty()) continue;
                const std::string key = std::string(name) + "." + prefix + slot;
                sink.warn("style.furniture", where(layers, key),
                          key + ": '" + unknown + "' is not a placeholder; it is printed as written (use {title} "
                          "{subtitle} {author} {date} {section} {page} {pages} {page-label} {params.KEY}, and {{ "
                          "}} for braces)");
            }
        }
    }
    // The header's descenders and rule below its baseline, the footer's capitals and rule above.
    if (shown[0] && s.header_offset + s.header.size * 0.45 > s.margin_top)
        sink.warn("style.furniture", where(layers, "header.offset"),
                  "header.offset: the header reaches into the text area (page.margin-top is the room above the "
                  "text); give a smaller offset or a larger top margin");
    if (shown[1] && s.footer_page_numbers && s.footer_offset + s.footer.size * 1.05 > s.margin_bottom)
        sink.warn("style.furniture", where(layers, "footer.offset"),
                  "footer.offset: the footer reaches into the text area (page.margin-bottom is the room below the "
                  "text); give a smaller offset or a larger bottom margin");
}

}  // namespace galley::style
