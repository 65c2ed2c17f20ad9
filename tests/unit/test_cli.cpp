// Unit tests of cli/: the severity policy and the JSON and GitHub forms of diagnostics.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/diagnostics_format.h"

using namespace galley;
using namespace galley::cli;

TEST_CASE("JSON strings escape quotes, backslashes and control characters, and keep UTF-8") {
    CHECK(json_escape("plain") == "plain");
    CHECK(json_escape("a \"b\" \\c") == "a \\\"b\\\" \\\\c");
    CHECK(json_escape("l1\nl2\r\t") == "l1\\nl2\\r\\t");
    CHECK(json_escape(std::string("\x01\x1f", 2)) == "\\u0001\\u001f");
    CHECK(json_escape(std::string("nul\0", 4)) == "nul\\u0000");
    CHECK(json_escape("Grüße, 目次") == "Grüße, 目次");
    CHECK(json_escape("bad\xff.md") == "bad\xef\xbf\xbd.md");
}

TEST_CASE("GitHub workflow commands percent-encode %, CR, LF, and in properties also : and ,") {
    CHECK(github_escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
    CHECK(github_escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A");
}

TEST_CASE("one diagnostic in each format") {
    const Diagnostic d{Severity::Warning, "anchor.missing", {"docs/a,b.md", 3, 7}, "link to '#x': \"none\"\n50%"};
    CHECK(format_line(d, DiagnosticFormat::Text) ==
          "docs/a,b.md:3:7: warning: link to '#x': \"none\"\n50% [anchor.missing]");
    CHECK(format_line(d, DiagnosticFormat::Json) ==
          "{\"severity\":\"warning\",\"code\":\"anchor.missing\",\"file\":\"docs/a,b.md\",\"line\":3,\"column\":7,"
          "\"message\":\"link to '#x': \\\"none\\\"\\n50%\"}");
    CHECK(format_line(d, DiagnosticFormat::Github) ==
          "::warning file=docs/a%2Cb.md,line=3,col=7,title=anchor.missing::link to '#x': \"none\"%0A50%25");
    const Diagnostic whole{Severity::Error, "font.missing", {"", 0, 0}, "no font"};
    CHECK(format_line(whole, DiagnosticFormat::Github) == "::error title=font.missing::no font");
    const Diagnostic line_only{Severity::Error, "frontmatter.toml", {"a.md", 4, 0}, "bad"};
    CHECK(format_line(line_only, DiagnosticFormat::Github) == "::error file=a.md,line=4,title=frontmatter.toml::bad");
}

TEST_CASE("-W rules: a code's warnings take its rule, over --strict; errors stay errors") {
    DiagnosticPolicy p;
    CHECK(add_severity_rule("anchor.missing=error", p));
    CHECK(add_severity_rule("html.dropped=ignore", p));
    CHECK(add_severity_rule("image.missing=warning", p));
    for (const char* bad : {"anchor.missing", "=error", "x=fatal", "x=", "x=Error"}) {
        CAPTURE(bad);
        CHECK_FALSE(add_severity_rule(bad, p));
    }
    const auto warning = [](const char* code) { return Diagnostic{Severity::Warning, code, {"a.md", 1, 1}, "m"}; };
    CHECK(effective_severity(warning("anchor.missing"), p) == Severity::Error);
    CHECK(effective_severity(warning("html.dropped"), p) == std::nullopt);
    CHECK(effective_severity(warning("utf8.invalid"), p) == Severity::Warning);
    p.strict = true;
    CHECK(effective_severity(warning("utf8.invalid"), p) == Severity::Error);
    CHECK(effective_severity(warning("image.missing"), p) == Severity::Warning);
    CHECK(effective_severity(warning("html.dropped"), p) == std::nullopt);
    DiagnosticPolicy lenient;
    add_severity_rule("frontmatter.toml=ignore", lenient);
    CHECK(effective_severity({Severity::Error, "frontmatter.toml", {}, "m"}, lenient) == Severity::Error);
}

TEST_CASE("report: ignored codes are not printed, and an error from a rule is reported") {
    DiagnosticPolicy p;
    add_severity_rule("html.dropped=ignore", p);
    add_severity_rule("anchor.missing=error", p);
    p.format = DiagnosticFormat::Json;
    std::ostringstream out;
    const bool error = report({{Severity::Warning, "html.dropped", {"a.md", 2, 1}, "dropped"},
                               {Severity::Warning, "anchor.missing", {"a.md", 1, 1}, "dangling"}},
                              p, out);
    CHECK(error);
    CHECK(out.str() == "{\"severity\":\"error\",\"code\":\"anchor.missing\",\"file\":\"a.md\",\"line\":1,\"column\":1,"
                       "\"message\":\"dangling\"}\n");
}

TEST_CASE("the command line's own errors: text as before with the code, a file diagnostic otherwise") {
    std::ostringstream text, json, github;
    print_cli_error(text, DiagnosticFormat::Text, "cli.read", "a.md", "cannot read input file 'a.md': no such file");
    CHECK(text.str() == "galley: error: cannot read input file 'a.md': no such file [cli.read]\n");
    print_cli_error(json, DiagnosticFormat::Json, "cli.read", "a.md", "gone");
    CHECK(json.str() ==
          "{\"severity\":\"error\",\"code\":\"cli.read\",\"file\":\"a.md\",\"line\":0,\"column\":0,\"message\":\"gone\"}\n");
    print_cli_error(github, DiagnosticFormat::Github, "cli.output", "out.pdf", "read-only");
    CHECK(github.str() == "::error file=out.pdf,title=cli.output::read-only\n");
}
