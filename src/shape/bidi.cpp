// UAX #9 through ICU's ubidi: ICU works in UTF-16, so the paragraph keeps its text in UTF-16
// with maps between UTF-16 units and UTF-8 bytes.
#include "shape/bidi.h"

#include <unicode/ubidi.h>
#include <unicode/utf16.h>

#include <numeric>
#include <string>

#include "base/utf8.h"

namespace galley::shape {

struct BidiParagraph::Impl {
    std::u16string text;
    std::vector<std::size_t> byte_of;   // UTF-16 index -> byte offset; one past the end too
    std::vector<std::int32_t> unit_of;  // byte offset -> UTF-16 index of its character's start
    UBiDi* paragraph = nullptr;
    const UBiDiLevel* levels = nullptr;  // per UTF-16 unit, owned by `paragraph`
    bool all_ltr = true;

    ~Impl() {
        if (paragraph) ubidi_close(paragraph);
    }
};

BidiParagraph::BidiParagraph(std::string_view text, ParagraphDirection direction)
    : impl_(std::make_unique<Impl>()) {
    Impl& im = *impl_;
    im.unit_of.assign(text.size() + 1, 0);
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(text, pos);
        const auto unit = static_cast<std::int32_t>(im.text.size());
        for (std::size_t b = start; b < pos; ++b) im.unit_of[b] = unit;
        if (U_IS_SUPPLEMENTARY(cp)) {
            im.text += static_cast<char16_t>(U16_LEAD(cp));
            im.text += static_cast<char16_t>(U16_TRAIL(cp));
            im.byte_of.push_back(start);
        } else {
            im.text += static_cast<char16_t>(cp);
        }
        im.byte_of.push_back(start);
    }
    im.unit_of[text.size()] = static_cast<std::int32_t>(im.text.size());
    im.byte_of.push_back(text.size());

    const UBiDiLevel level = direction == ParagraphDirection::LeftToRight   ? 0
                             : direction == ParagraphDirection::RightToLeft ? 1
                                                                            : UBIDI_DEFAULT_LTR;
    UErrorCode err = U_ZERO_ERROR;
    im.paragraph = ubidi_openSized(static_cast<std::int32_t>(im.text.size()), 0, &err);
    // ICU keeps a pointer to the text: it lives in Impl, which never moves.
    ubidi_setPara(im.paragraph, im.text.data(), static_cast<std::int32_t>(im.text.size()), level, nullptr, &err);
    if (U_SUCCESS(err)) im.levels = ubidi_getLevels(im.paragraph, &err);
    if (U_FAILURE(err)) im.levels = nullptr;  // only on allocation failure: all left-to-right
    if (im.levels)
        for (std::size_t i = 0; i < im.text.size() && im.all_ltr; ++i) im.all_ltr = im.levels[i] == 0;
}

BidiParagraph::~BidiParagraph() = default;
BidiParagraph::BidiParagraph(BidiParagraph&&) noexcept = default;
BidiParagraph& BidiParagraph::operator=(BidiParagraph&&) noexcept = default;

std::uint8_t BidiParagraph::base_level() const {
    return impl_->levels ? ubidi_getParaLevel(impl_->paragraph) & 1 : 0;
}

bool BidiParagraph::all_left_to_right() const { return impl_->all_ltr; }

std::uint8_t BidiParagraph::level_at(std::size_t offset) const {
    const Impl& im = *impl_;
    if (!im.levels || offset >= im.unit_of.size() - 1) return base_level();
    return im.levels[im.unit_of[offset]];
}

std::vector<BidiRun> BidiParagraph::logical_runs() const {
    const Impl& im = *impl_;
    std::vector<BidiRun> out;
    for (std::size_t i = 0; i < im.text.size();) {
        const std::uint8_t level = im.levels ? im.levels[i] : 0;
        std::size_t j = i + 1;
        while (j < im.text.size() && (im.levels ? im.levels[j] : 0) == level) ++j;
        out.push_back({im.byte_of[i], im.byte_of[j], level});
        i = j;
    }
    return out;
}

std::vector<BidiRun> BidiParagraph::visual_runs(std::size_t begin, std::size_t end) const {
    const Impl& im = *impl_;
    std::vector<BidiRun> out;
    end = std::min(end, im.unit_of.size() - 1);
    if (begin >= end) return out;
    const std::int32_t first = im.unit_of[begin];
    const std::int32_t limit = im.unit_of[end];
    if (!im.levels) {
        out.push_back({begin, end, 0});
        return out;
    }
    UErrorCode err = U_ZERO_ERROR;
    UBiDi* line = ubidi_openSized(limit - first, 0, &err);
    ubidi_setLine(im.paragraph, first, limit, line, &err);
    const std::int32_t runs = U_SUCCESS(err) ? ubidi_countRuns(line, &err) : 0;
    for (std::int32_t i = 0; U_SUCCESS(err) && i < runs; ++i) {
        std::int32_t start = 0;
        std::int32_t length = 0;
        ubidi_getVisualRun(line, i, &start, &length);
        // Levels after rule L1, which ubidi_setLine applies to the line's trailing whitespace.
        const UBiDiLevel level = ubidi_getLevelAt(line, start);
        out.push_back({im.byte_of[first + start], im.byte_of[first + start + length], level});
    }
    if (line) ubidi_close(line);
    if (U_FAILURE(err)) out = {{begin, end, base_level()}};
    return out;
}

std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels) {
    std::vector<std::int32_t> map(levels.size());
    std::iota(map.begin(), map.end(), 0);  // what stays if ICU refuses the levels
    if (!levels.empty())
        ubidi_reorderVisual(levels.data(), static_cast<std::int32_t>(levels.size()), map.data());
    return {map.begin(), map.end()};
}

}  // namespace galley::shape
