#include "profile/read_toml.hpp"

namespace elig::profiles {
namespace {

source_span span_of(const toml::source_region& r, const source_file& f, std::uint32_t id) {
  if (r.begin.line == 0) return {id, 0, 0};
  std::uint32_t b = f.offset({r.begin.line, r.begin.column});
  std::uint32_t e = r.end.line == r.begin.line
                        ? f.offset({r.end.line, r.end.column}, {r.begin.line, r.begin.column}, b)
                        : b + 1;
  return {id, b, std::max(e, b + 1)};
}

// Fills `out` in place: nodes are large, and moving each into its parent showed in profiles.
void read_into(const toml::node& node, const source_file& file, std::uint32_t id, input_node& out) {
  out.span = span_of(node.source(), file, id);
  using k = input_node::kind;
  switch (node.type()) {
    case toml::node_type::string:
      out.k = k::text;
      out.text = node.as_string()->get();
      break;
    case toml::node_type::integer:
      out.k = k::integer;
      out.integer = node.as_integer()->get();
      out.text = std::to_string(out.integer);
      break;
    case toml::node_type::floating_point: {
      // The number as written: the converter reads it as an exact decimal.
      out.k = k::number;
      const auto& r = node.source();
      if (r.begin.line != 0 && r.end.line == r.begin.line) {  // out.span is the number's text
        const std::uint32_t b = out.span.begin, e = out.span.end;
        if (e > b && e <= file.text().size()) out.text = std::string(file.text().substr(b, e - b));
      }
      break;
    }
    case toml::node_type::boolean:
      out.k = k::boolean;
      out.flag = node.as_boolean()->get();
      break;
    case toml::node_type::date: {
      out.k = k::date;
      auto d = node.as_date()->get();
      if (auto v = date::from_ymd(d.year, d.month, d.day)) {
        out.day = *v;
        out.day_valid = true;
      }
      break;
    }
    case toml::node_type::time:
      out.k = k::time;
      break;
    case toml::node_type::date_time:
      out.k = k::date_time;
      break;
    case toml::node_type::array:
      out.k = k::list;
      out.items.reserve(node.as_array()->size());
      for (const auto& item : *node.as_array()) read_into(item, file, id, out.items.emplace_back());
      break;
    case toml::node_type::table:
      out.k = k::table;
      out.fields.reserve(node.as_table()->size());
      for (const auto& [key, v] : *node.as_table()) {
        input_field& slot = out.fields.emplace_back();
        slot.key = key.str();
        slot.key_span = span_of(key.source(), file, id);
        read_into(v, file, id, slot.value);
      }
      break;
    default:
      out.k = k::null;
  }
}

}  // namespace

input_node read_toml(const toml::node& node, const source_file& file, std::uint32_t id) {
  input_node out;
  read_into(node, file, id, out);
  return out;
}

}  // namespace elig::profiles
