// `elig._elig`: the engine for Python (pybind11). It speaks JSON text, the same text the CLI and
// the server write, so that Python gets exactly their answers; `elig/__init__.py` turns it into
// dicts with decimal.Decimal amounts. Every call that decides releases the GIL: a rule set is
// immutable once compiled, and each call uses its own decision.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <elig/elig.hpp>
#include <elig/paths.hpp>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace py = pybind11;

namespace {

// A located problem, given to Python as (human text, JSON array of diagnostics).
struct failure {
  std::string text, json;
};

elig::date read_date(const std::string& text) {
  if (text.empty()) {
    auto now = std::chrono::system_clock::now();
    auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return elig::date::from_days(static_cast<std::int32_t>(days));
  }
  auto d = elig::date::parse(text);
  if (!d) throw py::value_error("as_of `" + text + "` is not a date: write YYYY-MM-DD");
  return *d;
}

elig::profile_format read_format(const std::string& format) {
  if (format == "json") return elig::profile_format::json;
  if (format == "toml") return elig::profile_format::toml;
  throw py::value_error("format must be json or toml");
}

std::optional<elig::language> read_language(const std::string& lang) {
  if (lang.empty()) return std::nullopt;
  if (lang != "zh" && lang != "en") throw py::value_error("lang must be zh or en (or None)");
  return elig::parse_language(lang);
}

class rules_handle {
 public:
  explicit rules_handle(const std::vector<std::string>& paths) {
    std::vector<std::filesystem::path> ps(paths.begin(), paths.end());
    elig::compile_result compiled;
    {
      py::gil_scoped_release unlocked;
      compiled = elig::compile_paths(ps);
    }
    if (!compiled)
      throw_failure("rules", {elig::render_all(compiled.diagnostics(), compiled.sources()),
                              elig::render_json_array(compiled.diagnostics(), compiled.sources())});
    rules_ = compiled.share();
    writer_ = std::make_unique<elig::decision_json_writer>(*rules_);
  }

  [[nodiscard]] std::string hash() const { return rules_->hash(); }
  [[nodiscard]] std::string provisions() const { return elig::render_list_json(*rules_); }

  // One entry of `elig check --format json` (or `explain`, with `only`), as the whole document.
  std::string check(const std::string& text, const std::string& format, const std::string& as_of,
                    const std::string& lang, bool include_drafts, const std::string& id,
                    const std::string& only) const {
    elig::explain_options o;
    o.as_of = read_date(as_of);
    o.lang = read_language(lang);
    o.include_drafts_in_total = include_drafts;
    o.only = only;
    if (!only.empty() && !known_provision(only))
      throw py::key_error("unknown provision `" + only + "`");
    return with_profile(text, format, [&](const elig::profile& p) {
      elig::report rep = rules_->explain(p, o);
      if (!id.empty()) rep.id = id;
      if (!only.empty()) std::erase_if(rep.provisions, [&](const auto& r) { return r.id != only; });
      return elig::render_json({rep}, *rules_, o.as_of);
    });
  }

  // One `elig batch` line, without `input`.
  std::string decide(const std::string& text, const std::string& format, const std::string& as_of,
                     bool include_drafts, const std::string& id) const {
    const elig::decide_options o =
        elig::decision_json_writer::line_options(read_date(as_of), include_drafts);
    return with_profile(text, format, [&](const elig::profile& p) {
      std::string out;
      writer_->append(rules_->decide(p, o), p, "", out, id);
      return out;
    });
  }

  // `elig paths --format json`: the least changes to be paid, per provision not paid.
  std::string paths(const std::string& text, const std::string& format, const std::string& as_of,
                    bool include_drafts, const std::string& only) const {
    if (!only.empty() && !known_provision(only))
      throw py::key_error("unknown provision `" + only + "`");
    elig::paths_options o;
    o.as_of = read_date(as_of);
    o.include_drafts_in_total = include_drafts;
    o.only = only;
    return with_profile(text, format, [&](const elig::profile& p) {
      return elig::render_paths_json(*rules_, elig::find_paths(*rules_, p, o));
    });
  }

  // `elig batch` over (text, format) items: the lines in order (an item that does not load
  // gives its diagnostics line, as in `elig batch`), then the summary line. `input` names the
  // source and `first_line` numbers the items from there.
  std::vector<std::string> batch(const std::vector<std::pair<std::string, std::string>>& items,
                                 const std::string& as_of, bool include_drafts,
                                 const std::string& input, std::uint64_t first_line,
                                 unsigned jobs) const {
    const elig::decide_options o =
        elig::decision_json_writer::line_options(read_date(as_of), include_drafts);
    std::vector<elig::profile_format> formats;
    for (const auto& it : items) formats.push_back(read_format(it.second));
    std::vector<std::string> lines(items.size());
    std::vector<elig::batch_summary> parts;
    {
      py::gil_scoped_release unlocked;
      unsigned n = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
      n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(items.size(), 1)));
      parts.assign(n, elig::batch_summary(*rules_));
      std::vector<std::jthread> workers;
      for (unsigned w = 0; w < n; ++w)
        workers.emplace_back([&, w] {
          elig::decision d;
          for (std::size_t i = w; i < items.size(); i += n) {
            bool line_numbers = first_line > 0;
            if (writer_->append_batch_line(items[i].first, formats[i], input,
                                           line_numbers ? first_line + i : 0, o, d, lines[i]))
              parts[w].add(d);
            else
              parts[w].add_error();
          }
        });
    }
    elig::batch_summary all(*rules_);
    for (const auto& p : parts) all.merge(p);
    lines.push_back(all.json());
    return lines;
  }

  // Merges the summary lines of batches over these rules into one.
  [[nodiscard]] std::string merge_summaries(const std::vector<std::string>& summaries) const {
    elig::batch_summary all(*rules_);
    for (const auto& s : summaries) {
      auto one = elig::batch_summary::from_json(*rules_, s);
      if (!one) throw py::value_error("not a summary line of these rules: " + s.substr(0, 200));
      all.merge(*one);
    }
    return all.json();
  }

 private:
  // `answer` of the loaded profile, without the GIL; a profile with errors raises ProfileError.
  template <typename Answer>
  std::string with_profile(const std::string& text, const std::string& format,
                           Answer&& answer) const {
    auto fmt = read_format(format);
    std::string out;
    std::optional<failure> bad;
    {
      py::gil_scoped_release unlocked;
      auto loaded = rules_->load_profile(text, "profile", fmt);
      if (!loaded)
        bad = failure{elig::render_all(loaded.diagnostics(), loaded.sources()),
                      elig::render_json_array(loaded.diagnostics(), loaded.sources())};
      else
        out = answer(loaded.get());
    }
    if (bad) throw_failure("profile", *bad);
    return out;
  }

  [[nodiscard]] bool known_provision(const std::string& id) const {
    auto all = rules_->provisions();
    return std::any_of(all.begin(), all.end(), [&](const auto& p) { return p.id == id; });
  }

  [[noreturn]] static void throw_failure(const char* what, const failure& f) {
    py::object module = py::module_::import("elig");
    py::object error =
        module.attr(std::string(what) == std::string("rules") ? "RulesError" : "ProfileError");
    PyErr_SetObject(error.ptr(), py::make_tuple(f.text, f.json).ptr());
    throw py::error_already_set();
  }

  std::shared_ptr<const elig::ruleset> rules_;
  std::unique_ptr<elig::decision_json_writer> writer_;
};

}  // namespace

PYBIND11_MODULE(_elig, m) {
  m.doc() = "The elig engine; use the `elig` package, which wraps it.";
  m.attr("engine_version") = elig::version;
  py::class_<rules_handle>(m, "Rules")
      .def(py::init<const std::vector<std::string>&>())
      .def_property_readonly("hash", &rules_handle::hash)
      .def("provisions", &rules_handle::provisions)
      .def("check", &rules_handle::check)
      .def("decide", &rules_handle::decide)
      .def("paths", &rules_handle::paths)
      .def("batch", &rules_handle::batch)
      .def("merge_summaries", &rules_handle::merge_summaries);
}
