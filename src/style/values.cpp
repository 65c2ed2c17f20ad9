// Reading typed style values (lengths, leadings, colours, paper sizes, flags, names) from the
// values of a parsed style table, and the named paper sizes. Numbers are read with
// std::from_chars: no locale.
#include "style/values.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "style/style.h"

namespace galley::style {
namespace {

template <class T>
Read<T> reject(std::string problem) {
    return {T{}, std::move(problem)};
}

/// "expected X, not a boolean": for a value of the wrong type altogether.
template <class T>
Read<T> wrong_type(std::string_view expected, const doc::Value& v) {
    return reject<T>("expected " + std::string(expected) + ", not " +
                     std::string(doc::type_name(v)));
}

constexpr std::string_view kLengthForms = "a length such as 12pt, 25mm, 2.5cm or 1in";

struct Unit {
    std::string_view name;
    Pt points;
};
constexpr Unit kUnits[] = {{"pt", 1},
                           {"mm", kPointsPerMillimetre},
                           {"cm", 10 * kPointsPerMillimetre},
                           {"in", kPointsPerInch}};

/// "12pt", "25 mm", "2.5cm", "1in".
Read<Pt> length_from_text(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || !std::isfinite(number))
        return reject<Pt>(quoted + " is not " + std::string(kLengthForms));
    std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
    while (unit.starts_with(' ')) unit.remove_prefix(1);
    if (unit.empty())
        return reject<Pt>(quoted +
                          " needs a unit: pt, mm, cm or in (a plain number, unquoted, is points)");
    for (const Unit& u : kUnits)
        if (unit == u.name) return {number * u.points, {}};
    return reject<Pt>(quoted + " has an unknown unit '" + std::string(unit) +
                      "' (use pt, mm, cm or in)");
}

/// A length of any sign.
Read<Pt> signed_length(const doc::Value& v) {
    double number = 0;
    if (v.to_number(number)) {
        if (!std::isfinite(number)) return reject<Pt>("expected a finite length");
        return {number, {}};
    }
    if (const std::string* s = v.as_string()) return length_from_text(*s);
    return wrong_type<Pt>(kLengthForms, v);
}

/// ASCII case-insensitive comparison with `b`, which is in lower case.
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char ca = a[i] >= 'A' && a[i] <= 'Z' ? char(a[i] - 'A' + 'a') : a[i];
        if (ca != b[i]) return false;
    }
    return true;
}

}  // namespace

Read<Pt> read_length(const doc::Value& v) {
    Read<Pt> r = signed_length(v);
    if (r.problem.empty() && r.value < 0) return reject<Pt>("a length here cannot be negative");
    return r;
}

Read<Pt> read_font_size(const doc::Value& v) {
    Read<Pt> r = signed_length(v);
    if (r.problem.empty() && r.value <= 0) return reject<Pt>("a font size must be more than 0");
    return r;
}

Read<Leading> read_leading(const doc::Value& v) {
    double number = 0;
    if (v.to_number(number) && number > 0 && number < kLeadingRatioLimit) return {{0, number}, {}};
    const Read<Pt> length = read_font_size(v);
    if (!length.problem.empty())
        return reject<Leading>(length.problem +
                               "; a leading is a length, or a number below 4 "
                               "meaning a multiple of the font size");
    return {{length.value, 0}, {}};
}

Read<double> read_scale(const doc::Value& v) {
    double number = 0;
    if (!v.to_number(number)) return wrong_type<double>("a number such as 0.9", v);
    if (!(number > 0) || !std::isfinite(number))
        return reject<double>("a scale must be more than 0");
    return {number, {}};
}

Read<Color> read_color(const doc::Value& v) {
    constexpr std::string_view kForms = "a colour as \"#rrggbb\" or \"#rgb\"";
    const std::string* s = v.as_string();
    if (!s) return wrong_type<Color>(kForms, v);
    std::string hex = s->size() > 1 && (*s)[0] == '#' ? s->substr(1) : std::string();
    if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (hex.size() != 6 || ec != std::errc() || end != hex.data() + hex.size())
        return reject<Color>("'" + *s + "' is not " + std::string(kForms));
    return {rgb(value), {}};
}

Read<Size> read_page_size(const doc::Value& v) {
    constexpr std::string_view kForms =
        "a paper name (a3, a4, a5, letter, legal) or [width, height]";
    if (const std::string* name = v.as_string()) {
        if (auto size = paper_size(*name)) return {*size, {}};
        return reject<Size>("unknown paper '" + *name + "'; expected " + std::string(kForms));
    }
    const doc::Array* a = v.as_array();
    if (!a) return wrong_type<Size>(kForms, v);
    if (a->size() != 2) return reject<Size>("expected [width, height], two lengths");
    const Read<Pt> width = read_font_size((*a)[0]);
    const Read<Pt> height = read_font_size((*a)[1]);
    for (const Read<Pt>* side : {&width, &height})
        if (!side->problem.empty()) return reject<Size>("page width and height: " + side->problem);
    return {{width.value, height.value}, {}};
}

Read<bool> read_bool(const doc::Value& v) {
    if (const bool* b = v.as_bool()) return {*b, {}};
    return wrong_type<bool>("true or false", v);
}

Read<std::string> read_text(const doc::Value& v) {
    if (const std::string* s = v.as_string()) return {*s, {}};
    return wrong_type<std::string>("a string", v);
}

Read<std::string> read_family(const doc::Value& v) {
    Read<std::string> r = read_text(v);
    if (r.problem.empty() && r.value.empty())
        return reject<std::string>("a font family cannot be empty");
    return r;
}

Read<PdfStandard> read_pdf_standard(const doc::Value& v) {
    const std::string* s = v.as_string();
    if (!s) return wrong_type<PdfStandard>("a string such as \"a-2b,ua-1\"", v);
    std::string problem;
    if (std::optional<PdfStandard> standard = parse_pdf_standard(*s, problem)) return {*standard, {}};
    return reject<PdfStandard>(problem);
}

Read<std::vector<std::string>> read_families(const doc::Value& v) {
    const doc::Array* a = v.as_array();
    if (!a) return wrong_type<std::vector<std::string>>("a list of font family names", v);
    std::vector<std::string> families;
    for (const doc::Value& item : *a) {
        Read<std::string> family = read_family(item);
        if (!family.problem.empty())
            return reject<std::vector<std::string>>("in the list: " + family.problem);
        families.push_back(std::move(family.value));
    }
    return {std::move(families), {}};
}

std::optional<Size> paper_size(std::string_view name) {
    struct Paper {
        std::string_view name;
        Size size;
    };
    static constexpr Paper kPapers[] = {
        {"a3", {mm(297), mm(420)}},       {"a4", {mm(210), mm(297)}},
        {"a5", {mm(148), mm(210)}},       {"letter", {inch(8.5), inch(11)}},
        {"legal", {inch(8.5), inch(14)}},
    };
    for (const Paper& p : kPapers)
        if (equal_ignoring_case(name, p.name)) return p.size;
    return std::nullopt;
}

std::string length_problem(std::string_view text) {
    doc::Value v;
    v.data = std::string(text);
    return read_length(v).problem;
}

bool set_paper(Style& style, std::string_view name) {
    constexpr std::string_view kLandscape = "landscape";
    const bool landscape = name.size() >= kLandscape.size() &&
                           equal_ignoring_case(name.substr(name.size() - kLandscape.size()), kLandscape);
    if (landscape) {
        name.remove_suffix(kLandscape.size());
        if (!name.empty()) {
            if (name.size() < 2 || name.back() != '-') return false;  // "a4-landscape", not "-landscape"
            name.remove_suffix(1);
        }
    } else if (name.empty()) {
        return false;
    }
    if (!name.empty()) {
        const std::optional<Size> size = paper_size(name);
        if (!size) return false;
        style.page = *size;
    }
    if (landscape && style.page.height > style.page.width) std::swap(style.page.width, style.page.height);
    return true;
}

}  // namespace galley::style
