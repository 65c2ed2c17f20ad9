// A hash table from short texts to values, for caches that look up every word of a document:
// keys are copied once into an arena and compared as views, so a lookup builds no string and a
// hit allocates nothing. Open addressing with linear probing (Knuth, TAOCP vol. 3, 6.4,
// algorithm L); texts hash with 64-bit FNV-1a.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace galley {

/// Values by (context, text). The context is what else the value depends on (a face, features,
/// a direction): a small struct with `==` and a `std::uint64_t hash() const` member. Values
/// never move: a reference stays valid for the table's life.
template <typename Context, typename Value>
class StringTable {
public:
    /// The value stored for (context, text), or nullptr.
    Value* find(const Context& context, std::string_view text) {
        if (slots_.empty()) return nullptr;
        const std::uint64_t h = hash(context, text);
        for (std::size_t i = home(h);; i = (i + 1) & (slots_.size() - 1)) {
            const Slot& s = slots_[i];
            if (!s.entry) return nullptr;
            if (s.hash == h && s.entry->context == context && s.entry->text == text) return &s.entry->value;
        }
    }

    /// Stores `value` for (context, text), which find() does not know yet.
    Value& insert(const Context& context, std::string_view text, Value value) {
        // At most half full: probe sequences stay short (Knuth's analysis of algorithm L).
        if (2 * (entries_.size() + 1) > slots_.size()) grow();
        Entry& e = entries_.emplace_back(Entry{context, copy(text), std::move(value)});
        place({hash(context, text), &e});
        return e.value;
    }

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        Context context;
        std::string_view text;  // in blocks_
        Value value;
    };
    struct Slot {
        std::uint64_t hash = 0;
        Entry* entry = nullptr;  // null: empty
    };

    static std::uint64_t hash(const Context& context, std::string_view text) {
        std::uint64_t h = 0xcbf29ce484222325ull ^ (context.hash() * 0x9e3779b97f4a7c15ull);
        for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        return h;
    }

    /// First slot to probe: the high bits of a Fibonacci multiplication, which mix all of the
    /// hash's bits (FNV-1a's low bits alone cluster for texts that differ in their last byte).
    std::size_t home(std::uint64_t h) const { return static_cast<std::size_t>((h * 0x9e3779b97f4a7c15ull) >> shift_); }

    void place(const Slot& slot) {
        std::size_t i = home(slot.hash);
        while (slots_[i].entry) i = (i + 1) & (slots_.size() - 1);
        slots_[i] = slot;
    }

    void grow() {
        const std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 64 : 2 * slots_.size()));
        shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots_.size()));
        for (const Slot& s : old)
            if (s.entry) place(s);
    }

    /// `text` copied into the arena: a block of kBlock bytes holds many keys; a longer text
    /// gets a block of its own.
    std::string_view copy(std::string_view text) {
        if (text.empty()) return {};
        if (text.size() > kBlock - used_) {
            if (text.size() > kBlock / 4) {
                blocks_.push_back(std::make_unique<char[]>(text.size()));
                std::memcpy(blocks_.back().get(), text.data(), text.size());
                return {blocks_.back().get(), text.size()};
            }
            current_ = blocks_.emplace_back(std::make_unique<char[]>(kBlock)).get();
            used_ = 0;
        }
        char* at = current_ + used_;
        std::memcpy(at, text.data(), text.size());
        used_ += text.size();
        return {at, text.size()};
    }

    static constexpr std::size_t kBlock = 64 * 1024;
    std::vector<Slot> slots_;
    unsigned shift_ = 64;
    std::deque<Entry> entries_;  // a deque never moves what it holds
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* current_ = nullptr;
    std::size_t used_ = kBlock;  // bytes used of *current_; full before the first block
};

}  // namespace galley
