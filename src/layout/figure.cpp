// Pictures: the library that reads them, figures with captions or framed alt text.
#include "layout/figure.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/url.h"
#include "picture/vector.h"
#include "layout/inline_text.h"

namespace galley::layout {

namespace {

/// Resolution of a picture that stores none: CSS's reference pixel.
constexpr double kScreenDpi = 96;
/// The coarsest resolution a picture is set at by default: print quality for screen captures
/// and photos that store 72 dpi.
constexpr double kLeastPrintDpi = 150;

/// The page a picture URL asks for with a `#page=N` fragment (as PDF open parameters spell
/// it), and the URL without it; page 1 without one.
std::pair<std::string, int> split_page(const std::string& url) {
    const std::size_t hash = url.rfind("#page=");
    if (hash == std::string::npos) return {url, 1};
    const std::string digits = url.substr(hash + 6);
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) return {url, 1};
    return {url.substr(0, hash), std::stoi(digits)};
}

}  // namespace

Size natural_size(const ImageFileInfo& info) {
    const auto points = [](std::uint32_t pixels, double dpi) {
        return pixels * kPointsPerInch / (dpi > 0 ? std::max(dpi, kLeastPrintDpi) : kScreenDpi);
    };
    return {points(info.width, info.dpi_x), points(info.height, info.dpi_y)};
}

PictureLibrary::PictureLibrary(const FileLoader& load_file, std::string base_dir,
                               std::vector<std::string> resource_dirs, picture::VectorReader* vectors,
                               DiagnosticSink& sink)
    : load_file_(load_file),
      base_dir_(std::move(base_dir)),
      resource_dirs_(std::move(resource_dirs)),
      vectors_(vectors),
      sink_(sink) {}

const Picture* PictureLibrary::find(const doc::Inline& image) {
    const std::string& url = image.url;
    if (url.find("://") != std::string::npos || url.starts_with("data:")) {
        sink_.warn("image.remote", image.location,
                   "image '" + url + "' is not a local file and is not fetched; its alt text is printed");
        return nullptr;
    }
    const auto [file_url, page] = split_page(url);
    const std::string decoded = url::percent_decode(file_url);
    // A relative path: beside the document first, then in each resource folder in turn.
    std::vector<std::string> paths{decoded.starts_with('/') ? decoded : base_dir_ + "/" + decoded};
    if (!decoded.starts_with('/'))
        for (const std::string& dir : resource_dirs_) paths.push_back(dir + "/" + decoded);
    const Entry* found = nullptr;
    for (const std::string& path : paths) {
        auto [it, inserted] = by_path_.try_emplace(page == 1 ? path : path + "#page=" + std::to_string(page));
        if (inserted) it->second = load(path, page);
        found = &it->second;
        if (found->kind != Problem::Missing || found->picture) break;
    }
    const Entry& entry = *found;
    // Layout may ask twice for one image (is it tall enough to be a figure? then to set it):
    // one warning per place.
    const auto place = std::make_tuple(image.location.line, image.location.column, url);
    if (!entry.picture && warned_.insert(place).second) {
        std::string problem = entry.problem;
        if (entry.kind == Problem::Missing && paths.size() > 1) {
            problem = "not found (looked for";
            for (const std::string& path : paths) problem += (path == paths.front() ? " '" : ", '") + path + "'";
            problem += ")";
        }
        const std::string message = "image '" + url + "' " + problem + "; its alt text is printed";
        switch (entry.kind) {
            case Problem::Missing: sink_.warn("image.missing", image.location, message); break;
            case Problem::Unsupported: sink_.warn("image.unsupported", image.location, message); break;
            case Problem::Budget: sink_.warn("image.budget", image.location, message); break;
        }
    }
    return entry.picture.get();
}

PictureLibrary::Entry PictureLibrary::load(const std::string& path, int page) {
    Entry entry;
    std::optional<Bytes> bytes = load_file_ ? load_file_(path) : std::nullopt;
    if (!bytes) {
        entry.kind = Problem::Missing;
        entry.problem = "not found (looked for '" + path + "')";
        return entry;
    }
    // The same bytes under another spelling of the path (./a.png, dir/../a.png, a link) are
    // the same picture: one ImageData, so the writer decodes and embeds it once.
    const std::string_view content(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    const std::size_t hash = std::hash<std::string_view>{}(content);
    for (auto [at, end] = by_content_.equal_range(hash); at != end; ++at) {
        if (at->second.source() != *bytes || at->second.picture.data->page != page) continue;
        entry.picture = std::make_unique<Picture>(at->second.picture);
        return entry;
    }
    ImageFileInfo info = read_image_file(*bytes);
    if (!info.problem.empty()) {
        if (picture::looks_like_pdf(*bytes) || picture::looks_like_svg(*bytes)) return load_vector(std::move(*bytes), hash, path, page);
        entry.problem = "cannot be used: " + info.problem;
        return entry;
    }
    // The writer decodes a PNG to its pixels and compresses them again (a JPEG passes as it
    // is): the pixels of the distinct PNGs bound the time and memory that takes.
    if (info.format == frame::ImageData::Format::Png) {
        const std::uint64_t pixels = std::uint64_t{info.width} * info.height;
        if (pixels > kMaxDecodedPixels - decoded_pixels_) {
            entry.kind = Problem::Budget;
            entry.problem = "is over the document's budget of " + std::to_string(kMaxDecodedPixels / 1'000'000) +
                            " megapixels of PNG pictures (" + std::to_string(decoded_pixels_ / 1'000'000) +
                            " used before it)";
            return entry;
        }
        decoded_pixels_ += pixels;
    }
    auto data = std::make_shared<frame::ImageData>();
    data->format = info.format;
    data->bytes = std::move(*bytes);
    data->width = info.width;
    data->height = info.height;
    data->components = info.components;
    data->inverted_cmyk = info.inverted_cmyk;
    data->name = path;
    entry.picture = std::make_unique<Picture>(Picture{std::move(data), natural_size(info)});
    by_content_.emplace(hash, Known{{}, *entry.picture});
    return entry;
}

PictureLibrary::Entry PictureLibrary::load_vector(Bytes bytes, std::size_t hash, const std::string& path, int page) {
    Entry entry;
    const bool svg = !picture::looks_like_pdf(bytes);
    if (!vectors_) {
        entry.problem = "cannot be used: galley was asked to draw no SVG or PDF pictures";
        return entry;
    }
    picture::VectorPicture vector = vectors_->read(bytes, svg, page);
    if (!vector.problem.empty()) {
        entry.problem = vector.problem;
        return entry;
    }
    auto data = std::make_shared<frame::ImageData>();
    data->format = frame::ImageData::Format::Pdf;
    data->page = page;
    data->objects = std::move(vector.objects);
    data->box = vector.box;
    data->name = path;
    entry.picture = std::make_unique<Picture>(Picture{std::move(data), {vector.box.width, vector.box.height}});
    by_content_.emplace(hash, Known{std::move(bytes), *entry.picture});
    return entry;
}

namespace {

/// A length attribute: "60%" of `whole`, "8cm", "3in", "12.5mm", "72pt", "6pc", "300px" or
/// "300" (px); nothing when it is none of these, not above zero or above 200 in.
std::optional<Pt> attribute_length(std::string_view v, Pt whole) {
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    double number = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
    if (ec != std::errc() || !(number > 0) || !std::isfinite(number)) return std::nullopt;
    const std::string_view unit(end, static_cast<std::size_t>(v.data() + v.size() - end));
    static constexpr std::pair<std::string_view, double> kUnits[] = {
        {"", 0.75}, {"px", 0.75}, {"pt", 1}, {"pc", 12}, {"in", kPointsPerInch},
        {"cm", kPointsPerInch / 2.54}, {"mm", kPointsPerInch / 25.4}};
    // Larger than the largest page is a mistake, not a size: a picture of 1e308 cm would leave
    // no room at all.
    const auto bounded = [&](double pt) { return pt <= kMaxPageSide ? std::optional<Pt>(pt) : std::nullopt; };
    if (unit == "%") return bounded(whole * number / 100);
    for (const auto& [name, points] : kUnits)
        if (unit == name) return bounded(number * points);
    return std::nullopt;
}

/// Captions and alt texts are centred here by their natural widths, whatever their direction.
ParagraphStyle centred_lines(Pt width, Pt leading) {
    ParagraphStyle ps;
    ps.width = width;
    ps.leading = leading;
    ps.justify = false;
    ps.align = ParagraphStyle::Align::Left;
    return ps;
}

/// Lines as fragments, each centred in the column.
std::vector<Fragment> centred(std::vector<SetLine> lines, Pt left, Pt width) {
    std::vector<Fragment> out;
    for (SetLine& line : lines) {
        Fragment f;
        f.height = line.height;
        f.baseline = line.baseline;
        place_line(line, f, left + std::max<Pt>(0, (width - line.width) / 2), 0);
        f.keep_with_next = true;
        out.push_back(std::move(f));
    }
    return out;
}

SpanStyle span_of(const style::TextStyle& t) {
    SpanStyle s;
    s.family = t.family;
    s.face_style = {t.bold, t.italic};
    s.size = t.size;
    s.color = t.color;
    return s;
}

}  // namespace

std::vector<Fragment> caption_fragments(std::vector<doc::Inline> caption, const std::string& label, int* number,
                                        Pt left, Pt width, bool centre, const style::Style& style,
                                        InlineText& setter, const frame::Tag& tag) {
    if (caption.empty()) return {};
    const style::TextStyle& cs = style.caption;
    SpanStyle s = span_of(cs);
    s.tag = tag;
    if (number) {
        const SourceLocation at = caption.front().location;
        doc::Inline strong{.kind = doc::InlineKind::Strong, .location = at};
        strong.children.push_back({.text = label + " " + std::to_string(++*number) + ".", .location = at});
        caption.insert(caption.begin(), {.text = " ", .location = at});
        caption.insert(caption.begin(), std::move(strong));
    }
    std::vector<SetLine> lines = setter.lines(setter.spans(caption, s, cs.leading), centred_lines(width, cs.leading));
    if (!centre)
        for (SetLine& l : lines) l.width = width;  // a full line is set at the column's start
    return centred(std::move(lines), left, width);
}

std::optional<Size> requested_size(const doc::Inline& image, Size natural, Size room, DiagnosticSink& sink) {
    if (!image.attributes) return std::nullopt;
    const auto side = [&](const char* key, Pt whole) -> std::optional<Pt> {
        const std::string* v = image.attributes->value(key);
        if (!v) return std::nullopt;
        std::optional<Pt> pt = attribute_length(*v, whole);
        if (!pt)
            sink.warn("image.size", image.location,
                      std::string(key) + " '" + *v + "' of image '" + image.url +
                          "' is not a length from 0 to 200 in (60%, 8cm, 3in, 300px); the picture keeps its size");
        return pt;
    };
    const std::optional<Pt> w = side("width", room.width), h = side("height", room.height);
    if (w && h) return Size{*w, *h};
    if (w) return Size{*w, *w * natural.height / natural.width};
    if (h) return Size{*h * natural.width / natural.height, *h};
    return std::nullopt;
}

Size figure_size(const doc::Inline& image, const Picture& picture, Pt width, Pt height, double max_share,
                 DiagnosticSink& sink) {
    const std::optional<Size> asked = requested_size(image, picture.natural, {width, height}, sink);
    const Size want = asked.value_or(picture.natural);
    if (!asked) width *= std::clamp(max_share, 0.0, 1.0);
    const double scale = std::min({1.0, width / want.width, height / want.height});
    return {want.width * scale, want.height * scale};
}

bool check_alt_text(const doc::Inline& image, bool require, DiagnosticSink& sink) {
    if (!require || !doc::plain_text(image.children).empty()) return false;
    // An error, not a warning: a file that declares PDF/UA-1 must meet it (Matterhorn 13-004).
    sink.error("image.alt", image.location,
               "picture '" + image.url + "' has no alt text; PDF/UA-1 needs one (write it between the brackets)");
    return true;
}

std::vector<Fragment> figure_fragments(const doc::Inline& image, const Picture* picture, const FigurePlace& place,
                                       const style::Style& style, InlineText& setter) {
    const style::TextStyle& cs = style.caption;
    // The caption: the title, else the alt text; a missing picture shows its alt text in the
    // frame, so only a title is a caption then.
    std::vector<doc::Inline> caption_inlines;
    if (!image.title.empty())
        caption_inlines.push_back({.kind = doc::InlineKind::Text, .text = image.title, .location = image.location});
    else if (picture)
        caption_inlines = image.children;
    Structure& st = setter.structure();
    if (picture && place.parent != 0) check_alt_text(image, setter.require_alt_text(), setter.sink());
    const std::uint32_t figure = st.open(picture ? frame::StructType::Figure : frame::StructType::Div, place.parent);
    if (frame::StructElement* e = picture ? st.element(figure) : nullptr) e->alt = doc::plain_text(image.children);
    const frame::Tag picture_tag = picture ? st.content(figure) : st.leaf(frame::StructType::P, figure);
    const frame::Tag caption_tag =
        caption_inlines.empty() ? frame::Tag{} : st.leaf(picture ? frame::StructType::Caption : frame::StructType::P, figure);
    std::vector<Fragment> caption = caption_fragments(std::move(caption_inlines), style.figure_label, place.number,
                                                      place.left, place.width, true, style, setter, caption_tag);
    if (!caption.empty()) caption.front().space_before = style.figure_caption_gap;
    Pt caption_height = caption.empty() ? 0 : style.figure_caption_gap;
    for (const Fragment& f : caption) caption_height += f.height;

    std::vector<Fragment> out;
    if (picture) {
        const Pt room = std::max<Pt>(place.max_height - caption_height, place.max_height / 2);
        const Size size = figure_size(image, *picture, place.width, room, style.figure_max_width, setter.sink());
        const Pt w = size.width, h = size.height;
        Fragment f;
        f.height = h;
        const bool left = image.attributes && image.attributes->has_class("left");
        const bool right = image.attributes && image.attributes->has_class("right");
        const Pt x = left ? place.left : right ? place.left + place.width - w : place.left + (place.width - w) / 2;
        const Rect rect{x, -h, w, h};
        f.items.push_back(frame::Image{rect, picture->data, picture_tag});
        if (!place.link.link_uri.empty() || !place.link.link_dest.empty())
            f.items.push_back(frame::LinkArea{rect, place.link.link_uri, place.link.link_dest, place.link.link_tag,
                                              place.link.link_text});
        out.push_back(std::move(f));
    } else {
        // The alt text (or, without one, the file name) in a framed box as wide as it needs.
        const Pt pad = cs.size * 0.6;
        std::vector<doc::Inline> alt = image.children;
        if (doc::plain_text(alt).empty())
            alt = {{.kind = doc::InlineKind::Text, .text = image.url, .location = image.location}};
        SpanStyle s = span_of(cs);
        s.face_style.italic = true;
        s.tag = picture_tag;
        std::vector<SetLine> lines =
            setter.lines(setter.spans(alt, s, cs.leading), centred_lines(place.width - 2 * pad, cs.leading));
        Pt text_width = 0, text_height = 0;
        for (const SetLine& l : lines) text_width = std::max(text_width, l.width), text_height += l.height;
        const Pt box_width = text_width + 2 * pad;
        const Pt box_left = place.left + (place.width - box_width) / 2;
        Fragment f;
        f.height = text_height + 2 * pad;
        f.items.push_back(frame::Box{{box_left, -f.height, box_width, f.height}, std::nullopt, style.rule_color, 0.6});
        Pt y = -pad;
        for (SetLine& l : lines) {
            place_line(l, f, box_left + pad + (text_width - l.width) / 2, y);
            y -= l.height;
        }
        out.push_back(std::move(f));
    }
    if (image.attributes && !image.attributes->id.empty())
        out.front().items.insert(out.front().items.begin(), frame::Anchor{image.attributes->id, {place.left, 0}});
    out.front().floats = style.figure_float;
    out.front().keep_with_next = !caption.empty();
    for (Fragment& f : caption) out.push_back(std::move(f));
    out.back().keep_with_next = false;
    return out;
}

}  // namespace galley::layout
