#include "layout/inline_text.h"

#include <algorithm>

#include "base/url.h"
#include "shape/quotes.h"
#include "layout/vertical_list.h"

namespace galley::layout {

SpanStyle span_style(const style::TextStyle& t, bool ligatures) {
    SpanStyle s;
    s.family = t.family;
    s.face_style = {t.bold, t.italic};
    s.size = t.size;
    s.color = t.color;
    s.features = {ligatures, ligatures};
    return s;
}

namespace {

/// A picture inside a line, scaled down to the line's leading when it is taller.
/// A picture in a line: the size its attributes ask for (else its natural size), scaled down
/// to the line's leading.
Span picture_span(const doc::Inline& image, const Picture& picture, const SpanStyle& style, Pt leading, Size room,
                  DiagnosticSink& sink) {
    const Size want = requested_size(image, picture.natural, room, sink).value_or(picture.natural);
    const double scale = std::min(1.0, leading / want.height);
    const Size size{want.width * scale, want.height * scale};
    return {"", style, image.location, false, inlines::InlinePicture{picture.data, size}};
}

}  // namespace

InlineText::InlineText(const doc::Document& doc, const style::Style& style, Typesetter& ts, const Options& options,
                       DiagnosticSink& sink, shape::ParagraphDirection direction, Structure& structure)
    : style_(style), ts_(ts), sink_(sink), direction_(direction),
      punctuation_(inlines::punctuation_for(style.lang, style.smart)),
      pictures_(options.load_file, options.base_dir, options.resource_dirs, options.vectors, sink),
      formulas_(style, ts, sink),
      structure_(structure),
      require_alt_text_(options.require_alt_text) {
    anchors_.insert(doc.heading_slugs.begin(), doc.heading_slugs.end());
    for (const doc::Block& fn : doc.footnotes) anchors_.insert(VerticalList::footnote_anchor(fn.number));
    for (const std::string& slug : doc.heading_slugs) anchors_by_case_.emplace(shape::lower_case(slug), slug);
}

std::vector<Span> InlineText::spans(const std::vector<doc::Inline>& ins, const SpanStyle& style, Pt leading) {
    std::vector<Span> out;
    leading_ = leading;
    to_spans(ins, style, out);
    inlines::smarten(out, punctuation_);
    return out;
}

namespace {

/// The text and code of `ins` as spans, in doc::plain_text's order (recursive: markdown/ keeps
/// inline containers at most doc::max_nesting deep).
void plain_spans(const std::vector<doc::Inline>& ins, const std::string& link, std::vector<Span>& out) {
    for (const doc::Inline& in : ins) {
        Span s;
        s.style.link_uri = link;
        switch (in.kind) {
            case doc::InlineKind::Text: s.text = in.text; break;
            case doc::InlineKind::Code:
                s.text = in.text;
                s.style.code = true;
                break;
            case doc::InlineKind::SoftBreak:
            case doc::InlineKind::LineBreak: s.text = " "; break;
            case doc::InlineKind::FootnoteRef: continue;
            default: plain_spans(in.children, in.kind == doc::InlineKind::Link ? in.url : link, out); continue;
        }
        out.push_back(std::move(s));
    }
}

}  // namespace

std::string InlineText::plain_text(const std::vector<doc::Inline>& ins) const {
    std::vector<Span> spans;
    plain_spans(ins, "", spans);
    inlines::smarten(spans, punctuation_);
    std::string out;
    for (const Span& s : spans) out += s.text;
    return out;
}

std::vector<SetLine> InlineText::lines(const std::vector<Span>& spans, const ParagraphStyle& para) {
    ParagraphStyle directed = para;
    // A paragraph whose container hands down a direction (a list's) keeps it; else the document's.
    if (directed.direction == shape::ParagraphDirection::Auto) directed.direction = direction_;
    return ts_.set_paragraph(spans, directed);
}

// Recursive: markdown/ keeps inline containers at most doc::max_nesting deep.
frame::Tag InlineText::to_spans(const std::vector<doc::Inline>& ins, SpanStyle st, std::vector<Span>& out) {
    using frame::StructType;
    for (const doc::Inline& in : ins) {
        SpanStyle s = st;
        // Text in inline containers stays in the container's element; what follows an inline
        // element goes on in a new slot of it (st.tag).
        const auto within = [&](SpanStyle& inner) { st.tag = to_spans(in.children, inner, out); };
        switch (in.kind) {
            case doc::InlineKind::Text:
                warn_undefined_notes(in);
                out.push_back({in.text, st, in.location});
                break;
            case doc::InlineKind::SoftBreak: out.push_back({" ", st, in.location}); break;
            case doc::InlineKind::LineBreak: out.push_back({"", st, in.location, true}); break;
            case doc::InlineKind::Emphasis:
                s.face_style.italic = !s.face_style.italic;
                within(s);
                break;
            case doc::InlineKind::Strong:
                s.face_style.bold = true;
                within(s);
                break;
            case doc::InlineKind::Strikethrough:
                s.strike = true;
                within(s);
                break;
            case doc::InlineKind::Code:
                s.tag = structure_.inline_element(StructType::Code, st.tag);
                out.push_back(code_span(in.text, std::move(s), style_, in.location));
                break;
            case doc::InlineKind::Math:
            case doc::InlineKind::DisplayMath:
                s.tag = structure_.inline_element(StructType::Formula, st.tag);
                if (frame::StructElement* e = structure_.element(structure_.element_of(s.tag))) e->alt = in.text;
                out.push_back(formula_span(in, s));
                break;
            case doc::InlineKind::Link:
                link_target(in, s);
                if (!s.link_uri.empty() || !s.link_dest.empty()) {
                    s.tag = s.link_tag = structure_.inline_element(StructType::Link, st.tag);
                    if (structure_.element_of(s.tag) != 0) s.link_text = plain_text(in.children);
                    to_spans(in.children, s, out);
                } else {
                    within(s);
                }
                break;
            case doc::InlineKind::Image:
                if (const Picture* p = pictures_.find(in)) {
                    check_alt_text(in, require_alt_text_, sink_);
                    s.tag = structure_.inline_element(StructType::Figure, st.tag);
                    if (frame::StructElement* e = structure_.element(structure_.element_of(s.tag)))
                        e->alt = doc::plain_text(in.children);
                    out.push_back(picture_span(in, *p, s, leading_, {style_.text_width(), style_.text_height()}, sink_));
                    break;
                }
                // The alt text, framed, in italic; a link around the picture does not reach it.
                s.face_style.italic = true;
                s.link_uri.clear();
                s.link_dest.clear();
                s.frame = ++frames_;
                within(s);
                break;
            // As a word processor sets them: scripts at 70 %, raised a third of an em or lowered a
            // fifth (TeX's \scriptstyle and sup/sub shifts are close to these); nested ones no
            // smaller than half the body size, TeX's \scriptscriptstyle.
            case doc::InlineKind::Superscript:
            case doc::InlineKind::Subscript:
                s.size = std::max(st.size * 0.7, style_.body.size * 0.5);
                s.rise = st.rise + st.size * (in.kind == doc::InlineKind::Superscript ? 0.33 : -0.2);
                within(s);
                break;
            case doc::InlineKind::Underline:
                s.underline = true;
                within(s);
                break;
            case doc::InlineKind::Highlight:
                s.background = style_.mark_background;
                within(s);
                break;
            case doc::InlineKind::Small:
                s.size = st.size * 0.85;
                within(s);
                break;
            case doc::InlineKind::Keyboard:
                // A key cap: the code face in a frame, like a button on the keyboard.
                s.family = style_.code.family;
                s.face_style = {};
                s.size = st.size * style_.inline_code_scale;
                s.features = {false, false};
                s.frame = ++frames_;
                within(s);
                break;
            case doc::InlineKind::FootnoteRef: {
                s.size = st.size * 0.7;
                s.rise = st.size * 0.35;
                s.link_dest = VerticalList::footnote_anchor(in.number);
                s.footnote = in.number;
                s.color = style_.link_color;
                // The call is a link; the note's element follows it (its content is set at the
                // foot of the page, but reads here).
                const std::uint32_t parent = structure_.element_of(st.tag);
                s.tag = s.link_tag = structure_.leaf(StructType::Link, parent);
                s.link_text = "Note " + std::to_string(in.number);
                if (parent != 0) {
                    structure_.note(in.number, parent);
                    st.tag = structure_.content(parent);
                }
                out.push_back({std::to_string(in.number), s, in.location});
                break;
            }
        }
    }
    return st.tag;
}

Span InlineText::code_span(std::string text, SpanStyle s, const style::Style& style, const SourceLocation& at) {
    s.family = style.code.family;
    s.face_style = {};
    s.size *= style.inline_code_scale;
    s.features = {false, false};
    s.code = true;
    return {std::move(text), std::move(s), at};
}

// A formula on the line's baseline, in the colour of its text; its source in dollars as code
// when it cannot be set.
Span InlineText::formula_span(const doc::Inline& in, const SpanStyle& st) {
    const int dollars = in.kind == doc::InlineKind::DisplayMath ? 2 : 1;
    std::optional<math::SetFormula> set = formulas_.set(in.text, st.size, dollars == 2, st.color,
                                                       formula_source_start(in.location, dollars));
    if (!set) {
        const std::string fence(static_cast<std::size_t>(dollars), '$');
        return code_span(fence + in.text + fence, st, style_, in.location);
    }
    inlines::InlinePicture p;
    p.size = {set->width, set->height};
    p.formula = std::make_shared<const inlines::InlineFormula>(inlines::InlineFormula{std::move(set->items), set->depth});
    return {"", st, in.location, false, std::move(p)};
}

void InlineText::link_target(const doc::Inline& in, SpanStyle& s) {
    if (!in.url.empty() && in.url[0] == '#') {
        std::string dest = url::percent_decode(in.url.substr(1));
        // A fragment that names no anchor exactly may differ in case only ("#Span" for
        // "## Span"), as GitHub resolves it.
        if (!anchors_.count(dest))
            if (auto it = anchors_by_case_.find(shape::lower_case(dest)); it != anchors_by_case_.end()) dest = it->second;
        if (anchors_.count(dest)) {
            s.link_dest = dest;
            s.link_uri.clear();
            s.color = style_.link_color;
        } else {
            sink_.warn("anchor.missing", in.location,
                       "link to '#" + dest + "': no heading has this anchor; the text is printed without a link");
        }
    } else if (!in.url.empty() && url::runs_code(in.url)) {
        sink_.warn("link.scheme", in.location,
                   "link to '" + in.url.substr(0, in.url.find(':') + 1) +
                       "...': a link that runs or embeds content in the reader is not written; the text is printed without it");
    } else if (!in.url.empty()) {
        s.link_uri = in.url;
        s.link_dest.clear();
        s.color = style_.link_color;
    }
}

/// cmark-gfm prints a footnote reference without a definition as typed; say so, since the
/// writer probably meant a note.
void InlineText::warn_undefined_notes(const doc::Inline& text) {
    for (std::size_t at = text.text.find("[^"); at != std::string::npos; at = text.text.find("[^", at + 2)) {
        const std::size_t close = text.text.find_first_of("] \t\n[", at + 2);
        if (close == std::string::npos || close == at + 2 || text.text[close] != ']') continue;
        sink_.warn("footnote.undefined", text.location,
                   "footnote reference " + text.text.substr(at, close + 1 - at) +
                       " has no definition; it is printed as typed");
    }
}

}  // namespace galley::layout
