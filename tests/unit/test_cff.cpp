// pdf/cff: a subset CFF rewritten as a CID-keyed CFF is read back with FreeType, as PDF readers
// read a /FontFile3 /CIDFontType0C: each glyph's CID from the charset, glyphs found by CID,
// outlines and units per em unchanged. Uses installed OpenType CFF fonts (fonts-inter: a
// name-keyed CFF with 2816 units per em; fonts-noto-cjk: a CID-keyed CFF in a collection).
#include <doctest/doctest.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H
#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>

#include <string>
#include <vector>

#include "pdf/cff.h"
#include "support.h"

using namespace galley;

namespace {

struct Subset {
    std::string cff;                 // the subset's 'CFF ' table
    std::vector<std::uint16_t> old;  // per new glyph id: the original one
};

/// hb-subset of face `index` of `bytes` to `gids` (plus .notdef), as pdf/cid_font.cpp does.
Subset subset(const Bytes& bytes, unsigned index, const std::vector<std::uint32_t>& gids) {
    hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(bytes.data()), static_cast<unsigned>(bytes.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, index);
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    for (std::uint32_t g : gids) hb_set_add(hb_subset_input_glyph_set(input), g);
    hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face, input);
    hb_face_t* result = hb_subset_plan_execute_or_fail(plan);
    Subset out;
    const hb_map_t* new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan);
    out.old.resize(hb_face_get_glyph_count(result));
    for (std::size_t g = 0; g < out.old.size(); ++g)
        out.old[g] = static_cast<std::uint16_t>(hb_map_get(new_to_old, static_cast<hb_codepoint_t>(g)));
    hb_blob_t* table = hb_face_reference_table(result, HB_TAG('C', 'F', 'F', ' '));
    unsigned size = 0;
    const char* data = hb_blob_get_data(table, &size);
    out.cff.assign(data, size);
    hb_blob_destroy(table);
    hb_face_destroy(result);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

FT_Library freetype() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        FT_Init_FreeType(&l);
        return l;
    }();
    return lib;
}

/// Rewrites a subset of `path` (face `index`) and checks what FreeType reads from it.
void check_round_trip(const std::string& path, unsigned index, const std::vector<std::uint32_t>& gids) {
    const auto bytes = test::read_bytes(path);
    if (!bytes) {
        MESSAGE(path << " is not installed: check skipped (run scripts/install-deps.sh)");
        return;
    }
    const Subset s = subset(*bytes, index, gids);
    REQUIRE(s.old.size() >= gids.size() + 1);  // the glyphs, .notdef and any they need
    const std::string cff = pdf::cid_keyed_cff(s.cff, s.old, "ABCDEF+Test");
    REQUIRE_FALSE(cff.empty());

    FT_Face original = nullptr;
    FT_Face rewritten = nullptr;
    REQUIRE(FT_New_Memory_Face(freetype(), bytes->data(), static_cast<FT_Long>(bytes->size()),
                               static_cast<FT_Long>(index), &original) == 0);
    REQUIRE(FT_New_Memory_Face(freetype(), reinterpret_cast<const FT_Byte*>(cff.data()),
                               static_cast<FT_Long>(cff.size()), 0, &rewritten) == 0);
    FT_Bool cid_keyed = 0;
    CHECK(FT_Get_CID_Is_Internally_CID_Keyed(rewritten, &cid_keyed) == 0);
    CHECK(cid_keyed);
    const char* registry = nullptr;
    const char* ordering = nullptr;
    FT_Int supplement = -1;
    CHECK(FT_Get_CID_Registry_Ordering_Supplement(rewritten, &registry, &ordering, &supplement) == 0);
    CHECK(std::string(registry) == "Adobe");
    CHECK(std::string(ordering) == "Identity");
    CHECK(supplement == 0);
    CHECK(std::string(FT_Get_Postscript_Name(rewritten)) == "ABCDEF+Test");
    CHECK(rewritten->units_per_EM == original->units_per_EM);
    // FreeType counts a CID-keyed font's glyphs as its CIDCount: the largest CID plus one.
    CHECK(rewritten->num_glyphs == s.old.back() + 1);

    for (std::size_t g = 1; g < s.old.size(); ++g) {
        CAPTURE(g);
        FT_UInt cid = 0;
        CHECK(FT_Get_CID_From_Glyph_Index(rewritten, static_cast<FT_UInt>(g), &cid) == 0);
        CHECK(cid == s.old[g]);
        // A bare CID-keyed CFF is addressed by CID, as a PDF reader does: same outline.
        REQUIRE(FT_Load_Glyph(rewritten, cid, FT_LOAD_NO_SCALE) == 0);
        const FT_Outline a = rewritten->glyph->outline;
        const FT_Pos advance = rewritten->glyph->metrics.horiAdvance;
        REQUIRE(FT_Load_Glyph(original, s.old[g], FT_LOAD_NO_SCALE) == 0);
        const FT_Outline& b = original->glyph->outline;
        CHECK(a.n_points == b.n_points);
        CHECK(a.n_contours == b.n_contours);
        CHECK(advance == original->glyph->metrics.horiAdvance);
    }
    FT_Done_Face(rewritten);
    FT_Done_Face(original);
}

}  // namespace

TEST_CASE("a name-keyed CFF (Inter) becomes CID-keyed with the original glyph ids as CIDs") {
    check_round_trip("/usr/share/fonts/opentype/inter/Inter-Regular.otf", 0, {36, 65, 594, 775, 1200});
}

TEST_CASE("a CID-keyed CFF from a collection (Noto Sans CJK SC, face 2) keeps its glyphs") {
    check_round_trip("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, {20, 9544, 20035, 20220, 37860, 60000});
}

TEST_CASE("malformed input and mismatched CIDs give no font") {
    const std::vector<std::uint16_t> cids = {0, 5};
    CHECK(pdf::cid_keyed_cff("", cids, "X").empty());
    CHECK(pdf::cid_keyed_cff("not a font at all", cids, "X").empty());
    const auto bytes = test::read_bytes("/usr/share/fonts/opentype/inter/Inter-Regular.otf");
    REQUIRE_MESSAGE(bytes, "fonts-inter is not installed (scripts/install-deps.sh)");
    const Subset s = subset(*bytes, 0, {36, 65});
    CHECK(pdf::cid_keyed_cff(s.cff, cids, "X").empty());  // 3 glyphs, 2 CIDs
    CHECK(pdf::cid_keyed_cff(s.cff.substr(0, s.cff.size() / 2), s.old, "X").empty());  // truncated
}
