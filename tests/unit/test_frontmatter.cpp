// Unit tests of frontmatter/: splitting, the three formats, error positions, date handling and
// the mapping to Metadata.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "frontmatter/frontmatter.h"
#include "frontmatter/timestamp.h"

using namespace galley;
using galley::frontmatter::Format;

namespace {

/// A document of the shared corpus (../shared next to the checkout), or nothing when the
/// corpus is not there: the tests that need it then pass without checking, with a message,
/// as the integration tests skip.
/// Whether the shared corpus sits beside the checkout: without it the tests that read it are
/// reported as skipped, not passed.
bool corpus_missing() { return !std::filesystem::is_directory(std::string(GALLEY_SOURCE_DIR) + "/../shared/corpus"); }

std::optional<std::string> read_corpus(const std::string& name) {
    std::ifstream in(std::string(GALLEY_SOURCE_DIR) + "/../shared/corpus/" + name,
                     std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Splits and parses `text` the way the app does, returning the front matter table.
doc::Value front_matter(std::string_view text, DiagnosticSink& sink) {
    const frontmatter::Split s = frontmatter::split(text, "doc.md", sink);
    return frontmatter::parse(s.format, s.content, s.content_line, "doc.md", sink);
}

const Diagnostic& only_error(const DiagnosticSink& sink) {
    REQUIRE(sink.items().size() == 1);
    REQUIRE(sink.items()[0].severity == Severity::Error);
    return sink.items()[0];
}

void check_date(const doc::Value* v, std::string_view text, std::int64_t epoch) {
    REQUIRE(v);
    const doc::DateTime* d = v->as_datetime();
    REQUIRE(d);
    CHECK(d->text == text);
    CHECK(d->has_epoch);
    CHECK(d->epoch == epoch);
}

std::string str(const doc::Value* v) {
    return v && v->as_string() ? *v->as_string() : "<not a string>";
}

}  // namespace

/// What split() should find in `text`.
struct SplitCase {
    const char* what;
    std::string_view text;
    Format format;
    std::string_view content;
    std::uint32_t content_line;
    std::string_view body;
    std::uint32_t body_line;
};

TEST_CASE("split: the three formats, BOM, CRLF, trailing blanks on delimiter lines") {
    const SplitCase cases[] = {
        {"TOML", "+++\ntitle = \"T\"\n+++\n# Body\n", Format::Toml, "title = \"T\"\n", 2,
         "# Body\n", 4},
        {"YAML with a BOM, CRLF and blanks after the delimiters",
         "\xEF\xBB\xBF---  \r\ntitle: T\r\n---\t\r\n\r\nBody\r\n", Format::Yaml, "title: T\r\n", 2,
         "\r\nBody\r\n", 4},
        {"JSON ends at the matching brace, not at braces in strings",
         "{\n  \"title\": \"a } b\",\n  \"x\": {\"y\": 1}\n}\nBody\n", Format::Json,
         "{\n  \"title\": \"a } b\",\n  \"x\": {\"y\": 1}\n}", 1, "Body\n", 5},
        {"empty YAML", "---\n---\n", Format::Yaml, "", 2, "", 3},
    };
    for (const SplitCase& c : cases) {
        CAPTURE(c.what);
        DiagnosticSink sink;
        const auto s = frontmatter::split(c.text, "doc.md", sink);
        CHECK(s.format == c.format);
        CHECK(s.content == c.content);
        CHECK(s.content_line == c.content_line);
        CHECK(s.body == c.body);
        CHECK(s.body_line == c.body_line);
        CHECK(sink.items().empty());
    }
}

TEST_CASE("split: a Hugo shortcode on line 1 is body, not JSON") {
    DiagnosticSink sink;
    const auto s = frontmatter::split("{{< toc >}}\n\nText\n", "doc.md", sink);
    CHECK(s.format == Format::None);
    CHECK(sink.items().empty());
}

TEST_CASE("split: no front matter") {
    DiagnosticSink sink;
    SUBCASE("plain text") {
        const auto s = frontmatter::split("# Title\n\n---\nx: 1\n---\n", "doc.md", sink);
        CHECK(s.format == Format::None);
        CHECK(s.body == "# Title\n\n---\nx: 1\n---\n");
        CHECK(s.body_line == 1);
    }
    SUBCASE("a BOM is dropped from the body") {
        const auto s = frontmatter::split("\xEF\xBB\xBFText", "doc.md", sink);
        CHECK(s.body == "Text");
    }
    SUBCASE("a delimiter must be alone on its line") {
        CHECK(frontmatter::split("+++toml\na = 1\n+++\n", "doc.md", sink).format == Format::None);
        CHECK(frontmatter::split(" ---\na: 1\n---\n", "doc.md", sink).format == Format::None);
    }
    SUBCASE("empty input") {
        const auto s = frontmatter::split("", "doc.md", sink);
        CHECK(s.format == Format::None);
        CHECK(s.body.empty());
    }
    CHECK(sink.items().empty());
}

TEST_CASE("split: an unclosed --- is a thematic break; an unclosed +++ is an error") {
    DiagnosticSink sink;
    const auto yaml = frontmatter::split("---\n\nText after a rule.\n", "doc.md", sink);
    CHECK(yaml.format == Format::None);
    CHECK(yaml.body == "---\n\nText after a rule.\n");
    CHECK(sink.items().empty());

    const auto toml = frontmatter::split("+++\ntitle = \"T\"\n\nText\n", "doc.md", sink);
    CHECK(toml.format == Format::None);
    const Diagnostic& e = only_error(sink);
    CHECK(e.code == "frontmatter.toml");
    CHECK(e.location.line == 1);
    CHECK(e.message == "unterminated front matter (no closing +++)");
}

TEST_CASE("split: an unclosed --- followed by `key:` lines is read as Markdown, with a warning") {
    DiagnosticSink sink;
    const auto s = frontmatter::split("---\ntitle: Report\ndate: 2024-01-01\n\nBody.\n", "doc.md", sink);
    CHECK(s.format == Format::None);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].severity == Severity::Warning);
    CHECK(sink.items()[0].location.line == 1);
    // A rule followed by ordinary text, or by a sentence with a colon later on, is no mistake.
    for (const char* text : {"---\nSome text: with a colon.\n", "---\nhttp://example.com\n", "---\n- item\n"}) {
        DiagnosticSink quiet;
        frontmatter::split(text, "doc.md", quiet);
        CHECK_MESSAGE(quiet.items().empty(), text);
    }
}

TEST_CASE("split: an unclosed JSON object is an error") {
    DiagnosticSink sink;
    frontmatter::split("{\"title\": \"T\"\nText\n", "doc.md", sink);
    CHECK(only_error(sink).code == "frontmatter.json");
}

TEST_CASE("TOML: values, types and locations") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "+++\nzeta = 1\ntitle = \"T\"\nratio = 1.5\ndraft = true\ntags = [\"a\", \"b\"]\n"
        "[galley.page]\nsize = \"letter\"\n+++\n",
        sink);
    REQUIRE(sink.items().empty());
    const doc::Table* t = fm.as_table();
    REQUIRE(t);
    // Keys keep their written order, not toml++'s alphabetical one.
    REQUIRE(t->size() == 6);
    CHECK((*t)[0].first == "zeta");
    CHECK((*t)[1].first == "title");
    CHECK(*fm.find("zeta")->as_int() == 1);
    CHECK(*fm.find("ratio")->as_double() == 1.5);
    CHECK(*fm.find("draft")->as_bool() == true);
    CHECK(fm.find("tags")->as_array()->size() == 2);
    CHECK(str(fm.find("galley")->find("page")->find("size")) == "letter");
    // "title" is on file line 3 (the opening +++ is line 1); its value starts at column 9.
    CHECK(fm.find("title")->location.line == 3);
    CHECK(fm.find("title")->location.column == 9);
    CHECK(fm.find("title")->location.file == "doc.md");
}

TEST_CASE("TOML: dates become DateTime with an epoch") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "+++\nd = 2024-10-25\nodt = 2024-11-04T09:00:00+01:00\nldt = 1979-05-27T07:32:00.5\n"
        "t = 07:32:00\nz = 1969-12-31T23:59:59Z\n+++\n",
        sink);
    REQUIRE(sink.items().empty());
    // 2024-10-25: 54 years after 1970 with 13 leap days = 19723 days to 2024-01-01, plus
    // 298 days into the leap year 2024 = 20021 days = 1729814400 s.
    check_date(fm.find("d"), "2024-10-25", 1729814400);
    // 2024-11-04 is 10 days after 2024-10-25; 09:00 at +01:00 is 08:00 UTC.
    check_date(fm.find("odt"), "2024-11-04T09:00:00+01:00", 1729814400 + 10 * 86400 + 8 * 3600);
    // A local date-time is read as UTC; the fraction is kept in the text, not the epoch.
    check_date(fm.find("ldt"), "1979-05-27T07:32:00.5", 296638320);
    check_date(fm.find("z"), "1969-12-31T23:59:59Z", -1);
    // A time alone names no day.
    const doc::DateTime* t = fm.find("t")->as_datetime();
    REQUIRE(t);
    CHECK(t->text == "07:32:00");
    CHECK_FALSE(t->has_epoch);
}

TEST_CASE("TOML: an unterminated string is reported on its line in the .md file" * doctest::skip(corpus_missing())) {
    const auto text = read_corpus("bad-toml-string.md");
    REQUIRE_MESSAGE(text, "the shared corpus is missing");
    DiagnosticSink sink;
    const doc::Value fm = front_matter(*text, sink);
    CHECK(fm.is_null());
    const Diagnostic& e = only_error(sink);
    CHECK(e.code == "frontmatter.toml");
    CHECK(e.location.file == "doc.md");
    CHECK(e.location.line == 4);
    CHECK(e.message.find("unterminated string") != std::string::npos);
}

TEST_CASE("TOML: other syntax errors name the line and say what is wrong") {
    DiagnosticSink sink;
    front_matter("+++\na = 1\nb = [1, 2\n+++\n", sink);
    const Diagnostic& e = only_error(sink);
    CHECK(e.location.line >= 3);
    CHECK(e.message.find("array") != std::string::npos);
}

TEST_CASE("parse_toml: a whole file, positions from line 1, BOM allowed") {
    DiagnosticSink sink;
    const doc::Value v =
        frontmatter::parse_toml("\xEF\xBB\xBF[page]\nsize = \"a4\"\n", "style.toml", sink);
    REQUIRE(sink.items().empty());
    const doc::Value* size = v.find("page")->find("size");
    CHECK(str(size) == "a4");
    CHECK(size->location.file == "style.toml");
    CHECK(size->location.line == 2);

    frontmatter::parse_toml("a = 1\na = 2\n", "style.toml", sink);
    const Diagnostic& e = only_error(sink);
    CHECK(e.location.file == "style.toml");
    CHECK(e.location.line == 2);
}

TEST_CASE("YAML: values, core schema resolution and locations") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "---\ntitle: Plain text\nquoted_bool: \"true\"\nbool: true\nupper: FALSE\nint: -42\nhex: "
        "0x1F\n"
        "float: 2.5e3\nnull1: ~\nnull2:\nquoted_date: '2024-01-01'\nversion: 1.2.3\n"
        "list: [a, 'b']\nblock: |\n  12\n---\n",
        sink);
    REQUIRE(sink.items().empty());
    CHECK(str(fm.find("title")) == "Plain text");
    CHECK(str(fm.find("quoted_bool")) == "true");
    CHECK(*fm.find("bool")->as_bool() == true);
    CHECK(*fm.find("upper")->as_bool() == false);
    CHECK(*fm.find("int")->as_int() == -42);
    CHECK(*fm.find("hex")->as_int() == 31);
    CHECK(*fm.find("float")->as_double() == 2500.0);
    CHECK(fm.find("null1")->is_null());
    CHECK(fm.find("null2")->is_null());
    CHECK(str(fm.find("quoted_date")) == "2024-01-01");
    CHECK(str(fm.find("version")) == "1.2.3");
    CHECK(fm.find("list")->as_array()->size() == 2);
    CHECK(str(fm.find("block")) == "12\n");
    // Keys keep their order; positions are 1-based lines and columns of the file.
    CHECK(fm.as_table()->front().first == "title");
    CHECK(fm.find("title")->location.line == 2);
    CHECK(fm.find("title")->location.column == 8);
    // An empty value takes its key's line (yaml-cpp marks it at the next token).
    CHECK(fm.find("null2")->location.line == 10);
}

TEST_CASE("YAML: timestamps become DateTime, written text kept") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "---\nd: 2018-06-12\ndt: 2025-10-24T10:22:42-07:00\nspaced: 2001-12-14 21:59:43.10 -5\n"
        "bad: 2023-02-29\n---\n",
        sink);
    REQUIRE(sink.items().empty());
    // 2018-06-12: 17532 days to 2018-01-01 (48 years, 12 leap days) + 162 = 17694 days.
    check_date(fm.find("d"), "2018-06-12", 17694LL * 86400);
    // 10:22:42 at -07:00 is 17:22:42 UTC on 2025-10-24 (20385 days).
    check_date(fm.find("dt"), "2025-10-24T10:22:42-07:00",
               20385LL * 86400 + 17 * 3600 + 22 * 60 + 42);
    // YAML 1.1 spacing and a one-digit offset: 02:59:43 UTC on 2001-12-15 (11671 days).
    check_date(fm.find("spaced"), "2001-12-14 21:59:43.10 -5",
               11671LL * 86400 + 2 * 3600 + 59 * 60 + 43);
    // 2023 is no leap year: not a date, so a string.
    CHECK(str(fm.find("bad")) == "2023-02-29");
}

TEST_CASE("YAML: an unclosed flow sequence is reported at line 4 or 5 of the .md file" * doctest::skip(corpus_missing())) {
    const auto text = read_corpus("bad-yaml-flow.md");
    REQUIRE_MESSAGE(text, "the shared corpus is missing");
    DiagnosticSink sink;
    const doc::Value fm = front_matter(*text, sink);
    CHECK(fm.is_null());
    const Diagnostic& e = only_error(sink);
    CHECK(e.code == "frontmatter.yaml");
    CHECK((e.location.line == 4 || e.location.line == 5));
    CHECK(e.message.find("']'") != std::string::npos);
}

TEST_CASE("YAML: empty front matter is an empty table; a top-level list is an error") {
    DiagnosticSink sink;
    const doc::Value empty = front_matter("---\n# nothing\n---\n", sink);
    REQUIRE(empty.as_table());
    CHECK(empty.as_table()->empty());
    CHECK(sink.items().empty());

    CHECK(front_matter("---\n- a\n- b\n---\n", sink).is_null());
    CHECK(only_error(sink).message.find("not a list") != std::string::npos);
}

TEST_CASE("YAML: aliases that multiply without bound are refused") {
    std::string text = "---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int k = 0; k < 9; ++k) text += ", " + prev;
        text += "]\n";
    }
    text += "---\n";
    DiagnosticSink sink;
    CHECK(front_matter(text, sink).is_null());
    CHECK(only_error(sink).code == "frontmatter.yaml");
}

TEST_CASE("JSON: values keep their order; errors give the line in the file") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "{\n  \"title\": \"T\",\n  \"big\": 18446744073709551615,\n  \"draft\": true,\n  \"n\": "
        "null\n}\nBody\n",
        sink);
    REQUIRE(sink.items().empty());
    CHECK(fm.as_table()->front().first == "title");
    CHECK(str(fm.find("title")) == "T");
    CHECK(*fm.find("big")->as_double() == doctest::Approx(1.8446744073709552e19));
    CHECK(fm.find("n")->is_null());

    front_matter("{\n  \"title\": \"T\",\n  \"tags\": [\"a\",]\n}\n", sink);
    const Diagnostic& e = only_error(sink);
    CHECK(e.code == "frontmatter.json");
    CHECK(e.location.line == 3);
    CHECK(e.message.find("parse error at line") == std::string::npos);

    DiagnosticSink trailing;
    front_matter("{\"title\": \"T\"} extra\n", trailing);
    CHECK(only_error(trailing).location.line == 1);
}

TEST_CASE("parse: deep nesting is refused, not a stack overflow") {
    DiagnosticSink sink;
    const std::string deep = "{\"a\": " + std::string(500, '[') + std::string(500, ']') + "}\n";
    CHECK(front_matter(deep, sink).is_null());
    CHECK(only_error(sink).code == "frontmatter.json");
}

TEST_CASE("to_metadata: the known keys") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter(
        "+++\ntitle = \"Report\"\nsubtitle = \"Q4\"\nsummary = \"short\"\ndescription = \"long\"\n"
        "author = \"Ada\"\nauthors = [\"Ada\", \"Grace\"]\ndate = 2024-10-25\ntags = [\"x\", "
        "\"y\"]\n"
        "categories = [\"c\"]\nkeywords = \"pdf, typesetting ,,markdown\"\nlang = \"de-DE\"\n"
        "draft = true\ntoc = false\nunknown = 3\n[galley]\nbody.size = 11\n+++\n",
        sink);
    const doc::Metadata m = frontmatter::to_metadata(fm, "doc.md", sink);
    CHECK(sink.items().empty());
    CHECK(m.title == "Report");
    CHECK(m.subtitle == "Q4");
    CHECK(m.description == "long");
    CHECK(m.authors == std::vector<std::string>{"Ada", "Grace"});
    REQUIRE(m.date);
    CHECK(m.date->epoch == 1729814400);
    CHECK(m.tags == std::vector<std::string>{"x", "y"});
    CHECK(m.categories == std::vector<std::string>{"c"});
    CHECK(m.keywords == std::vector<std::string>{"pdf", "typesetting", "markdown"});
    CHECK(m.lang == "de-DE");
    CHECK(m.draft);
    REQUIRE(m.toc);
    CHECK_FALSE(*m.toc);
    REQUIRE(m.style_overrides.as_table());
    CHECK(m.style_overrides.find("body"));
    CHECK(m.raw.find("unknown"));
}

TEST_CASE("to_metadata: author as string, list or table with a name; summary alone") {
    DiagnosticSink sink;
    CHECK(frontmatter::to_metadata(front_matter("---\nauthor: Ada Lovelace\n---\n", sink), "doc.md",
                                   sink)
              .authors == std::vector<std::string>{"Ada Lovelace"});
    CHECK(frontmatter::to_metadata(front_matter("---\nauthor: [Ada, Grace]\n---\n", sink), "doc.md",
                                   sink)
              .authors == std::vector<std::string>{"Ada", "Grace"});
    CHECK(frontmatter::to_metadata(
              front_matter("---\nauthors:\n  - name: Ada\n    email: a@example.org\n---\n", sink),
              "doc.md", sink)
              .authors == std::vector<std::string>{"Ada"});
    CHECK(frontmatter::to_metadata(front_matter("---\nsummary: S\n---\n", sink), "doc.md", sink)
              .description == "S");
    CHECK(sink.items().empty());
}

TEST_CASE("to_metadata: YAML dates and text that looks like numbers") {
    DiagnosticSink sink;
    const doc::Metadata m = frontmatter::to_metadata(
        front_matter("---\ntitle: 1984\ndate: 2018-06-12\ndraft: false\n---\n", sink), "doc.md",
        sink);
    CHECK(sink.items().empty());
    CHECK(m.title == "1984");
    REQUIRE(m.date);
    CHECK(m.date->text == "2018-06-12");
    CHECK(m.date->epoch == 1528761600);
    CHECK_FALSE(m.draft);
}

TEST_CASE("to_metadata: a string date; ISO gets an epoch, anything else is kept as text") {
    DiagnosticSink sink;
    const doc::Metadata iso = frontmatter::to_metadata(
        front_matter("{\"date\": \"2024-11-08T12:00:00Z\"}\n", sink), "doc.md", sink);
    REQUIRE(iso.date);
    CHECK(iso.date->epoch == 1731024000 + 12 * 3600);
    const doc::Metadata loose = frontmatter::to_metadata(
        front_matter("---\ndate: March 2024\n---\n", sink), "doc.md", sink);
    REQUIRE(loose.date);
    CHECK(loose.date->text == "March 2024");
    CHECK_FALSE(loose.date->has_epoch);
    CHECK(sink.items().empty());
}

TEST_CASE("to_metadata: wrongly typed keys warn at the value and are ignored") {
    DiagnosticSink sink;
    const doc::Metadata m = frontmatter::to_metadata(
        front_matter("---\ntitle: [a, b]\ndraft: \"true\"\ntags: [ok, {a: 1}]\ngalley: big\n---\n",
                     sink),
        "doc.md", sink);
    CHECK(m.title.empty());
    CHECK_FALSE(m.draft);
    CHECK(m.tags == std::vector<std::string>{"ok"});
    CHECK(m.style_overrides.is_null());
    REQUIRE(sink.items().size() == 4);
    for (const Diagnostic& d : sink.items()) {
        CHECK(d.severity == Severity::Warning);
        CHECK(d.code == "frontmatter.type");
    }
    CHECK(sink.items()[0].location.line == 2);
    CHECK(sink.items()[0].message.find("'title'") != std::string::npos);
    CHECK(sink.items()[1].location.line == 3);
}

TEST_CASE("to_metadata: dir from TOML and YAML; auto when not given") {
    DiagnosticSink sink;
    auto dir = [&](std::string_view text) {
        return frontmatter::to_metadata(front_matter(text, sink), "doc.md", sink).dir;
    };
    CHECK(dir("+++\ndir = \"rtl\"\n+++\n") == doc::ParagraphDirection::RightToLeft);
    CHECK(dir("---\ndir: ltr\n---\n") == doc::ParagraphDirection::LeftToRight);
    CHECK(dir("---\ndir: auto\n---\n") == doc::ParagraphDirection::Auto);
    CHECK(dir("---\ntitle: T\n---\n") == doc::ParagraphDirection::Auto);
    CHECK(sink.items().empty());
}

TEST_CASE("to_metadata: a bad dir is an error at its value") {
    DiagnosticSink toml;
    const doc::Metadata m = frontmatter::to_metadata(
        front_matter("+++\ntitle = \"T\"\ndir = \"sideways\"\n+++\n", toml), "doc.md", toml);
    CHECK(m.dir == doc::ParagraphDirection::Auto);
    const Diagnostic& e = only_error(toml);
    CHECK(e.code == "frontmatter.value");
    CHECK(e.location.file == "doc.md");
    CHECK(e.location.line == 3);
    CHECK(e.location.column == 7);
    CHECK(e.message ==
          "front matter key 'dir' should be \"rtl\", \"ltr\" or \"auto\", not \"sideways\"");

    DiagnosticSink yaml;
    frontmatter::to_metadata(front_matter("---\ndir: 1\n---\n", yaml), "doc.md", yaml);
    const Diagnostic& y = only_error(yaml);
    CHECK(y.location.line == 2);
    CHECK(y.location.column == 6);
    CHECK(y.message.ends_with("not an integer"));
}

TEST_CASE("to_metadata: no front matter gives empty metadata") {
    DiagnosticSink sink;
    const doc::Metadata m = frontmatter::to_metadata(doc::Value{}, "doc.md", sink);
    CHECK(m.title.empty());
    CHECK(m.raw.is_null());
    CHECK(sink.items().empty());
}

TEST_CASE("the corpus documents' front matter parses cleanly" * doctest::skip(corpus_missing())) {
    for (const char* name :
         {"team-report.md", "legacy-export.md", "gfm-tour.md", "design-notes.md"}) {
        CAPTURE(name);
        const auto text = read_corpus(name);
        REQUIRE_MESSAGE(text, "the shared corpus is missing");
        REQUIRE_FALSE(text->empty());
        DiagnosticSink sink;
        const doc::Metadata m = frontmatter::to_metadata(front_matter(*text, sink), name, sink);
        CHECK(sink.items().empty());
        CHECK_FALSE(m.title.empty());
        CHECK(m.date);
    }
    const auto legacy = read_corpus("legacy-export.md");
    REQUIRE_MESSAGE(legacy, "the shared corpus is missing");
    DiagnosticSink sink;
    const auto s = frontmatter::split(*legacy, "legacy-export.md", sink);
    CHECK(s.format == Format::Yaml);
    CHECK(s.body_line == 6);
}

TEST_CASE("parse_iso8601: shapes and ranges") {
    using frontmatter::parse_iso8601;
    CHECK(parse_iso8601("2024-02-29"));
    CHECK_FALSE(parse_iso8601("2024-13-01"));
    CHECK_FALSE(parse_iso8601("2024-1-01"));
    CHECK_FALSE(parse_iso8601("2024-01-01x"));
    CHECK_FALSE(parse_iso8601("2024-01-01T25:00"));
    CHECK(parse_iso8601("2024-01-01t10:00")->offset_minutes == std::nullopt);
    CHECK(parse_iso8601("2024-01-01T10:00:00+0530")->offset_minutes == 330);
    CHECK(frontmatter::format_iso8601(*parse_iso8601("0999-01-02T03:04:05.120z")) ==
          "0999-01-02T03:04:05.12Z");
}

TEST_CASE("dates convert to Unix time in the proleptic Gregorian calendar, before 1970 and far out") {
    const auto epoch = [](std::string_view text) {
        const auto t = frontmatter::parse_iso8601(text);
        REQUIRE(t);
        const doc::DateTime d = frontmatter::to_datetime(*t, std::string(text));
        REQUIRE(d.has_epoch);
        return d.epoch;
    };
    CHECK(epoch("1970-01-01") == 0);
    CHECK(epoch("1969-12-31") == -86400);
    CHECK(epoch("1969-12-31T23:59:59Z") == -1);
    CHECK(epoch("2000-02-29") == 951782400);     // 2000 is a leap year (divisible by 400)
    CHECK(epoch("1900-03-01") == -2203891200);   // 1900 is not (divisible by 100)
    CHECK(epoch("9999-12-31") == 253402214400);
    CHECK(epoch("9999-12-31T23:59:59Z") == 253402300799);
    CHECK(epoch("0000-01-01") == -62167219200);  // year 0 (1 BC) is a leap year
    CHECK(epoch("2024-03-01T00:30:00+01:00") == 1709249400);
    CHECK_FALSE(frontmatter::parse_iso8601("1900-02-29"));
    CHECK_FALSE(frontmatter::parse_iso8601("2023-02-29"));
    CHECK_FALSE(frontmatter::parse_iso8601("2024-04-31"));
    CHECK_FALSE(frontmatter::parse_iso8601("2024-00-10"));
    CHECK_FALSE(frontmatter::parse_iso8601("2024-01-00"));
}

TEST_CASE(
    "YAML: an unterminated quoted string is an error, not a string that eats the keys after it") {
    DiagnosticSink sink;
    CHECK(front_matter("---\ntitle: \"Report\ndate: 2024-01-01\n---\n", sink).is_null());
    const Diagnostic& e = only_error(sink);
    CHECK(e.message.find("unterminated quoted string") != std::string::npos);
    CHECK(e.location.line == 4);
}

TEST_CASE("JSON: a number beyond double range is an error, not an exception") {
    DiagnosticSink sink;
    CHECK(front_matter("{\"n\": 1e999}\n", sink).is_null());
    CHECK(only_error(sink).message == "JSON error: number overflow parsing '1e999'");
}

TEST_CASE("to_metadata: lang must be a language tag; anything else is warned about and ignored") {
    for (const char* good : {"en", "de-CH", "zh-Hant-TW", "fil", "sr-Latn"}) {
        DiagnosticSink sink;
        const doc::Metadata m = frontmatter::to_metadata(front_matter(std::string("+++\nlang = \"") + good + "\"\n+++\n", sink), "doc.md", sink);
        CHECK(m.lang == good);
        CHECK(sink.items().empty());
    }
    for (const char* bad : {"lang = 7", "lang = \"english\"", "lang = \"x\"", "lang = \"en_US\"", "lang = \"en-\"", "lang = [\"en\"]"}) {
        CAPTURE(std::string(bad));
        DiagnosticSink sink;
        const doc::Metadata m = frontmatter::to_metadata(front_matter(std::string("+++\n") + bad + "\n+++\n", sink), "doc.md", sink);
        CHECK(m.lang.empty());
        REQUIRE(sink.items().size() == 1);
        CHECK(sink.items()[0].severity == Severity::Warning);
        CHECK(sink.items()[0].location.line == 2);
        CHECK(sink.items()[0].location.column == 8);
    }
}

TEST_CASE("to_metadata: control characters written as escapes are removed from text, with a warning") {
    DiagnosticSink sink;
    const doc::Metadata m = frontmatter::to_metadata(
        front_matter("+++\ntitle = \"A\\u001bB\"\ntags = [\"x\\u0000y\"]\nauthor = \"Jo\\u0085e\"\n+++\n", sink), "doc.md", sink);
    CHECK(m.title == "AB");
    CHECK(m.tags == std::vector<std::string>{"xy"});
    CHECK(m.authors == std::vector<std::string>{"Joe"});
    REQUIRE(sink.items().size() == 3);
    CHECK(sink.items()[0].code == "text.control");
    CHECK(sink.items()[0].location.line == 2);
}

TEST_CASE("YAML: a surrogate pair of \\u escapes is one character; an escaped backslash stays text") {
    DiagnosticSink sink;
    const doc::Value fm = front_matter("---\ntitle: \"a \\ud83d\\ude00 b\"\nsubtitle: \"lit \\\\ud83d\\\\ude00\"\n---\n", sink);
    CHECK(sink.items().empty());
    REQUIRE(fm.find("title"));
    CHECK(*fm.find("title")->as_string() == "a \U0001F600 b");
    CHECK(*fm.find("subtitle")->as_string() == "lit \\ud83d\\ude00");
}

TEST_CASE("values from the command line are read as scalars and set over the front matter") {
    const SourceLocation cli{"<command line>", 0, 0};
    CHECK(*frontmatter::scalar_from_text("true", cli).as_bool());
    CHECK_FALSE(*frontmatter::scalar_from_text("false", cli).as_bool());
    CHECK(*frontmatter::scalar_from_text("42", cli).as_int() == 42);
    CHECK(*frontmatter::scalar_from_text("-3", cli).as_int() == -3);
    CHECK(*frontmatter::scalar_from_text("1.5", cli).as_double() == 1.5);
    CHECK(*frontmatter::scalar_from_text("1984 report", cli).as_string() == "1984 report");
    CHECK(*frontmatter::scalar_from_text("\"1984\"", cli).as_string() == "1984");
    CHECK(*frontmatter::scalar_from_text("True", cli).as_string() == "True");
    CHECK(*frontmatter::scalar_from_text("", cli).as_string() == "");
    CHECK(*frontmatter::scalar_from_text("inf", cli).as_string() == "inf");
    CHECK(frontmatter::scalar_from_text("x", cli).location.file == "<command line>");

    DiagnosticSink sink;
    doc::Value table = frontmatter::parse(Format::Toml, "title = \"Old\"\ndraft = false\n[galley]\npaper = \"a4\"\n", 2,
                                          "doc.md", sink);
    const doc::Value before = table;  // a copy shares the parsed table; it must not change
    frontmatter::set_values(table, {{"title", "New"}, {"draft", "true"}, {"galley.paper", "a5"}, {"extra.deep.key", "7"}},
                            cli);
    const doc::Metadata m = frontmatter::to_metadata(table, "doc.md", sink);
    CHECK(m.title == "New");
    CHECK(m.draft);
    CHECK(*m.style_overrides.find("paper")->as_string() == "a5");
    CHECK(*table.find("extra")->find("deep")->find("key")->as_int() == 7);
    CHECK(*before.find("title")->as_string() == "Old");
    CHECK(*before.find("galley")->find("paper")->as_string() == "a4");

    // No front matter at all: a table is made. A wrong type is warned about at the command line.
    doc::Value none;
    frontmatter::set_values(none, {{"draft", "maybe"}}, cli);
    DiagnosticSink warnings;
    frontmatter::to_metadata(none, "doc.md", warnings);
    REQUIRE(warnings.items().size() == 1);
    CHECK(warnings.items()[0].code == "frontmatter.type");
    CHECK(warnings.items()[0].location.file == "<command line>");
}
