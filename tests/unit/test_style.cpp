// Unit tests of style/: value units, colours, paper sizes, warnings, the cascade, and that
// styles/default.toml, the declared keys, the Style defaults and docs/STYLE-KEYS.md agree.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "frontmatter/frontmatter.h"
#include "style/style.h"

using namespace galley;

namespace {

std::string read_source_file(const std::string& path) {
    std::ifstream in(std::string(GALLEY_SOURCE_DIR) + "/" + path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Applies TOML text to `style`, returning what was warned.
std::vector<Diagnostic> apply_toml(style::Style& style, const std::string& toml) {
    DiagnosticSink sink;
    const doc::Value table = frontmatter::parse_toml(toml, "test.toml", sink);
    REQUIRE_FALSE(sink.has_errors());
    style::apply(style, table, sink);
    return sink.items();
}

/// A style after applying `toml` to the defaults, checking nothing was warned.
style::Style styled(const std::string& toml) {
    style::Style s;
    const auto warnings = apply_toml(s, toml);
    CHECK(warnings.empty());
    return s;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

/// Collects the names of the fields where two styles differ.
class Differences {
public:
    void operator()(const std::string& name, double a, double b) {
        if (std::abs(a - b) > 1e-9) names.push_back(name);
    }
    void operator()(const std::string& name, const Color& a, const Color& b) {
        (*this)(name + ".r", a.r, b.r), (*this)(name + ".g", a.g, b.g),
            (*this)(name + ".b", a.b, b.b);
    }
    /// Flags, strings and lists compare exactly.
    template <class T>
    void operator()(const std::string& name, const T& a, const T& b) {
        if (!(a == b)) names.push_back(name);
    }
    void operator()(const std::string& name, const style::TextStyle& a, const style::TextStyle& b) {
        (*this)(name + ".family", a.family, b.family);
        (*this)(name + ".size", a.size, b.size);
        (*this)(name + ".leading", a.leading, b.leading);
        (*this)(name + ".leading_ratio", a.leading_ratio, b.leading_ratio);
        (*this)(name + ".bold", a.bold, b.bold);
        (*this)(name + ".italic", a.italic, b.italic);
        (*this)(name + ".color", a.color, b.color);
    }
    std::vector<std::string> names;
};

/// The names of the fields where two styles differ, comma-separated ("" when equal).
std::string differences(const style::Style& a, const style::Style& b) {
    Differences d;
#define FIELD(f) d(#f, a.f, b.f)
    FIELD(page.width);
    FIELD(page.height);
    FIELD(margin_top);
    FIELD(margin_bottom);
    FIELD(margin_left);
    FIELD(margin_right);
    FIELD(margin_inner);
    FIELD(margin_outer);
    FIELD(blank_page_text);
    FIELD(h1_odd_page);
    FIELD(print_layout);
    FIELD(print_sheet);
    FIELD(print_gutter);
    FIELD(print_frame);
    FIELD(print_crop_marks);
    FIELD(print_bleed);
    FIELD(body);
    for (int i = 0; i < 6; ++i) {
        const std::string h = "h" + std::to_string(i + 1);
        d(h, a.heading[i], b.heading[i]);
        d(h + ".space_before", a.heading_space_before[i], b.heading_space_before[i]);
        d(h + ".space_after", a.heading_space_after[i], b.heading_space_after[i]);
    }
    FIELD(code);
    FIELD(title);
    FIELD(subtitle);
    FIELD(meta);
    FIELD(footer);
    FIELD(footnote);
    FIELD(inline_code_scale);
    FIELD(inline_code_background);
    FIELD(math_family);
    FIELD(math_numbered);
    FIELD(mark_background);
    FIELD(callout_bar_width);
    FIELD(callout_colors);
    FIELD(link_color);
    FIELD(paragraph_spacing);
    FIELD(block_spacing);
    FIELD(justify);
    FIELD(list_indent);
    FIELD(list_item_spacing);
    FIELD(quote_indent);
    FIELD(quote_bar_width);
    FIELD(quote_bar_color);
    FIELD(quote_text_color);
    FIELD(code_background);
    FIELD(code_padding);
    FIELD(code_continuation_hook);
    FIELD(code_keep_lines);
    FIELD(code_tab_size);
    FIELD(code_line_numbers);
    FIELD(pdf_tagged);
    FIELD(code_highlight);
    FIELD(code_theme);
    FIELD(widows);
    FIELD(h1_new_page);
    FIELD(orphans);
    FIELD(rule_width);
    FIELD(rule_color);
    FIELD(table);
    FIELD(table_header_bold);
    FIELD(table_padding_x);
    FIELD(table_padding_y);
    FIELD(table_rule_width);
    FIELD(table_rule_color);
    FIELD(table_row_rule_width);
    FIELD(table_row_rule_color);
    FIELD(table_zebra);
    FIELD(table_zebra_color);
    FIELD(footnote_indent);
    FIELD(footnote_spacing);
    FIELD(footnote_space_above);
    FIELD(footnote_rule_length);
    FIELD(footnote_rule_width);
    FIELD(caption);
    FIELD(figure_space);
    FIELD(figure_caption_gap);
    FIELD(figure_float);
    FIELD(figure_max_width);
    FIELD(figure_numbering);
    FIELD(figure_label);
    FIELD(table_label);
    FIELD(footer_page_numbers);
    FIELD(footer_offset);
    FIELD(footer_slots);
    FIELD(header);
    FIELD(header_offset);
    FIELD(header_slots);
    FIELD(title_page);
    FIELD(title_logo);
    FIELD(title_logo_height);
    FIELD(abstract_title);
    FIELD(front_matter_numbering);
    FIELD(toc_depth);
    FIELD(toc_top_bold);
    FIELD(toc_group_space);
    FIELD(number_sections);
    FIELD(number_format);
    FIELD(number_depth);
    FIELD(draft_text);
    FIELD(draft_color);
    FIELD(draft_size);
    FIELD(toc_title);
    FIELD(pdf_standard);
    FIELD(lang);
    FIELD(smart);
    FIELD(fallback);
    FIELD(fallback_families);
#undef FIELD
    return join(d.names);
}

/// The dotted names of the leaf keys of a parsed TOML table, in file order.
void leaf_names(const doc::Value& table, const std::string& prefix, std::vector<std::string>& out) {
    for (const auto& [key, value] : *table.as_table()) {
        const std::string name = prefix.empty() ? key : prefix + "." + key;
        if (value.as_table())
            leaf_names(value, name, out);
        else
            out.push_back(name);
    }
}

}  // namespace

TEST_CASE("lengths: numbers are points; strings carry a unit") {
    CHECK(styled("[page]\nmargin-top = \"25mm\"").margin_top ==
          doctest::Approx(70.866).epsilon(1e-4));
    CHECK(styled("[page]\nmargin-top = \"2.5cm\"").margin_top ==
          doctest::Approx(70.866).epsilon(1e-4));
    CHECK(styled("[page]\nmargin-top = \"1in\"").margin_top == 72);
    CHECK(styled("[page]\nmargin-top = \"12pt\"").margin_top == 12);
    CHECK(styled("[page]\nmargin-top = \"12.5 pt\"").margin_top == 12.5);
    CHECK(styled("[page]\nmargin-top = 30").margin_top == 30);
    CHECK(styled("[page]\nmargin-top = 30.5").margin_top == 30.5);
}

TEST_CASE(
    "lengths: a missing or unknown unit, a negative length or a wrong type warn and change "
    "nothing") {
    for (const char* bad :
         {"\"12\"", "\"12px\"", "\"-5mm\"", "-5", "true", "\"twelve\"", "\"nanpt\""}) {
        CAPTURE(bad);
        style::Style s;
        const auto warnings = apply_toml(s, std::string("[page]\nmargin-top = ") + bad);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].code == "style.value");
        CHECK(warnings[0].severity == Severity::Warning);
        CHECK(warnings[0].location.line == 2);
        CHECK(warnings[0].message.find("page.margin-top") != std::string::npos);
        CHECK(s.margin_top == style::Style{}.margin_top);
    }
    style::Style s;
    CHECK(apply_toml(s, "[page]\nmargin-top = \"12\"")[0].message.find("needs a unit") !=
          std::string::npos);
    CHECK(apply_toml(s, "[body]\nsize = 0")[0].message.find("more than 0") != std::string::npos);
}

TEST_CASE("colours: #rrggbb and #rgb") {
    const Color orange = styled("[link]\ncolor = \"#FF8000\"").link_color;
    CHECK(orange.r == 1.0);
    CHECK(orange.g == doctest::Approx(128 / 255.0));
    CHECK(orange.b == 0.0);
    CHECK(styled("[link]\ncolor = \"#f80\"").link_color ==
          styled("[link]\ncolor = \"#ff8800\"").link_color);
    CHECK(style::rgb(0x336699) == Color{0.2, 0.4, 0.6});

    for (const char* bad :
         {"\"red\"", "\"#12345\"", "\"#ggg\"", "\"ff8000\"", "\"#ff80001\"", "12"}) {
        CAPTURE(bad);
        style::Style s;
        const auto warnings = apply_toml(s, std::string("[link]\ncolor = ") + bad);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].code == "style.value");
        CHECK(s.link_color == style::Style{}.link_color);
    }
}

TEST_CASE("page sizes: names in any case, or [width, height]") {
    const style::Style letter = styled("[page]\nsize = \"Letter\"");
    CHECK(letter.page.width == 612);
    CHECK(letter.page.height == 792);
    CHECK(styled("[page]\nsize = \"legal\"").page.height == 1008);
    CHECK(styled("[page]\nsize = \"a5\"").page.width == doctest::Approx(419.53).epsilon(1e-4));
    const style::Style custom = styled("[page]\nsize = [\"100mm\", 500]");
    CHECK(custom.page.width == doctest::Approx(283.46).epsilon(1e-4));
    CHECK(custom.page.height == 500);

    style::Style s;
    for (const char* bad : {"\"b5\"", "[100]", "[0, 100]", "{ width = 1 }"}) {
        CAPTURE(bad);
        const auto warnings = apply_toml(s, std::string("[page]\nsize = ") + bad);
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].code == "style.value");
    }
    CHECK(s.page.width == style::Style{}.page.width);
}

TEST_CASE("set_paper") {
    style::Style s;
    CHECK(style::set_paper(s, "LETTER"));
    CHECK(s.page.width == 612);
    CHECK(style::set_paper(s, "a4"));
    CHECK(s.page.height == doctest::Approx(841.89).epsilon(1e-5));
    CHECK_FALSE(style::set_paper(s, "tabloid"));
    CHECK(s.page.height == doctest::Approx(841.89).epsilon(1e-5));
    CHECK(style::set_paper(s, "a5"));
    CHECK(s.page.width == doctest::Approx(419.53).epsilon(1e-4));
    CHECK(style::set_paper(s, "legal"));
    CHECK(s.page.height == 1008);
}

TEST_CASE("set_paper turns a paper to landscape, named or the one the style has") {
    style::Style s;
    CHECK(style::set_paper(s, "a4-Landscape"));
    CHECK(s.page.width == doctest::Approx(841.89).epsilon(1e-5));
    CHECK(s.page.height == doctest::Approx(595.28).epsilon(1e-5));
    CHECK(style::set_paper(s, "letter"));
    CHECK(style::set_paper(s, "landscape"));
    CHECK(s.page.width == 792);
    CHECK(s.page.height == 612);
    CHECK(style::set_paper(s, "landscape"));  // already landscape: stays
    CHECK(s.page.width == 792);
    for (const char* bad : {"", "-landscape", "a4landscape", "a4-", "tabloid-landscape"}) {
        CAPTURE(bad);
        CHECK_FALSE(style::set_paper(s, bad));
    }
    CHECK(s.page.width == 792);
}

TEST_CASE("unknown keys warn at the value's location, with the likely key, and are skipped") {
    style::Style s;
    const auto warnings =
        apply_toml(s, "[body]\nsize = 11\ncolour = \"#000000\"\n[pgae]\nmargin-top = 1\n");
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].code == "style.key");
    CHECK(warnings[0].location.file == "test.toml");
    CHECK(warnings[0].location.line == 3);
    CHECK(warnings[0].location.column == 10);
    CHECK(warnings[0].message == "unknown style key 'body.colour' (did you mean 'body.color'?)");
    CHECK(warnings[1].message ==
          "unknown style key 'pgae.margin-top' (did you mean 'page.margin-top'?)");
    CHECK(s.body.size == 11);

    const auto outside = apply_toml(s, "margin-bottom = 1\nsize = 2\n");
    REQUIRE(outside.size() == 2);
    CHECK(outside[0].message ==
          "unknown style key 'margin-bottom' (did you mean 'page.margin-bottom'?)");
    // Many roles have a size: no guess.
    CHECK(outside[1].message == "unknown style key 'size'");
}

TEST_CASE("dotted keys and nested tables name the same key") {
    CHECK(styled("\"page.margin-left\" = 10").margin_left == 10);
    CHECK(styled("page.margin-left = 10").margin_left == 10);
    CHECK(styled("[page]\nmargin-left = 10").margin_left == 10);
}

TEST_CASE("cascade: applying twice, the later layer wins; keys it lacks stay") {
    style::Style s;
    CHECK(apply_toml(s, "[body]\nfont = \"A\"\nsize = 11\n[link]\ncolor = \"#ff0000\"").empty());
    CHECK(apply_toml(s, "[body]\nfont = \"B\"").empty());
    CHECK(s.body.family == "B");
    CHECK(s.body.size == 11);
    CHECK(s.link_color == Color{1, 0, 0});
}

TEST_CASE("leading: a multiple follows the size; a length stays") {
    SUBCASE("the default multiple follows a new size") {
        const style::Style s = styled("[body]\nsize = \"12pt\"");
        CHECK(s.body.leading == doctest::Approx(12 * 1.35));
    }
    SUBCASE("a multiple and a size in either order give the same leading") {
        CHECK(styled("[body]\nleading = 1.5\nsize = 10").body.leading == doctest::Approx(15));
        CHECK(styled("[body]\nsize = 10\nleading = 1.5").body.leading == doctest::Approx(15));
    }
    SUBCASE("a length, or a number of 4 or more, is points and ignores later sizes") {
        style::Style s;
        CHECK(apply_toml(s, "[body]\nleading = \"14pt\"").empty());
        CHECK(apply_toml(s, "[body]\nsize = 12").empty());
        CHECK(s.body.leading == 14);
        CHECK(styled("[code]\nleading = 11").code.leading == 11);
    }
    SUBCASE("the heading group sets every level, each from its own size") {
        const style::Style s = styled("[heading]\nleading = 1.5\n[h2]\nsize = 16");
        CHECK(s.heading[0].leading == doctest::Approx(17 * 1.5));
        CHECK(s.heading[1].leading == doctest::Approx(24));
    }
}

TEST_CASE("page.margins is applied before the single margins, whatever the order") {
    const style::Style s = styled("[page]\nmargin-bottom = 40\nmargins = 20");
    CHECK(s.margin_top == 20);
    CHECK(s.margin_left == 20);
    CHECK(s.margin_right == 20);
    CHECK(s.margin_bottom == 40);
}

TEST_CASE("a front matter [galley] table applies the same way") {
    DiagnosticSink sink;
    const doc::Value fm = frontmatter::parse(
        frontmatter::Format::Yaml, "galley:\n  body:\n    size: 9\n  draft:\n    text: ENTWURF\n",
        2, "doc.md", sink);
    const doc::Metadata m = frontmatter::to_metadata(fm, "doc.md", sink);
    style::Style s;
    style::apply(s, m.style_overrides, sink);
    CHECK(sink.items().empty());
    CHECK(s.body.size == 9);
    CHECK(s.draft_text == "ENTWURF");
}

TEST_CASE("styles/default.toml: every declared key, in order, no warnings, equal to Style{}") {
    const std::string text = read_source_file("styles/default.toml");
    REQUIRE_FALSE(text.empty());
    DiagnosticSink sink;
    const doc::Value table = frontmatter::parse_toml(text, "styles/default.toml", sink);
    REQUIRE(sink.items().empty());

    std::vector<std::string> in_file;
    leaf_names(table, "", in_file);
    std::vector<std::string> declared;
    for (const style::KeyInfo& k : style::declared_keys()) declared.push_back(k.name);
    CHECK(join(in_file) == join(declared));

    style::Style s;
    style::apply(s, table, sink);
    CHECK(sink.items().empty());
    CHECK(differences(s, style::Style{}) == "");
}

TEST_CASE("each key's documented default is the C++ default, and each key has an effect") {
    for (const style::KeyInfo& k : style::declared_keys()) {
        CAPTURE(k.name);
        CHECK_FALSE(k.doc.empty());
        CHECK_FALSE(k.type.empty());
        const style::Style s = styled("\"" + k.name + "\" = " + k.default_text);
        // The shorthand's default is the 25 mm top margin; default.toml then sets the others.
        const std::string expected = k.name == "page.margins" ? "margin_bottom, margin_left, margin_right" : "";
        CHECK(differences(s, style::Style{}) == expected);

        const std::map<std::string, std::string> other_value{
            {"length", "\"1pt\""},       {"leading", "3.5"},
            {"number", "1.7"},           {"color", "\"#123456\""},
            {"string", "\"x\""},         {"list", "[\"X\"]"},
            {"page-size", "\"letter\""}, {"bool", k.default_text == "true" ? "false" : "true"},
            {"layout", "\"booklet\""},   {"marks", "\"crop\""},
            {"paper", "\"a3\""},          {"optional-length", "\"1pt\""},
            {"new-page", "\"odd\""}, {"pdf-standard", "\"a-2b, UA-1\""}};
        REQUIRE(other_value.count(k.type));
        const style::Style changed = styled("\"" + k.name + "\" = " + other_value.at(k.type));
        CHECK(differences(changed, style::Style{}) != "");
    }
}

TEST_CASE("docs/STYLE-KEYS.md holds the current key table") {
    const std::string doc = read_source_file("docs/STYLE-KEYS.md");
    CHECK(doc.find(style::key_table_markdown()) != std::string::npos);
}

TEST_CASE("header and footer checks: unknown placeholders and furniture in the text area, at the key") {
    const auto warnings = [](const std::string& toml) {
        DiagnosticSink sink;
        const std::vector<doc::Value> layers{frontmatter::parse_toml(toml, "s.toml", sink)};
        style::Style s;
        style::apply(s, layers[0], sink);
        style::check_furniture(s, layers, sink);
        std::vector<std::string> out;
        for (const Diagnostic& d : sink.items())
            out.push_back(d.code + "@" + std::to_string(d.location.line) + ":" + d.message.substr(0, d.message.find(':')));
        return out;
    };
    CHECK(warnings("").empty());
    CHECK(warnings("[footer]\ncenter = \"Page {page} of {pages} {{x}} {params.client}\"").empty());
    CHECK(warnings("[footer]\ncenter = \"x\"\neven-right = \"{pgae}\"") ==
          std::vector<std::string>{"style.furniture@3:footer.even-right"});
    CHECK(warnings("[header]\nleft = \"{section\"") == std::vector<std::string>{"style.furniture@2:header.left"});
    // A header too deep for the top margin; none when the header is empty.
    CHECK(warnings("[header]\noffset = \"30mm\"").empty());
    CHECK(warnings("[header]\nright = \"{title}\"\noffset = \"30mm\"") ==
          std::vector<std::string>{"style.furniture@3:header.offset"});
    CHECK(warnings("[footer]\noffset = \"27mm\"") == std::vector<std::string>{"style.furniture@2:footer.offset"});
    // The bundled styles pass.
    for (const char* name : {"styles/handout.toml", "styles/memo.toml"}) {
        CAPTURE(name);
        CHECK(warnings(read_source_file(name)).empty());
    }
}
