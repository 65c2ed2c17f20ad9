// Front matter values given outside the document (the CLI's -M key=value): read as scalars and
// set into the parsed table, dotted keys reaching into nested tables.
#include <charconv>
#include <memory>

#include "frontmatter/frontmatter.h"

namespace galley::frontmatter {
namespace {

template <typename T>
bool parse_whole(std::string_view text, T& out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

/// The entry for `key` in `table` (made null when absent).
doc::Value& entry(doc::Table& table, const std::string& key) {
    for (auto& [k, v] : table)
        if (k == key) return v;
    table.emplace_back(key, doc::Value{});
    return table.back().second;
}

/// `v` as a table that may be changed: a new one when it is not a table; a copy when another
/// value shares it (a parsed table is shared by copies of the value).
doc::Table& own_table(doc::Value& v) {
    auto* held = std::get_if<std::shared_ptr<doc::Table>>(&v.data);
    if (!held || !*held)
        v.data = std::make_shared<doc::Table>();
    else if (held->use_count() > 1)
        v.data = std::make_shared<doc::Table>(**held);
    return *std::get<std::shared_ptr<doc::Table>>(v.data);
}

}  // namespace

doc::Value scalar_from_text(std::string_view text, const SourceLocation& origin) {
    doc::Value v;
    v.location = origin;
    std::int64_t i = 0;
    double d = 0;
    if (text == "true" || text == "false")
        v.data = text == "true";
    else if (parse_whole(text, i))
        v.data = i;
    else if (text.find_first_of(".eE") != std::string_view::npos && parse_whole(text, d))
        v.data = d;
    else if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        v.data = std::string(text.substr(1, text.size() - 2));
    else
        v.data = std::string(text);
    return v;
}

void set_values(doc::Value& table, const std::vector<std::pair<std::string, std::string>>& values,
                const SourceLocation& origin) {
    for (const auto& [key, text] : values) {
        doc::Value* at = &table;
        std::string_view rest = key;
        for (std::size_t dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
            at = &entry(own_table(*at), std::string(rest.substr(0, dot)));
            rest.remove_prefix(dot + 1);
        }
        entry(own_table(*at), std::string(rest)) = scalar_from_text(text, origin);
    }
}

}  // namespace galley::frontmatter
