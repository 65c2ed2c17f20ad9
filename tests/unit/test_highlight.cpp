// The highlight stage: fence words and aliases to the library's definitions, tokens with their
// UTF-8 byte ranges and theme styles, notes for unknown languages, and the print theme's
// contrast on the code background.
#include <doctest/doctest.h>

#include <algorithm>

#include "highlight/highlight.h"

using namespace galley;
using highlight::Token;

namespace {

constexpr Color kCodeBackground{0xf5 / 255.0, 0xf5 / 255.0, 0xf5 / 255.0};

/// A highlighter over the module this build made.
highlight::Highlighter make(std::string_view theme) {
    return highlight::Highlighter(std::string(theme), GALLEY_BUILD_MODULE_DIR "/highlight-ksh.so");
}

std::vector<std::vector<Token>> tokens(highlight::Highlighter& h, std::string_view language, std::string_view code,
                                       DiagnosticSink& sink) {
    auto t = h.tokens(language, code, {"doc.md", 3, 1}, sink);
    REQUIRE(t.has_value());
    return *t;
}

/// The token that covers `text` in `line` (exactly), or nullptr.
const Token* token_of(const std::vector<Token>& tokens, std::string_view line, std::string_view text) {
    const std::size_t at = line.find(text);
    REQUIRE(at != std::string_view::npos);
    for (const Token& t : tokens)
        if (t.begin == at && t.end == at + text.size()) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("every colour of the print theme has a contrast of at least 4.5:1 on the code background") {
    CHECK(highlight::contrast_ratio({0, 0, 0}, {1, 1, 1}) == doctest::Approx(21.0));
    CHECK(highlight::contrast_ratio(kCodeBackground, kCodeBackground) == doctest::Approx(1.0));
    const std::vector<highlight::TokenStyle> styles = highlight::print_theme_styles();
    REQUIRE(styles.size() > 20);
    for (const highlight::TokenStyle& s : styles) {
        CAPTURE(s.color.r);
        CAPTURE(s.color.g);
        CAPTURE(s.color.b);
        CHECK(highlight::contrast_ratio(s.color, kCodeBackground) >= 4.5);
    }
}

TEST_CASE("the language word of a fence info string") {
    CHECK(highlight::fence_language("python") == "python");
    CHECK(highlight::fence_language("c++ {linenos=true}") == "c++");
    CHECK(highlight::fence_language("{.rust .numberLines}") == "rust");
    CHECK(highlight::fence_language("{r, echo=FALSE}") == "r");
    CHECK(highlight::fence_language("   ").empty());
}

TEST_CASE("python: keyword bold, string, comment italic, number; byte ranges of each line") {
    highlight::Highlighter h = make(highlight::kPrintTheme);
    DiagnosticSink sink;
    const std::string_view l0 = "def f(x):", l1 = "    return \"s\" + 42  # done";
    const auto t = tokens(h, "python", "def f(x):\n    return \"s\" + 42  # done", sink);
    REQUIRE(t.size() == 2);
    const Token* def = token_of(t[0], l0, "def");
    REQUIRE(def);
    CHECK(def->style.bold);
    const Token* str = token_of(t[1], l1, "\"s\"");
    const Token* num = token_of(t[1], l1, "42");
    const Token* comment = token_of(t[1], l1, "# done");
    REQUIRE(str);
    REQUIRE(num);
    REQUIRE(comment);
    CHECK(comment->style.italic);
    CHECK(str->style.color != num->style.color);
    CHECK(str->style.color != comment->style.color);
    CHECK(sink.items().empty());
    CHECK(h.notes().empty());
}

TEST_CASE("tokens after non-ASCII text and characters beyond the BMP are in UTF-8 bytes") {
    highlight::Highlighter h = make(highlight::kPrintTheme);
    DiagnosticSink sink;
    const std::string_view line = "x = \"é😀\" # ünï";
    const auto t = tokens(h, "py", line, sink);
    REQUIRE(t.size() == 1);
    CHECK(token_of(t[0], line, "\"é😀\""));
    CHECK(token_of(t[0], line, "# ünï"));
}

TEST_CASE("common aliases resolve, case does not matter") {
    highlight::Highlighter h = make(highlight::kPrintTheme);
    DiagnosticSink sink;
    const std::pair<std::string_view, std::string_view> cases[] = {
        {"py", "import os"},          {"js", "const x = 1;"},     {"ts", "let x: number = 1;"},
        {"sh", "echo \"hi\""},         {"yml", "key: \"v\""},      {"c++", "int x = 1;"},
        {"Python", "import os"},      {"golang", "var x = 1"},    {"rs", "let x = 1;"},
        {"dockerfile", "FROM x"},     {"console", "echo \"hi\""}, {"kt", "val x = 1"},
    };
    for (const auto& [language, code] : cases) {
        const std::string_view word = language;  // clang 14 cannot capture a structured binding
        CAPTURE(word);
        const auto t = tokens(h, word, code, sink);
        REQUIRE(t.size() == 1);
        CHECK_FALSE(t[0].empty());
    }
    CHECK(h.notes().empty());
}

TEST_CASE("an unknown language is plain with one note (no warning); text and plain are quiet") {
    highlight::Highlighter h = make(highlight::kPrintTheme);
    DiagnosticSink sink;
    CHECK_FALSE(h.tokens("nosuchlanguage", "a b c", {"doc.md", 3, 1}, sink));
    CHECK_FALSE(h.tokens("NoSuchLanguage", "a b c", {"doc.md", 9, 1}, sink));
    CHECK_FALSE(h.tokens("text", "a b c", {"doc.md", 12, 1}, sink));
    CHECK_FALSE(h.tokens("plain", "a b c", {"doc.md", 12, 1}, sink));
    CHECK(sink.items().empty());
    REQUIRE(h.notes().size() == 1);
    CHECK(h.notes()[0].find("'nosuchlanguage'") != std::string::npos);
    CHECK(h.notes()[0].find("doc.md:3") != std::string::npos);
}

TEST_CASE("code.theme: a library theme gives its own colours; an unknown name warns once") {
    DiagnosticSink sink;
    highlight::Highlighter print = make(highlight::kPrintTheme);
    highlight::Highlighter dark = make("Solarized Light");
    const std::string_view line = "return \"s\"";
    const auto print_tokens = tokens(print, "python", line, sink);
    const Token* a = token_of(print_tokens[0], line, "\"s\"");
    const auto dark_tokens = tokens(dark, "python", line, sink);
    const Token* b = token_of(dark_tokens[0], line, "\"s\"");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->style.color != b->style.color);
    CHECK(sink.items().empty());

    highlight::Highlighter unknown = make("No Such Theme");
    tokens(unknown, "python", line, sink);
    tokens(unknown, "python", line, sink);
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "code.theme");
}

TEST_CASE("a module that cannot be loaded warns once (code.highlight) and leaves code plain") {
    DiagnosticSink sink;
    highlight::Highlighter h(std::string(highlight::kPrintTheme), GALLEY_BUILD_MODULE_DIR "/no-such-module.so");
    CHECK_FALSE(h.tokens("python", "import os", {"doc.md", 3, 1}, sink));
    CHECK_FALSE(h.tokens("rust", "let x = 1;", {"doc.md", 9, 1}, sink));
    REQUIRE(sink.items().size() == 1);
    CHECK(sink.items()[0].code == "code.highlight");
    CHECK(sink.items()[0].location.line == 3);
    CHECK(h.notes().empty());
}
