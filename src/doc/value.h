// A small tree of values, the common form of TOML, YAML and JSON data (front matter tables,
// style overrides). Keys keep their order of appearance.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "galley/diagnostic.h"

namespace galley::doc {

struct Value;
using Array = std::vector<Value>;
using Table = std::vector<std::pair<std::string, Value>>;

/// A date or date-time as written (TOML datetime, YAML timestamp). `epoch` is set when the value
/// names a full date (missing time = 00:00, missing offset = UTC).
struct DateTime {
    std::string text;
    std::int64_t epoch = 0;
    bool has_epoch = false;
};

struct Value {
    std::variant<std::monostate, bool, std::int64_t, double, std::string, DateTime,
                 std::shared_ptr<Array>, std::shared_ptr<Table>>
        data;
    /// Where the value starts in the source file (for diagnostics about it).
    SourceLocation location;

    bool is_null() const { return std::holds_alternative<std::monostate>(data); }
    const bool* as_bool() const { return std::get_if<bool>(&data); }
    const std::int64_t* as_int() const { return std::get_if<std::int64_t>(&data); }
    const double* as_double() const { return std::get_if<double>(&data); }
    const std::string* as_string() const { return std::get_if<std::string>(&data); }
    const DateTime* as_datetime() const { return std::get_if<DateTime>(&data); }
    const Array* as_array() const {
        auto p = std::get_if<std::shared_ptr<Array>>(&data);
        return p ? p->get() : nullptr;
    }
    const Table* as_table() const {
        auto p = std::get_if<std::shared_ptr<Table>>(&data);
        return p ? p->get() : nullptr;
    }
    /// Looks a key up in a table value; nullptr when absent or not a table.
    const Value* find(std::string_view key) const {
        if (const Table* t = as_table())
            for (const auto& [k, v] : *t)
                if (k == key) return &v;
        return nullptr;
    }
    /// A number as double (int or float); nullptr-free: returns false when not a number.
    bool to_number(double& out) const {
        if (auto i = as_int()) return out = static_cast<double>(*i), true;
        if (auto d = as_double()) return out = *d, true;
        return false;
    }
};

/// How a value's type is named in messages: "a string", "a list", "a table", ... Shared by the
/// front matter reader and the style keys, which both report wrongly typed values.
inline std::string_view type_name(const Value& v) {
    if (v.is_null()) return "empty";
    if (v.as_bool()) return "a boolean";
    if (v.as_int()) return "an integer";
    if (v.as_double()) return "a number";
    if (v.as_string()) return "a string";
    if (v.as_datetime()) return "a date";
    if (v.as_array()) return "a list";
    return "a table";
}

}  // namespace galley::doc
