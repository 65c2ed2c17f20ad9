// Monospace cells from ICU's character properties (East Asian Width, general category,
// Default_Ignorable_Code_Point, Emoji), never from hand-written ranges, so they follow ICU's
// Unicode version.
#include "shape/cells.h"

#include <unicode/uchar.h>

#include "base/utf8.h"

namespace galley::shape {

int code_point_cells(char32_t c, char32_t before) {
    if (c >= 0x20 && c < 0x7F) return 1;
    const auto u = static_cast<UChar32>(c);
    if (c == 0xFE0F) {
        const auto b = static_cast<UChar32>(before);
        const bool narrow_emoji = before != 0 && u_hasBinaryProperty(b, UCHAR_EMOJI) &&
                                  u_getIntPropertyValue(b, UCHAR_EAST_ASIAN_WIDTH) != U_EA_WIDE && before > 0x7F;
        return narrow_emoji ? 1 : 0;
    }
    switch (u_charType(u)) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
        return 0;
    default:
        break;
    }
    if (u_hasBinaryProperty(u, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return 0;
    const auto width = u_getIntPropertyValue(u, UCHAR_EAST_ASIAN_WIDTH);
    return width == U_EA_WIDE || width == U_EA_FULLWIDTH ? 2 : 1;
}

int text_cells(std::string_view text) {
    int cells = 0;
    char32_t before = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::decode(text, pos);
        cells += code_point_cells(c, before);
        before = c;
    }
    return cells;
}

}  // namespace galley::shape
