// Objects to bytes: object streams, stream objects, the cross-reference stream.
#include "pdf/object_writer.h"

#include <libdeflate.h>
#include <nettle/md5.h>

#include <algorithm>

#include "pdf/pdf_syntax.h"

namespace galley::pdf {

namespace {

/// An object stream holds at most this many objects, or about this many bytes of them: large
/// enough to compress well, small enough that a reader finds an object without inflating much.
constexpr std::size_t kPackedObjects = 200;
constexpr std::size_t kPackedBytes = 64 * 1024;
/// Bytes gathered before they go to the sink.
constexpr std::size_t kBufferBytes = 256 * 1024;

/// Appends `v` as `width` big-endian bytes (a cross-reference stream field).
void put_be(std::string& out, std::uint64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

Deflater::Deflater(int level) : compressor_(libdeflate_alloc_compressor(level)) {}

Deflater::~Deflater() {
    if (compressor_) libdeflate_free_compressor(compressor_);
}

std::string_view Deflater::deflate_all(std::string_view in) {
    if (!compressor_) return {};
    const std::size_t bound = libdeflate_zlib_compress_bound(compressor_, in.size());
    if (bound > capacity_) {
        capacity_ = std::max(bound, 2 * capacity_);
        out_ = std::make_unique_for_overwrite<char[]>(capacity_);
    }
    const std::size_t n = libdeflate_zlib_compress(compressor_, in.data(), in.size(), out_.get(), capacity_);
    if (n == 0) return {};
    return {out_.get(), n};
}

ObjectWriter::ObjectWriter(ByteSink sink) : sink_(std::move(sink)), md5_(std::make_unique<md5_ctx>()) {
    md5_init(md5_.get());
    buffer_.reserve(kBufferBytes + 4096);
    // The comment's bytes above 127 tell transfer programs that the file is binary (7.5.2).
    put("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
}

ObjectWriter::~ObjectWriter() = default;

ObjRef ObjectWriter::reserve() {
    entries_.push_back(Entry{});
    return static_cast<ObjRef>(entries_.size() - 1);
}

bool ObjectWriter::fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
    return false;
}

bool ObjectWriter::check_ref(ObjRef ref) {
    if (!error_.empty()) return false;
    if (finished_ || ref == 0 || ref >= entries_.size() || entries_[ref].type != 0)
        return fail("object " + std::to_string(ref) + " written twice, never reserved or after the end");
    return true;
}

void ObjectWriter::put(std::string_view bytes) {
    buffer_.append(bytes);
    if (buffer_.size() >= kBufferBytes) flush_buffer();
}

bool ObjectWriter::flush_buffer() {
    if (buffer_.empty() || !error_.empty()) return error_.empty();
    md5_update(md5_.get(), buffer_.size(), reinterpret_cast<const std::uint8_t*>(buffer_.data()));
    if (!sink_(buffer_)) return fail("the output cannot be written");
    flushed_ += buffer_.size();
    buffer_.clear();
    return true;
}

void ObjectWriter::begin_indirect(ObjRef ref) {
    entries_[ref] = {offset(), 0, 1};
    std::string head;
    put_int(head, ref);
    head += " 0 obj\n";
    put(head);
}

bool ObjectWriter::object(ObjRef ref, std::string_view body) {
    if (!check_ref(ref)) return false;
    entries_[ref] = {0, static_cast<std::uint32_t>(packed_.size()), 2};
    packed_.push_back(ref);
    put_int(packed_offsets_, ref);
    packed_offsets_ += ' ';
    put_int(packed_offsets_, static_cast<long long>(packed_bodies_.size()));
    packed_offsets_ += ' ';
    packed_bodies_.append(body);
    packed_bodies_ += '\n';
    if (packed_.size() >= kPackedObjects || packed_bodies_.size() >= kPackedBytes) return flush_object_stream();
    return true;
}

bool ObjectWriter::flush_object_stream() {
    if (packed_.empty()) return error_.empty();
    // Reserved after its members, so the stream's own number is only known now; members
    // point at it by that number (type 2 entries).
    entries_.push_back(Entry{});
    const ObjRef self = static_cast<ObjRef>(entries_.size() - 1);
    for (ObjRef member : packed_) entries_[member].offset_or_stream = self;
    packed_offsets_ += '\n';
    std::string entries = "/Type /ObjStm /N ";
    put_int(entries, static_cast<long long>(packed_.size()));
    entries += " /First ";
    put_int(entries, static_cast<long long>(packed_offsets_.size()));
    const std::string data = packed_offsets_ + packed_bodies_;
    packed_.clear();
    packed_offsets_.clear();
    packed_bodies_.clear();
    return flate_stream(self, entries, data);
}

bool ObjectWriter::stream(ObjRef ref, std::string_view entries, std::string_view data) {
    if (!check_ref(ref)) return false;
    begin_indirect(ref);
    std::string dict = "<<";
    dict.append(entries);
    dict += " /Length ";
    put_int(dict, static_cast<long long>(data.size()));
    dict += ">>\nstream\n";
    put(dict);
    put(data);
    put("\nendstream\nendobj\n");
    return error_.empty();
}

bool ObjectWriter::flate_stream(ObjRef ref, std::string_view entries, std::string_view data, int level) {
    Deflater& z = level == kContentLevel ? content_deflater_ : default_deflater_;
    const std::string_view compressed = z.deflate_all(data);
    if (compressed.data() == nullptr) return fail("compressing a stream (libdeflate)");
    std::string with_filter(entries);
    with_filter += " /Filter /FlateDecode";
    return stream(ref, with_filter, compressed);
}

bool ObjectWriter::finish(ObjRef root, ObjRef info) {
    if (!flush_object_stream() || !flush_buffer()) return false;
    for (std::size_t n = 1; n < entries_.size(); ++n)
        if (entries_[n].type == 0) return fail("object " + std::to_string(n) + " was reserved but never written");
    const ObjRef self = reserve();
    const std::uint64_t xref_offset = offset();
    entries_[self] = {xref_offset, 0, 1};
    // Field widths (7.5.8.2): type 1 byte, offset or stream number as wide as the largest
    // needs, index 2 bytes (an object stream holds at most kPackedObjects).
    int width = 1;
    for (std::uint64_t v = xref_offset; v > 0xFF; v >>= 8) ++width;
    std::string table;
    table.reserve(entries_.size() * static_cast<std::size_t>(width + 3));
    for (std::size_t n = 0; n < entries_.size(); ++n) {
        const Entry& e = entries_[n];
        // Object 0 is the head of the free list, generation 65535 (7.5.4).
        put_be(table, n == 0 ? 0 : e.type, 1);
        put_be(table, e.offset_or_stream, width);
        put_be(table, n == 0 ? 0xFFFF : e.index, 2);
    }
    std::string entries = "/Type /XRef /Size ";
    put_int(entries, static_cast<long long>(entries_.size()));
    entries += " /W [1 ";
    put_int(entries, width);
    entries += " 2] /Root ";
    put_int(entries, root);
    entries += " 0 R";
    if (info != 0) {
        entries += " /Info ";
        put_int(entries, info);
        entries += " 0 R";
    }
    std::uint8_t digest[MD5_DIGEST_SIZE];
    md5_digest(md5_.get(), sizeof digest, digest);
    std::string id;
    for (std::uint8_t b : digest) put_hex_byte(id, b);
    entries += " /ID [<" + id + "> <" + id + ">]";
    entries_[self].type = 0;  // stream() takes only unwritten objects
    if (!flate_stream(self, entries, table)) return false;
    std::string tail = "startxref\n";
    put_int(tail, static_cast<long long>(xref_offset));
    tail += "\n%%EOF\n";
    put(tail);
    finished_ = true;
    return flush_buffer();
}

}  // namespace galley::pdf
