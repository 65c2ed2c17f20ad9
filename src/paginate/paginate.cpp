// Greedy page breaking with keep chains, and page furniture.
#include "paginate/paginate.h"


namespace galley::paginate {

namespace {

struct Placement {
    std::size_t fragment;
    Pt top;  // distance from the top of the text area to the fragment's top edge
    bool first_on_page;
};

}  // namespace

Result paginate(layout::Flow&& flow, const style::Style& style, layout::Typesetter& ts,
                const Options& options) {
    const auto& frags = flow.fragments;
    const Pt area = style.text_height();
    std::vector<std::vector<Placement>> pages(1);
    Pt y = 0;

    for (std::size_t i = 0; i < frags.size();) {
        const layout::Fragment& f = frags[i];
        auto& page = pages.back();
        const bool empty = page.empty();
        if (f.page_break_before && !empty) {
            pages.emplace_back();
            y = 0;
            continue;
        }
        const Pt before = empty ? 0 : f.space_before;
        if (empty || y + before + f.height <= area + 0.01) {
            page.push_back({i, y + before, empty});
            y += before + f.height;
            ++i;
            continue;
        }
        // Page full: move the chain of fragments kept with this one to the next page too,
        // unless that chain starts the page (then it cannot be kept together).
        std::size_t keep_from = page.size();
        while (keep_from > 1 && frags[page[keep_from - 1].fragment].keep_with_next) --keep_from;
        if (keep_from == 0 || keep_from == page.size()) keep_from = page.size();
        const std::size_t restart = keep_from < page.size() ? page[keep_from].fragment : i;
        page.resize(keep_from);
        pages.emplace_back();
        y = 0;
        i = restart;
    }

    Result result;
    const Pt top_edge = style.page.height - style.margin_top;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        frame::Page page;
        page.size = style.page;
        if (options.draft) {
            // The word in the top margin, right-aligned: visible, searchable, and outside the
            // text so it never interrupts the reading order.
            layout::SpanStyle s;
            s.family = style.heading[0].family;
            s.face_style = {true, false};
            s.size = style.draft_size;
            s.color = style.draft_color;
            const Pt w = ts.measure(style.draft_text, s);
            const Point origin{page.size.width - style.margin_right - w,
                               page.size.height - style.margin_top / 2 - s.size * 0.35};
            for (frame::Item& it : ts.set_text(style.draft_text, s, origin)) page.items.push_back(std::move(it));
        }
        for (const Placement& pl : pages[p]) {
            layout::Fragment& f = flow.fragments[pl.fragment];
            const Pt frag_top = top_edge - pl.top;
            for (const layout::Decoration& d : f.decorations) {
                const Pt extra = (d.covers_space_before && !pl.first_on_page) ? f.space_before : 0;
                page.items.push_back(frame::Box{{d.x, frag_top - f.height, d.width, f.height + extra}, d.color, std::nullopt, 0});
            }
            for (frame::Item& it : f.items) {
                frame::translate(it, 0, frag_top);
                if (const auto* a = std::get_if<frame::Anchor>(&it))
                    result.anchor_pages.emplace(a->name, static_cast<int>(p + 1));
                page.items.push_back(std::move(it));
            }
        }
        if (style.footer_page_numbers) {
            layout::SpanStyle s;
            s.family = style.footer.family;
            s.face_style = {style.footer.bold, style.footer.italic};
            s.size = style.footer.size;
            s.color = style.footer.color;
            const std::string number = std::to_string(p + 1);
            const Pt w = ts.measure(number, s);
            for (frame::Item& it : ts.set_text(number, s, {(page.size.width - w) / 2, style.footer_offset}))
                page.items.push_back(std::move(it));
        }
        result.pages.push_back(std::move(page));
    }
    return result;
}

}  // namespace galley::paginate
