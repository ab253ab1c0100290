#include "explain/labels.hpp"

#include <fmt/format.h>

#include "check/typed.hpp"
#include "elig/render.hpp"

namespace elig::explain {
using check::base;
using check::node;
using check::node_id;
using check::op;

std::string format_value(const check::program& p, const fast::fval& v, const check::type& t,
                         bool en) {
  if (!v.known()) return en ? "unknown" : "未知";
  if (t.list) {
    if (t.kind == base::record)
      return en ? fmt::format("{} item(s)", v.list.size) : fmt::format("{} 项", v.list.size);
    std::string out = "[";
    check::type elem = t;
    elem.list = false;
    for (std::uint32_t i = 0; i < v.list.size; ++i)
      out += (i > 0 ? ", " : "") + format_value(p, v.list.data[i], elem, en);
    return out + "]";
  }
  switch (t.kind) {
    case base::boolean:
      return v.truth() ? (en ? "yes" : "是") : (en ? "no" : "否");
    case base::money:
      return decimal::from_raw(v.num).to_grouped(2);
    case base::percent:
      return (decimal::from_raw(v.num) * decimal::from_int(100)).to_string() + "%";
    case base::number:
    case base::year:
      return decimal::from_raw(v.num).to_string();
    case base::date:
      return date::from_days(v.day).to_string();
    case base::duration:
      if (v.dur.days) return fmt::format("{} {}", v.dur.days, en ? "days" : "天");
      return fmt::format("{} {}", v.dur.months, en ? "months" : "个月");
    case base::text:
      return std::string(v.text.data, v.text.size);
    case base::enumeration: {
      // A member reads as its label where the rules give one: 上城区, not `shangcheng`.
      if (t.ref >= p.enums.size() || v.idx >= p.enums[t.ref].members.size()) return "?";
      const auto& e = p.enums[t.ref];
      if (v.idx < e.labels.size()) {
        const std::string& l = en ? e.labels[v.idx].en : e.labels[v.idx].zh;
        if (!l.empty()) return l;
      }
      return e.members[v.idx];
    }
    case base::record:
      return en ? fmt::format("item {}", v.rec->index + 1)
                : fmt::format("第 {} 项", v.rec->index + 1);
    case base::nothing:
      return "-";
  }
  return "?";
}

std::string format_value(const check::program& p, const value& literal, const check::type& t,
                         bool en) {
  if (!literal.known() || t.list || t.kind == base::record || t.kind == base::nothing)
    return t.kind == base::nothing ? "-" : (en ? "unknown" : "未知");
  return format_value(p, check::typed_scalar(p, literal, t), t, en);
}

namespace {

bool is_number(const check::type& t) {
  return !t.list && (t.kind == base::number || t.kind == base::money || t.kind == base::percent ||
                     t.kind == base::year);
}

const char* op_text(op o, bool en) {
  switch (o) {
    case op::add:
      return "+";
    case op::sub:
      return "−";
    case op::mul:
      return "×";
    case op::div:
      return "÷";
    case op::eq:
      return "=";
    case op::ne:
      return "≠";
    case op::lt:
      return "<";
    case op::le:
      return "≤";
    case op::gt:
      return ">";
    case op::ge:
      return "≥";
    // Words, not set symbols: a reader who reads no code reads "is one of".
    case op::in:
      return en ? "is one of" : "属于";
    case op::not_in:
      return en ? "is not one of" : "不属于";
    case op::and_:
      return en ? "and" : "且";
    case op::or_:
      return en ? "or" : "或";
    case op::otherwise:
      return en ? "otherwise" : "未提供时取";
    default:
      return "?";
  }
}

class describer {
 public:
  describer(const check::program& p, const fast::trace_view& trace, bool en)
      : p_(p), trace_(trace), en_(en) {}

  const fast::fval* recorded(node_id id) const { return trace_.value(id); }

  std::string val(node_id id) const {
    const fast::fval* v = recorded(id);
    return v ? format_value(p_, *v, n(id).t, en_) : (en_ ? "not evaluated" : "未求值");
  }

  const node& n(node_id id) const { return p_.nodes[static_cast<std::size_t>(id)]; }

  std::string label_of(const bitext& b, const std::string& fallback) const {
    if (en_) return b.en.empty() ? (b.zh.empty() ? fallback : b.zh) : b.en;
    return b.zh.empty() ? fallback : b.zh;
  }

  // A name with the value it had: "主营业务收入 8,200,000.00".
  std::string named(const std::string& label, node_id id) const { return label + " " + val(id); }

  // The formula of an amount, without repeating its result at the end.
  std::string formula(node_id id) const {
    const node& x = n(id);
    if (x.kind == op::builtin) return builtin(id, true);
    // A named value shows its own formula one level down, with the values this evaluation used.
    if (x.kind == op::call_define || x.kind == op::define_ref)
      return describe(id, false) + " = " + formula(p_.defines[x.ref].body);
    if (x.kind == op::sum) return describe(id, false);
    return describe(id, true);
  }

  std::string describe(node_id id, bool values = true) const {
    const node& x = n(id);
    switch (x.kind) {
      case op::literal:
        return format_value(p_, x.lit, x.t, en_);
      case op::fact: {
        std::string l = label_of(p_.facts[x.ref].label, p_.facts[x.ref].name);
        return values ? named(l, id) : l;
      }
      case op::field: {
        const auto& base_t = n(x.a).t;
        std::string l = describe(x.a, false) + "." + x.name;
        if (base_t.kind == base::record && base_t.ref < p_.records.size()) {
          const auto& f = p_.records[base_t.ref].fields[x.ref];
          l = describe(x.a, false) + (en_ ? "'s " : "的") + label_of(f.label, f.name);
        }
        return values ? named(l, id) : l;
      }
      case op::var: {
        std::string name = x.name;
        if (const fast::fval* v = recorded(id); v && v->known() && x.t.kind == base::record)
          return item(x.t, *v->rec);
        return values && x.t.kind != base::record ? named(name, id) : name;
      }
      case op::define_ref: {
        const auto& d = p_.defines[x.ref];
        std::string l = label_of(d.label, d.name);
        return values ? named(l, id) : l;
      }
      case op::call_define: {
        const auto& d = p_.defines[x.ref];
        std::string args;
        for (auto a : x.args) args += (args.empty() ? "" : ", ") + describe(a, false);
        std::string l = x.args.size() == 1
                            ? fmt::format(fmt::runtime(en_ ? "{} of {}" : "{1}的{0}"),
                                          label_of(d.label, d.name), args)
                            : fmt::format("{}({})", label_of(d.label, d.name), args);
        return values ? named(l, id) : l;
      }
      case op::param:
        return values ? named(label_of(p_.params[x.ref].label, p_.params[x.ref].name), id)
                      : label_of(p_.params[x.ref].label, p_.params[x.ref].name);
      case op::param_at: {
        const std::string param = label_of(p_.params[x.ref].label, p_.params[x.ref].name);
        std::string l = en_ ? fmt::format("{} in force on {}", param, describe(x.b, values))
                            : fmt::format("{} 适用的{}", describe(x.b, values), param);
        return values ? named(l, id) : l;
      }
      case op::neg:
        return "−" + describe(x.a, values);
      case op::not_:
        return (en_ ? "not (" : "非（") + describe(x.a, values) + (en_ ? ")" : "）");
      case op::if_: {
        // The branch this evaluation took, and why; both only when the test was not decided.
        const fast::fval* test = recorded(x.a);
        if (values && test && test->known()) {
          const bool yes = test->truth();
          return fmt::format(fmt::runtime(en_ ? "{} (as {})" : "{}（因 {}）"),
                             describe(yes ? x.b : x.c, values), stated(x.a, yes));
        }
        return fmt::format(
            fmt::runtime(en_ ? "(if {} then {} else {})" : "（若 {} 则 {} 否则 {}）"),
            describe(x.a, values), describe(x.b, values), describe(x.c, values));
      }
      case op::any:
      case op::all:
      case op::none:
      case op::count: {
        const char* word = x.kind == op::any    ? (en_ ? "any" : "存在")
                           : x.kind == op::all  ? (en_ ? "every" : "全部")
                           : x.kind == op::none ? (en_ ? "no" : "没有")
                                                : (en_ ? "count of" : "计数");
        std::string s = fmt::format(fmt::runtime(en_ ? "{} {} in {}" : "{}{}属于{}"), word, x.name,
                                    describe(x.a, false));
        if (x.b != check::no_node) s += (en_ ? " where " : " 满足 ") + describe(x.b, false);
        return values ? s + " → " + val(id) : s;
      }
      case op::sum:
      case op::max_of:
      case op::min_of: {
        const char* word = x.kind == op::sum      ? (en_ ? "sum of" : "合计")
                           : x.kind == op::max_of ? (en_ ? "max of" : "最大")
                                                  : (en_ ? "min of" : "最小");
        std::string s = fmt::format(fmt::runtime(en_ ? "{} {} ({} in {}" : "{} {}（{}属于{}"), word,
                                    describe(x.c, false), x.name, describe(x.a, false));
        if (x.b != check::no_node) s += (en_ ? " where " : " 满足 ") + describe(x.b, false);
        s += en_ ? ")" : "）";
        return values ? s + " = " + val(id) : s;
      }
      case op::list: {
        std::string s = "[";
        for (auto a : x.args) s += (s.size() > 1 ? ", " : "") + describe(a, false);
        return s + "]";
      }
      case op::builtin: {
        std::string s = builtin(id, values);
        const auto b = static_cast<check::builtin>(x.ref);
        const bool shows_result = b == check::builtin::min || b == check::builtin::max ||
                                  b == check::builtin::round || b == check::builtin::days_between;
        return values && shows_result ? s + " = " + val(id) : s;
      }
      case op::bracket:
        return fmt::format("{}({})", label_of(p_.brackets[x.ref].label, p_.brackets[x.ref].name),
                           describe(x.a, values));
      case op::ladder:
        return label_of(p_.ladders[x.ref].label, p_.ladders[x.ref].name);
      case op::today:
        return values ? named(en_ ? "as-of date" : "核查日期", id)
                      : (en_ ? "as-of date" : "核查日期");
      default: {
        std::string l = operand(x.a, x.kind, values, false), r = operand(x.b, x.kind, values, true);
        return fmt::format("{} {} {}", l, op_text(x.kind, en_), r);
      }
    }
  }

  // A list item by its own name (a text field `name`: 研发项目「孪生城市」) or its place (第 1
  // 笔贷款).
  std::string item(const check::type& t, const fast::frecord& rec) const {
    const auto& r = p_.records[t.ref];
    const std::string what = label_of(r.label, r.name);
    for (std::size_t k = 0; k < r.fields.size(); ++k) {
      if (r.fields[k].name != "name" || r.fields[k].t.kind != base::text) continue;
      const fast::fval& v = rec.fields[k];
      if (!v.known()) break;
      const std::string name(v.text.data, v.text.size);
      return en_ ? fmt::format("{} “{}”", what, name) : fmt::format("{}「{}」", what, name);
    }
    return en_ ? fmt::format("{} {}", what, rec.index + 1)
               : fmt::format("第 {} 笔{}", rec.index + 1, what);
  }

  // A test as it came out: `a ≥ b` when true, `a < b` when false (a yes/no fact: its value).
  std::string stated(node_id id, bool truth) const {
    const node& x = n(id);
    if (check::is_comparison(x.kind))
      return fmt::format("{} {} {}", describe(x.a),
                         op_text(truth ? x.kind : check::negated(x.kind), en_), describe(x.b));
    return truth ? describe(id) : (en_ ? "not " : "非 ") + describe(id);
  }

  // The built-in functions in words: rounding and day counts as a reader says them.
  std::string builtin(node_id id, bool values) const {
    const node& x = n(id);
    std::vector<std::string> a;
    for (auto arg : x.args) a.push_back(describe(arg, values));
    const auto b = static_cast<check::builtin>(x.ref);
    auto places = [&]() -> std::optional<std::int64_t> {
      if (x.args.size() < 2) return 0;
      const node& p = n(x.args[1]);
      if (p.kind == op::literal && std::holds_alternative<decimal>(p.lit.raw()))
        return p.lit.as_decimal().to_int();
      return std::nullopt;
    };
    switch (b) {
      case check::builtin::min:
      case check::builtin::max: {
        std::string list;
        for (std::size_t i = 0; i < a.size(); ++i)
          list += (i == 0              ? ""
                   : i + 1 == a.size() ? (en_ ? " and " : " 与 ")
                                       : (en_ ? ", " : "、")) +
                  a[i];
        const bool lesser = b == check::builtin::min;
        return en_ ? fmt::format("the {} of {}", lesser ? "lesser" : "greater", list)
                   : fmt::format("{} 中{}者", list, lesser ? "较小" : "较大");
      }
      case check::builtin::round:
      case check::builtin::round_half_even: {
        auto k = places();
        const bool even = b == check::builtin::round_half_even;
        std::string how = !k        ? (en_ ? "rounded" : "四舍五入")
                          : *k == 2 ? (en_ ? "rounded to the fen" : "四舍五入到分")
                          : *k == 0 ? (en_ ? "rounded to the yuan" : "四舍五入到元")
                                    : fmt::format(fmt::runtime(en_ ? "rounded to {} decimal places"
                                                                   : "四舍五入保留 {} 位小数"),
                                                  *k);
        if (even) how += en_ ? " (half to even)" : "（逢五取偶）";
        return fmt::format(fmt::runtime(en_ ? "{}, {}" : "{}，{}"), a[0], how);
      }
      case check::builtin::days_in_year: {
        const fast::fval* days = recorded(id);
        if (values && days && days->known())
          return en_ ? fmt::format("the {} days of {}", val(id), a[0])
                     : fmt::format("{} 全年 {} 天", a[0], val(id));
        return en_ ? fmt::format("the days in {}", a[0]) : fmt::format("{} 全年天数", a[0]);
      }
      case check::builtin::days_between:
        return en_ ? fmt::format("the days from {} to {}", a[0], a[1])
                   : fmt::format("{}至{}的天数", a[0], a[1]);
      case check::builtin::year_of:
        return en_ ? fmt::format("the year of {}", a[0]) : fmt::format("{}的年份", a[0]);
      case check::builtin::make_date:
        return en_ ? fmt::format("the date {}-{}-{}", a[0], a[1], a[2])
                   : fmt::format("{}年{}月{}日", a[0], a[1], a[2]);
      default: {
        std::string args;
        for (const auto& s : a) args += (args.empty() ? "" : ", ") + s;
        return fmt::format("{}({})", check::builtin_name(b), args);
      }
    }
  }

  static int precedence(op o) {
    switch (o) {
      case op::otherwise:
        return 0;
      case op::or_:
        return 1;
      case op::and_:
        return 2;
      case op::eq:
      case op::ne:
      case op::lt:
      case op::le:
      case op::gt:
      case op::ge:
      case op::in:
      case op::not_in:
        return 3;
      case op::add:
      case op::sub:
        return 4;
      case op::mul:
      case op::div:
        return 5;
      default:
        return 9;
    }
  }

  // An operand of a binary operator, in parentheses only where precedence needs them.
  std::string operand(node_id id, op parent, bool values, bool right) const {
    std::string s = describe(id, values);
    int pc = precedence(n(id).kind), pp = precedence(parent);
    bool wrap = pc < pp || (right && pc == pp && (parent == op::sub || parent == op::div));
    return wrap ? "(" + s + ")" : s;
  }

  // A condition as a sentence: for a failed threshold the operator flips and the gap is shown.
  std::string condition(node_id id) const {
    const node& x = n(id);
    const fast::fval* v = recorded(id);
    if (check::is_comparison(x.kind) && v && v->known() && !v->truth()) {
      std::string s = fmt::format("{} {} {}", describe(x.a), op_text(check::negated(x.kind), en_),
                                  describe(x.b));
      const fast::fval* l = recorded(x.a);
      const fast::fval* r = recorded(x.b);
      if (l && r && l->known() && r->known() && is_number(n(x.a).t) && is_number(n(x.b).t) &&
          x.t.kind == base::boolean &&
          (x.kind == op::ge || x.kind == op::gt || x.kind == op::le || x.kind == op::lt)) {
        decimal gap = decimal::from_raw(l->num) - decimal::from_raw(r->num);
        if (gap < decimal{}) gap = -gap;
        s += fmt::format(fmt::runtime(en_ ? " (short by {})" : "（差 {}）"),
                         format_value(p_, gap, n(x.a).t, en_));
      }
      return s;
    }
    if (x.kind == op::fact || x.kind == op::define_ref) return describe(id);
    return describe(id);
  }

 private:
  const check::program& p_;
  const fast::trace_view& trace_;
  bool en_;
};

}  // namespace

labeller::labeller(const check::program& p, std::optional<language> lang) : p_(p) {
  if (lang) languages_ = {*lang == language::en};
}

condition_trace labeller::condition(const check::condition& c, const fast::trace_view& ctx) const {
  condition_trace t;
  t.kind = c.kind == check::condition_kind::exclusion ? condition_kind::exclusion
           : c.kind == check::condition_kind::unless  ? condition_kind::unless
           : c.kind == check::condition_kind::years   ? condition_kind::years
                                                      : condition_kind::when;
  t.span = c.span;
  for (bool en : languages_) {
    describer d(p_, ctx, en);
    std::string s;
    if (c.kind == check::condition_kind::years) {
      const node& test = d.n(c.test);
      const fast::fval* v = d.recorded(c.test);
      bool over = v && v->known() && !v->truth();
      s = fmt::format(
          fmt::runtime(en ? "At most {} years: {} {} {} + {}" : "最长 {} 年：{} {} {} + {}"),
          c.years, d.describe(test.a), over ? "≥" : "<", d.describe(c.years_from), c.years);
    } else if (c.kind == check::condition_kind::exclusion) {
      const auto& ex = p_.exclusions[static_cast<std::size_t>(c.exclusion)];
      const fast::fval* v = d.recorded(c.test);
      bool holds = v && v->known() && v->truth();
      s = fmt::format(fmt::runtime(en ? "Exclusion \"{}\" {}: {}" : "排除情形“{}”{}：{}"),
                      d.label_of(ex.title, ex.id),
                      holds ? (en ? "applies" : "成立") : (en ? "does not apply" : "不成立"),
                      d.describe(c.test));
    } else {
      s = d.condition(c.test);
      if (c.kind == check::condition_kind::unless) s = (en ? "unless " : "除非 ") + s;
    }
    (en ? t.label.en : t.label.zh) = s;
  }
  // A named predicate: show what it is made of, one level down.
  const node& top = p_.nodes[static_cast<std::size_t>(c.test)];
  if (top.kind == op::define_ref) {
    const auto& def = p_.defines[top.ref];
    condition_trace inner;
    inner.kind = condition_kind::definition;
    inner.span = p_.nodes[static_cast<std::size_t>(def.body)].span;
    describer zh(p_, ctx, false), en(p_, ctx, true);
    for (bool in_en : languages_)
      (in_en ? inner.label.en : inner.label.zh) = (in_en ? en : zh).condition(def.body);
    const fast::fval* v = zh.recorded(def.body);
    inner.result = !v || !v->known() ? outcome::unknown : v->truth() ? outcome::yes : outcome::no;
    t.details.push_back(std::move(inner));
  }
  return t;
}

amount_step labeller::amount(const check::benefit& b, const fast::trace_view& ctx,
                             std::int32_t item) const {
  amount_step s;
  for (bool en : languages_) {
    describer d(p_, ctx, en);
    std::string prefix;
    if (item >= 0) {
      // The item by its own name, from the list this evaluation went through.
      const fast::fval* list = d.recorded(b.items);
      check::type element = d.n(b.items).t;
      element.list = false;
      prefix = list && list->known() && element.kind == base::record &&
                       static_cast<std::uint32_t>(item) < list->list.size
                   ? d.item(element, *list->list.data[item].rec)
                   : fmt::format("{}[{}]", b.item_name, item + 1);
      prefix += en ? ": " : "：";
    }
    auto rounded = [&](node_id id) {
      const fast::fval* v = d.recorded(id);
      std::string r = d.val(id);
      if (v && v->known() && is_number(d.n(id).t)) {
        decimal raw = decimal::from_raw(v->num);
        decimal fen = std::max(raw, decimal{}).round(2, rounding::half_up);
        if (!(fen == raw))
          r = fmt::format(
              fmt::runtime(en ? "{} → {} (rounded half up to the fen)" : "{} → {}（四舍五入到分）"),
              raw.to_string(), fen.to_grouped(2));
      }
      return r;
    };
    std::string text;
    auto formula_of = [&](node_id id) {
      return d.n(id).kind == op::literal ? std::string() : d.formula(id) + " = ";
    };
    switch (b.kind) {
      case amount_kind::up_to:
        text = fmt::format(fmt::runtime(en ? "{}ceiling = {}{}" : "{}上限 = {}{}"), prefix,
                           formula_of(b.first), rounded(b.first));
        break;
      case amount_kind::range:
        text = fmt::format(fmt::runtime(en ? "{}range from {} to {}" : "{}区间 {} 至 {}"), prefix,
                           rounded(b.first), rounded(b.second));
        break;
      default:
        text = fmt::format(fmt::runtime(en ? "{}amount = {}{}" : "{}金额 = {}{}"), prefix,
                           formula_of(b.first), rounded(b.first));
    }
    (en ? s.text.en : s.text.zh) = text;
  }
  return s;
}

}  // namespace elig::explain
