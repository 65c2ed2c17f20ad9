// The output end of a render: pages to the PDF writer (or a frame dump) as pagination hands them
// on, on a thread of their own when the render may use two, and the bytes to the caller's
// OutputSink or to RenderResult::pdf.
#pragma once

#include <memory>
#include <vector>

#include "frame/frame.h"
#include "galley/diagnostic.h"
#include "galley/galley.h"

namespace galley::app {

/// Where the output goes: the caller's OutputSink, or a buffer (RenderResult::pdf).
class Output {
public:
    Output(OutputSink* sink, Bytes& buffer) : sink_(sink), buffer_(buffer) {}
    bool write(std::string_view bytes);
    /// Drops what was written: a render pass starts the output again.
    bool restart();
    std::uint64_t size() const { return size_; }

private:
    OutputSink* sink_;
    Bytes& buffer_;
    std::uint64_t size_ = 0;
};

/// One pass's pages to the output: a PDF written page by page, or a frame dump written at the
/// end. With `threaded`, pages are written on a second thread while the caller lays out the
/// next ones: the writer gets the same pages in the same order and makes the same bytes.
/// Diagnostics go to `sink`, which is touched only by the writing thread until finish().
class PageWriter {
public:
    PageWriter(RenderOptions::Output kind, Output& output, const frame::Info& info, DiagnosticSink& sink,
               bool threaded);
    ~PageWriter();
    PageWriter(const PageWriter&) = delete;
    PageWriter& operator=(const PageWriter&) = delete;

    /// Takes the next page; false once writing has failed (pagination then stops).
    bool add(frame::Page&& page);
    /// Writes what follows the pages (outline, structure tree and the rest); false when writing
    /// failed.
    bool finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace galley::app
