// The picture worker's wire format. Vector pictures are drawn by librsvg, cairo and qpdf in a
// child process (worker_main.cpp, `picture-worker`) that runs under a CPU-time and a memory
// limit, so that a drawing those libraries take minutes or gigabytes to draw (an SVG path
// that crosses itself 60,000 times, a blur over a 20,000 px canvas), or one that makes them
// abort, costs galley one picture's warning, not a hang or a crash. Both ends are the same
// build on the same machine: numbers go in native byte order.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "frame/frame.h"

namespace galley::picture::wire {

/// Starts every request; a worker that reads anything else exits.
inline constexpr std::uint32_t kRequestMagic = 0x31575047;  // "GPW1"

/// What the worker is asked to draw: an SVG drawing or page `page` (1-based) of a PDF file,
/// whose `size` bytes follow the header.
struct RequestHeader {
    std::uint32_t magic = kRequestMagic;
    std::uint32_t svg = 0;
    std::int32_t page = 1;
    std::uint64_t size = 0;
};

/// A reply is its length (std::uint64_t) and then records: any number of objects, then one
/// result.
enum class Record : std::uint8_t { Object = 1, Result = 2 };

/// Appends plain values and byte strings to a reply or request.
class Encoder {
public:
    template <class T>
    void value(const T& v) {
        const auto* p = reinterpret_cast<const char*>(&v);
        bytes_.append(p, sizeof v);
    }
    void text(std::string_view s) {
        value(std::uint64_t{s.size()});
        bytes_.append(s);
    }
    void object(std::uint32_t index, const frame::PdfObject& o);
    void result(bool ok, const double box[4], std::string_view problem);
    std::string& bytes() { return bytes_; }

private:
    std::string bytes_;
};

/// Reads what an Encoder wrote; every read fails (returns false) past the end, so a reply cut
/// short by a dying worker is never misread.
class Decoder {
public:
    explicit Decoder(std::string_view bytes) : rest_(bytes) {}
    template <class T>
    bool value(T& v) {
        if (rest_.size() < sizeof v) return false;
        std::memcpy(&v, rest_.data(), sizeof v);
        rest_.remove_prefix(sizeof v);
        return true;
    }
    bool text(std::string& s, std::uint64_t limit);
    bool at_end() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

/// The outcome a reply carries: the objects and box of a drawn picture, or its problem.
struct Reply {
    bool complete = false;  // the Result record was read
    bool ok = false;
    double box[4] = {};
    std::string problem;
    std::vector<frame::PdfObject> objects;
};

/// Decodes a whole reply; `complete` is false when it is cut short or malformed.
Reply decode_reply(std::string_view bytes);

}  // namespace galley::picture::wire
