// A CFF table rewritten as a CID-keyed CFF (Adobe Technical Note #5176): the INDEXes and DICTs
// are parsed, charstrings, subroutines and private dicts kept byte for byte, and a new Top DICT,
// charset, FDSelect and FDArray written around them.
#include "pdf/cff.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace galley::pdf {

namespace {

// DICT operators (TN #5176, tables 9, 10 and 23); the two-byte operators 12 x are 1200 + x.
enum Op : int {
    kUniqueId = 13,
    kXuid = 14,
    kCharset = 15,
    kEncoding = 16,
    kCharStrings = 17,
    kPrivate = 18,
    kSubrs = 19,
    kSyntheticBase = 1220,
    kRos = 1230,
    kCidCount = 1234,
    kUidBase = 1235,
    kFdArray = 1236,
    kFdSelect = 1237,
};

/// The first string id after the 391 standard strings (TN #5176, appendix A).
constexpr std::size_t kFirstCustomSid = 391;

std::uint32_t read_uint(std::string_view data, std::size_t pos, unsigned size, bool& ok) {
    if (pos + size > data.size()) {
        ok = false;
        return 0;
    }
    std::uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) v = v << 8 | static_cast<unsigned char>(data[pos + i]);
    return v;
}

void put_uint(std::string& out, std::uint32_t v, unsigned size) {
    for (unsigned i = size; i-- > 0;) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

/// An INDEX (TN #5176, section 5): its byte range in the font and its items.
struct Index {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::string_view> items;
    std::string_view bytes(std::string_view data) const { return data.substr(begin, end - begin); }
};

std::optional<Index> read_index(std::string_view data, std::size_t pos) {
    bool ok = true;
    Index idx;
    idx.begin = pos;
    const std::uint32_t count = read_uint(data, pos, 2, ok);
    if (!ok) return std::nullopt;
    if (count == 0) {
        idx.end = pos + 2;
        return idx;
    }
    const unsigned off_size = read_uint(data, pos + 2, 1, ok);
    if (!ok || off_size < 1 || off_size > 4) return std::nullopt;
    const std::size_t offsets = pos + 3;
    // Offsets count from 1, relative to the byte before the data.
    const std::size_t base = offsets + std::size_t{count + 1} * off_size - 1;
    std::uint32_t prev = read_uint(data, offsets, off_size, ok);
    if (!ok || prev != 1) return std::nullopt;
    idx.items.reserve(count);
    for (std::uint32_t i = 1; i <= count; ++i) {
        const std::uint32_t off = read_uint(data, offsets + std::size_t{i} * off_size, off_size, ok);
        if (!ok || off < prev || base + off > data.size()) return std::nullopt;
        idx.items.push_back(data.substr(base + prev, off - prev));
        prev = off;
    }
    idx.end = base + prev;
    return idx;
}

void put_index(std::string& out, const std::vector<std::string_view>& items) {
    put_uint(out, static_cast<std::uint32_t>(items.size()), 2);
    if (items.empty()) return;
    std::size_t last = 1;
    for (std::string_view s : items) last += s.size();
    const unsigned off_size = last <= 0xFF ? 1 : last <= 0xFFFF ? 2 : last <= 0xFFFFFF ? 3 : 4;
    out += static_cast<char>(off_size);
    std::size_t off = 1;
    put_uint(out, 1, off_size);
    for (std::string_view s : items) put_uint(out, static_cast<std::uint32_t>(off += s.size()), off_size);
    for (std::string_view s : items) out += s;
}

/// One DICT entry: an operator and its operands as encoded in the font.
struct Entry {
    int op;
    std::string_view operands;
};

std::optional<std::vector<Entry>> read_dict(std::string_view dict) {
    std::vector<Entry> out;
    std::size_t start = 0;
    std::size_t pos = 0;
    while (pos < dict.size()) {
        const unsigned b = static_cast<unsigned char>(dict[pos]);
        if (b <= 21) {
            int op = static_cast<int>(b);
            std::size_t len = 1;
            if (b == 12) {
                if (pos + 1 >= dict.size()) return std::nullopt;
                op = 1200 + static_cast<unsigned char>(dict[pos + 1]);
                len = 2;
            }
            out.push_back({op, dict.substr(start, pos - start)});
            pos += len;
            start = pos;
        } else if (b == 28) {
            pos += 3;
        } else if (b == 29) {
            pos += 5;
        } else if (b == 30) {  // a real: nibbles up to an 0xF nibble
            for (++pos; pos < dict.size();) {
                const unsigned n = static_cast<unsigned char>(dict[pos++]);
                if ((n >> 4) == 0xF || (n & 0xF) == 0xF) break;
            }
        } else if (b >= 32 && b <= 246) {
            pos += 1;
        } else if (b >= 247 && b <= 254) {
            pos += 2;
        } else {
            return std::nullopt;  // reserved byte
        }
    }
    if (pos != dict.size() || start != dict.size()) return std::nullopt;
    return out;
}

/// The integer operands of an entry; nullopt if one is a real or the encoding is broken.
std::optional<std::vector<long>> int_operands(std::string_view ops) {
    std::vector<long> out;
    for (std::size_t pos = 0; pos < ops.size();) {
        const unsigned b = static_cast<unsigned char>(ops[pos]);
        const auto at = [&](std::size_t i) { return static_cast<unsigned char>(ops[pos + i]); };
        if (b >= 32 && b <= 246) {
            out.push_back(static_cast<long>(b) - 139);
            pos += 1;
        } else if (b >= 247 && b <= 254 && pos + 1 < ops.size()) {
            const long v = (static_cast<long>(b & 3) << 8) + at(1) + 108;
            out.push_back(b <= 250 ? v : -v);
            pos += 2;
        } else if (b == 28 && pos + 2 < ops.size()) {
            out.push_back(static_cast<std::int16_t>(at(1) << 8 | at(2)));
            pos += 3;
        } else if (b == 29 && pos + 4 < ops.size()) {
            out.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(at(1)) << 24 | at(2) << 16 |
                                                    at(3) << 8 | at(4)));
            pos += 5;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

const Entry* find(const std::vector<Entry>& dict, int op) {
    for (const Entry& e : dict)
        if (e.op == op) return &e;
    return nullptr;
}

/// The integer operands of `op` in `dict`, if it has exactly `count` of them.
std::optional<std::vector<long>> ints_of(const std::vector<Entry>& dict, int op, std::size_t count) {
    const Entry* e = find(dict, op);
    if (!e) return std::nullopt;
    auto v = int_operands(e->operands);
    if (!v || v->size() != count) return std::nullopt;
    return v;
}

void put_operator(std::string& out, int op) {
    if (op >= 1200) {
        out += '\x0C';
        out += static_cast<char>(op - 1200);
    } else {
        out += static_cast<char>(op);
    }
}

/// A five-byte integer operand: offsets are written at a fixed size, so a DICT's length does
/// not depend on where things land and the layout needs one pass.
void put_int5(std::string& out, long v) {
    out += '\x1D';
    put_uint(out, static_cast<std::uint32_t>(v), 4);
}

void put_small_int(std::string& out, int v) { out += static_cast<char>(v + 139); }  // -107..107

/// A Private DICT with its local subroutines: a byte range of the font starting at the dict,
/// copied whole so the Subrs offset (relative to the dict) stays valid.
struct PrivateBlock {
    std::string_view bytes;
    std::size_t dict_size = 0;
};

std::optional<PrivateBlock> read_private(std::string_view data, const std::vector<Entry>& dict) {
    auto p = ints_of(dict, kPrivate, 2);
    if (!p) return std::nullopt;
    const long size = (*p)[0];
    const long offset = (*p)[1];
    if (size < 0 || offset < 0 || static_cast<std::size_t>(offset + size) > data.size()) return std::nullopt;
    auto private_dict = read_dict(data.substr(offset, size));
    if (!private_dict) return std::nullopt;
    std::size_t end = offset + size;
    if (find(*private_dict, kSubrs)) {
        auto subrs = ints_of(*private_dict, kSubrs, 1);
        if (!subrs || (*subrs)[0] < size) return std::nullopt;
        auto idx = read_index(data, offset + (*subrs)[0]);
        if (!idx) return std::nullopt;
        end = std::max(end, idx->end);
    }
    return PrivateBlock{data.substr(offset, end - offset), static_cast<std::size_t>(size)};
}

/// Bytes of a CID-keyed font's FDSelect (formats 0 and 3; format 4 is CFF2's).
std::optional<std::string_view> read_fd_select(std::string_view data, std::size_t pos, std::size_t glyphs) {
    bool ok = true;
    const unsigned format = read_uint(data, pos, 1, ok);
    std::size_t size = 0;
    if (format == 0) {
        size = 1 + glyphs;
    } else if (format == 3) {
        size = 1 + 2 + 3 * std::size_t{read_uint(data, pos + 1, 2, ok)} + 2;
    } else {
        return std::nullopt;
    }
    if (!ok || pos + size > data.size()) return std::nullopt;
    return data.substr(pos, size);
}

/// A Font DICT of the FDArray: the entries kept from the source and its private block.
struct FontDict {
    std::string kept;  // encoded entries other than Private
    PrivateBlock priv;
};

std::string encode_font_dict(const FontDict& fd, std::size_t private_offset) {
    std::string out = fd.kept;
    put_int5(out, static_cast<long>(fd.priv.dict_size));
    put_int5(out, static_cast<long>(private_offset));
    put_operator(out, kPrivate);
    return out;
}

void keep_entry(std::string& out, const Entry& e) {
    out += e.operands;
    put_operator(out, e.op);
}

}  // namespace

std::string cid_keyed_cff(std::string_view cff, std::span<const std::uint16_t> cids, std::string_view font_name) {
    bool ok = true;
    const unsigned header_size = read_uint(cff, 2, 1, ok);
    if (!ok || read_uint(cff, 0, 1, ok) != 1) return {};
    auto names = read_index(cff, header_size);
    if (!names) return {};
    auto tops = read_index(cff, names->end);
    if (!tops || tops->items.empty()) return {};
    auto strings = read_index(cff, tops->end);
    if (!strings) return {};
    auto global_subrs = read_index(cff, strings->end);
    if (!global_subrs) return {};
    auto top = read_dict(tops->items[0]);
    if (!top) return {};

    auto charstrings_at = ints_of(*top, kCharStrings, 1);
    if (!charstrings_at) return {};
    auto charstrings = read_index(cff, (*charstrings_at)[0]);
    if (!charstrings || charstrings->items.size() != cids.size() || cids.empty() || cids[0] != 0) return {};
    const std::size_t glyphs = cids.size();

    // The font dicts and how glyphs select them: kept from a CID-keyed font; for a name-keyed
    // font one dict that carries its Private dict, selected by every glyph.
    const bool cid_keyed = find(*top, kRos) != nullptr;
    std::vector<FontDict> font_dicts;
    std::string fd_select;
    if (cid_keyed) {
        auto fd_array_at = ints_of(*top, kFdArray, 1);
        auto fd_select_at = ints_of(*top, kFdSelect, 1);
        if (!fd_array_at || !fd_select_at) return {};
        auto fd_array = read_index(cff, (*fd_array_at)[0]);
        auto select = read_fd_select(cff, (*fd_select_at)[0], glyphs);
        if (!fd_array || !select) return {};
        fd_select = *select;
        for (std::string_view bytes : fd_array->items) {
            auto dict = read_dict(bytes);
            if (!dict) return {};
            auto priv = read_private(cff, *dict);
            if (!priv) return {};
            FontDict fd{{}, *priv};
            for (const Entry& e : *dict)
                if (e.op != kPrivate) keep_entry(fd.kept, e);
            font_dicts.push_back(std::move(fd));
        }
    } else {
        auto priv = read_private(cff, *top);
        if (!priv) return {};
        // The font dict has no FontMatrix: the Top DICT keeps the font's (units per em other
        // than 1000). FreeType and poppler then scale every glyph by it, and FreeType takes
        // the face's units per em and bounding box from it; moving it to the font dict with an
        // identity top matrix would give a face of 1 unit per em, whose bounding box poppler
        // cannot allocate a glyph cache for.
        font_dicts.push_back(FontDict{{}, *priv});
        fd_select += '\x03';  // format 3: one range, glyphs 0.. in font dict 0
        put_uint(fd_select, 1, 2);
        put_uint(fd_select, 0, 2);
        fd_select += '\x00';
        put_uint(fd_select, static_cast<std::uint32_t>(glyphs), 2);
    }

    // charset, format 2: ranges of consecutive CIDs for glyphs 1.. (glyph 0 is .notdef).
    std::string charset(1, '\x02');
    for (std::size_t g = 1; g < glyphs;) {
        std::size_t k = g + 1;
        while (k < glyphs && cids[k] == cids[k - 1] + 1u) ++k;
        put_uint(charset, cids[g], 2);
        put_uint(charset, static_cast<std::uint32_t>(k - g - 1), 2);
        g = k;
    }
    const std::uint32_t cid_count = *std::max_element(cids.begin(), cids.end()) + 1u;

    std::vector<std::string_view> string_items = strings->items;
    const long adobe_sid = static_cast<long>(kFirstCustomSid + string_items.size());
    string_items.push_back("Adobe");
    string_items.push_back("Identity");

    struct Offsets {
        long charset = 0, fd_select = 0, charstrings = 0, fd_array = 0;
    };
    const auto top_dict = [&](const Offsets& at) {
        std::string out;
        put_int5(out, adobe_sid);  // ROS comes first in a CID-keyed Top DICT
        put_int5(out, adobe_sid + 1);
        put_small_int(out, 0);
        put_operator(out, kRos);
        for (const Entry& e : *top) {
            switch (e.op) {
            case kRos: case kCidCount: case kCharset: case kEncoding: case kCharStrings: case kPrivate:
            case kFdArray: case kFdSelect: case kUniqueId: case kXuid: case kUidBase: case kSyntheticBase:
                break;  // rewritten below, or meaningless for a subset
            default:
                keep_entry(out, e);
            }
        }
        put_int5(out, cid_count);
        put_operator(out, kCidCount);
        put_int5(out, at.charset);
        put_operator(out, kCharset);
        put_int5(out, at.fd_select);
        put_operator(out, kFdSelect);
        put_int5(out, at.charstrings);
        put_operator(out, kCharStrings);
        put_int5(out, at.fd_array);
        put_operator(out, kFdArray);
        return out;
    };
    const auto fd_array = [&](std::size_t private_base) {
        std::vector<std::string> dicts;
        for (const FontDict& fd : font_dicts) {
            dicts.push_back(encode_font_dict(fd, private_base));
            private_base += fd.priv.bytes.size();
        }
        std::string out;
        put_index(out, std::vector<std::string_view>(dicts.begin(), dicts.end()));
        return out;
    };

    // Layout: header, Name, Top DICT, String and Global Subr INDEXes, charset, FDSelect,
    // CharStrings, FDArray, private blocks. DICT sizes do not depend on offsets (put_int5), so
    // sizes measured with zero offsets hold for the real ones.
    std::string out;
    put_uint(out, 0x01000404, 4);  // version 1.0, header size 4, absolute offsets of 4 bytes
    put_index(out, {font_name});
    std::string string_index;
    put_index(string_index, string_items);
    const std::string_view global_subr_index = global_subrs->bytes(cff);
    const std::string_view charstring_index = charstrings->bytes(cff);
    std::string top_index;
    put_index(top_index, {top_dict({})});
    Offsets at;
    at.charset = static_cast<long>(out.size() + top_index.size() + string_index.size() + global_subr_index.size());
    at.fd_select = at.charset + static_cast<long>(charset.size());
    at.charstrings = at.fd_select + static_cast<long>(fd_select.size());
    at.fd_array = at.charstrings + static_cast<long>(charstring_index.size());
    const std::size_t private_base = static_cast<std::size_t>(at.fd_array) + fd_array(0).size();

    top_index.clear();
    put_index(top_index, {top_dict(at)});
    out += top_index;
    out += string_index;
    out += global_subr_index;
    out += charset;
    out += fd_select;
    out += charstring_index;
    out += fd_array(private_base);
    for (const FontDict& fd : font_dicts) out += fd.priv.bytes;
    return out;
}

}  // namespace galley::pdf
