// Pictures: the library that reads them, figures with captions or framed alt text.
#include "layout/figure.h"

#include <algorithm>

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
    if (!entry.picture) {
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
    std::vector<Fragment> caption;
    if (!caption_inlines.empty()) {
        caption = centred(setter.lines(setter.spans(caption_inlines, span_of(cs), cs.leading),
                                       centred_lines(place.width, cs.leading)),
                          place.left, place.width);
        if (!caption.empty()) caption.front().space_before = style.figure_caption_gap;
    }
    Pt caption_height = caption.empty() ? 0 : style.figure_caption_gap;
    for (const Fragment& f : caption) caption_height += f.height;

    std::vector<Fragment> out;
    if (picture) {
        const Size n = picture->natural;
        const Pt room = std::max<Pt>(place.max_height - caption_height, place.max_height / 2);
        const double scale = std::min({1.0, place.width / n.width, room / n.height});
        const Pt w = n.width * scale, h = n.height * scale;
        Fragment f;
        f.height = h;
        const Rect rect{place.left + (place.width - w) / 2, -h, w, h};
        f.items.push_back(frame::Image{rect, picture->data});
        if (!place.link.link_uri.empty() || !place.link.link_dest.empty())
            f.items.push_back(frame::LinkArea{rect, place.link.link_uri, place.link.link_dest});
        out.push_back(std::move(f));
    } else {
        // The alt text (or, without one, the file name) in a framed box as wide as it needs.
        const Pt pad = cs.size * 0.6;
        std::vector<doc::Inline> alt = image.children;
        if (doc::plain_text(alt).empty())
            alt = {{.kind = doc::InlineKind::Text, .text = image.url, .location = image.location}};
        SpanStyle s = span_of(cs);
        s.face_style.italic = true;
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
    out.front().floats = style.figure_float;
    out.front().keep_with_next = !caption.empty();
    for (Fragment& f : caption) out.push_back(std::move(f));
    out.back().keep_with_next = false;
    return out;
}

}  // namespace galley::layout
