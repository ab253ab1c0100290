#pragma once
// A streaming JSON writer for the renderers: writes straight into a string, in the layout of
// nlohmann's dump(2) (two-space indent, `"key": value`, `[]` and `{}` when empty), without
// building a tree first. Invalid UTF-8 in a string becomes U+FFFD, never an exception.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace elig::explain {

class json_writer {
 public:
  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }
  // The key of the next member of an object.
  json_writer& key(std::string_view k);
  json_writer& value(std::string_view s);
  json_writer& value(const char* s) { return value(std::string_view(s)); }
  json_writer& value(const std::string& s) { return value(std::string_view(s)); }
  json_writer& value(bool b) { return raw(b ? "true" : "false"); }
  json_writer& null() { return raw("null"); }
  json_writer& raw_number(long long n) { return raw(std::to_string(n)); }
  json_writer& strings(const std::vector<std::string>& v);
  [[nodiscard]] std::string take() { return std::move(out_); }

 private:
  json_writer& open(char c);
  json_writer& close(char c);
  json_writer& raw(std::string_view text);
  void before_value();
  void newline();

  std::string out_;
  std::vector<std::uint8_t> counts_;  // per open container: 0 empty so far, 1 has members
  bool after_key_ = false;
};

}  // namespace elig::explain
