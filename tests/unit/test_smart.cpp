// inline/smart: typographic quotes, apostrophes, primes, dashes and ellipses per language, and
// where they must not happen (code, URLs, autolinks, command-line options).
#include <doctest/doctest.h>

#include "inline/smart.h"

using namespace galley;
using inlines::Span;

namespace {

std::string en(std::string_view text) { return inlines::smarten(text, inlines::punctuation_for("en-US", true)); }

inlines::Span text_span(std::string text) { return {std::move(text), {}, {}}; }

inlines::Span code_span(std::string text) {
    inlines::Span s{std::move(text), {}, {}};
    s.style.code = true;
    return s;
}

}  // namespace

TEST_CASE("English quotes, apostrophes, dashes and the ellipsis") {
    CHECK(en("\"Don't\"") == "\u201CDon\u2019t\u201D");
    CHECK(en("'Scaling Transformers'") == "\u2018Scaling Transformers\u2019");
    CHECK(en("the farm's gate") == "the farm\u2019s gate");
    CHECK(en("the students' books") == "the students\u2019 books");
    CHECK(en("in the '90s") == "in the \u201990s");
    CHECK(en("He said \"she said 'no' to me\".") == "He said \u201Cshe said \u2018no\u2019 to me\u201D.");
    CHECK(en("(\"quoted\")") == "(\u201Cquoted\u201D)");
    CHECK(en("pages 10--20") == "pages 10\u201320");
    CHECK(en("wait---what") == "wait\u2014what");
    CHECK(en("a -- b") == "a \u2013 b");
    CHECK(en("and so...") == "and so\u2026");
    CHECK(en("a ---- rule") == "a ---- rule");
    CHECK(en("two.. dots") == "two.. dots");
    CHECK(en("a \" alone") == "a \" alone");
}

TEST_CASE("primes after digits unless a quote of their kind is open") {
    CHECK(en("He is 5'10\" tall") == "He is 5\u203210\u2033 tall");
    CHECK(en("a 12\" record") == "a 12\u2033 record");
    CHECK(en("\"Chapter 5\"") == "\u201CChapter 5\u201D");
    CHECK(en("'take 2'") == "\u2018take 2\u2019");
}

TEST_CASE("quotes by language from CLDR") {
    const auto de = inlines::punctuation_for("de-DE", true);
    CHECK(inlines::smarten("\"Ja\", sagte sie, \"'nein' gilt nicht\"", de) ==
          "\u201EJa\u201C, sagte sie, \u201E\u201Anein\u2018 gilt nicht\u201C");
    CHECK(inlines::smarten("Peter's Buch", de) == "Peter\u2019s Buch");
    const auto fr = inlines::punctuation_for("fr", true);
    CHECK(inlines::smarten("Il dit \"bonjour\" et l'autre", fr) ==
          "Il dit \u00AB\u202Fbonjour\u202F\u00BB et l\u2019autre");
    CHECK(inlines::smarten("\"\u00A0oui\u00A0\"", fr) == "\u00AB\u202Foui\u202F\u00BB");
    CHECK(inlines::smarten("\"x\"", inlines::punctuation_for("ja", true)) == "\u300Cx\u300D");
    CHECK(inlines::smarten("\"x\"", inlines::punctuation_for("pl", true)) == "\u201Ex\u201D");
    CHECK(inlines::smarten("\"x\"", inlines::punctuation_for("ru", true)) == "\u00ABx\u00BB");
    // An unknown language falls back to CLDR's root, English quotes.
    CHECK(inlines::smarten("\"x\"", inlines::punctuation_for("qq", true)) == "\u201Cx\u201D");
}

TEST_CASE("never in code, URLs, autolinks or command-line options; off when switched off") {
    CHECK(en("use --force or -- to end") == "use --force or \u2013 to end");
    CHECK(en("see https://example.com/a--b...c's") == "see https://example.com/a--b...c's");
    CHECK(en("www.example.com/x--y") == "www.example.com/x--y");
    CHECK(inlines::smarten("\"Don't\"", inlines::punctuation_for("en", false)) == "\"Don't\"");

    std::vector<Span> spans{text_span("Run \""), code_span("ls -l '--' ..."), text_span("\" now")};
    inlines::smarten(spans, inlines::punctuation_for("en", true));
    CHECK(spans[0].text == "Run \u201C");
    CHECK(spans[1].text == "ls -l '--' ...");
    CHECK(spans[2].text == "\u201D now");

    Span autolink = text_span("a--b@example.org");
    autolink.style.link_uri = "mailto:a--b@example.org";
    std::vector<Span> linked{text_span("Mail "), autolink, text_span("...")};
    inlines::smarten(linked, inlines::punctuation_for("en", true));
    CHECK(linked[1].text == "a--b@example.org");
    CHECK(linked[2].text == "\u2026");
}

TEST_CASE("quotes see across spans: emphasis inside quotes") {
    inlines::Span italic = text_span("word");
    italic.style.face_style.italic = true;
    std::vector<Span> spans{text_span("say \""), italic, text_span("\" and 'it'")};
    inlines::smarten(spans, inlines::punctuation_for("en", true));
    CHECK(spans[0].text == "say \u201C");
    CHECK(spans[1].text == "word");
    CHECK(spans[2].text == "\u201D and \u2018it\u2019");
}
