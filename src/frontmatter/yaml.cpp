// YAML reader: yaml-cpp parse, its errors as diagnostics, and conversion of its nodes to
// doc::Value with plain scalars resolved as the YAML 1.2 core schema does (plus timestamps).
#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>

#include "frontmatter/formats.h"
#include "frontmatter/timestamp.h"

namespace galley::frontmatter {
namespace {

/// yaml-cpp marks are 0-based; a node built without a position has a negative line.
std::optional<SourceLocation> location_of(const YAML::Mark& mark, const Origin& origin) {
    if (mark.line < 0) return std::nullopt;
    return origin.at(static_cast<std::uint32_t>(mark.line) + 1,
                     static_cast<std::uint32_t>(mark.column) + 1);
}

bool all_of(std::string_view s, bool (*pred)(char)) {
    if (s.empty()) return false;
    for (char c : s)
        if (!pred(c)) return false;
    return true;
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_octal(char c) {
    return c >= '0' && c <= '7';
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::optional<std::int64_t> integer_of(std::string_view s) {
    int base = 10;
    bool negative = false;
    if (s.starts_with("0o")) {
        base = 8, s.remove_prefix(2);
        if (!all_of(s, is_octal)) return std::nullopt;
    } else if (s.starts_with("0x")) {
        base = 16, s.remove_prefix(2);
        if (!all_of(s, is_hex)) return std::nullopt;
    } else {
        if (!s.empty() && (s[0] == '-' || s[0] == '+')) negative = s[0] == '-', s.remove_prefix(1);
        if (!all_of(s, is_digit)) return std::nullopt;
    }
    // Parsed as unsigned so that the most negative int64 fits before the sign is applied.
    std::uint64_t magnitude = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
    const std::uint64_t limit =
        static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + negative;
    if (ec != std::errc() || magnitude > limit) return std::nullopt;
    return negative ? static_cast<std::int64_t>(0 - magnitude)
                    : static_cast<std::int64_t>(magnitude);
}

/// YAML 1.2 core schema floats: [-+]? ( . [0-9]+ | [0-9]+ ( . [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?,
/// and .inf / .nan in three spellings.
std::optional<double> float_of(std::string_view s) {
    std::string_view unsigned_part = s;
    const bool negative = !s.empty() && s[0] == '-';
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) unsigned_part.remove_prefix(1);
    for (std::string_view inf : {".inf", ".Inf", ".INF"})
        if (unsigned_part == inf)
            return negative ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
    for (std::string_view nan : {".nan", ".NaN", ".NAN"})
        if (s == nan) return std::numeric_limits<double>::quiet_NaN();

    std::size_t i = 0, mantissa_digits = 0;
    const std::string_view u = unsigned_part;
    while (i < u.size() && is_digit(u[i])) ++i, ++mantissa_digits;
    if (i < u.size() && u[i] == '.')
        for (++i; i < u.size() && is_digit(u[i]); ++i) ++mantissa_digits;
    if (mantissa_digits == 0) return std::nullopt;
    if (i < u.size() && (u[i] == 'e' || u[i] == 'E')) {
        ++i;
        if (i < u.size() && (u[i] == '-' || u[i] == '+')) ++i;
        if (i == u.size() || !is_digit(u[i])) return std::nullopt;
        while (i < u.size() && is_digit(u[i])) ++i;
    }
    if (i != u.size()) return std::nullopt;
    // from_chars takes no leading '+' and is locale independent.
    double out = 0;
    const std::string_view digits = s[0] == '+' ? unsigned_part : s;
    // A float beyond double range stays a string rather than turning into a wrong number.
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    if (ec != std::errc()) return std::nullopt;
    return out;
}

/// A plain (unquoted) scalar: bool, int, float, timestamp or string.
doc::Value resolve_plain(const std::string& s, SourceLocation where) {
    for (std::string_view t : {"true", "True", "TRUE"})
        if (s == t) return make_value(true, where);
    for (std::string_view f : {"false", "False", "FALSE"})
        if (s == f) return make_value(false, where);
    if (auto i = integer_of(s)) return make_value(*i, where);
    if (auto d = float_of(s)) return make_value(*d, where);
    if (auto t = parse_iso8601(s)) return make_value(to_datetime(*t, s), where);
    return make_value(s, where);
}

class Converter {
public:
    explicit Converter(const Origin& origin) : origin_(origin) {}

    /// `fallback` is where a node without a position of its own is reported (a null value
    /// takes its key's position: yaml-cpp marks an empty value at the next token).
    doc::Value convert(const YAML::Node& n, const SourceLocation& fallback, int depth) {
        SourceLocation where = location_of(n.Mark(), origin_).value_or(fallback);
        if (n.IsNull()) where = fallback;
        if (depth > kMaxDepth)
            throw TooComplex{
                where, "values nested more than " + std::to_string(kMaxDepth) + " levels deep"};
        if (++count_ > kMaxValues)
            throw TooComplex{where, "more than " + std::to_string(kMaxValues) +
                                        " values (aliases repeating large parts?)"};

        switch (n.Type()) {
        case YAML::NodeType::Map: {
            auto table = std::make_shared<doc::Table>();
            for (const auto& entry : n) {
                const SourceLocation key_where =
                    location_of(entry.first.Mark(), origin_).value_or(where);
                std::string key =
                    entry.first.IsScalar() ? entry.first.Scalar() : YAML::Dump(entry.first);
                table->emplace_back(std::move(key), convert(entry.second, key_where, depth + 1));
            }
            return make_value(std::move(table), where);
        }
        case YAML::NodeType::Sequence: {
            auto array = std::make_shared<doc::Array>();
            for (const auto& item : n) array->push_back(convert(item, where, depth + 1));
            return make_value(std::move(array), where);
        }
        case YAML::NodeType::Scalar:
            // "?" marks a plain scalar; quoted and block scalars ("!") and explicit tags stay text.
            if (n.Tag() == "?") return resolve_plain(n.Scalar(), where);
            return make_value(n.Scalar(), where);
        default: return make_value(std::monostate{}, where);
        }
    }

private:
    const Origin& origin_;
    std::size_t count_ = 0;
};

/// yaml-cpp's terse wording for the commonest mistakes, said plainly.
std::string describe(const std::string& msg) {
    static const std::array<std::pair<std::string_view, std::string_view>, 6> kPlain{{
        {YAML::ErrorMsg::END_OF_SEQ_FLOW,
         "unclosed flow sequence: a '[' list is missing its closing ']'"},
        {YAML::ErrorMsg::END_OF_MAP_FLOW,
         "unclosed flow mapping: a '{' map is missing its closing '}'"},
        {YAML::ErrorMsg::EOF_IN_SCALAR, "unterminated quoted string: the closing quote is missing"},
        // Only the document end read_yaml() appends can stand inside a quoted scalar.
        {YAML::ErrorMsg::DOC_IN_SCALAR, "unterminated quoted string: the closing quote is missing"},
        {YAML::ErrorMsg::MAP_VALUE, "unexpected ':' (quote a value that contains \": \")"},
        {YAML::ErrorMsg::END_OF_MAP, "a map ends unexpectedly: check the indentation here"},
    }};
    for (const auto& [terse, plain] : kPlain)
        if (msg == terse) return std::string(plain);
    return msg;
}

/// yaml-cpp 0.7 rejects a UTF-16 surrogate pair written as two escapes ("\\ud83d\\ude00"),
/// which YAML (like JSON) allows for a character above U+FFFF: each pair becomes the one
/// "\\U0001F600" escape yaml-cpp reads (two columns shorter: later columns on that line shift).
std::string join_surrogate_escapes(std::string text) {
    const auto hex = [](std::string_view h) {
        unsigned v = 0;
        return std::from_chars(h.data(), h.data() + h.size(), v, 16).ptr == h.data() + h.size() ? v : 0u;
    };
    for (std::size_t i = 0; i + 12 <= text.size(); ++i) {
        if (text[i] != '\\') continue;
        if (text[i + 1] != 'u') {
            ++i;  // an escaped character, a backslash included, is skipped whole
            continue;
        }
        const unsigned high = hex(std::string_view(text).substr(i + 2, 4));
        const unsigned low = text[i + 6] == '\\' && text[i + 7] == 'u' ? hex(std::string_view(text).substr(i + 8, 4)) : 0;
        if (high < 0xD800 || high > 0xDBFF || low < 0xDC00 || low > 0xDFFF) continue;
        char joined[11];
        std::snprintf(joined, sizeof joined, "\\U%08X", 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
        text.replace(i, 12, joined);
    }
    return text;
}

}  // namespace

doc::Value read_yaml(std::string_view text, const Origin& origin, DiagnosticSink& sink) {
    try {
        // yaml-cpp accepts a quoted scalar that runs into the end of the input after a line
        // break, swallowing every key after it. An explicit document end makes it an error.
        std::string document = join_surrogate_escapes(std::string(text));
        if (!document.empty() && document.back() != '\n') document += '\n';
        document += "...\n";
        const YAML::Node root = YAML::Load(document);
        Converter converter(origin);
        doc::Value value = converter.convert(root, origin.at(1, 1), 0);
        // An empty document (nothing, or only comments) is an empty table.
        if (value.is_null()) return make_value(std::make_shared<doc::Table>(), origin.at(1, 1));
        return value;
    } catch (const YAML::Exception& e) {
        const SourceLocation where = location_of(e.mark, origin).value_or(origin.at(1, 1));
        sink.error("frontmatter.yaml", where, describe(e.msg));
        return {};
    }
}

}  // namespace galley::frontmatter
