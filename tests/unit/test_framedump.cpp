// framedump/: the text dump of frames on hand-built documents, compared line for line.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "framedump/framedump.h"
#include "support.h"

using namespace galley;

namespace {

const font::Face* face(const std::string& family, font::FaceStyle style) {
    static font::FontBook book(test::read_bytes, test::kFontsDir);
    DiagnosticSink sink;
    const font::Face* f = book.face(family, style, sink);
    REQUIRE(f != nullptr);
    return f;
}

/// The dump's lines from `first` (a prefix of a line) up to the next page, outline or info line.
std::string section(const std::string& dump, const std::string& first) {
    const std::size_t at = dump.find("\n" + first);
    REQUIRE(at != std::string::npos);
    std::size_t end = at + 1;
    do end = dump.find('\n', end) + 1;
    while (end < dump.size() && dump[end] == ' ');
    return dump.substr(at + 1, end - at - 1);
}

}  // namespace

TEST_CASE("an empty document is the header, one page and the info") {
    frame::Document d;
    d.pages.push_back({{595.2756, 841.8898}, {}});
    CHECK(framedump::write(d) ==
          "galley-frames 1\n"
          "page 1 595.28x841.89\n"
          "info title \"\"\n"
          "info author \"\"\n"
          "info subject \"\"\n"
          "info keywords \"\"\n"
          "info lang \"\"\n"
          "info created none\n");
}

TEST_CASE("a glyph run names its face by family and style and lists glyphs with advances and clusters") {
    frame::GlyphRun run{.face = face("Noto Sans", {true, false}), .size = 10.5, .color = {0.2, 0.4, 0.6},
                        .origin = {70.866, -0.001}, .text = "Hi \"x\"\\"};
    for (std::uint32_t i = 0; i < 7; ++i) run.glyphs.push_back({40 + i, 5.2149f, 0, 0, i});
    run.glyphs[2].y_offset = 1.2f;    // shown
    run.glyphs[3].x_offset = 0.001f;  // rounds to 0.00: not shown
    frame::Document d;
    d.pages.push_back({{200, 100}, {run}});
    CHECK(section(framedump::write(d), "page 1") ==
          "page 1 200.00x100.00\n"
          "  run \"Noto Sans\" bold 10.50 #336699 70.87,0.00 \"Hi \\\"x\\\"\\\\\"\n"
          "    gids 40:5.21 41:5.21 42:5.21@0.00,1.20 43:5.21 44:5.21 45:5.21 46:5.21\n"
          "    clusters 0..6\n");
}

TEST_CASE("long runs wrap twelve glyphs to a line; right-to-left clusters compress with their step") {
    frame::GlyphRun run{.face = face("Noto Serif", {false, true}), .size = 9, .origin = {10, 20},
                        .right_to_left = true, .angle = 45};
    for (int i = 13; i >= 0; --i) {
        run.text += "\u05D0";  // two bytes each
        run.glyphs.push_back({300, 4, 0, 0, static_cast<std::uint32_t>(2 * i)});
    }
    run.glyphs.back().cluster = 7;  // not in step: written on its own
    frame::Document d;
    d.pages.push_back({{100, 100}, {run}});
    const std::string dump = framedump::write(d);
    CHECK(section(dump, "page 1") ==
          "page 1 100.00x100.00\n"
          "  run \"Noto Serif\" italic 9.00 #000000 10.00,20.00 rtl angle 45.00 \"אאאאאאאאאאאאאא\"\n"
          "    gids 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 300:4.00 "
          "300:4.00 300:4.00\n"
          "    gids 300:4.00 300:4.00\n"
          "    clusters 26..2/2 7\n");
}

TEST_CASE("invisible characters in text are escaped, visible ones kept") {
    frame::GlyphRun run{.face = nullptr, .size = 10, .text = "a\u200Fb\u00A0c\u2007\td\n\u05D0",
                        .inside_right_to_left = true};
    frame::Document d;
    d.pages.push_back({{100, 100}, {run}});
    CHECK(section(framedump::write(d), "  run") ==
          "  run \"?\" regular 10.00 #000000 0.00,0.00 in-rtl "
          "\"a\\u{200F}b\\u{00A0}c\\u{2007}\\td\\n\u05D0\"\n");
}

TEST_CASE("boxes, lines, links, anchors and images have one line each") {
    auto png = std::make_shared<frame::ImageData>();
    png->width = 64, png->height = 32, png->name = "/some/where/../../images/rgb-8.png";
    frame::Document d;
    d.pages.push_back({{100, 100},
                       {frame::Box{{1, 2, 3, 4}, Color{0.96, 0.96, 0.96}, std::nullopt},
                        frame::Box{{1, 2, 3, 4}, std::nullopt, Color{1, 0, 0}, 0.25},
                        frame::Line{{0, -0.004}, {10, 0}, 0.5, {0.6, 0.6, 0.6}},
                        frame::LinkArea{{5, 6, 7, 8}, "https://example.org/?q=\"x\"", ""},
                        frame::LinkArea{{5, 6, 7, 8}, "", "intro"},
                        frame::Anchor{"intro", {0, 99.999}},
                        frame::Image{{10, 20, 48, 24}, png}}});
    d.pages.push_back({{50, 60}, {}});
    CHECK(section(framedump::write(d), "page 1") ==
          "page 1 100.00x100.00\n"
          "  box 1.00,2.00 3.00x4.00 fill #f5f5f5\n"
          "  box 1.00,2.00 3.00x4.00 stroke #ff0000 0.25\n"
          "  line 0.00,0.00 10.00,0.00 0.50 #999999\n"
          "  link 5.00,6.00 7.00x8.00 uri \"https://example.org/?q=\\\"x\\\"\"\n"
          "  link 5.00,6.00 7.00x8.00 dest \"intro\"\n"
          "  anchor \"intro\" 0.00,100.00\n"
          "  image 10.00,20.00 48.00x24.00 png 64x32 \"rgb-8.png\"\n");
    CHECK(framedump::write(d).find("page 2 50.00x60.00\n") != std::string::npos);
}

TEST_CASE("the outline and the info follow the pages") {
    frame::Document d;
    d.pages.push_back({{10, 10}, {}});
    d.outline = {{"Intro", 1, "intro"}, {"Détails", 2, "détails"}};
    d.info = {.title = "T", .author = "A, B", .subject = "S", .keywords = "k1, k2", .creator = "galley 9.9",
              .lang = "fr", .creation_epoch = 0};
    CHECK(framedump::write(d) ==
          "galley-frames 1\n"
          "page 1 10.00x10.00\n"
          "outline 1 \"Intro\" \"intro\"\n"
          "outline 2 \"Détails\" \"détails\"\n"
          "info title \"T\"\n"
          "info author \"A, B\"\n"
          "info subject \"S\"\n"
          "info keywords \"k1, k2\"\n"
          "info lang \"fr\"\n"
          "info created 0\n");
}
