// The logical structure of a document for tagged PDF (PDF 32000-1, 14.7 and 14.8): a tree of
// structure elements built by layout in source order, and the tag each frame item carries to
// say which piece of that tree its content is, or that it is page furniture (an artifact).
// The writer turns tags into marked content and the tree into the StructTreeRoot.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::frame {

/// The standard structure types galley writes (PDF 32000-1, 14.8.4), and Title (PDF 2.0,
/// role-mapped to H1 for PDF 1.7 readers).
enum class StructType : std::uint8_t {
    Document, Title, H1, H2, H3, H4, H5, H6, P, L, LI, Lbl, LBody, Table, THead, TBody, TR, TH, TD,
    Figure, Caption, Formula, Code, BlockQuote, Note, Link, TOC, TOCI, Div, Span,
};

/// The type's name as PDF writes it ("H1", "LBody").
std::string_view type_name(StructType type);

/// The heading type of `level` (1..6, clamped).
inline StructType heading_type(int level) {
    return static_cast<StructType>(static_cast<int>(StructType::H1) + (level < 1 ? 0 : level > 6 ? 5 : level - 1));
}

/// What kind of page furniture an artifact is (14.8.2.2): running heads and footers, folios
/// and the DRAFT mark are pagination artifacts; rules, backgrounds, leaders, line numbers and
/// a repeated table header are layout artifacts.
enum class Artifact : std::uint8_t { Layout, Header, Footer, Watermark };

/// Where an item's content belongs: content slot `content` of the document's StructTree (1
/// and up) of an element of `type` (the writer names its marked content so), or, with
/// `content` 0, an artifact of kind `artifact`. Items that carry no tag of their own (rules,
/// backgrounds) are artifacts.
struct Tag {
    std::uint32_t content = 0;
    Artifact artifact = Artifact::Layout;
    StructType type = StructType::Span;
    bool operator==(const Tag&) const = default;
};

/// A child of a structure element: another element, or a content slot (the marked content
/// and annotations whose items carry that slot's tag, in page order).
struct StructKid {
    std::uint32_t index = 0;  // element id, or slot number
    bool element = false;
};

/// One structure element. Ids are 1-based (StructTree::kDocument is the root); 0 is none.
struct StructElement {
    StructType type = StructType::Div;
    std::uint32_t parent = 0;
    std::vector<StructKid> kids;  // in reading order (source order)
    std::string alt;              // /Alt: a figure's alt text, a formula's TeX source
    std::string actual_text;      // /ActualText: a task box's state
    std::string lang;             // /Lang (BCP 47) where it differs from the document's
    std::string id;               // /ID (notes)
    /// Table header cells: /Scope of the /Table attributes (14.8.5.7).
    enum class Scope : std::uint8_t { None, Row, Column, Both };
    Scope scope = Scope::None;
    /// Lists: /ListNumbering of the /List attributes.
    enum class Numbering : std::uint8_t { None, Disc, Decimal };
    Numbering numbering = Numbering::None;
};

/// The structure tree, built in source order: an element's kids are in the order they were
/// added, so content set later on the page (a note at the foot) still reads where its source
/// is. Content slots are handed out by content(); items carrying a slot's tag belong to it.
class StructTree {
public:
    static constexpr std::uint32_t kDocument = 1;

    StructTree() { elements_.push_back({StructType::Document, 0, {}}); }

    /// Adds an element of `type` as the last kid of `parent`; returns its id.
    std::uint32_t add(StructType type, std::uint32_t parent) {
        elements_.push_back({type, parent, {}});
        const auto id = static_cast<std::uint32_t>(elements_.size());
        at(parent).kids.push_back({id, true});
        return id;
    }

    /// A new content slot as the last kid of `element`: the tag of what it shows next.
    Tag content(std::uint32_t element) {
        slot_element_.push_back(element);
        const auto slot = static_cast<std::uint32_t>(slot_element_.size());
        StructElement& e = at(element);
        e.kids.push_back({slot, false});
        return {slot, Artifact::Layout, e.type};
    }

    StructElement& at(std::uint32_t id) { return elements_.at(id - 1); }
    const StructElement& at(std::uint32_t id) const { return elements_.at(id - 1); }
    /// The element a content slot belongs to (0 for an artifact's tag).
    std::uint32_t element_of(Tag tag) const { return tag.content == 0 ? 0 : slot_element_.at(tag.content - 1); }
    std::size_t size() const { return elements_.size(); }
    std::size_t slots() const { return slot_element_.size(); }

private:
    std::vector<StructElement> elements_;
    std::vector<std::uint32_t> slot_element_;  // by slot - 1
};

inline std::string_view type_name(StructType type) {
    static constexpr std::string_view kNames[] = {
        "Document", "Title", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table", "THead",
        "TBody", "TR", "TH", "TD", "Figure", "Caption", "Formula", "Code", "BlockQuote", "Note", "Link", "TOC",
        "TOCI", "Div", "Span"};
    return kNames[static_cast<std::size_t>(type)];
}

}  // namespace galley::frame
