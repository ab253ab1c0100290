#include "profile/load_profile.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "profile/load_table.hpp"
#include "support/profile_data.hpp"

namespace elig::profiles {
namespace {

using check::base;

constexpr std::size_t k_max_profile_bytes = 1 << 20;

class loader {
 public:
  loader(const check::program& prog, profile_result& out, std::uint32_t file)
      : prog_(prog), out_(out), file_(file), data_(std::make_shared<detail::profile_data>()) {}

  bool embedded = false;  // the profile is a table inside a larger file (a test case)

  void run(const toml::table& root, std::string name) {
    data_->name = std::move(name);
    data_->facts.resize(prog_.facts.size());
    data_->spans.resize(prog_.facts.size());
    std::vector<std::string> names;
    for (const auto& f : prog_.facts) names.push_back(f.name);
    for (const auto& [key, node] : root) {
      std::string k(key.str());
      auto it = std::find_if(prog_.facts.begin(), prog_.facts.end(),
                             [&](const check::fact_decl& f) { return f.name == k; });
      if (it == prog_.facts.end()) {
        auto near = nearest_name(k, names);
        error(diag_code::profile_unknown_key, fmt::format("unknown fact `{}`", k), key.source(),
              near ? fmt::format("did you mean `{}`?", *near)
                   : std::string("`elig template` lists the facts the rules read"));
        continue;
      }
      auto slot = static_cast<std::size_t>(it - prog_.facts.begin());
      data_->spans[slot] = span_of(node.source());
      data_->facts[slot] = convert(node, it->t, it->name, slot);
    }
    for (std::size_t i = 0; i < prog_.facts.size(); ++i)
      if (prog_.facts[i].required && !root.contains(prog_.facts[i].name))
        error(diag_code::profile_missing,
              fmt::format("required fact `{}` is missing", prog_.facts[i].name), root.source(),
              fmt::format("add `{} = ...` ({})", prog_.facts[i].name,
                          prog_.facts[i].label.en.empty() ? prog_.facts[i].label.zh
                                                          : prog_.facts[i].label.en),
              !embedded);
    if (!out_.diags_.has_errors()) out_.profile_.emplace(data_);
  }

 private:
  source_span span_of(const toml::source_region& r, bool at_start = false) const {
    const source_file& f = out_.sources_->file(file_);
    if (at_start || r.begin.line == 0) return {file_, 0, 0};
    std::uint32_t b = f.offset({r.begin.line, r.begin.column});
    std::uint32_t e = r.end.line == r.begin.line ? f.offset({r.end.line, r.end.column}) : b + 1;
    return {file_, b, std::max(e, b + 1)};
  }

  void error(diag_code code, std::string msg, const toml::source_region& at,
             std::optional<std::string> help = {}, bool at_start = false) {
    out_.diags_.add(code, std::move(msg), span_of(at, at_start), std::move(help));
  }

  std::string type_label(const check::type& t) const { return check::type_name(prog_, t); }

  // The decimal a TOML float spells, from its own text; nullopt for exponents, inf and nan.
  std::optional<decimal> exact_float(const toml::node& node) const {
    const auto& r = node.source();
    if (r.begin.line == 0 || r.end.line != r.begin.line) return std::nullopt;
    const source_file& f = out_.sources_->file(file_);
    std::uint32_t b = f.offset({r.begin.line, r.begin.column});
    std::uint32_t e = f.offset({r.end.line, r.end.column});
    if (e <= b || e > f.text().size()) return std::nullopt;
    std::string digits;
    for (char c : f.text().substr(b, e - b))
      if (c != '_' && c != '+') digits.push_back(c);
    return decimal::parse(digits);
  }

  std::optional<decimal> parse_amount(std::string_view s, bool& percent) const {
    std::string digits;
    decimal scale = decimal::from_int(1);
    percent = false;
    std::string_view body = s;
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    if (body.ends_with("%")) {
      percent = true;
      body.remove_suffix(1);
    } else if (body.ends_with("万")) {
      scale = decimal::from_int(10'000);
      body.remove_suffix(3);
    } else if (body.ends_with("亿")) {
      scale = decimal::from_int(100'000'000);
      body.remove_suffix(3);
    }
    for (char c : body)
      if (c != ',' && c != '_') digits.push_back(c);
    auto d = decimal::parse(digits);
    if (!d) return std::nullopt;
    try {
      return *d * scale;
    } catch (const decimal_overflow&) {
      return std::nullopt;
    }
  }

  value convert(const toml::node& node, const check::type& t, const std::string& name,
                std::size_t owner) {
    if (t.list) {
      const toml::array* arr = node.as_array();
      if (!arr) {
        error(diag_code::profile_type, fmt::format("`{}` must be a list ({})", name, type_label(t)),
              node.source(),
              t.kind == base::record ? fmt::format("write each item as a `[[{}]]` table", name)
                                     : std::string("write `[a, b]`"));
        return {};
      }
      check::type elem = t;
      elem.list = false;
      std::vector<value> items;
      std::uint32_t i = 0;
      for (const auto& item : *arr) {
        if (elem.kind == base::record)
          items.push_back(convert_record(item, elem.ref, fmt::format("{}[{}]", name, i + 1),
                                         static_cast<std::uint32_t>(owner), i));
        else
          items.push_back(convert(item, elem, fmt::format("{}[{}]", name, i + 1), owner));
        ++i;
      }
      data_->lists.push_back(std::move(items));
      const auto& stored = data_->lists.back();
      return list_view{stored.data(), static_cast<std::uint32_t>(stored.size())};
    }
    auto wrong = [&](std::string_view hint) {
      error(diag_code::profile_type,
            fmt::format("`{}` must be {}, found {}", name, type_label(t), describe(node)),
            node.source(), std::string(hint));
      return value{};
    };
    switch (t.kind) {
      case base::boolean:
        if (auto b = node.value<bool>(); node.is_boolean()) return *b;
        return wrong("write `true` or `false`");
      case base::year:
        if (node.is_integer()) {
          auto y = *node.value<std::int64_t>();
          if (y >= 1 && y <= 9999) return decimal::from_int(y);
        }
        return wrong("write a year such as `2024`");
      case base::date:
        if (node.is_date()) {
          auto d = *node.value<toml::date>();
          if (auto v = date::from_ymd(d.year, d.month, d.day)) return *v;
        }
        if (node.is_string())
          if (auto v = date::parse(*node.value<std::string>())) return *v;
        return wrong("write a date such as `2024-08-01`");
      case base::text:
        if (node.is_string()) {
          data_->texts.push_back(*node.value<std::string>());
          return std::string_view(data_->texts.back());
        }
        return wrong("write text in quotes");
      case base::enumeration: {
        const auto& members = prog_.enums[t.ref].members;
        if (node.is_string()) {
          auto s = *node.value<std::string>();
          auto it = std::find(members.begin(), members.end(), s);
          if (it != members.end()) return std::string_view(*it);
          auto near = nearest_name(s, members);
          std::string all;
          for (const auto& m : members) all += (all.empty() ? "`" : ", `") + m + "`";
          error(diag_code::profile_enum, fmt::format("`{}` is not one of {}", s, all),
                node.source(), near ? fmt::format("did you mean `{}`?", *near) : std::string());
          return {};
        }
        return wrong("write one of the allowed values in quotes");
      }
      case base::number:
      case base::money:
      case base::percent: {
        if (node.is_integer()) {
          decimal d = decimal::from_int(*node.value<std::int64_t>());
          if (t.kind == base::percent) return d / decimal::from_int(100);
          return d;
        }
        if (node.is_string()) {
          bool pct = false;
          auto s = *node.value<std::string>();
          if (auto d = parse_amount(s, pct)) {
            // A percentage is written in percent, with or without the sign: 3.45 and "3.45%" alike.
            if (pct && t.kind != base::percent) {
              error(diag_code::profile_type,
                    fmt::format("`{}` is {}, not a percentage", name, type_label(t)), node.source(),
                    std::string("leave out the `%`"));
              return {};
            }
            if (t.kind == base::percent) return *d / decimal::from_int(100);
            return *d;
          }
        }
        if (node.is_floating_point()) {
          // Read from the source text, never through binary floating point: 2.3 is 2.3.
          if (auto d = exact_float(node)) {
            if (t.kind == base::percent) return *d / decimal::from_int(100);
            return *d;
          }
          return wrong(
              "amounts are exact decimals: write plain digits such as 2.75 (no exponent), or "
              "the figure in quotes such as \"1234.56\"");
        }
        return wrong("write a whole number, or a figure in quotes such as \"1234.56\"");
      }
      default:
        return wrong("");
    }
  }

  value convert_record(const toml::node& node, std::uint32_t rec_id, const std::string& name,
                       std::uint32_t owner, std::uint32_t index) {
    const auto& rec = prog_.records[rec_id];
    const toml::table* tbl = node.as_table();
    if (!tbl) {
      error(diag_code::profile_type,
            fmt::format("`{}` must be a table of {} fields", name, rec.name), node.source());
      return {};
    }
    std::vector<value> fields(rec.fields.size());
    std::vector<std::string> names;
    for (const auto& f : rec.fields) names.push_back(f.name);
    for (const auto& [key, v] : *tbl) {
      std::string k(key.str());
      auto it = std::find(names.begin(), names.end(), k);
      if (it == names.end()) {
        auto near = nearest_name(k, names);
        error(diag_code::profile_unknown_key, fmt::format("`{}` has no field `{}`", name, k),
              key.source(), near ? fmt::format("did you mean `{}`?", *near) : std::string());
        continue;
      }
      auto i = static_cast<std::size_t>(it - names.begin());
      fields[i] = convert(v, rec.fields[i].t, name + "." + k, owner);
    }
    for (std::size_t i = 0; i < rec.fields.size(); ++i)
      if (rec.fields[i].required && !tbl->contains(rec.fields[i].name))
        error(diag_code::profile_missing,
              fmt::format("`{}` lacks the required field `{}`", name, rec.fields[i].name),
              tbl->source(), fmt::format("add `{} = ...`", rec.fields[i].name));
    data_->fields.push_back(std::move(fields));
    record_value r;
    r.fields = data_->fields.back().data();
    r.size = static_cast<std::uint32_t>(data_->fields.back().size());
    r.index = index;
    r.owner = owner;
    data_->records.push_back(r);
    return &data_->records.back();
  }

  static std::string describe(const toml::node& n) {
    switch (n.type()) {
      case toml::node_type::string:
        return "text";
      case toml::node_type::integer:
        return "a whole number";
      case toml::node_type::floating_point:
        return "a floating-point number";
      case toml::node_type::boolean:
        return "true/false";
      case toml::node_type::date:
        return "a date";
      case toml::node_type::time:
        return "a time";
      case toml::node_type::date_time:
        return "a date-time";
      case toml::node_type::array:
        return "a list";
      case toml::node_type::table:
        return "a table";
      default:
        return "nothing";
    }
  }

  const check::program& prog_;
  profile_result& out_;
  std::uint32_t file_;
  std::shared_ptr<detail::profile_data> data_;
};

}  // namespace

profile_result load_profile(const check::program& prog, std::string_view text, std::string name) {
  profile_result out;
  std::uint32_t file = out.sources_->add(name, std::string(text));
  std::string_view body = out.sources_->file(file).text();
  if (text.size() > k_max_profile_bytes) {
    out.diags_.add(diag_code::file_too_large,
                   fmt::format("the profile is {} bytes; profiles are limited to {} bytes",
                               text.size(), k_max_profile_bytes),
                   source_span{file, 0, 0});
    return out;
  }
  toml::table root;
  try {
    root = toml::parse(body, name);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    const source_file& f = out.sources_->file(file);
    std::uint32_t at = f.offset({src.begin.line, src.begin.column});
    out.diags_.add(diag_code::profile_syntax, std::string(e.description()),
                   source_span{file, at, at + 1}, "the profile must be valid TOML (toml.io)");
    return out;
  }
  loader(prog, out, file).run(root, name);
  return out;
}

profile_result load_profile_table(const check::program& prog, const toml::table& root,
                                  std::string name, std::shared_ptr<source_manager> sources,
                                  std::uint32_t file) {
  profile_result out;
  out.sources_ = std::move(sources);
  loader l(prog, out, file);
  l.embedded = true;
  l.run(root, std::move(name));
  return out;
}

}  // namespace elig::profiles
