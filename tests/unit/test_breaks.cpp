// shape/breaks: UAX #14 line-break opportunities, with CJK kinsoku and Thai dictionary breaks.
// Expectations hand-checked against the UAX #14 pair table and the meaning of the Thai words.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "shape/breaks.h"

using namespace galley;
using shape::BreakKind;

namespace {

/// The text of each line if it were broken at every opportunity.
std::vector<std::string> pieces(shape::LineBreaker& lb, const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (const shape::BreakOpportunity& o : lb.opportunities(text)) {
        out.push_back(text.substr(start, o.offset - start));
        start = o.offset;
    }
    out.push_back(text.substr(start));
    return out;
}

using Pieces = std::vector<std::string>;

}  // namespace

TEST_CASE("spaces and hyphens: a line may end after them") {
    shape::LineBreaker lb;
    CHECK(pieces(lb, "Hello world, again.") == Pieces{"Hello ", "world, ", "again."});
    CHECK(pieces(lb, "a well-known fact") == Pieces{"a ", "well-", "known ", "fact"});
    // Numbers with their punctuation and currency stay whole (LB25).
    CHECK(pieces(lb, "at 12:00 for $10.50") == Pieces{"at ", "12:00 ", "for ", "$10.50"});
    CHECK(lb.opportunities("").empty());
    CHECK(lb.opportunities("word").empty());
}

TEST_CASE("a hard line break is mandatory") {
    shape::LineBreaker lb;
    const auto o = lb.opportunities("one\ntwo three");
    REQUIRE(o.size() == 2);
    CHECK(o[0] == shape::BreakOpportunity{4, BreakKind::Mandatory});
    CHECK(o[1] == shape::BreakOpportunity{8, BreakKind::Allowed});
}

TEST_CASE("CJK: between ideographs and kana, never before closing or after opening punctuation") {
    shape::LineBreaker lb;
    // 。 and 」 (class CL) never start a line; 「 (OP) never ends one; small ッ (CJ) is NS in
    // the default (strict) rules.
    CHECK(pieces(lb, "欢迎参加。黑客") == Pieces{"欢", "迎", "参", "加。", "黑", "客"});
    CHECK(pieces(lb, "「東京」へ") == Pieces{"「東", "京」", "へ"});
    CHECK(pieces(lb, "ハッカソン") == Pieces{"ハッ", "カ", "ソ", "ン"});
    // Latin inside Japanese breaks at its spaces only.
    CHECK(pieces(lb, "こそ。Wi-Fi の") == Pieces{"こ", "そ。", "Wi-", "Fi ", "の"});
}

TEST_CASE("CJK: quotation marks between East Asian characters break as brackets do (UAX #14 15.1, LB19a)") {
    shape::LineBreaker lb;
    // An opening quote may start a line after an ideograph, a closing one end it before one;
    // never after the opening quote or before the closing one.
    CHECK(pieces(lb, "讨论“项目”和") == Pieces{"讨", "论", "“项", "目”", "和"});
    CHECK(pieces(lb, "在‘黄浦’开") == Pieces{"在", "‘黄", "浦’", "开"});
    // No break before a closing quote's full stop, nor around quotes in Latin text (LB19).
    CHECK(pieces(lb, "“黄浦”。") == Pieces{"“黄", "浦”。"});
    CHECK(pieces(lb, "say “hi” now") == Pieces{"say ", "“hi” ", "now"});
}

TEST_CASE("Thai breaks between dictionary words") {
    shape::LineBreaker lb("th");
    // ยินดี (glad) ต้อนรับ (welcome) สู่ (to) งาน (event): Thai writes no spaces between words.
    CHECK(pieces(lb, "ยินดีต้อนรับสู่งาน") == Pieces{"ยินดี", "ต้อนรับ", "สู่", "งาน"});
    // Never inside a cluster: a tone mark stays with its consonant.
    for (const auto& o : lb.opportunities("ที่ชั้นสอง")) CHECK(o.offset % 3 == 0);
}

TEST_CASE("Lao, Khmer and Burmese use their dictionaries too") {
    shape::LineBreaker lb;
    // ສະບາຍດີ (hello) ຕອນເຊົ້າ (morning): Lao.
    CHECK(lb.opportunities("ສະບາຍດີຕອນເຊົ້າ").size() >= 1);
    // សួស្តី (hello) ពិភពលោក (world): Khmer.
    CHECK(lb.opportunities("សួស្តីពិភពលោក").size() >= 1);
    // မင်္ဂလာပါ (hello) ကမ္ဘာ (world): Burmese.
    CHECK(lb.opportunities("မင်္ဂလာပါကမ္ဘာ").size() >= 1);
}

TEST_CASE("emoji sequences are never split") {
    shape::LineBreaker lb;
    const std::string zwj = "\U0001F469\u200D\u2696\uFE0F";
    const std::string flags = "\U0001F1EF\U0001F1F5\U0001F1E8\U0001F1F3";
    CHECK(pieces(lb, zwj + zwj) == Pieces{zwj, zwj});
    CHECK(pieces(lb, flags) == Pieces{"\U0001F1EF\U0001F1F5", "\U0001F1E8\U0001F1F3"});
    CHECK(pieces(lb, "\U0001F64B\U0001F3FE ok") == Pieces{"\U0001F64B\U0001F3FE ", "ok"});
}

TEST_CASE("letters that hyphenate: Latin, Greek and Cyrillic letters, not marks, digits, punctuation or other scripts") {
    for (char32_t c : {U'a', U'Z', U'é', U'ß', U'ș', U'ǆ', U'ạ', U'α', U'Ω', U'ж', U'Ё'})
        CHECK(shape::is_hyphenatable_letter(c));
    for (char32_t c : {U'1', U'-', U'\'', U'\u0301', U'\u00D7', U'\u037E', U'\u0483', U'א', U'ب', U'中', U'ก'})
        CHECK_FALSE(shape::is_hyphenatable_letter(c));
}
