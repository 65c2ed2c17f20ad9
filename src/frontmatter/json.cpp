// JSON reader: nlohmann-json parse (keys kept in order), its errors as diagnostics, and
// conversion to doc::Value.
#include <nlohmann/json.hpp>

#include <limits>

#include "frontmatter/formats.h"

namespace galley::frontmatter {
namespace {

using Json = nlohmann::ordered_json;

/// nlohmann-json records no positions for values, so every value carries the position where
/// the JSON text starts.
doc::Value convert(const Json& j, const SourceLocation& where, int depth) {
    if (depth > kMaxDepth)
        throw TooComplex{where,
                         "values nested more than " + std::to_string(kMaxDepth) + " levels deep"};
    switch (j.type()) {
    case Json::value_t::object: {
        auto table = std::make_shared<doc::Table>();
        for (const auto& [key, value] : j.items())
            table->emplace_back(key, convert(value, where, depth + 1));
        return make_value(std::move(table), where);
    }
    case Json::value_t::array: {
        auto array = std::make_shared<doc::Array>();
        for (const Json& item : j) array->push_back(convert(item, where, depth + 1));
        return make_value(std::move(array), where);
    }
    case Json::value_t::string: return make_value(j.get<std::string>(), where);
    case Json::value_t::boolean: return make_value(j.get<bool>(), where);
    case Json::value_t::number_integer: return make_value(j.get<std::int64_t>(), where);
    case Json::value_t::number_unsigned: {
        // Beyond int64 only a double can hold it.
        const auto u = j.get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return make_value(static_cast<std::int64_t>(u), where);
        return make_value(static_cast<double>(u), where);
    }
    case Json::value_t::number_float: return make_value(j.get<double>(), where);
    default: return make_value(std::monostate{}, where);
    }
}

/// nlohmann-json says "[json.exception.parse_error.101] parse error at line 3, column 1:
/// syntax error while parsing value - unexpected '}'; ..."; that position is relative to the
/// JSON text, not the file, so only the part after " - " (or after the "[...] " tag) is kept.
std::string describe(const std::string& what) {
    const std::size_t dash = what.find(" - ");
    if (dash != std::string::npos) return "JSON syntax error: " + what.substr(dash + 3);
    const std::size_t tag_end = what.starts_with('[') ? what.find("] ") : std::string::npos;
    return "JSON error: " + (tag_end == std::string::npos ? what : what.substr(tag_end + 2));
}

}  // namespace

doc::Value read_json(std::string_view text, const Origin& origin, DiagnosticSink& sink) {
    try {
        return convert(Json::parse(text), origin.at(1, 1), 0);
    } catch (const Json::parse_error& e) {
        // `byte` is 1-based: the position of the last character read.
        const auto [line, column] = line_and_column(text, e.byte == 0 ? 0 : e.byte - 1);
        sink.error("frontmatter.json", origin.at(line, column), describe(e.what()));
        return {};
    } catch (const Json::exception& e) {
        // A number beyond double range: nlohmann-json gives no position for it.
        sink.error("frontmatter.json", origin.at(1, 1), describe(e.what()));
        return {};
    }
}

}  // namespace galley::frontmatter
