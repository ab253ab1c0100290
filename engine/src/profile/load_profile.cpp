#include "profile/load_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "profile/load_table.hpp"
#include "profile/read_json.hpp"
#include "profile/read_toml.hpp"
#include "profile/toml.hpp"
#include "profile/typed_profile.hpp"
#include "support/profile_data.hpp"

namespace elig::profiles {
namespace {

using check::base;
using kind = input_node::kind;

constexpr std::size_t k_max_profile_bytes = 1 << 20;
constexpr std::size_t k_read_ahead = 64;  // simdjson::SIMDJSON_PADDING

// Where a value sits, spelt out only when a message needs it: `loans[2].principal` for people,
// `/loans/1/principal` (RFC 6901) for JSON tools.
struct place {
  const place* parent = nullptr;
  std::string_view key;     // a fact or field name; empty for a list item
  std::uint32_t index = 0;  // a list item's position, from 0

  [[nodiscard]] std::string name() const {
    if (!parent) return std::string(key);
    return key.empty() ? fmt::format("{}[{}]", parent->name(), index + 1)
                       : parent->name() + "." + std::string(key);
  }
  [[nodiscard]] std::string pointer() const {
    std::string up = parent ? parent->pointer() : std::string();
    return key.empty() ? fmt::format("{}/{}", up, index) : up + "/" + std::string(key);
  }
};

// Applies the schema to a profile as read (TOML or JSON): every fact typed, every problem located.
class loader {
 public:
  loader(const check::program& prog, profile_draft& out, std::uint32_t file, input_format format)
      : prog_(prog),
        out_(out),
        file_(file),
        format_(format),
        data_(std::make_shared<detail::profile_data>()) {}

  bool embedded = false;  // the profile is a table inside a larger file (a test case)

  void run(const input_node& root, std::string name) {
    data_->name = std::move(name);
    data_->facts.resize(prog_.facts.size());
    data_->spans.resize(prog_.facts.size());
    if (root.k != kind::table) {
      error(diag_code::profile_type,
            {"a profile is an object of facts", "档案应是由事实组成的对象"}, root.span,
            format_ == input_format::json
                ? words{"write `{\"fact\": value, ...}`", "请写成 `{\"事实\": 值, ...}`"}
                : words{});
      return;
    }
    std::vector<char> seen(prog_.facts.size(), 0);
    std::size_t next = 0;  // profiles mostly state facts in the schema's order: try that first
    for (const auto& field : root.fields) {
      const std::string& k = field.key;
      auto it = next < prog_.facts.size() && prog_.facts[next].name == k
                    ? prog_.facts.begin() + static_cast<std::ptrdiff_t>(next)
                    : std::find_if(prog_.facts.begin(), prog_.facts.end(),
                                   [&](const check::fact_decl& f) { return f.name == k; });
      next = static_cast<std::size_t>(it - prog_.facts.begin()) + 1;
      if (it == prog_.facts.end() && !prog_.id_fact && k == "id" && !embedded) {
        take_id(field.value);
        continue;
      }
      if (it == prog_.facts.end()) {
        std::vector<std::string> names;
        for (const auto& f : prog_.facts) names.push_back(f.name);
        auto near = nearest_name(k, names);
        error(diag_code::profile_unknown_key,
              {fmt::format("unknown fact `{}`", k), fmt::format("未知的事实 `{}`", k)},
              field.key_span,
              did_you_mean(near, {"`elig template` lists the facts the rules read",
                                  "`elig template` 列出规则读取的全部事实"}));
        continue;
      }
      auto slot = static_cast<std::size_t>(it - prog_.facts.begin());
      if (seen[slot]++) {
        error(diag_code::profile_syntax,
              {fmt::format("`{}` is given twice", k), fmt::format("`{}` 填写了两次", k)},
              field.key_span, {"state each fact once", "每项事实只填写一次"});
        continue;
      }
      data_->spans[slot] = field.value.span;
      data_->facts[slot] = convert(field.value, it->t, place{nullptr, it->name, 0}, slot);
    }
    for (std::size_t i = 0; i < prog_.facts.size(); ++i)
      if (prog_.facts[i].required && !seen[i])
        error(diag_code::profile_missing,
              {fmt::format("required fact `{}` is missing", prog_.facts[i].name),
               fmt::format("缺少必填事实 `{}`", prog_.facts[i].name)},
              embedded ? root.span : source_span{file_, 0, 0},
              {fmt::format(fmt::runtime(format_ == input_format::json ? "add `\"{}\": ...` ({})"
                                                                      : "add `{} = ...` ({})"),
                           prog_.facts[i].name,
                           prog_.facts[i].label.en.empty() ? prog_.facts[i].label.zh
                                                           : prog_.facts[i].label.en),
               fmt::format(fmt::runtime(format_ == input_format::json ? "请添加 `\"{}\": ...`（{}）"
                                                                      : "请添加 `{} = ...`（{}）"),
                           prog_.facts[i].name, prog_.facts[i].label.zh)});
    if (out_.diags.has_errors()) return;
    for (auto [slot, name] :
         {std::pair{prog_.id_fact, &data_->id}, std::pair{prog_.company_fact, &data_->company}}) {
      if (!slot) continue;
      const value& v = data_->facts[*slot];
      if (v.known() && std::holds_alternative<std::string_view>(v.raw())) *name = v.as_text();
    }
    type_profile(prog_, *data_);
    out_.loaded.emplace(data_);
  }

 private:
  // A schema without an `id` fact leaves the key to the caller: a text (or whole number) that
  // names the profile in outputs, never a fact the rules read.
  void take_id(const input_node& v) {
    if (v.k == kind::text || v.k == kind::integer) {
      data_->id = data_->texts.push_back(v.text);
      return;
    }
    error(diag_code::profile_type,
          {"`id` names the profile: write a text or a whole number",
           "`id` 是档案编号：请填写文字或整数"},
          v.span, {"e.g. `\"id\": \"C000123\"`", "例如 `\"id\": \"C000123\"`"});
  }

  // Every profile message in English and Chinese (`--lang zh` shows the second). JSON
  // diagnostics also name the JSON pointer of the value (RFC 6901).
  struct words {
    std::string en, zh;
  };
  void error(diag_code code, words msg, source_span at, words help = {},
             const place* where = nullptr) {
    if (format_ == input_format::json && where) {
      msg.en += fmt::format(" (at {})", where->pointer());
      msg.zh += fmt::format("（位置 {}）", where->pointer());
    }
    auto& d = out_.diags.add(code, std::move(msg.en), at, std::move(help.en));
    if (format_ == input_format::json && where) d.pointer = where->pointer();
    d.message_zh = std::move(msg.zh);
    if (!help.zh.empty()) d.help_zh = std::move(help.zh);
  }
  static words did_you_mean(const std::optional<std::string>& near, words otherwise) {
    if (!near) return otherwise;
    return {fmt::format("did you mean `{}`?", *near), fmt::format("是否想写 `{}`？", *near)};
  }

  std::string type_label(const check::type& t) const { return check::type_name(prog_, t); }

  std::optional<decimal> parse_amount(std::string_view s, bool& percent) const {
    return parse_written_amount(s, percent);
  }

  // Digits after the decimal point of a figure as written ("3.125%" has 3), and how many its
  // type holds: 12, less two for a percent (stored divided by 100), more for 万 and 亿.
  static int places_written(std::string_view text) {
    const auto dot = text.find('.');
    if (dot == std::string_view::npos) return 0;
    int n = 0;
    for (std::size_t i = dot + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++n;
    return n;
  }
  static int places_held(std::string_view text, base kind) {
    int held = decimal::scale_digits - (kind == base::percent ? 2 : 0);
    if (text.find("万") != std::string_view::npos) held += 4;
    if (text.find("亿") != std::string_view::npos) held += 8;
    return held;
  }

  // The decimal a non-integer number spells, from its own text; nullopt for exponents, inf, nan.
  static std::optional<decimal> exact_number(const std::string& text) {
    std::string digits;
    for (char c : text)
      if (c != '_' && c != '+') digits.push_back(c);
    return decimal::parse(digits);
  }

  value convert(const input_node& node, const check::type& t, const place& at, std::size_t owner) {
    if (t.list) {
      if (node.k != kind::list) {
        words hint = format_ != input_format::json && t.kind == base::record
                         ? words{fmt::format("write each item as a `[[{}]]` table", at.name()),
                                 fmt::format("每一项写成一个 `[[{}]]` 表", at.name())}
                         : words{"write `[a, b]`", "请写成 `[a, b]`"};
        error(diag_code::profile_type,
              {fmt::format("`{}` must be a list ({})", at.name(), type_label(t)),
               fmt::format("`{}` 应是列表（{}）", at.name(), type_label(t))},
              node.span, hint, &at);
        return {};
      }
      check::type elem = t;
      elem.list = false;
      std::vector<value> items;
      items.reserve(node.items.size());
      std::uint32_t i = 0;
      for (const auto& item : node.items) {
        place item_at{&at, {}, i};
        if (elem.kind == base::record)
          items.push_back(
              convert_record(item, elem.ref, item_at, static_cast<std::uint32_t>(owner), i));
        else
          items.push_back(convert(item, elem, item_at, owner));
        ++i;
      }
      data_->lists.push_back(std::move(items));
      const auto& stored = data_->lists.back();
      return list_view{stored.data(), static_cast<std::uint32_t>(stored.size())};
    }
    auto wrong = [&](words hint) {
      error(diag_code::profile_type,
            {fmt::format("`{}` must be {}, found {}", at.name(), type_label(t), describe(node)),
             fmt::format("`{}` 应为 {}，实际是{}", at.name(), type_label(t), describe_zh(node))},
            node.span, std::move(hint), &at);
      return value{};
    };
    const bool json = format_ == input_format::json;
    switch (t.kind) {
      case base::boolean:
        if (node.k == kind::boolean) return node.flag;
        return wrong({"write `true` or `false`", "请写 `true`（是）或 `false`（否）"});
      case base::year:
        if (node.k == kind::integer && node.integer >= 1 && node.integer <= 9999)
          return decimal::from_int(node.integer);
        return wrong({"write a year such as `2024`", "请写年份，如 `2024`"});
      case base::date:
        if (node.k == kind::date && node.day_valid) return node.day;
        if (node.k == kind::date) {
          error(diag_code::profile_type,
                {fmt::format("`{}` is outside the years 1 to 9999", at.name()),
                 fmt::format("`{}` 超出公元 1 至 9999 年的范围", at.name())},
                node.span, {"write a date such as `2024-08-01`", "请写日期，如 `2024-08-01`"}, &at);
          return {};
        }
        if (node.k == kind::text)
          if (auto v = date::parse(node.text)) return *v;
        return wrong(
            json ? words{"write a date such as \"2024-08-01\"", "请写日期，如 \"2024-08-01\""}
                 : words{"write a date such as `2024-08-01`", "请写日期，如 `2024-08-01`"});
      case base::text:
        if (node.k == kind::text) {
          data_->texts.push_back(node.text);
          return std::string_view(data_->texts.back());
        }
        return wrong({"write text in quotes", "文字请加引号"});
      case base::enumeration: {
        const auto& members = prog_.enums[t.ref].members;
        const auto& labels = prog_.enums[t.ref].labels;
        if (node.k == kind::text) {
          auto it = std::find(members.begin(), members.end(), node.text);
          if (it != members.end()) return std::string_view(*it);
          // A member's Chinese or English label names it too: "上城区" is `shangcheng`.
          for (std::size_t i = 0; i < labels.size(); ++i)
            if ((!labels[i].zh.empty() && labels[i].zh == node.text) ||
                (!labels[i].en.empty() && labels[i].en == node.text))
              return std::string_view(members[i]);
          // Near misses of a label count too: "西湖" is close to "西湖区".
          std::vector<std::string> names = members;
          for (const auto& l : labels)
            for (const std::string* t : {&l.zh, &l.en})
              if (!t->empty()) names.push_back(*t);
          auto near = nearest_name(node.text, names);
          std::string all, all_zh;
          for (std::size_t i = 0; i < members.size(); ++i) {
            all += (all.empty() ? "`" : ", `") + members[i] + "`";
            bool labelled = i < labels.size() && !labels[i].zh.empty();
            all_zh += (all_zh.empty() ? "" : "、") +
                      (labelled ? fmt::format("{}（`{}`）", labels[i].zh, members[i])
                                : fmt::format("`{}`", members[i]));
          }
          error(diag_code::profile_enum,
                {fmt::format("`{}` is not one of {}", node.text, all),
                 fmt::format("`{}` 不是可选值之一：{}", node.text, all_zh)},
                node.span,
                did_you_mean(near, {"write one of the values listed (`elig template` shows what "
                                    "each means)",
                                    "请从所列取值中选一个，也可写其中文名称（`elig template` "
                                    "列出各取值的含义）"}),
                &at);
          return {};
        }
        return wrong({"write one of the allowed values in quotes", "请用引号写出一个可选值"});
      }
      case base::number:
      case base::money:
      case base::percent: {
        // Money is never negative in a profile: a paid rent of -420,000 is a typo, not a fact.
        auto accept = [&](decimal d) -> value {
          if (t.kind == base::money && d < decimal{}) {
            error(diag_code::profile_type,
                  {fmt::format("`{}` cannot be negative", at.name()),
                   fmt::format("`{}` 不能为负数", at.name())},
                  node.span, {"amounts of money are written without a sign", "金额不带正负号"},
                  &at);
            return {};
          }
          return t.kind == base::percent ? d / decimal::from_int(100) : d;
        };
        if (node.k == kind::integer) return accept(decimal::from_int(node.integer));
        if ((node.k == kind::text || node.k == kind::number) &&
            places_written(node.text) > places_held(node.text, t.kind)) {
          // Kept whole or refused: never rounded in silence.
          const int held = places_held(node.text, t.kind);
          error(
              diag_code::profile_type,
              {fmt::format("`{}` has {} decimal places; {} holds at most {}", at.name(),
                           places_written(node.text),
                           t.kind == base::percent ? "a percentage"
                           : t.kind == base::money ? "an amount of money"
                                                   : "a number",
                           held),
               fmt::format("`{}` 有 {} 位小数，{}最多 {} 位", at.name(), places_written(node.text),
                           t.kind == base::percent ? "百分比"
                           : t.kind == base::money ? "金额"
                                                   : "数值",
                           held)},
              node.span,
              {fmt::format("write at most {} decimal places", held),
               fmt::format("最多写 {} 位小数", held)},
              &at);
          return {};
        }
        if (node.k == kind::text) {
          bool pct = false;
          if (auto d = parse_amount(node.text, pct)) {
            // A percentage is written in percent, with or without the sign: 3.45 and "3.45%" alike.
            if (pct && t.kind != base::percent) {
              error(diag_code::profile_type,
                    {fmt::format("`{}` is {}, not a percentage", at.name(), type_label(t)),
                     fmt::format("`{}` 是 {}，不是百分比", at.name(), type_label(t))},
                    node.span, {"leave out the `%`", "去掉 `%`"}, &at);
              return {};
            }
            return accept(*d);
          }
        }
        if (node.k == kind::number) {
          // Read from the text, never through binary floating point: 2.3 is 2.3.
          if (auto d = exact_number(node.text)) return accept(*d);
          return wrong(
              format_ == input_format::json
                  ? words{"amounts are exact decimals: write digits such as 2.75 or 1.2e7 (an "
                          "exponent of at most 60), or the figure in quotes such as \"1234.56\"",
                          "金额是精确小数：请写数字如 2.75 或 1.2e7（指数不超过 60），或加引号如 "
                          "\"1234.56\""}
                  : words{"amounts are exact decimals: write plain digits such as 2.75 (TOML "
                          "reads an exponent as binary floating point), or the figure in quotes "
                          "such as \"1234.56\"",
                          "金额是精确小数：请写普通数字如 2.75（TOML 的科学计数法是二进制浮点数），"
                          "或加引号如 \"1234.56\""});
        }
        return wrong({"write a whole number, or a figure in quotes such as \"1234.56\"",
                      "请写整数，或加引号的数字，如 \"1234.56\"、\"120万\""});
      }
      default:
        return wrong({});
    }
  }

  value convert_record(const input_node& node, std::uint32_t rec_id, const place& at,
                       std::uint32_t owner, std::uint32_t index) {
    const auto& rec = prog_.records[rec_id];
    if (node.k != kind::table) {
      error(diag_code::profile_type,
            {fmt::format("`{}` must be a table of {} fields", at.name(), rec.name),
             fmt::format("`{}` 应是由 {} 各字段组成的表", at.name(), rec.name)},
            node.span, {}, &at);
      return {};
    }
    std::vector<value> fields(rec.fields.size());
    std::vector<char> seen(rec.fields.size(), 0);
    for (const auto& field : node.fields) {
      const std::string& k = field.key;
      auto it = std::find_if(rec.fields.begin(), rec.fields.end(),
                             [&](const check::field_decl& f) { return f.name == k; });
      if (it == rec.fields.end()) {
        std::vector<std::string> names;
        for (const auto& f : rec.fields) names.push_back(f.name);
        auto near = nearest_name(k, names);
        error(diag_code::profile_unknown_key,
              {fmt::format("`{}` has no field `{}`", at.name(), k),
               fmt::format("`{}` 没有字段 `{}`", at.name(), k)},
              field.key_span, did_you_mean(near, {}), &at);
        continue;
      }
      auto i = static_cast<std::size_t>(it - rec.fields.begin());
      if (seen[i]++) {
        error(diag_code::profile_syntax,
              {fmt::format("`{}.{}` is given twice", at.name(), k),
               fmt::format("`{}.{}` 填写了两次", at.name(), k)},
              field.key_span, {"state each field once", "每个字段只填写一次"}, &at);
        continue;
      }
      fields[i] = convert(field.value, rec.fields[i].t, place{&at, it->name, 0}, owner);
      // An award must name a provision of these rules: a misspelt id would let `pays once`
      // pay again without a word.
      if (rec.is_history && i == 0 && fields[0].known())
        check_award(fields[0].as_text(), field, at);
    }
    for (std::size_t i = 0; i < rec.fields.size(); ++i)
      if (rec.fields[i].required && !seen[i])
        error(diag_code::profile_missing,
              {fmt::format("`{}` lacks the required field `{}`", at.name(), rec.fields[i].name),
               fmt::format("`{}` 缺少必填字段 `{}`", at.name(), rec.fields[i].name)},
              node.span,
              {fmt::format(fmt::runtime(format_ == input_format::json ? "add `\"{}\": ...`"
                                                                      : "add `{} = ...`"),
                           rec.fields[i].name),
               fmt::format(fmt::runtime(format_ == input_format::json ? "请添加 `\"{}\": ...`"
                                                                      : "请添加 `{} = ...`"),
                           rec.fields[i].name)},
              &at);
    data_->fields.push_back(std::move(fields));
    record_value r;
    r.fields = data_->fields.back().data();
    r.size = static_cast<std::uint32_t>(data_->fields.back().size());
    r.index = index;
    r.owner = owner;
    data_->records.push_back(r);
    return &data_->records.back();
  }

  void check_award(std::string_view id, const input_field& field, const place& at) {
    for (const auto& pr : prog_.provisions)
      if (pr.id == id) return;
    std::vector<std::string> ids;
    for (const auto& pr : prog_.provisions) ids.push_back(pr.id);
    auto near = nearest_name(std::string(id), ids);
    place field_at{&at, field.key, 0};
    error(
        diag_code::profile_enum,
        {fmt::format("`{}` names no provision of these rules: `{}`", field_at.name(), id),
         fmt::format("`{}` 所填的 `{}` 不是这些规则中的条款", field_at.name(), id)},
        field.value.span,
        did_you_mean(near, {"`elig list` shows the provision ids", "`elig list` 列出全部条款编号"}),
        &field_at);
  }

  std::string describe(const input_node& n) const {
    switch (n.k) {
      case kind::text:
        return "text";
      case kind::integer:
        return "a whole number";
      case kind::number:
        return format_ == input_format::json ? "a number with a fraction or exponent"
                                             : "a floating-point number";
      case kind::boolean:
        return "true/false";
      case kind::date:
        return "a date";
      case kind::time:
        return "a time";
      case kind::date_time:
        return "a date-time";
      case kind::list:
        return "a list";
      case kind::table:
        return format_ == input_format::json ? "an object" : "a table";
      case kind::null:
        return "null";
    }
    return "nothing";
  }

  std::string describe_zh(const input_node& n) const {
    switch (n.k) {
      case kind::text:
        return "文字";
      case kind::integer:
        return "整数";
      case kind::number:
        return "带小数或指数的数";
      case kind::boolean:
        return "是/否";
      case kind::date:
        return "日期";
      case kind::time:
        return "时间";
      case kind::date_time:
        return "日期时间";
      case kind::list:
        return "列表";
      case kind::table:
        return format_ == input_format::json ? "对象" : "表";
      case kind::null:
        return "null";
    }
    return "空";
  }

  const check::program& prog_;
  profile_draft& out_;
  std::uint32_t file_;
  input_format format_;
  std::shared_ptr<detail::profile_data> data_;
};

// JSON when the first thing in the text is `{`: a TOML profile cannot start that way.
bool looks_like_json(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{';
  }
  return false;
}

}  // namespace

profile_result load_profile(const check::program& prog, std::string_view text, std::string name,
                            std::optional<input_format> format) {
  profile_draft out;
  if (text.size() > k_max_profile_bytes) {
    std::uint32_t file = out.sources->add(name, std::string());
    out.diags
        .add(diag_code::file_too_large,
             fmt::format("the profile is {} bytes; profiles are limited to {} bytes", text.size(),
                         k_max_profile_bytes),
             source_span{file, 0, 0})
        .message_zh =
        fmt::format("档案有 {} 字节，超过 {} 字节的上限", text.size(), k_max_profile_bytes);
    return std::move(out).done();
  }
  // Room after the text lets the JSON reader parse it in place (simdjson reads ahead in blocks).
  std::string copy;
  copy.reserve(text.size() + k_read_ahead);
  copy.assign(text);
  std::uint32_t file = out.sources->add(name, std::move(copy));
  const source_file& f = out.sources->file(file);
  input_format fmt_used =
      format.value_or(looks_like_json(text) ? input_format::json : input_format::toml);
  input_node root;
  if (fmt_used == input_format::json) {
    auto read = read_json(f, file, out.diags);
    if (!read) return std::move(out).done();
    root = std::move(*read);
  } else {
    try {
      toml::table table = toml::parse(f.text(), name);
      root = read_toml(table, f, file);
    } catch (const toml::parse_error& e) {
      const auto& src = e.source();
      std::uint32_t at = f.offset({src.begin.line, src.begin.column});
      // The commonest slip: dates written the way forms print them.
      std::string_view line = f.line_text(src.begin.line);
      bool slashed_date = false;
      for (std::size_t i = 0; i + 10 <= line.size(); ++i)
        if (std::isdigit(static_cast<unsigned char>(line[i])) && line[i + 4] == '/' &&
            std::isdigit(static_cast<unsigned char>(line[i + 3])))
          slashed_date = true;
      // The next: an amount in 万 or 亿, or with thousands separators, written without quotes.
      const bool unquoted_amount =
          !slashed_date && line.find('=') != std::string_view::npos &&
          line.find('"') == std::string_view::npos &&
          (line.find("万") != std::string_view::npos || line.find("亿") != std::string_view::npos ||
           line.find("元") != std::string_view::npos ||
           line.find(',', line.find('=')) != std::string_view::npos);
      if (unquoted_amount) {
        std::string key(line.substr(0, line.find('=')));
        while (!key.empty() && key.back() == ' ') key.pop_back();
        std::string value(line.substr(line.find('=') + 1));
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        auto& d = out.diags.add(diag_code::profile_syntax,
                                fmt::format("the amount of `{}` is written without quotes", key),
                                source_span{file, at, at + 1},
                                fmt::format("write it in quotes: `{} = \"{}\"`", key, value));
        d.message_zh = fmt::format("`{}` 的金额没有加引号", key);
        d.help_zh = fmt::format("请加上引号：`{} = \"{}\"`", key, value);
        return std::move(out).done();
      }
      auto& d = out.diags.add(
          diag_code::profile_syntax, std::string(e.description()), source_span{file, at, at + 1},
          slashed_date ? "dates are written 2024-03-01, with dashes and no quotes"
                       : "the profile must be valid TOML (toml.io)");
      d.message_zh = "TOML 格式错误：" + std::string(e.description());
      d.help_zh = slashed_date ? "日期写作 2024-03-01：用短横线，不加引号"
                               : "档案须为合法的 TOML（toml.io）";
      return std::move(out).done();
    }
  }
  loader(prog, out, file, fmt_used).run(root, std::move(name));
  return std::move(out).done();
}

profile_result load_profile_table(const check::program& prog, const toml::table& root,
                                  std::string name, std::shared_ptr<source_manager> sources,
                                  std::uint32_t file) {
  profile_draft out;
  out.sources = std::move(sources);
  loader l(prog, out, file, input_format::toml);
  l.embedded = true;
  l.run(read_toml(root, out.sources->file(file), file), std::move(name));
  return std::move(out).done();
}

}  // namespace elig::profiles
