// Vector pictures through the dlopen'ed module (module/abi.h).
#include "picture/vector.h"

#include <algorithm>
#include <string_view>

#include "base/module.h"
#include "picture/module/abi.h"

namespace galley::picture {

namespace {

std::string_view head(std::span<const std::uint8_t> bytes, std::size_t n) {
    return {reinterpret_cast<const char*>(bytes.data()), std::min(bytes.size(), n)};
}

void collect(void* context, std::uint32_t index, const char* body, std::size_t body_size, const std::uint32_t* refs,
             std::size_t ref_count, int stream, int compress, const char* data, std::size_t data_size) {
    auto& objects = *static_cast<std::vector<frame::PdfObject>*>(context);
    if (objects.size() <= index) objects.resize(index + 1);
    frame::PdfObject& o = objects[index];
    o.body.assign(body, body_size);
    for (std::size_t i = 0; i < ref_count; ++i) o.refs.emplace_back(refs[2 * i], refs[2 * i + 1]);
    o.stream = stream != 0;
    o.compress = compress != 0;
    if (o.stream) o.data.assign(data, data_size);
}

}  // namespace

bool looks_like_svg(std::span<const std::uint8_t> bytes) { return head(bytes, 4096).find("<svg") != std::string_view::npos; }

bool looks_like_pdf(std::span<const std::uint8_t> bytes) { return head(bytes, 1024).find("%PDF-") != std::string_view::npos; }

VectorReader::VectorReader(std::string module_path) : module_path_(std::move(module_path)) {}

VectorPicture VectorReader::read(std::span<const std::uint8_t> bytes, bool svg, int page) {
    VectorPicture out;
    if (!tried_) {
        module_ = load_module<GalleyPictureModule>(module_path_, GALLEY_PICTURE_ENTRY, GALLEY_PICTURE_ABI, "picture", load_error_);
        tried_ = true;
    }
    if (!module_) {
        out.problem = "cannot be drawn: the picture module is not available (" + load_error_ + ")";
        return out;
    }
    char problem[512] = {};
    double box[4] = {};
    if (!module_->read(bytes.data(), bytes.size(), svg ? 1 : 0, page, box, collect, &out.objects, problem, sizeof problem)) {
        out.problem = problem;
        out.objects.clear();
        return out;
    }
    out.box = {box[0], box[1], box[2], box[3]};
    return out;
}

}  // namespace galley::picture
