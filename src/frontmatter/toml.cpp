// TOML reader: toml++ parse, its errors as diagnostics, and conversion of its nodes to doc::Value.
#include <toml++/toml.h>

#include <algorithm>

#include "frontmatter/formats.h"
#include "frontmatter/timestamp.h"

namespace galley::frontmatter {
namespace {

/// The root table has no source position; it stands at the start of the text.
SourceLocation location_of(const toml::source_region& region, const Origin& origin) {
    if (region.begin.line == 0) return origin.at(1, 1);
    return origin.at(region.begin.line, region.begin.column);
}

Timestamp timestamp_of(const toml::date& d) {
    Timestamp t;
    t.has_date = true;
    t.year = d.year;
    t.month = d.month;
    t.day = d.day;
    return t;
}

void set_time(Timestamp& t, const toml::time& time) {
    t.has_time = true;
    t.hour = time.hour;
    t.minute = time.minute;
    t.second = time.second;
    t.nanosecond = time.nanosecond;
}

/// toml++ keeps no text for dates, so the text is the value written back in ISO 8601 form
/// (the same as the source unless it used a space for `T` or lower-case letters).
doc::DateTime datetime_of(const toml::node& n) {
    Timestamp t;
    if (auto d = n.as_date()) {
        t = timestamp_of(d->get());
    } else if (auto time = n.as_time()) {
        set_time(t, time->get());
    } else {
        const toml::date_time& dt = n.as_date_time()->get();
        t = timestamp_of(dt.date);
        set_time(t, dt.time);
        if (dt.offset) t.offset_minutes = dt.offset->minutes;
    }
    return to_datetime(t, format_iso8601(t));
}

doc::Value convert(const toml::node& n, const Origin& origin, int depth) {
    const SourceLocation where = location_of(n.source(), origin);
    if (depth > kMaxDepth)
        throw TooComplex{where,
                         "values nested more than " + std::to_string(kMaxDepth) + " levels deep"};

    if (auto t = n.as_table()) {
        // toml++ orders keys alphabetically; sort them back into the order they were written.
        std::vector<std::pair<const toml::key*, const toml::node*>> entries;
        for (auto&& [key, value] : *t) entries.emplace_back(&key, &value);
        std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            const auto& pa = a.first->source().begin;
            const auto& pb = b.first->source().begin;
            return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
        });
        auto table = std::make_shared<doc::Table>();
        for (const auto& [key, value] : entries)
            table->emplace_back(std::string(key->str()), convert(*value, origin, depth + 1));
        return make_value(std::move(table), where);
    }
    if (auto a = n.as_array()) {
        auto array = std::make_shared<doc::Array>();
        for (const toml::node& item : *a) array->push_back(convert(item, origin, depth + 1));
        return make_value(std::move(array), where);
    }
    if (auto s = n.as_string()) return make_value(s->get(), where);
    if (auto i = n.as_integer()) return make_value(i->get(), where);
    if (auto f = n.as_floating_point()) return make_value(f->get(), where);
    if (auto b = n.as_boolean()) return make_value(b->get(), where);
    return make_value(datetime_of(n), where);
}

/// toml++ says "Error while parsing <context>: <detail>"; people read "<detail> (in <context>)"
/// better, and an unclosed string deserves plain words.
std::string describe(std::string_view description) {
    constexpr std::string_view kPrefix = "Error while parsing ";
    const std::size_t colon = description.find(": ");
    if (description.substr(0, kPrefix.size()) != kPrefix || colon == std::string_view::npos)
        return std::string(description);
    const std::string_view context = description.substr(kPrefix.size(), colon - kPrefix.size());
    const std::string_view detail = description.substr(colon + 2);
    const bool in_string = context.ends_with("string");
    if (in_string && (detail.find("control character") != std::string_view::npos ||
                      detail.find("end-of-file") != std::string_view::npos))
        return "unterminated string: the closing quote is missing (a string must end on the "
               "line it starts, or use \"\"\" for several lines)";
    return std::string(detail) + " (in " + std::string(context) + ")";
}

}  // namespace

doc::Value read_toml(std::string_view text, const Origin& origin, DiagnosticSink& sink) {
    try {
        const toml::table root = toml::parse(text, std::string_view(origin.file));
        return convert(root, origin, 0);
    } catch (const toml::parse_error& e) {
        sink.error("frontmatter.toml", location_of(e.source(), origin), describe(e.description()));
        return {};
    }
}

}  // namespace galley::frontmatter
