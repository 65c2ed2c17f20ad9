// PDF pages as pictures: libqpdf opens the file (cairo's output for an SVG), checks and measures
// a page, and hands it over as a Form XObject with the objects it reaches; the module's entry.
#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFMatrix.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "picture/module/abi.h"
#include "picture/module/module.h"

namespace galley::picture::module {

namespace {

/// The largest side a page may have, in points (PDF's 14,400 units times a generous UserUnit).
constexpr double kMaxSidePt = 100'000;

struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

/// The most bytes a page's content streams may decode to: a small file can inflate to
/// gigabytes (a Flate bomb), and the joined content is held in memory once.
constexpr std::size_t kMaxContentBytes = 64u << 20;

/// Collects a stream's decoded bytes, refusing more than kMaxContentBytes.
class CappedBuffer : public Pipeline {
public:
    CappedBuffer() : Pipeline("content", nullptr) {}
    void write(unsigned char const* data, size_t len) override {
        if (len > kMaxContentBytes - bytes.size()) {
            over = true;  // qpdf catches what its pipelines throw
            throw std::runtime_error("over the limit");
        }
        bytes.append(reinterpret_cast<const char*>(data), len);
    }
    void finish() override {}
    std::string bytes;
    bool over = false;
};

/// An open file and the Form XObject that draws one of its pages.
struct OpenPage {
    std::unique_ptr<QPDF> qpdf;
    QPDFObjectHandle page;
    QPDFObjectHandle form;  // its dict is used; its content is read from the page's streams
    Box box;
    std::string problem;
};

/// The form's /BBox through its /Matrix (8.10.1): where the page lands in the space it is drawn in.
Box box_of(QPDFObjectHandle form) {
    QPDFObjectHandle dict = form.getDict();
    QPDFObjectHandle::Rectangle r = dict.getKey("/BBox").getArrayAsRectangle();
    if (dict.getKey("/Matrix").isMatrix()) r = QPDFMatrix(dict.getKey("/Matrix").getArrayAsMatrix()).transformRectangle(r);
    return {r.llx, r.lly, r.urx - r.llx, r.ury - r.lly};
}

/// Opens `pdf` (which must outlive the result: qpdf reads it in place) at page `page`.
/// qpdf's exceptions (a file it cannot read) pass to the caller.
OpenPage open_page(std::string_view pdf, int page) {
    OpenPage o;
    o.qpdf = std::make_unique<QPDF>();
    o.qpdf->setSuppressWarnings(true);  // damage qpdf repairs is not the reader's concern
    o.qpdf->processMemoryFile("picture", pdf.data(), pdf.size());
    if (o.qpdf->isEncrypted()) {
        o.problem = "is an encrypted PDF";
        return o;
    }
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(*o.qpdf).getAllPages();
    if (page < 1 || static_cast<std::size_t>(page) > pages.size()) {
        o.problem = pages.empty() ? "is a PDF without pages"
                                  : "has " + std::to_string(pages.size()) + (pages.size() == 1 ? " page" : " pages") +
                                        ", not a page " + std::to_string(page);
        return o;
    }
    o.page = pages[static_cast<std::size_t>(page - 1)].getObjectHandle();
    o.form = pages[static_cast<std::size_t>(page - 1)].getFormXObjectForPage(true);
    o.box = box_of(o.form);
    const Box& b = o.box;
    if (!(std::isfinite(b.x + b.y) && b.width >= 0.01 && b.height >= 0.01 && b.width <= kMaxSidePt &&
          b.height <= kMaxSidePt))
        o.problem = "has a page of a size galley cannot place";
    return o;
}

/// Hands the form and every object it reaches to `emit`, numbered from 0 (the form) in the
/// order they are found, each indirect object once.
class Copier {
public:
    Copier(GalleyPictureEmit emit, void* context) : emit_(emit), context_(context) {}

    void copy(QPDFObjectHandle page, QPDFObjectHandle form) {
        numbers_[form.getObjGen()] = 0;
        Text entries;
        put_entries(form.getDict(), entries, {"/Length", "/Filter", "/DecodeParms"});
        // The page's content streams decoded and joined (as qpdf's form would, but capped, and
        // streamed into one buffer): galley compresses them again as one stream.
        QPDFObjectHandle contents = page.getKey("/Contents");
        std::vector<QPDFObjectHandle> streams =
            contents.isArray() ? contents.getArrayAsVector() : std::vector<QPDFObjectHandle>{contents};
        CappedBuffer content;
        for (QPDFObjectHandle stream : streams) {
            if (!stream.isStream()) continue;
            if (!stream.pipeStreamData(&content, 0, qpdf_dl_generalized))
                throw std::runtime_error(content.over ? "its page content decodes to more than 64 MB"
                                                      : "its page content cannot be decoded");
            content.write(reinterpret_cast<const unsigned char*>("\n"), 1);
        }
        give(0, entries, true, true, content.bytes);
        for (std::size_t next = 0; next < queue_.size(); ++next) {
            QPDFObjectHandle oh = queue_[next];
            Text body;
            if (oh.isStream()) {
                put_entries(oh.getDict(), body, {"/Length"});
                const std::shared_ptr<Buffer> raw = oh.getRawStreamData();
                give(next + 1, body, true, false,
                     {reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()});
            } else {
                put(oh, body, true);
                give(next + 1, body, false, false, {});
            }
        }
    }

private:
    /// An object's text and the places of its references (offset, object index).
    struct Text {
        std::string s;
        std::vector<std::uint32_t> refs;
    };

    void give(std::size_t index, const Text& t, bool stream, bool compress, std::string_view data) {
        emit_(context_, static_cast<std::uint32_t>(index), t.s.data(), t.s.size(), t.refs.data(), t.refs.size() / 2,
              stream ? 1 : 0, compress ? 1 : 0, data.data(), data.size());
    }

    std::uint32_t number_for(QPDFObjectHandle oh) {
        auto [it, inserted] = numbers_.try_emplace(oh.getObjGen(), 0);
        if (inserted) {
            queue_.push_back(oh);
            it->second = static_cast<std::uint32_t>(queue_.size());
        }
        return it->second;
    }

    void put(QPDFObjectHandle oh, Text& t, bool top) {
        if (!top && oh.isIndirect()) {
            t.refs.push_back(static_cast<std::uint32_t>(t.s.size()));
            t.refs.push_back(number_for(oh));
            return;
        }
        switch (oh.getTypeCode()) {
            case ::ot_array:
                t.s += '[';
                for (QPDFObjectHandle item : oh.aitems()) {
                    put(item, t, false);
                    t.s += ' ';
                }
                t.s += ']';
                break;
            case ::ot_dictionary:
                t.s += "<<";
                put_entries(oh, t, {});
                t.s += ">>";
                break;
            case ::ot_boolean:
            case ::ot_integer:
            case ::ot_real:
            case ::ot_name:
            case ::ot_string: t.s += oh.unparse(); break;
            default: t.s += "null"; break;  // null; a direct stream or an operator cannot stand here
        }
    }

    void put_entries(QPDFObjectHandle dict, Text& t, std::initializer_list<std::string_view> skip) {
        for (auto [key, value] : dict.ditems()) {
            // /Parent leads back into the source's page tree, which the picture does not need.
            if (key == "/Parent" || value.isNull() || std::find(skip.begin(), skip.end(), key) != skip.end()) continue;
            t.s += QPDFObjectHandle::newName(key).unparse();
            t.s += ' ';
            put(value, t, false);
            t.s += ' ';
        }
    }

    GalleyPictureEmit emit_;
    void* context_;
    std::map<QPDFObjGen, std::uint32_t> numbers_;
    std::vector<QPDFObjectHandle> queue_;  // object i + 1
};

int fail(const std::string& why, char* problem, std::size_t problem_size) {
    if (problem_size > 0) {
        const std::size_t n = std::min(why.size(), problem_size - 1);
        std::memcpy(problem, why.data(), n);
        problem[n] = '\0';
    }
    return 0;
}

int read(const std::uint8_t* data, std::size_t size, int svg, int page, double box[4], GalleyPictureEmit emit,
         void* context, char* problem, std::size_t problem_size) {
    std::vector<std::uint8_t> drawn;
    std::string_view pdf(reinterpret_cast<const char*>(data), size);
    if (svg) {
        if (std::string why = svg_to_pdf(pdf, drawn); !why.empty()) return fail(why, problem, problem_size);
        pdf = {reinterpret_cast<const char*>(drawn.data()), drawn.size()};
        page = 1;
    }
    try {
        OpenPage o = open_page(pdf, page);
        if (!o.problem.empty()) return fail(o.problem, problem, problem_size);
        Copier(emit, context).copy(o.page, o.form);
        box[0] = o.box.x, box[1] = o.box.y, box[2] = o.box.width, box[3] = o.box.height;
        return 1;
    } catch (const std::exception& e) {
        const auto* qpdf = dynamic_cast<const QPDFExc*>(&e);
        if (qpdf && qpdf->getErrorCode() == qpdf_e_password)
            return fail("is an encrypted PDF (it needs a password)", problem, problem_size);
        return fail(std::string(svg ? "could not be read back from cairo (" : "is not a readable PDF (") + e.what() + ")",
                    problem, problem_size);
    }
}

constexpr GalleyPictureModule kModule{GALLEY_PICTURE_ABI, read};

}  // namespace

}  // namespace galley::picture::module

extern "C" __attribute__((visibility("default"))) const GalleyPictureModule* galley_picture_module_v1() {
    return &galley::picture::module::kModule;
}
