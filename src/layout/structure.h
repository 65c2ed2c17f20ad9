// The structure tree as block layout builds it (tagged PDF): an element per block and inline
// object in source order, and the tags of the content each one shows. With tagging off it
// builds nothing and every tag is an artifact's, so the frames are the untagged ones.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "frame/structure.h"

namespace galley::layout {

class Structure {
public:
    Structure(frame::StructTree& tree, bool tagged) : tree_(tree), tagged_(tagged) {}

    /// The root element (0 when untagged): the parent of the top-level blocks.
    std::uint32_t root() const { return tagged_ ? frame::StructTree::kDocument : 0; }
    /// A new element of `type`, the last kid of `parent`; 0 (none) when `parent` is 0.
    std::uint32_t open(frame::StructType type, std::uint32_t parent) {
        return parent == 0 ? 0 : tree_.add(type, parent);
    }
    /// The tag of what `element` shows next (a new content slot); a layout artifact's when
    /// `element` is 0.
    frame::Tag content(std::uint32_t element) { return element == 0 ? frame::Tag{} : tree_.content(element); }
    /// open() and content() together: a leaf element's tag.
    frame::Tag leaf(frame::StructType type, std::uint32_t parent) { return content(open(type, parent)); }
    /// The element a tag's content belongs to (0 for an artifact).
    std::uint32_t element_of(const frame::Tag& tag) const { return tree_.element_of(tag); }
    /// The element `id` to set attributes on, or nullptr for none (0).
    frame::StructElement* element(std::uint32_t id) { return id == 0 ? nullptr : &tree_.at(id); }

    /// An inline element of `type` inside the element whose content `outer` tags; `outer`
    /// becomes a new slot of that element for what follows. Returns the inline element's tag.
    frame::Tag inline_element(frame::StructType type, frame::Tag& outer) {
        const std::uint32_t parent = element_of(outer);
        if (parent == 0) return outer;
        const frame::Tag inner = leaf(type, parent);
        outer = content(parent);
        return inner;
    }

    /// The Note element of footnote `number`: made at its first reference, as the next kid of
    /// the reference's element `parent` (so the note reads right after its call), or, for a
    /// note no reference placed, under the root when asked for with `parent` 0.
    std::uint32_t note(int number, std::uint32_t parent) {
        auto [it, made] = notes_.try_emplace(number, 0);
        if (made || it->second == 0) {
            it->second = open(frame::StructType::Note, parent != 0 ? parent : root());
            if (frame::StructElement* e = element(it->second)) e->id = "fn:" + std::to_string(number);
        }
        return it->second;
    }

private:
    frame::StructTree& tree_;
    bool tagged_;
    std::map<int, std::uint32_t> notes_;
};

}  // namespace galley::layout
