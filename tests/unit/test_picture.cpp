// The picture stage: SVG drawings and PDF pages read through the vector module as the PDF
// objects of a Form XObject.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "picture/vector.h"

using namespace galley;

namespace {

std::vector<std::uint8_t> file(const std::string& name) {
    std::ifstream in(std::string(GALLEY_SOURCE_DIR) + "/tests/images/vector/" + name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

picture::VectorReader reader() { return picture::VectorReader(GALLEY_BUILD_MODULE_DIR "/picture-vector.so"); }

/// Whether any object's body or stream dict holds `text`.
bool holds(const picture::VectorPicture& p, std::string_view text) {
    for (const frame::PdfObject& o : p.objects)
        if (o.body.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("an SVG becomes a Form XObject of its size in points, 96 px to the inch") {
    auto r = reader();
    const picture::VectorPicture p = r.read(file("paths.svg"), true, 1);
    REQUIRE(p.problem.empty());
    CHECK(p.box.width == doctest::Approx(240 * 0.75));
    CHECK(p.box.height == doctest::Approx(120 * 0.75));
    REQUIRE(!p.objects.empty());
    const frame::PdfObject& form = p.objects[0];
    CHECK(form.stream);
    CHECK(form.compress);
    CHECK(form.body.find("/Subtype /Form") != std::string::npos);
    CHECK(form.body.find("/Length") == std::string::npos);
    CHECK(form.data.find(" c\n") != std::string::npos);  // curves stay curves
    // No picture of the drawing: the only images an SVG brings are its own rasters.
    CHECK_FALSE(holds(p, "/Subtype /Image"));
    // Every reference points at an object of the picture, after the place it stands.
    for (const frame::PdfObject& o : p.objects)
        for (const auto& [offset, index] : o.refs) {
            CHECK(offset <= o.body.size());
            CHECK(index < p.objects.size());
        }
}

TEST_CASE("an SVG's size: absolute units, a viewBox alone, nothing") {
    auto r = reader();
    const picture::VectorPicture cm = r.read(file("units-cm.svg"), true, 1);
    REQUIRE(cm.problem.empty());
    CHECK(cm.box.width == doctest::Approx(4 / 2.54 * 72).epsilon(0.001));
    CHECK(cm.box.height == doctest::Approx(2 / 2.54 * 72).epsilon(0.001));
    const picture::VectorPicture box = r.read(file("viewbox-only.svg"), true, 1);
    REQUIRE(box.problem.empty());
    CHECK(box.box.width == doctest::Approx(400 * 0.75));
    CHECK(box.box.height == doctest::Approx(200 * 0.75));
    const picture::VectorPicture none =
        r.read(bytes("<svg xmlns='http://www.w3.org/2000/svg'><rect width='10' height='10'/></svg>"), true, 1);
    REQUIRE(none.problem.empty());
    CHECK(none.box.width == doctest::Approx(300 * 0.75));
    CHECK(none.box.height == doctest::Approx(150 * 0.75));
}

TEST_CASE("SVG text stays text with its font, an embedded raster stays an image") {
    auto r = reader();
    const picture::VectorPicture text = r.read(file("text.svg"), true, 1);
    REQUIRE(text.problem.empty());
    CHECK(holds(text, "/Type /Font"));
    CHECK(holds(text, "/ToUnicode"));
    const picture::VectorPicture raster = r.read(file("embedded-raster.svg"), true, 1);
    REQUIRE(raster.problem.empty());
    CHECK(holds(raster, "/Subtype /Image"));
}

TEST_CASE("a PDF page: page 1 or the one asked for, rotation applied to the size") {
    auto r = reader();
    const picture::VectorPicture one = r.read(file("chart.pdf"), false, 1);
    REQUIRE(one.problem.empty());
    CHECK(one.box.width == doctest::Approx(420));
    CHECK(one.box.height == doctest::Approx(290));
    CHECK(holds(one, "/FontFile2"));
    const picture::VectorPicture two = r.read(file("chart.pdf"), false, 2);
    REQUIRE(two.problem.empty());
    CHECK(two.objects[0].data != one.objects[0].data);
    const picture::VectorPicture nine = r.read(file("chart.pdf"), false, 9);
    CHECK(nine.problem == "has 2 pages, not a page 9");
    CHECK(nine.objects.empty());

    // /Rotate 90 turns the page: the form's /Matrix does, and the size is the turned box.
    const std::string pdf =
        "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Rotate 90 /Contents 4 0 R>> endobj\n"
        "4 0 obj <</Length 18>> stream\n0 0 200 100 re f\n\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
    const picture::VectorPicture turned = r.read(bytes(pdf), false, 1);
    REQUIRE(turned.problem.empty());
    CHECK(turned.box.width == doctest::Approx(100));
    CHECK(turned.box.height == doctest::Approx(200));
    CHECK(turned.objects[0].body.find("/Matrix") != std::string::npos);
    CHECK(turned.objects[0].body.find("/Parent") == std::string::npos);
}

TEST_CASE("broken pictures are problems, not crashes") {
    auto r = reader();
    CHECK(r.read(file("malformed.svg"), true, 1).problem.starts_with("is not a readable SVG drawing"));
    CHECK(r.read(file("broken.pdf"), false, 1).problem.starts_with("is not a readable PDF"));
    CHECK(r.read(file("encrypted.pdf"), false, 1).problem.starts_with("is an encrypted PDF"));
    CHECK(r.read(bytes(""), true, 1).problem.starts_with("is not a readable SVG drawing"));
    CHECK(r.read(bytes("<svg xmlns='http://www.w3.org/2000/svg' width='1e9' height='1'/>"), true, 1)
              .problem.starts_with("has a size galley cannot draw"));
}

TEST_CASE("without its module the stage refuses vector pictures with the reason") {
    picture::VectorReader missing("/nonexistent/picture-vector.so");
    const picture::VectorPicture p = missing.read(file("paths.svg"), true, 1);
    CHECK(p.problem.starts_with("cannot be drawn: the picture module is not available"));
}

namespace {

/// A closed path through `n` points scattered by a fixed linear congruential sequence: it
/// crosses itself about n²/10 times, which cairo's tessellator takes time quadratic in.
std::vector<std::uint8_t> tangle(int n) {
    std::string d;
    std::uint32_t x = 12345;
    auto next = [&x] { return (x = x * 1103515245u + 12345u) >> 16 & 1023; };
    for (int i = 0; i < n; ++i) d += (i ? " " : "M") + std::to_string(next()) + "," + std::to_string(next());
    return bytes("<svg xmlns='http://www.w3.org/2000/svg' width='500' height='500' viewBox='0 0 1024 1024'><path d='" + d +
                 "Z' fill='red'/></svg>");
}

}  // namespace

TEST_CASE("a picture that takes longer than the CPU limit to draw is a problem, and the next one is drawn") {
    picture::VectorReader r(GALLEY_BUILD_MODULE_DIR "/picture-vector.so", {.cpu_seconds = 1, .memory_mb = 0});
    const picture::VectorPicture slow = r.read(tangle(20'000), true, 1);
    CHECK(slow.problem == "takes more than galley's limit of 1 s of CPU time per picture to draw");
    CHECK(slow.objects.empty());
    const picture::VectorPicture next = r.read(file("paths.svg"), true, 1);
    CHECK(next.problem.empty());
    CHECK_FALSE(next.objects.empty());
}

TEST_CASE("after as many slow pictures as the limits allow, a reader draws no more") {
    picture::VectorReader r(GALLEY_BUILD_MODULE_DIR "/picture-vector.so", {.cpu_seconds = 1, .memory_mb = 0, .slow_pictures = 1});
    CHECK(r.read(tangle(20'000), true, 1).problem.starts_with("takes more than"));
    const picture::VectorPicture refused = r.read(file("paths.svg"), true, 1);
    CHECK(refused.problem == "is not drawn: 1 picture of this document already took more than galley's time limit to draw");
    CHECK(refused.objects.empty());
}

TEST_CASE("a picture that needs more memory than the limit is a problem, and the next one is drawn" *
          doctest::skip(picture::default_worker_limits().memory_mb == 0)) {
    picture::VectorReader r(GALLEY_BUILD_MODULE_DIR "/picture-vector.so", {.cpu_seconds = 10, .memory_mb = 512});
    // A blur over 20,000 px square needs gigabytes of pixels in librsvg.
    const picture::VectorPicture big = r.read(
        bytes("<svg xmlns='http://www.w3.org/2000/svg' width='20000' height='20000'><filter id='b'><feGaussianBlur "
              "stdDeviation='50'/></filter><rect width='20000' height='20000' fill='red' filter='url(#b)'/></svg>"),
        true, 1);
    CHECK_FALSE(big.problem.empty());
    CHECK(big.objects.empty());
    CHECK(r.read(file("paths.svg"), true, 1).problem.empty());
}

TEST_CASE("an SVG that embeds a PNG of more than 100 megapixels is refused before it is decoded") {
    auto r = reader();
    // A PNG signature and IHDR for 20,000 x 20,000 pixels, base64: the header is all that is read.
    const std::string bomb = "iVBORw0KGgoAAAANSUhEUgAATiAAAE4gCAYAAAA";
    const std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><image width='10' height='10' "
                            "href='data:image/png;base64," + bomb + "'/></svg>";
    CHECK(r.read(bytes(svg), true, 1).problem == "embeds a PNG of 400 megapixels (galley takes at most 100)");
    // A small embedded raster is drawn as before.
    CHECK(r.read(file("embedded-raster.svg"), true, 1).problem.empty());
}

TEST_CASE("sniffing SVG and PDF") {
    CHECK(picture::looks_like_svg(bytes("<?xml version='1.0'?>\n<!-- x -->\n<svg width='1'>")));
    CHECK_FALSE(picture::looks_like_svg(bytes("<html><body>")));
    CHECK(picture::looks_like_pdf(bytes("%PDF-1.7\n")));
    CHECK_FALSE(picture::looks_like_pdf(bytes("PDF-1.7")));
}
