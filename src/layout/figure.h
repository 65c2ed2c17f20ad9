// Pictures in the layout: finding and reading their files, their size on the page, and figures
// (a paragraph holding only a picture) with their captions or the framed alt text that stands
// in for a picture that cannot be shown. Pictures inside lines are the inline stage's
// (inlines::InlinePicture).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "doc/document.h"
#include "frame/frame.h"
#include "layout/image_file.h"
#include "layout/layout.h"
#include "picture/vector.h"
#include "style/style.h"

namespace galley::layout {

class InlineText;

/// A picture ready to place: the file, shared by every place that shows it, and its natural
/// size in points.
struct Picture {
    std::shared_ptr<const frame::ImageData> data;
    Size natural;
};

/// The size a picture has when nothing constrains it, in points: its pixels at the resolution
/// the file stores, but never coarser than 150 pixels per inch (a 72 dpi photo is not blown up
/// past print quality); a file that stores no resolution is a screen picture, 96 pixels per
/// inch (CSS's px).
Size natural_size(const ImageFileInfo& info);

/// The most pixels of distinct PNG pictures in one document (the writer decodes each once,
/// at up to 4 bytes a pixel, and compresses the pixels again): 1,000 megapixels, about 5 s.
inline constexpr std::uint64_t kMaxDecodedPixels = 1'000'000'000;

/// The pictures a document refers to, each path read once and each distinct file (by its
/// bytes) kept once, however many spellings of its path the document uses.
class PictureLibrary {
public:
    /// Relative picture paths are looked for in `base_dir`, then in each of `resource_dirs`.
    /// `vectors` reads SVG and PDF pictures (null: they are refused).
    PictureLibrary(const FileLoader& load_file, std::string base_dir, std::vector<std::string> resource_dirs,
                   picture::VectorReader* vectors, DiagnosticSink& sink);

    /// The picture of an image inline, or nullptr after a warning that names the path and the
    /// source line: a remote URL (never fetched), a file that is missing or unreadable, or one
    /// that is not a PNG, JPEG, SVG or PDF galley can place. `file.pdf#page=N` names a page.
    const Picture* find(const doc::Inline& image);

private:
    enum class Problem { Missing, Unsupported, Budget };
    struct Entry {
        std::unique_ptr<Picture> picture;  // null: cannot be shown
        Problem kind = Problem::Unsupported;
        std::string problem;
    };
    Entry load(const std::string& path, int page);
    /// An SVG drawing or a page of a PDF file, whose bytes hash to `hash`.
    Entry load_vector(Bytes bytes, std::size_t hash, const std::string& path, int page);

    const FileLoader& load_file_;
    std::string base_dir_;
    std::vector<std::string> resource_dirs_;
    picture::VectorReader* vectors_;
    DiagnosticSink& sink_;
    std::map<std::string, Entry> by_path_;
    /// A picture read before and the file it came from (a vector picture's; empty where the
    /// picture holds the file's own bytes).
    struct Known {
        Bytes own_source;
        Picture picture;
        const Bytes& source() const { return own_source.empty() ? picture.data->bytes : own_source; }
    };
    std::unordered_multimap<std::size_t, Known> by_content_;  // by a hash of the file's bytes
    std::uint64_t decoded_pixels_ = 0;  // of the distinct PNGs so far
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> warned_;  // line, column, URL
};

/// The size an image's `width` and `height` attributes ask for, in points: each a percentage
/// of `room` (its width for width, its height for height), a length in cm, mm, in, pt, pc or
/// px, or a bare number of px (as HTML's attributes); one side alone keeps the aspect ratio of
/// `natural`. Nothing when neither is given; a value that is no length is warned about
/// (`image.size`) and ignored.
std::optional<Size> requested_size(const doc::Inline& image, Size natural, Size room, DiagnosticSink& sink);

/// The size a figure's picture is set at in a column of `width` with `height` to spare: the
/// requested size, else the natural size within `max_share` of the column; scaled down
/// (keeping its proportions) until it fits the column and the height, never up.
Size figure_size(const doc::Inline& image, const Picture& picture, Pt width, Pt height, double max_share,
                 DiagnosticSink& sink);

/// The rule of PDF/UA-1 7.3 for pictures: with `require` (--pdf-standard ua-1), a picture
/// shown without alt text is warned about (image.alt), naming its path. Returns whether it warned.
bool check_alt_text(const doc::Inline& image, bool require, DiagnosticSink& sink);

/// Where a figure goes and what it may link to.
struct FigurePlace {
    Pt left = 0;        // the column, page space
    Pt width = 0;
    Pt max_height = 0;  // the page's text height: a figure never needs more
    SpanStyle link;     // link_uri or link_dest of a picture inside a link, else empty
    /// Counts numbered captions ("Figure N."); null when captions are not numbered.
    int* number = nullptr;
    /// The structure element the figure goes into (0: untagged, or decoration such as a logo).
    std::uint32_t parent = 0;
};

/// A caption's lines in the column [left, left + width], centred or (`centre` false) from its
/// start, in the caption style, each kept with what follows; `label` and the next `*number`
/// before it ("Table 2.") when `number` is set. Nothing for an empty caption.
/// The caption's text is tagged `tag`.
std::vector<Fragment> caption_fragments(std::vector<doc::Inline> caption, const std::string& label, int* number,
                                        Pt left, Pt width, bool centre, const style::Style& style,
                                        InlineText& setter, const frame::Tag& tag = {});

/// The fragments of a figure: the picture at figure_size() in the column (centred, or flush
/// with a `.left` or `.right` class), anchored at its `{#id}`, with the caption on its page;
/// or, when `picture` is null, the alt text in a framed box. The caption (the image title, else its alt text; never the alt text twice) is
/// centred below and kept on the picture's page. Tagged Figure (its alt text as /Alt) with a
/// Caption inside; a missing picture's alt text and title are paragraphs.
std::vector<Fragment> figure_fragments(const doc::Inline& image, const Picture* picture, const FigurePlace& place,
                                       const style::Style& style, InlineText& setter);

}  // namespace galley::layout
