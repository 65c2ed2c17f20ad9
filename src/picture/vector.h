// Vector pictures: an SVG drawing (drawn by librsvg onto a cairo PDF surface) or a page of a PDF
// file (read by libqpdf) as the PDF objects of a Form XObject, which the writer copies into the
// document. No rasterising: paths stay paths, text stays text where librsvg keeps it. The
// libraries live in a module (module/, picture-vector.so) that a worker process
// (picture-worker, worker.h) loads, started on the first such picture, so that documents
// without one load none of them, and a drawing that would take those libraries minutes, gigabytes
// or a crash costs one picture's warning.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "frame/frame.h"

namespace galley::picture {

/// A vector picture, or why it cannot be used.
struct VectorPicture {
    /// Empty when usable; else what is wrong, in the words of a warning ("is an encrypted
    /// PDF", "has 2 pages, not a page 5", "is not a readable SVG drawing (...)").
    std::string problem;
    std::vector<frame::PdfObject> objects;  // [0] is the Form XObject
    /// The page's box in the space the form draws into, in points (its /BBox through its
    /// /Matrix, so /Rotate and /UserUnit are applied): the picture's natural size.
    Rect box;
};

/// Whether `bytes` look like an SVG drawing: an `<svg` tag within the first 4 KB.
bool looks_like_svg(std::span<const std::uint8_t> bytes);
/// Whether `bytes` look like a PDF file: `%PDF-` within the first 1 KB (PDF 32000-1, 7.5.2;
/// readers allow junk before it).
bool looks_like_pdf(std::span<const std::uint8_t> bytes);

/// What one picture may cost the worker that draws it.
struct WorkerLimits {
    /// CPU time per picture, in seconds: the kernel stops the worker past it (RLIMIT_CPU).
    unsigned cpu_seconds = 10;
    /// The worker's address space, in MiB (RLIMIT_AS); 0 for none (sanitizer builds, whose
    /// shadow memory needs terabytes of addresses).
    unsigned memory_mb = 2048;
    /// After this many pictures stopped by the time limits, a reader draws no more (a document
    /// of slow drawings would otherwise take that limit times their number).
    unsigned slow_pictures = 3;
};

/// The limits galley uses: WorkerLimits' defaults, with no memory limit under a sanitizer.
WorkerLimits default_worker_limits();

/// Reads vector pictures through the module at the path it is given, in a worker process
/// (`picture-worker`, found beside the module) started on the first read and kept for the
/// reader's life. A worker stopped by its limits or by a crash is started again for the next
/// picture.
class VectorReader {
public:
    explicit VectorReader(std::string module_path, WorkerLimits limits = default_worker_limits());
    ~VectorReader();
    VectorReader(const VectorReader&) = delete;
    VectorReader& operator=(const VectorReader&) = delete;

    /// An SVG drawing (`svg`), or page `page` (1-based) of a PDF file. An SVG's size is its
    /// width and height in absolute units, px at 96 per inch; else its viewBox in px; else
    /// 300 x 150 px (HTML's default). Files it refers to are not read (the core does no I/O):
    /// a raster inside must be a data: URL. Its text is set by librsvg through Pango with the
    /// installed fonts. A PDF that is encrypted, damaged beyond qpdf's repair, or lacks the
    /// page is refused; so is any picture when the module cannot be loaded, and one that takes
    /// more than the limits to draw.
    VectorPicture read(std::span<const std::uint8_t> bytes, bool svg, int page);

private:
    bool start(std::string& problem);
    /// Stops the worker, and says why it stopped when it was not asked to.
    std::string stop(bool timed_out);

    std::string module_path_;
    WorkerLimits limits_;
    int pid_ = -1;
    int socket_ = -1;
    unsigned slow_ = 0;  // pictures stopped by the time limits so far
};

}  // namespace galley::picture
