// Unit tests of the math/ stage: the TeX subset's tree and errors, and the layout rules checked
// against values worked out by hand from Latin Modern Math's MATH constants (fonts-lmodern
// 2.005, 1000 units per em; at 10 pt one unit is 0.01 pt). The constants used:
//   AxisHeight 250, SuperscriptShiftUp 363, SuperscriptShiftUpCramped 289,
//   SuperscriptBottomMin 108, SubscriptShiftDown 247, SubscriptTopMax 344,
//   FractionRuleThickness 40, FractionNumeratorDisplayStyleShiftUp 677,
//   FractionDenominatorDisplayStyleShiftDown 686, FractionNum/DenomDisplayStyleGapMin 120,
//   FractionNumeratorShiftUp 394, FractionDenominatorShiftDown 345, ScriptPercentScaleDown 70,
//   RadicalVerticalGap 50, RadicalRuleThickness 40, RadicalKernBeforeDegree 278,
//   RadicalDegreeBottomRaisePercent 60.
// Glyphs: math italic x (U+1D465) advance 572, ink 442 above and 11 below the baseline;
// the radical U+221A 40 above and 960 below; "(" has vertical variants of 997, 1095, 1195,
// 1445, 1793, ... units (glyphs 9, 2367, 2389, 2411, 2433, ...).
#include <doctest/doctest.h>

#include <string>

#include "font/font.h"
#include "math/math.h"
#include "math/parse.h"
#include "support.h"

using namespace galley;
using math::NodeKind;

namespace {

const std::string kLatinModernMath = "/usr/share/texmf/fonts/opentype/public/lm-math/latinmodern-math.otf";

math::Node parsed(std::string_view tex) {
    math::ParseError e;
    const auto f = math::parse(tex, e);
    INFO(e.message);
    REQUIRE(f);
    return f->root;
}

math::ParseError error_of(std::string_view tex) {
    math::ParseError e;
    CHECK_FALSE(math::parse(tex, e));
    return e;
}

struct Fixture {
    font::FontBook book{[](const std::string& p) { return test::read_bytes(p); }, test::kFontsDir, false};
    DiagnosticSink sink;
    const font::Face* face = book.load_file(kLatinModernMath, 0, sink);

    math::SetFormula set(std::string_view tex, bool display) {
        REQUIRE_MESSAGE(face, "Latin Modern Math (fonts-lmodern) is needed: scripts/install-deps.sh");
        const math::MathSetter setter(*face);
        REQUIRE(setter.usable());
        auto f = setter.set(tex, 10, display, {}, {"t.md", 1, 1}, sink);
        REQUIRE(f);
        return *f;
    }
};

/// The glyph run whose text is `text` (the n-th such, from 0).
const frame::GlyphRun& run(const math::SetFormula& f, std::string_view text, int nth = 0) {
    for (const frame::Item& item : f.items)
        if (const auto* r = std::get_if<frame::GlyphRun>(&item); r && r->text == text && nth-- == 0) return *r;
    FAIL("no glyph run with text " << std::string(text));
    throw;
}

std::vector<frame::Box> rules(const math::SetFormula& f) {
    std::vector<frame::Box> out;
    for (const frame::Item& item : f.items)
        if (const auto* b = std::get_if<frame::Box>(&item)) out.push_back(*b);
    return out;
}

}  // namespace

TEST_CASE("parse: scripts, fractions, roots, delimiters, environments and tags make a typed tree") {
    const math::Node scripts = parsed("x^2_i");
    REQUIRE(scripts.kids.size() == 1);
    CHECK(scripts.kids[0].kind == NodeKind::Scripts);
    CHECK(scripts.kids[0].kids[0].cp == 0x1D465);  // x in math italic
    CHECK(scripts.kids[0].kids[1].kids[0].cp == U'2');
    CHECK(scripts.kids[0].kids[2].kids[0].cp == 0x1D456);  // i

    const math::Node frac = parsed("\\frac{a}{b+c}");
    CHECK(frac.kids[0].kind == NodeKind::Fraction);
    CHECK(frac.kids[0].kids[1].kids.size() == 3);

    const math::Node root = parsed("\\sqrt[3]{x}");
    CHECK(root.kids[0].kind == NodeKind::Radical);
    CHECK(root.kids[0].kids[1].kids.size() == 1);

    const math::Node lr = parsed("\\left( x \\right.");
    CHECK(lr.kids[0].kind == NodeKind::Delimited);
    CHECK(lr.kids[0].left == U'(');
    CHECK(lr.kids[0].right == 0);

    const math::Node m = parsed("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}");
    CHECK(m.kids[0].kind == NodeKind::Table);
    CHECK(m.kids[0].columns == 2);
    CHECK(m.kids[0].kids.size() == 4);

    CHECK(parsed("\\mathbb{R}").kids[0].kids[0].cp == 0x211D);
    CHECK(parsed("\\mathbf v").kids[0].cp == 0x1D42F);
    CHECK(parsed("\\alpha").kids[0].cp == 0x1D6FC);
    CHECK(parsed("\\mathfrak g").kids[0].cp == 0x1D524);
    CHECK(parsed("\\mathfrak R").kids[0].cp == 0x211C);
    CHECK(parsed("\\sum\\limits_i").kids[0].limits);
    CHECK(parsed("\\overset{!}{=}").kids[0].kind == NodeKind::Scripts);
    CHECK(parsed("\\sin x").kids[0].kind == NodeKind::Text);
    // A prime follows its base as a symbol; a superscript after it is the prime's.
    const math::Node prime = parsed("f'^2");
    REQUIRE(prime.kids.size() == 2);
    CHECK(prime.kids[1].kind == NodeKind::Scripts);
    CHECK(prime.kids[1].kids[0].cp == 0x2032);

    math::ParseError e;
    const auto tagged = math::parse("E = mc^2 \\tag{3}", e);
    REQUIRE(tagged);
    CHECK(tagged->tag == "3");
}

TEST_CASE("parse: errors say what and where (byte offset into the source)") {
    math::ParseError e = error_of("a + \\foo{x}");
    CHECK(e.offset == 4);
    CHECK(e.message == "unknown command '\\foo'");
    e = error_of("\\frac{a}{b");
    CHECK(e.message.find("unbalanced braces") == 0);
    CHECK(e.offset == 8);  // the '{' that is never closed
    e = error_of("x}");
    CHECK(e.offset == 1);
    e = error_of("x^2^3");
    CHECK(e.message == "double superscript");
    CHECK(e.offset == 3);
    e = error_of("a \\left( x");
    CHECK(e.message == "\\left without \\right");
    CHECK(e.offset == 2);
    e = error_of("\\begin{pmatrix} a \\end{bmatrix}");
    CHECK(e.message.find("ended by") != std::string::npos);
    CHECK(error_of(std::string(200, '{')).message.find("nested more than") != std::string::npos);
    std::string hats;
    for (int i = 0; i < 200; ++i) hats += "\\hat ";
    CHECK(error_of(hats + "x").message.find("nested more than") != std::string::npos);
    CHECK(error_of("\\frac}").message.find("unbalanced braces") == 0);
    // Where an offset lands in a source that starts at line 3, column 5.
    const SourceLocation at = math::locate({"t.md", 3, 5}, "a\nbc\\foo", 4);
    CHECK(at.line == 4);
    CHECK(at.column == 3);
}

TEST_CASE("layout: superscript and subscript shifts (Appendix G rule 18, MATH script constants)") {
    Fixture fx;
    // x^2: a character base, so u = max(SuperscriptShiftUp, depth(2) + SuperscriptBottomMin)
    // = max(363, 0 + 108) = 363 units = 3.63 pt, right after x's advance (572 units, no italic
    // correction).
    const math::SetFormula sup = fx.set("x^2", false);
    CHECK(run(sup, "2").origin.y == doctest::Approx(3.63));
    CHECK(run(sup, "2").origin.x == doctest::Approx(5.72));
    CHECK(run(sup, "2").size == doctest::Approx(7.0));  // ScriptPercentScaleDown 70
    // Cramped (under a root): SuperscriptShiftUpCramped 289 = 2.89 pt.
    // \displaystyle in text: the display fraction's numerator shift (6.77 pt, below).
    CHECK(run(fx.set("\\displaystyle \\frac{x}{x}", false), "\U0001D465", 0).origin.y == doctest::Approx(6.77));
    const math::SetFormula cramped = fx.set("\\sqrt{x^2}", false);
    CHECK(run(cramped, "2").origin.y == doctest::Approx(2.89));
    // x_2: v = max(SubscriptShiftDown 247, height(2 at 70 %) - SubscriptTopMax 344) = 247.
    const math::SetFormula sub = fx.set("x_2", false);
    CHECK(run(sub, "2").origin.y == doctest::Approx(-2.47));
}

TEST_CASE("layout: fraction shifts and gaps (rule 15, MATH fraction constants)") {
    Fixture fx;
    // Display: u = max(677, d(num) + axis + t/2 + gap = 11 + 250 + 20 + 120) = 677;
    // v = max(686, h(den) - (axis - t/2) + gap = 442 - 230 + 120) = 686; the rule's lower
    // edge at axis - t/2 = 230, 40 thick.
    const math::SetFormula d = fx.set("\\frac{x}{x}", true);
    CHECK(run(d, "\U0001D465", 0).origin.y == doctest::Approx(6.77));
    CHECK(run(d, "\U0001D465", 1).origin.y == doctest::Approx(-6.86));
    REQUIRE(rules(d).size() == 1);
    CHECK(rules(d)[0].rect.y == doctest::Approx(2.30));
    CHECK(rules(d)[0].rect.height == doctest::Approx(0.40));
    // Text style: parts in script style; u = max(394, 0.7*11 + 250 + 20 + 40) = 394,
    // v = max(345, 0.7*442 - 230 + 40) = 345.
    const math::SetFormula t = fx.set("\\frac{x}{x}", false);
    CHECK(run(t, "\U0001D465", 0).origin.y == doctest::Approx(3.94));
    CHECK(run(t, "\U0001D465", 1).origin.y == doctest::Approx(-3.45));
}

TEST_CASE("layout: radical gap and degree placement (rule 11, MATH radical constants)") {
    Fixture fx;
    // Body x: 4.42 pt high, 0.11 deep. Needed: 4.42 + 0.11 + gap 0.50 + rule 0.40 = 5.43 pt;
    // the smallest sign is 10.00 pt (0.40 + 9.60), so the gap grows by half the excess:
    // 0.50 + (10.00 - 5.43) / 2 = 2.785. The rule sits at 4.42 + 2.785 = 7.205, and the
    // sign's top meets the rule's top: its baseline at 7.205 + 0.40 - 0.40 = 7.205.
    const math::SetFormula r = fx.set("\\sqrt[3]{x}", false);
    REQUIRE(rules(r).size() == 1);
    CHECK(rules(r)[0].rect.y == doctest::Approx(7.205));
    CHECK(run(r, "\u221A").origin.y == doctest::Approx(7.205));
    // The degree: RadicalKernBeforeDegree 2.78 pt in, its baseline 60 % of the sign's 10 pt
    // above the sign's bottom (7.205 - 9.60): -2.395 + 6.00 = 3.605.
    CHECK(run(r, "3").origin.x == doctest::Approx(2.78));
    CHECK(run(r, "3").origin.y == doctest::Approx(3.605));
}

TEST_CASE("layout: \\left \\right delimiters grow with what they hold (rule 19, MATH variants)") {
    Fixture fx;
    // Around x: the larger half from the axis is 0.11 + 2.50 = 2.61 pt; 2 × 2.61 × 0.901 =
    // 4.70 pt, which the plain "(" (9.97 pt) covers.
    const math::SetFormula small = fx.set("\\left( x \\right)", true);
    CHECK(run(small, "(").glyphs[0].gid == 9);
    // Around a display fraction of x over x: height 6.77 + 4.42 = 11.19, depth 6.86 + 0.11 =
    // 6.97; the larger half is 6.97 + 2.50 = 9.47, so at least max(2 × 9.47 × 0.901, 18.94 - 5)
    // = 17.07 pt: the first variant of 1793 units (glyph 2433), centred on the axis (its 11.46
    // above and 6.46 below are symmetric about 2.50: no shift).
    const math::SetFormula big = fx.set("\\left( \\frac{x}{x} \\right)", true);
    CHECK(run(big, "(").glyphs[0].gid == 2433);
    CHECK(run(big, "(").origin.y == doctest::Approx(0.0));
    // Taller than every variant: an assembly of parts, at least as tall as asked.
    const math::SetFormula huge = fx.set("\\left( \\begin{matrix} a \\\\ b \\\\ c \\\\ d \\\\ e \\\\ f \\\\ g \\end{matrix} \\right)", true);
    CHECK(huge.height + huge.depth > 40);
}

TEST_CASE("layout: every construct of the subset sets without a warning") {
    Fixture fx;
    for (const char* tex : {"\\sum_{i=1}^n i^2", "\\int_0^\\infty e^{-x^2}\\,dx", "\\lim_{x \\to 0} \\frac{\\sin x}{x}",
                            "\\hat{a} \\bar{b} \\vec{v} \\tilde{n} \\dot{x} \\overline{AB} \\underbrace{a+b}_{n}",
                            "\\binom{n}{k} \\dfrac{1}{2} \\tfrac{1}{2}", "\\Big( \\bigg[ x \\bigg] \\Big)",
                            "\\mathcal{L} \\mathbb{R} \\mathsf{A} \\mathtt{b} \\mathit{c} \\operatorname{tr} A",
                            "f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}",
                            "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", "a \\leq b \\Rightarrow c \\quad d"}) {
        const math::SetFormula f = fx.set(tex, true);
        CHECK_MESSAGE(f.width > 0, tex);
    }
    CHECK(fx.sink.items().empty());
}

TEST_CASE("layout: \\text the MATH font lacks characters for is set by the fallback, placed and measured as it says") {
    Fixture fx;
    REQUIRE(fx.face);
    math::MathSetter setter(*fx.face);
    std::vector<std::string> asked;
    setter.set_text_fallback([&asked](std::string_view text, Pt size, const Color& color) {
        asked.emplace_back(text);
        math::SetText out;
        frame::GlyphRun r;
        r.text = std::string(text);
        r.size = size;
        r.color = color;
        r.glyphs.push_back({7, 20, 0, 0, 0});
        out.items.push_back(r);
        out.width = 20;
        out.height = 8;
        out.depth = 2;
        return out;
    });
    const auto f = setter.set("x + \\text{日本}", 10, false, {}, {"t.md", 1, 1}, fx.sink);
    REQUIRE(f);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0] == "日本");
    const frame::GlyphRun& han = run(*f, "日本");
    CHECK(han.glyphs.at(0).gid == 7);
    CHECK(han.origin.x > 5.72);  // after x and the binary operator's spaces
    CHECK(f->width == doctest::Approx(han.origin.x + 20));
    CHECK(f->depth >= 2);
    // Text the MATH font has is set in it: the fallback is not asked.
    REQUIRE(setter.set("\\text{abc}", 10, false, {}, {"t.md", 1, 1}, fx.sink));
    CHECK(asked.size() == 1);
}
