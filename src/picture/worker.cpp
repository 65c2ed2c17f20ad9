// The picture worker's wire format (worker.h).
#include "picture/worker.h"

namespace galley::picture::wire {

namespace {

/// No PDF object of a picture is near this; a larger length is a corrupt reply.
constexpr std::uint64_t kMaxPart = std::uint64_t{1} << 32;

}  // namespace

void Encoder::object(std::uint32_t index, const frame::PdfObject& o) {
    value(Record::Object);
    value(index);
    text(o.body);
    value(std::uint64_t{o.refs.size()});
    for (const auto& [offset, target] : o.refs) {
        value(std::uint64_t{offset});
        value(std::uint64_t{target});
    }
    value(std::uint8_t{o.stream});
    value(std::uint8_t{o.compress});
    text(o.data);
}

void Encoder::result(bool ok, const double box[4], std::string_view problem) {
    value(Record::Result);
    value(std::uint8_t{ok});
    for (int i = 0; i < 4; ++i) value(box[i]);
    text(problem);
}

bool Decoder::text(std::string& s, std::uint64_t limit) {
    std::uint64_t n = 0;
    if (!value(n) || n > limit || n > rest_.size()) return false;
    s.assign(rest_.data(), n);
    rest_.remove_prefix(n);
    return true;
}

namespace {

bool decode_object(Decoder& in, std::vector<frame::PdfObject>& objects) {
    std::uint32_t index = 0;
    std::uint64_t ref_count = 0;
    std::uint8_t stream = 0, compress = 0;
    frame::PdfObject o;
    if (!in.value(index) || !in.text(o.body, kMaxPart) || !in.value(ref_count) || ref_count > kMaxPart) return false;
    for (std::uint64_t i = 0; i < ref_count; ++i) {
        std::uint64_t offset = 0, target = 0;
        if (!in.value(offset) || !in.value(target)) return false;
        if (offset >= kMaxPart || target >= kMaxPart) return false;
        o.refs.emplace_back(static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(target));
    }
    if (!in.value(stream) || !in.value(compress) || !in.text(o.data, kMaxPart)) return false;
    o.stream = stream != 0;
    o.compress = compress != 0;
    if (index >= kMaxPart) return false;
    if (objects.size() <= index) objects.resize(index + 1);
    objects[index] = std::move(o);
    return true;
}

}  // namespace

Reply decode_reply(std::string_view bytes) {
    Reply reply;
    Decoder in(bytes);
    Record kind{};
    while (in.value(kind)) {
        if (kind == Record::Object) {
            if (!decode_object(in, reply.objects)) return {};
            continue;
        }
        std::uint8_t ok = 0;
        if (kind != Record::Result || !in.value(ok)) return {};
        for (double& b : reply.box)
            if (!in.value(b)) return {};
        if (!in.text(reply.problem, kMaxPart) || !in.at_end()) return {};
        reply.ok = ok != 0;
        reply.complete = true;
        return reply;
    }
    return {};
}

}  // namespace galley::picture::wire
