// `elig sweep FACT PROFILE`: the total payable as one amount fact varies, exactly.
#include <elig/sweep.hpp>
#include <fstream>
#include <iostream>

#include "commands.hpp"

namespace elig::cli {

namespace {

// `--from 800万`: an amount as people write it; reports and returns false when it is not one.
bool read_bound(const std::string& text, const char* option, std::optional<decimal>& out) {
  if (text.empty()) return true;
  bool percent = false;
  auto v = parse_written_amount(text, percent);
  if (!v || percent) {
    std::cerr << "elig: error: " << option << " `" << text
              << "` is not an amount\nhelp: write e.g. 8000000, 800万 or 1.2亿\n";
    return false;
  }
  out = *v;
  return true;
}

}  // namespace

int run_sweep(const common_options& o, const sweep_command& s) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  sweep_options so;
  so.fact = s.fact;
  so.as_of = *when;
  so.include_drafts_in_total = o.include_drafts;
  if (!read_bound(s.from, "--from", so.from) || !read_bound(s.to, "--to", so.to)) return bad_usage;
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  auto loaded = rules.rules()->load_profile_file(s.profile);
  if (!loaded) {
    print_diags(loaded.diagnostics(), loaded.sources(), o);
    return bad_profile;
  }
  auto curve = sweep(*rules.rules(), loaded.get(), so);
  if (curve.diags.has_errors()) {
    print_diags(curve.diags, loaded.sources(), o);
    return bad_usage;
  }
  if (!s.chart.empty()) {
    std::ofstream out(s.chart, std::ios::binary);
    out << render_sweep_svg(curve, language_of(o));
    if (!out) {
      std::cerr << "elig: error: cannot write `" << s.chart << "`\n";
      return bad_usage;
    }
  }
  std::cout << (o.format == "json" ? render_sweep_json(curve)
                                   : render_sweep_text(curve, language_of(o)));
  return ok;
}

}  // namespace elig::cli
