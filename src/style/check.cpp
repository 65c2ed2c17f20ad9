// Finding style layers' keys again after the cascade, and the geometry check that needs them.
#include <cstdio>
#include <initializer_list>

#include "base/font_path.h"
#include "style/style.h"

namespace galley::style {

namespace {

/// The value `layer` gives `key`, nested (TOML `[body]`, `body.font`) or whole (YAML
/// `body.font:`), or nullptr.
const doc::Value* set_in(const doc::Value& layer, std::string_view key) {
    const doc::Value* v = &layer;
    std::string_view rest = key;
    while (v && !rest.empty()) {
        if (const doc::Value* whole = v->find(rest)) return whole;
        const std::size_t dot = rest.find('.');
        v = v->find(rest.substr(0, dot));
        rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    }
    return v;
}

/// Where the last layer to set one of `keys` sets it (the first of `keys` it sets), with the
/// key's name; an empty location and the first key when no layer sets any.
std::pair<SourceLocation, std::string_view> blame(std::span<const doc::Value> layers,
                                                  std::initializer_list<std::string_view> keys) {
    for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer)
        for (std::string_view key : keys)
            if (const doc::Value* v = set_in(*layer, key)) return {v->location, key};
    return {{}, *keys.begin()};
}

std::string points(Pt v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f pt", v);
    return text;
}

/// The smallest page side and text area side: an inch, as no printer feeds smaller paper.
constexpr Pt kMinSide = 72;

struct Role {
    const char* name;  // the key prefix: "body", "h1"
    const TextStyle* text;
};

/// Each role's size against its measure and its leading against the text height; the code
/// role's size only with a `code_column` that passed its own check.
void check_roles(const Style& s, bool code_column, std::span<const doc::Value> layers, DiagnosticSink& sink) {
    const Role roles[] = {{"body", &s.body},       {"h1", &s.heading[0]},       {"h2", &s.heading[1]},
                          {"h3", &s.heading[2]},   {"h4", &s.heading[3]},       {"h5", &s.heading[4]},
                          {"h6", &s.heading[5]},   {"title", &s.title},         {"subtitle", &s.subtitle},
                          {"meta", &s.meta},       {"footer", &s.footer},       {"footnote", &s.footnote},
                          {"caption", &s.caption}, {"table", &s.table},         {"code", &s.code}};
    for (const Role& r : roles) {
        const bool code = r.text == &s.code;
        const Pt measure = code ? s.text_width() - 2 * s.code_padding : s.text_width();
        const std::string size_key = std::string(r.name) + ".size";
        // At least two ems to a line, so that breaking a line always moves on.
        if ((code_column || !code) && r.text->size > measure / 2) {
            const auto [at, key] = blame(layers, {size_key});
            sink.error("style.geometry", at,
                       std::string(key) + ": a font size of " + points(r.text->size) + " is more than half the " +
                           (code ? "code column (" : "text width (") + points(measure) + "); at most " +
                           points(measure / 2));
        }
        // A line must fit on a page.
        if (r.text->leading > s.text_height()) {
            const std::string leading_key = std::string(r.name) + ".leading";
            const auto [at, key] = blame(layers, {leading_key, "heading.leading", size_key});
            sink.error("style.geometry", at,
                       std::string(key) + ": a line of " + points(r.text->leading) +
                           " is taller than the text area (" + points(s.text_height()) + ")");
        }
    }
}

}  // namespace

const doc::Value* last_set(std::span<const doc::Value> layers, std::string_view key) {
    for (auto layer = layers.rbegin(); layer != layers.rend(); ++layer)
        if (const doc::Value* v = set_in(*layer, key)) return v;
    return nullptr;
}

/// The largest bleed and the largest gutter between pages on a sheet, in points (50 mm): printers
/// ask for 3 to 5 mm of bleed, and a wider gutter leaves pages too small to read on a sheet, or
/// none at all.
constexpr Pt kMaxPrintSpace = 50 * 72 / 25.4;

/// print.bleed and print.gutter within kMaxPrintSpace; sheet settings without a layout, which
/// do nothing, said so.
void check_print(const Style& s, std::span<const doc::Value> layers, DiagnosticSink& sink) {
    if (s.print_layout == "none" && (s.print_sheet || s.print_gutter != 0 || s.print_frame)) {
        const auto [at, key] = blame(layers, {"print.sheet", "print.gutter", "print.frame"});
        sink.warn("style.value", at,
                  std::string(key) + " places pages on sheets, and print.layout is none: it has no effect "
                                     "(--layout 2up, 4up or booklet)");
    }
    for (const auto& [value, key] : {std::pair{s.print_bleed, "print.bleed"}, std::pair{s.print_gutter, "print.gutter"}})
        if (!(value <= kMaxPrintSpace))
            sink.error("style.geometry", blame(layers, {key}).first,
                       std::string(key) + ": " + points(value) + " is more than galley allows (" + points(kMaxPrintSpace) +
                           "): the pages would leave the sheet or shrink to nothing");
}

void check_geometry(const Style& s, std::span<const doc::Value> layers, DiagnosticSink& sink) {
    bool area_ok = true;
    for (const auto& [side, name] : {std::pair{s.page.width, "width"}, std::pair{s.page.height, "height"}})
        if (side < kMinSide || side > kMaxPageSide)
            area_ok = false, sink.error("style.geometry", blame(layers, {"page.size"}).first,
                       std::string("page.size: a page ") + name + " of " + points(side) +
                           " is outside what PDF and printers take (" + points(kMinSide) + " to " +
                           points(kMaxPageSide) + ")");
    struct Side {
        const char* name;
        Pt page, first_margin, second_margin;
        std::initializer_list<std::string_view> keys;
    };
    const Side sides[] = {
        {"width", s.page.width, s.margin_left, s.margin_right,
         {"page.margin-left", "page.margin-right", "page.margins", "page.size"}},
        {"height", s.page.height, s.margin_top, s.margin_bottom,
         {"page.margin-top", "page.margin-bottom", "page.margins", "page.size"}},
    };
    for (const Side& side : sides) {
        const Pt text = side.page - side.first_margin - side.second_margin;
        if (text >= kMinSide) continue;
        area_ok = false;
        const auto [at, key] = blame(layers, side.keys);
        sink.error("style.geometry", at,
                   std::string(key) + ": the margins leave a text " + side.name + " of " + points(text) + " (page " +
                       points(side.page) + " less " + points(side.first_margin) + " and " +
                       points(side.second_margin) + "); at least " + points(kMinSide) + " is needed");
    }
    if (!area_ok) return;  // the measures below follow from these
    check_print(s, layers, sink);
    const Pt column = s.text_width() - 2 * s.code_padding;
    if (column < kMinSide) {
        const auto [at, key] = blame(layers, {"code.padding"});
        sink.error("style.geometry", at,
                   std::string(key) + ": a padding of " + points(s.code_padding) + " leaves a code column of " +
                       points(column) + " in a text width of " + points(s.text_width()) + "; at least " +
                       points(kMinSide) + " is needed");
    }
    check_roles(s, column >= kMinSide, layers, sink);
}

}  // namespace galley::style

namespace galley::style {

namespace {

/// `family` against `base_dir` when it is a relative font file path; as it is otherwise.
std::string resolved_font(const std::string& family, const std::string& base_dir) {
    if (base_dir.empty() || base_dir == "." || family.starts_with('/') || !font_path::font_file(family))
        return family;
    return base_dir + "/" + family;
}

doc::Value resolved(const doc::Value& v, const std::string& name, const std::string& base_dir) {
    if (const doc::Table* table = v.as_table()) {
        auto copy = std::make_shared<doc::Table>();
        for (const auto& [key, value] : *table)
            copy->emplace_back(key, resolved(value, name.empty() ? key : name + "." + key, base_dir));
        return {copy, v.location};
    }
    if (const std::string* s = v.as_string(); s && name.ends_with(".font"))
        return {resolved_font(*s, base_dir), v.location};
    if (const doc::Array* list = v.as_array(); list && name.starts_with("fallback.")) {
        auto copy = std::make_shared<doc::Array>();
        for (const doc::Value& item : *list) {
            const std::string* s = item.as_string();
            copy->push_back(s ? doc::Value{resolved_font(*s, base_dir), item.location} : item);
        }
        return {copy, v.location};
    }
    return v;
}

}  // namespace

doc::Value with_font_paths_resolved(const doc::Value& layer, const std::string& base_dir) {
    return resolved(layer, "", base_dir);
}

}  // namespace galley::style
