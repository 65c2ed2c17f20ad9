// base/: UTF-8 decoding and repair, URL percent-decoding, units, diagnostics formatting, the
// string table, PDF standard names.
#include <doctest/doctest.h>

#include "base/string_table.h"
#include "base/units.h"
#include "base/url.h"
#include "base/utf8.h"
#include "galley/diagnostic.h"
#include "galley/galley.h"

using namespace galley;

TEST_CASE("utf8::decode reads 1- to 4-byte sequences and replaces invalid ones") {
    const std::string s = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x8E\x89";  // a é 日 🎉
    std::size_t pos = 0;
    CHECK(utf8::decode(s, pos) == U'a');
    CHECK(utf8::decode(s, pos) == U'é');
    CHECK(utf8::decode(s, pos) == U'日');
    CHECK(utf8::decode(s, pos) == U'\U0001F389');
    CHECK(pos == s.size());

    for (const std::string bad : {"\xFF", "\xC3", "\xC0\xAF" /* overlong '/' */, "\xED\xA0\x80" /* surrogate */}) {
        std::size_t p = 0;
        CHECK(utf8::decode(bad, p) == 0xFFFD);
        CHECK(p == 1);
    }
}

TEST_CASE("utf8::append round-trips every plane") {
    for (char32_t cp : {U'A', U'é', U'日', U'\U0001F389'}) {
        std::string out;
        utf8::append(out, cp);
        std::size_t pos = 0;
        CHECK(utf8::decode(out, pos) == cp);
    }
}

TEST_CASE("utf8::head never cuts a code point") {
    const std::string family = "\U0001F468\u200D\U0001F469";  // 4 + 3 + 4 bytes
    CHECK(utf8::head(family, 40) == family);
    CHECK(utf8::head(family, 5) == "\U0001F468");   // not the ZWJ's first byte
    CHECK(utf8::head(family, 7) == "\U0001F468\u200D");
    CHECK(utf8::head(family, 3).empty());
    CHECK(utf8::is_valid(utf8::head(family, 9)));
}

TEST_CASE("utf8::reversed reverses code points, not bytes") {
    CHECK(utf8::reversed("") == "");
    CHECK(utf8::reversed("abc") == "cba");
    CHECK(utf8::reversed("\u0644\u0627") == "\u0627\u0644");     // lam alef -> alef lam
    CHECK(utf8::reversed("a\u00E9\U0001F600") == "\U0001F600\u00E9a");
}

TEST_CASE("utf8::may_hold_rtl finds Hebrew, Arabic, presentation forms and RTL controls") {
    CHECK(utf8::may_hold_rtl("\u05D0"));
    CHECK(utf8::may_hold_rtl("x \u0627"));
    CHECK(utf8::may_hold_rtl("\uFEFB"));
    CHECK(utf8::may_hold_rtl("\u200F"));
    CHECK_FALSE(utf8::may_hold_rtl("plain text, \u00E9t\u00E9, \u65E5\u672C, \u0939\u093F"));
}

TEST_CASE("utf8::repair replaces invalid bytes and names each bad line once") {
    const auto r = utf8::repair("ok\nbad \xFF\xFE here\nfine \xEF\xBF\xBD kept\nalso \xC3\n");
    CHECK(r.text == "ok\nbad \xEF\xBF\xBD\xEF\xBF\xBD here\nfine \xEF\xBF\xBD kept\nalso \xEF\xBF\xBD\n");
    CHECK(r.bad_lines == std::vector<std::uint32_t>{2, 4});
}

TEST_CASE("url::percent_decode decodes escapes and keeps invalid ones as typed") {
    const std::pair<const char*, const char*> cases[] = {
        {"%E6%97%A5%E6%9C%AC%E8%AA%9E", "日本語"},
        {"risks--open-questions", "risks--open-questions"},
        {"a%20b%2fc", "a b/c"},
        {"100%", "100%"},
        {"%zz%4", "%zz%4"},
        {"a+b", "a+b"},
        {"%FF%FE", "%FF%FE"},  // not UTF-8: kept as typed
        {"", ""},
    };
    for (const auto& c : cases) {
        // Not a structured binding: clang before 16 cannot capture one in CAPTURE's lambda.
        const std::string_view text = c.first;
        CAPTURE(text);
        CHECK(url::percent_decode(text) == c.second);
    }
}

TEST_CASE("units convert font units, millimetres and 26.6 fixed point") {
    CHECK(font_units_to_pt(1000, 10, 2000) == doctest::Approx(5));
    CHECK(mm(25.4) == doctest::Approx(72));
    CHECK(from_26_6(96) == doctest::Approx(1.5));
}

TEST_CASE("diagnostics format as FILE:LINE:COL: severity: message [code]") {
    CHECK(format_diagnostic({Severity::Error, "frontmatter.toml", {"a.md", 4, 15}, "unterminated string"}) ==
          "a.md:4:15: error: unterminated string [frontmatter.toml]");
    CHECK(format_diagnostic({Severity::Warning, "x", {"a.md", 7, 0}, "m"}) == "a.md:7: warning: m [x]");
    CHECK(format_diagnostic({Severity::Warning, "x", {}, "m"}) == "galley: warning: m [x]");
    CHECK(format_diagnostic({Severity::Warning, "", {"a.md", 1, 1}, "m"}) == "a.md:1:1: warning: m");
    DiagnosticSink sink;
    sink.warn("w", {}, "w");
    CHECK_FALSE(sink.has_errors());
    sink.error("e", {}, "e");
    CHECK(sink.has_errors());
}

namespace {
struct Ctx {
    int n = 0;
    bool operator==(const Ctx&) const = default;
    std::uint64_t hash() const { return static_cast<std::uint64_t>(n); }
};
}  // namespace

TEST_CASE("StringTable finds values by context and text; values stay where they are as it grows") {
    StringTable<Ctx, int> table;
    CHECK(table.find({0}, "word") == nullptr);
    int& first = table.insert({0}, "word", 1);
    table.insert({1}, "word", 2);
    table.insert({0}, "", 3);
    const std::string long_text(40000, 'x');  // longer than a quarter arena block
    table.insert({0}, long_text, 4);
    for (int i = 0; i < 5000; ++i) table.insert({0}, "w" + std::to_string(i), 100 + i);
    CHECK(table.size() == 5004);
    CHECK(table.find({0}, "word") == &first);
    CHECK(*table.find({1}, "word") == 2);
    CHECK(*table.find({0}, "") == 3);
    CHECK(*table.find({0}, long_text) == 4);
    CHECK(table.find({2}, "word") == nullptr);
    CHECK(table.find({0}, "wor") == nullptr);
    for (int i = 0; i < 5000; i += 499) CHECK(*table.find({0}, "w" + std::to_string(i)) == 100 + i);
    // Keys are copies: the caller's text may go away.
    std::string temp = "temporary";
    table.insert({0}, temp, 5);
    temp = "overwritten";
    CHECK(*table.find({0}, "temporary") == 5);
}

TEST_CASE("url::runs_code: script, data and file links, whatever their case or hidden spaces") {
    for (const char* bad : {"javascript:alert(1)", "JavaScript:x", " java\tscript:x", "vbscript:x", "data:text/html,x",
                            "file:///etc/passwd", "FILE:x"})
        CHECK_MESSAGE(url::runs_code(bad), bad);
    for (const char* ok : {"https://example.com", "mailto:a@b.c", "docs/javascript.md", "javascript", "#data:x",
                           "http://x/file:y", "tel:+123"})
        CHECK_FALSE_MESSAGE(url::runs_code(ok), ok);
}

TEST_CASE("parse_pdf_standard: a-2b, a-2u and ua-1, combinable; unknown names and two PDF/A levels refused") {
    std::string problem;
    const auto parsed = [&](std::string_view list) { return parse_pdf_standard(list, problem); };
    CHECK(parsed("") == PdfStandard{});
    CHECK(parsed("a-2b") == PdfStandard{PdfStandard::Archive::A2b, false});
    CHECK(parsed(" A-2U ") == PdfStandard{PdfStandard::Archive::A2u, false});
    CHECK(parsed("ua-1") == PdfStandard{PdfStandard::Archive::None, true});
    CHECK(parsed("a-2b, ua-1,a-2b") == PdfStandard{PdfStandard::Archive::A2b, true});
    CHECK(parsed("ua-1")->needs_tags());
    CHECK_FALSE(parsed("a-2u")->needs_tags());
    for (const char* bad : {"a-1b", "pdfa", "a-2b,", "a-2b,,ua-1", "ua-2"}) {
        problem.clear();
        CHECK_FALSE_MESSAGE(parsed(bad), bad);
        CHECK_FALSE(problem.empty());
    }
    CHECK_FALSE(parsed("a-2b,a-2u"));
    CHECK(problem.find("one") != std::string::npos);
    for (const char* list : {"a-2b", "a-2u,ua-1", "ua-1", ""}) CHECK(to_string(*parsed(list)) == list);
}
