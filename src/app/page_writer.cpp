// Pages to bytes, on the caller's thread or a writer thread fed through a short queue.
#include "app/page_writer.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "framedump/framedump.h"
#include "pdf/pdf_writer.h"

namespace galley::app {

bool Output::write(std::string_view bytes) {
    size_ += bytes.size();
    if (sink_) return sink_->write(bytes);
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return true;
}

bool Output::restart() {
    size_ = 0;
    if (sink_) return sink_->restart();
    buffer_.clear();
    return true;
}

namespace {

/// Pages waiting for the writer thread. A few are enough to keep both threads busy; more would
/// only hold frames in memory.
constexpr std::size_t kQueuedPages = 4;

}  // namespace

struct PageWriter::Impl {
    Impl(RenderOptions::Output kind, Output& output, const frame::Info& info, DiagnosticSink& sink) : output(output) {
        if (kind == RenderOptions::Output::FrameDump) {
            dump.emplace();
            dump->info = info;
        } else {
            pdf.emplace([&output](std::string_view bytes) { return output.write(bytes); }, info, sink);
        }
    }

    /// Writes one page on the current thread.
    bool write(frame::Page&& page) {
        if (pdf) return pdf->add_page(page);
        dump->pages.push_back(std::move(page));
        return true;
    }

    /// The writer thread's loop: pages until the queue is closed and empty.
    void drain() {
        std::unique_lock lock(mutex);
        while (true) {
            changed.wait(lock, [&] { return !queue.empty() || closed; });
            if (queue.empty()) return;
            frame::Page page = std::move(queue.front());
            queue.pop_front();
            changed.notify_all();
            lock.unlock();
            bool ok = false;
            // An exception must not end the process from this thread: it fails the write, and
            // render() reports it like any other.
            try {
                ok = write(std::move(page));
            } catch (...) {
                ok = false;
            }
            lock.lock();
            if (!ok) failed = true;
        }
    }

    /// Closes the queue and waits for the writer thread.
    void join() {
        if (!thread.joinable()) return;
        {
            std::lock_guard lock(mutex);
            closed = true;
        }
        changed.notify_all();
        thread.join();
    }

    Output& output;
    std::optional<pdf::DocumentWriter> pdf;
    std::optional<frame::Document> dump;

    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<frame::Page> queue;
    bool closed = false;
    bool failed = false;
};

PageWriter::PageWriter(RenderOptions::Output kind, Output& output, const frame::Info& info, DiagnosticSink& sink,
                       bool threaded)
    : impl_(std::make_unique<Impl>(kind, output, info, sink)) {
    if (threaded) impl_->thread = std::thread([impl = impl_.get()] { impl->drain(); });
}

PageWriter::~PageWriter() { impl_->join(); }

bool PageWriter::add(frame::Page&& page) {
    Impl& w = *impl_;
    if (!w.thread.joinable()) return w.write(std::move(page));
    std::unique_lock lock(w.mutex);
    w.changed.wait(lock, [&] { return w.queue.size() < kQueuedPages || w.failed; });
    if (w.failed) return false;
    w.queue.push_back(std::move(page));
    w.changed.notify_all();
    return true;
}

bool PageWriter::finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure) {
    Impl& w = *impl_;
    w.join();
    if (w.failed) return false;
    if (w.pdf) return w.pdf->finish(outline, structure);
    w.dump->outline = outline;
    if (w.dump->info.tagged) w.dump->structure = structure;
    return w.output.write(framedump::write(*w.dump));
}

}  // namespace galley::app
