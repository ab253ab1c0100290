#include "profile/read_json.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <nlohmann/json.hpp>

namespace elig::profiles {
namespace {

namespace od = simdjson::ondemand;

// A problem at a place in the text; caught once, in read_json.
struct json_failure {
  std::string message;
  std::size_t offset;
  simdjson::error_code from_simdjson = simdjson::SUCCESS;  // to be located more precisely
};

// RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (on demand leaves numbers unchecked
// until they are converted, and we never convert them through a double).
bool valid_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < s.size() && s[i] == '.' && (++i, !digits())) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// A valid JSON number in exponent form written out as plain digits, exactly (`1.2e7` is
// `12000000`, `15e-3` is `0.015`), so that it is read like any other figure: whole, or refused
// for its decimal places, never through binary floating point. Exponents past 60 are left as
// written, and refused as inexact.
[[gnu::noinline]] std::string without_exponent(std::string_view s) {
  auto e = s.find_first_of("eE");
  if (e == std::string_view::npos) return std::string(s);
  int exponent = 0;
  auto exp_text = s.substr(e + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  auto [end, ec] = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  if (ec != std::errc() || exponent > 60 || exponent < -60) return std::string(s);
  std::string_view mantissa = s.substr(0, e);
  bool negative = !mantissa.empty() && mantissa.front() == '-';
  if (negative) mantissa.remove_prefix(1);
  auto dot = mantissa.find('.');
  std::string digits(mantissa.substr(0, dot));
  int point = static_cast<int>(digits.size());  // digits before the decimal point
  if (dot != std::string_view::npos) digits += mantissa.substr(dot + 1);
  point += exponent;
  if (point <= 0) {
    digits.insert(0, static_cast<std::size_t>(1 - point), '0');
    point = 1;
  }
  if (point >= static_cast<int>(digits.size()))
    digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  std::string whole = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  std::string out = negative ? "-" : "";
  out += whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

class json_reader {
 public:
  json_reader(std::string_view text, std::uint32_t file_id)
      : base_(text.data()), size_(text.size()), file_(file_id) {}

  std::size_t offset_of(const char* p) const {
    if (p < base_ || p > base_ + size_) return size_;
    return static_cast<std::size_t>(p - base_);
  }

  source_span span_of(std::string_view token) const {
    auto b = static_cast<std::uint32_t>(offset_of(token.data()));
    while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                              token.back() == '\t'))
      token.remove_suffix(1);
    return {file_, b, b + static_cast<std::uint32_t>(std::max<std::size_t>(token.size(), 1))};
  }

  template <typename T>
  T check(simdjson::simdjson_result<T>&& r, const char* at) const {
    T v{};
    if (auto err = std::move(r).get(v))
      throw json_failure{simdjson::error_message(err), offset_of(at), err};
    return v;
  }

  // Fills `out` in place: nodes are large, and moving each into its parent showed in profiles.
  void read(od::value v, std::size_t depth, input_node& out) {
    std::string_view token = v.raw_json_token();
    out.span = span_of(token);
    if (depth > k_max_input_depth)
      throw json_failure{fmt::format("nested more than {} levels deep", k_max_input_depth),
                         out.span.begin};
    using k = input_node::kind;
    switch (check(v.type(), token.data())) {
      case od::json_type::string:
        out.k = k::text;
        out.text = std::string(check(v.get_string(), token.data()));
        break;
      case od::json_type::number: {
        std::string_view digits = token.substr(0, out.span.end - out.span.begin);
        if (!valid_number(digits))
          throw json_failure{fmt::format("`{}` is not a JSON number", digits), out.span.begin};
        // Plain digits, the usual case, are kept as written; an exponent is written out.
        bool fraction = false, exponent = false;
        for (char c : digits) {
          fraction |= c == '.';
          exponent |= c == 'e' || c == 'E';
        }
        if (exponent) {
          out.text = without_exponent(digits);
          digits = out.text;
          fraction = digits.find('.') != std::string_view::npos;
        } else {
          out.text = std::string(digits);
        }
        bool integral = !fraction;
        std::int64_t i = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
        if (integral && ec == std::errc() && end == digits.data() + digits.size()) {
          out.k = k::integer;
          out.integer = i;
        } else {
          out.k = k::number;  // the converter reads the text exactly, or says why it cannot
        }
        break;
      }
      case od::json_type::boolean:
        out.k = k::boolean;
        out.flag = check(v.get_bool(), token.data());
        break;
      case od::json_type::null:
        if (!check(v.is_null(), token.data()))
          throw json_failure{"expected `null`", out.span.begin};
        out.k = k::null;
        break;
      case od::json_type::array: {
        out.k = k::list;
        od::array arr = check(v.get_array(), token.data());
        // Room for a usual list up front: growing copies whole nodes (measured: a tenth of
        // loading a profile went to those copies and their allocations).
        out.items.reserve(4);
        for (auto item : arr)
          read(check(std::move(item), token.data()), depth + 1, out.items.emplace_back());
        break;
      }
      case od::json_type::object: {
        out.k = k::table;
        od::object obj = check(v.get_object(), token.data());
        out.fields.reserve(depth == 0 ? 24 : 4);  // a profile's facts; a record's fields
        for (auto f : obj) {
          od::field field = check(std::move(f), token.data());
          const char* key_at = field.key().raw();
          std::string key(check(field.unescaped_key(), key_at));
          auto kb = static_cast<std::uint32_t>(offset_of(key_at) - 1);  // at the opening quote
          source_span key_span{file_, kb, kb + static_cast<std::uint32_t>(key.size()) + 2};
          input_field& slot = out.fields.emplace_back();
          slot.key = std::move(key);
          slot.key_span = key_span;
          read(field.value(), depth + 1, slot.value);
        }
        break;
      }
    }
  }

 private:
  const char* base_;
  std::size_t size_;
  std::uint32_t file_;
};

std::size_t where(od::document& doc, const json_reader& reader) {
  const char* p = nullptr;
  if (doc.current_location().get(p)) return reader.offset_of(nullptr);
  return reader.offset_of(p);
}

// simdjson rejects a malformed document before it knows where; a second, slower parser that
// does know is asked only then, so the message points at the fault.
json_failure located_syntax_error(std::string_view text, const json_failure& first) {
  if (first.from_simdjson == simdjson::DEPTH_ERROR || first.from_simdjson == simdjson::CAPACITY)
    return first;
  try {
    auto parsed = nlohmann::json::parse(text);
    parsed.clear();
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    auto colon = what.find(": ", what.find("column"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return json_failure{what, e.byte > 0 ? e.byte - 1 : 0};
  } catch (const nlohmann::json::exception&) {
    // Not a syntax error (a number too large for a double, say): simdjson's message stands.
  }
  return first;
}

}  // namespace

std::optional<input_node> read_json(const source_file& file, std::uint32_t file_id,
                                    diagnostic_list& diags) {
  // One parser per thread: it keeps its buffers, so a profile costs no fresh allocation there.
  thread_local od::parser parser;
  // In place when the text has room after it for simdjson's read-ahead; copied otherwise.
  simdjson::padded_string copy;
  simdjson::padded_string_view text;
  if (file.slack() >= simdjson::SIMDJSON_PADDING) {
    text = simdjson::padded_string_view(file.text().data(), file.text().size(),
                                        file.text().size() + file.slack());
  } else {
    copy = simdjson::padded_string(file.text());
    text = copy;
  }
  json_reader reader(text, file_id);
  od::document doc;
  try {
    if (auto err = parser.iterate(text).get(doc))
      throw json_failure{simdjson::error_message(err), 0, err};
    od::value root;
    if (auto err = doc.get_value().get(root))
      throw json_failure{simdjson::error_message(err), where(doc, reader), err};
    input_node out;
    reader.read(root, 0, out);
    // Past the end of the value the document has no location; anything else is trailing text.
    const char* rest = nullptr;
    if (!doc.current_location().get(rest))
      throw json_failure{"text after the end of the profile", reader.offset_of(rest)};
    return out;
  } catch (json_failure f) {
    if (f.from_simdjson != simdjson::SUCCESS) f = located_syntax_error(file.text(), f);
    auto at = static_cast<std::uint32_t>(std::min(f.offset, file.text().size()));
    auto& d =
        diags.add(diag_code::profile_syntax, fmt::format("invalid JSON: {}", f.message),
                  source_span{file_id, at, at + 1}, "the profile must be valid JSON (RFC 8259)");
    d.message_zh = fmt::format("JSON 格式错误：{}", f.message);
    d.help_zh = "档案须为合法的 JSON（RFC 8259）";
    return std::nullopt;
  }
}

}  // namespace elig::profiles
