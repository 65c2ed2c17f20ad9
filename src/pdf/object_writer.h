// The PDF file layer: numbered objects written to a byte sink as they are made, small ones
// packed into compressed object streams, and a cross-reference stream at the end (PDF 32000-1,
// 7.5.7 and 7.5.8; PDF 1.5 and later). Nothing of a written object stays in memory but its
// place in the cross-reference table, so a document of any length is written in constant
// memory. Private to pdf/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct libdeflate_compressor;
struct md5_ctx;

namespace galley::pdf {

/// Receives the file's bytes in order, in chunks; returns false when they cannot be written.
using ByteSink = std::function<bool(std::string_view)>;

/// An indirect object's number (7.3.10); 0 means none. Generation numbers are always 0.
using ObjRef = std::uint32_t;

/// Compression levels (libdeflate's, 1-12): content streams (glyph codes and small numbers)
/// lose little at level 1, the fastest; object streams, fonts and pictures are small or
/// written once, so they get level 6.
constexpr int kContentLevel = 1;
constexpr int kDefaultLevel = 6;

/// Flate (zlib format, as /FlateDecode expects) through libdeflate, which compresses a whole
/// buffer at once, as every stream here is: about twice as fast as zlib at the same level, and
/// a little smaller. One compressor per level, kept between streams.
class Deflater {
public:
    explicit Deflater(int level);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;
    /// Compresses `in`; the result stays valid until the next call. Null data on failure.
    std::string_view deflate_all(std::string_view in);

private:
    libdeflate_compressor* compressor_ = nullptr;  // null when it could not be made
    // Output space, grown as needed and never cleared: a std::string would zero-fill it anew
    // for every stream.
    std::unique_ptr<char[]> out_;
    std::size_t capacity_ = 0;
};

class ObjectWriter {
public:
    /// Writes the header (%PDF-1.7 and a binary comment line, 7.5.2) to `sink`.
    explicit ObjectWriter(ByteSink sink);
    ~ObjectWriter();
    ObjectWriter(const ObjectWriter&) = delete;
    ObjectWriter& operator=(const ObjectWriter&) = delete;

    /// A new object number, for an object written later (forward references).
    ObjRef reserve();

    /// Writes object `ref` whose text is `body` (a dict, array or other direct object, without
    /// "obj"/"endobj") into the current object stream.
    bool object(ObjRef ref, std::string_view body);
    /// Writes stream object `ref` at once: `entries` are its dict's entries other than /Length
    /// ("/Type /XObject /Filter /DCTDecode ..."); `data` is written as it is.
    bool stream(ObjRef ref, std::string_view entries, std::string_view data);
    /// Like stream(), `data` compressed with Flate at `level` (and /Filter /FlateDecode added).
    bool flate_stream(ObjRef ref, std::string_view entries, std::string_view data, int level = kDefaultLevel);

    /// Flushes the last object stream and writes the cross-reference stream, whose dict is also
    /// the trailer: /Root `root`, /Info `info` (0: none) and the /ID (14.4), both halves the MD5
    /// of every byte before it, so that the same objects give the same file. Every reserved
    /// object must have been written. The writer takes no more objects.
    bool finish(ObjRef root, ObjRef info);

    /// Bytes given to the sink so far (with what is still buffered).
    std::uint64_t offset() const { return flushed_ + buffer_.size(); }
    /// The first failure (a sink that refused bytes, zlib, an object never written); empty when none.
    const std::string& failure() const { return error_; }

private:
    /// A cross-reference entry (7.5.8.3): type 1 at a byte offset, type 2 inside an object
    /// stream; type 0 while reserved and not yet written.
    struct Entry {
        std::uint64_t offset_or_stream = 0;
        std::uint32_t index = 0;
        std::uint8_t type = 0;
    };

    void put(std::string_view bytes);
    bool flush_buffer();
    bool flush_object_stream();
    void begin_indirect(ObjRef ref);
    bool fail(std::string what);
    bool check_ref(ObjRef ref);

    ByteSink sink_;
    std::string buffer_;
    std::uint64_t flushed_ = 0;
    std::vector<Entry> entries_{Entry{}};  // index = object number; object 0 is the free head
    // The object stream being filled: its members' numbers and offsets, and their text.
    std::vector<ObjRef> packed_;
    std::string packed_offsets_;
    std::string packed_bodies_;
    Deflater content_deflater_{kContentLevel};
    Deflater default_deflater_{kDefaultLevel};
    std::unique_ptr<md5_ctx> md5_;  // of the bytes written, for the /ID
    std::string error_;
    bool finished_ = false;
};

}  // namespace galley::pdf
