#pragma once
// Words shared by the renderers, in both languages.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "elig/report.hpp"

namespace elig::explain {

inline std::string status_word(status s, bool en) {
  switch (s) {
    case status::eligible:
      return en ? "eligible" : "符合";
    case status::ineligible:
      return en ? "ineligible" : "不符合";
    case status::undetermined:
      return en ? "undetermined" : "待定";
    case status::not_in_force:
      return en ? "not in force" : "未生效";
    case status::not_encodable:
      return en ? "not encodable" : "无法编码";
  }
  return "?";
}

inline std::string amount_words(const amount& a, bool en) {
  switch (a.kind) {
    case amount_kind::fixed:
      return fmt::format(fmt::runtime(en ? "CNY {}" : "{} 元"), a.max.to_grouped(2));
    case amount_kind::up_to:
      return fmt::format(fmt::runtime(en ? "up to CNY {}" : "最高 {} 元"), a.max.to_grouped(2));
    case amount_kind::range:
      return fmt::format(fmt::runtime(en ? "CNY {} to {}" : "{} 至 {} 元"), a.min.to_grouped(2),
                         a.max.to_grouped(2));
    case amount_kind::none:
      return "";
  }
  return "";
}

inline const char* mark(outcome o) {
  switch (o) {
    case outcome::yes:
      return "✔";
    case outcome::no:
      return "✘";
    case outcome::unknown:
      return "?";
    case outcome::not_evaluated:
      return "·";
  }
  return "?";
}

// An open fact for a reader: the schema's words with the name a profile states it by
// ("落户本区日期（settled_date）"); the name alone when the schema gives no words. `quote`
// wraps the name (Markdown sets it as code).
inline std::string open_fact(const std::string& name, const bitext& words, bool en,
                             std::string_view quote = "") {
  const std::string& label = en ? words.en : words.zh;
  std::string quoted = fmt::format("{}{}{}", quote, name, quote);
  if (label.empty()) return quoted;
  return fmt::format(fmt::runtime(en ? "{} ({})" : "{}（{}）"), label, quoted);
}

}  // namespace elig::explain
