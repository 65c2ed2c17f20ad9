// Applying a style table to a Style: nested tables to dotted key names, shorthands first,
// warnings for unknown keys (with the nearest declared name) and for bad values.
#include <algorithm>

#include "style/keys.h"
#include "style/style.h"

namespace galley::style {
namespace {

struct Setting {
    std::string name;
    const doc::Value* value;
    const Key* key;
};

/// Levenshtein distance, for suggesting the key that was probably meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The key probably meant: the nearest name within a typo's distance, else the one key whose
/// last part is the name (`margin-top` written outside `[page]`).
const Key* suggestion(const std::string& name) {
    const Key* nearest = nullptr;
    std::size_t best = name.size() / 3 + 1;
    for (const Key& k : key_table()) {
        const std::size_t d = edit_distance(name, k.info.name);
        if (d < best) best = d, nearest = &k;
    }
    if (nearest) return nearest;
    const Key* by_suffix = nullptr;
    for (const Key& k : key_table()) {
        if (!k.info.name.ends_with("." + name)) continue;
        if (by_suffix) return nullptr;  // several roles have it: no one guess
        by_suffix = &k;
    }
    return by_suffix;
}

std::string unknown_key_message(const std::string& name) {
    std::string message = "unknown style key '" + name + "'";
    if (const Key* k = suggestion(name)) message += " (did you mean '" + k->info.name + "'?)";
    return message;
}

/// Collects the declared keys of `table`, descending into tables that are not keys themselves
/// (`[page] margin-top = ...` is "page.margin-top"); warns about the rest.
void collect(const doc::Value& table, const std::string& prefix, std::vector<Setting>& out,
             DiagnosticSink& sink) {
    for (const auto& [key, value] : *table.as_table()) {
        std::string name = prefix.empty() ? key : prefix + "." + key;
        if (const Key* k = find_key(name))
            out.push_back({std::move(name), &value, k});
        else if (value.as_table())
            collect(value, name, out, sink);
        else
            sink.warn("style.key", value.location, unknown_key_message(name));
    }
}

}  // namespace

void apply(Style& style, const doc::Value& table, DiagnosticSink& sink) {
    if (!table.as_table()) return;
    std::vector<Setting> settings;
    collect(table, "", settings, sink);
    std::stable_partition(settings.begin(), settings.end(),
                          [](const Setting& s) { return s.key->shorthand; });
    for (const Setting& s : settings) {
        const std::string problem = s.key->set(style, *s.value);
        if (!problem.empty())
            sink.warn("style.value", s.value->location, "style key '" + s.name + "': " + problem);
    }
}

}  // namespace galley::style
