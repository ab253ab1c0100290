#include "profile/typed_profile.hpp"

#include "check/typed.hpp"

namespace elig::profiles {
namespace {

using check::base;
using fast::fval;

class typer {
 public:
  typer(const check::program& prog, detail::profile_data& data) : prog_(prog), data_(data) {}

  // `owner` is the fact slot whose absence an unknown value here stands for; an item's absent
  // field stands for a place of its own (`field` is its slot in the record, or -1).
  fval convert(const value& v, const check::type& t, std::uint32_t owner, std::uint32_t index = 0,
               std::int64_t field = -1) {
    if (!v.known()) {
      if (field < 0) return fval::unknown(owner + 1);
      // Singletons are set ids 1.. by element: fact slots, then places.
      const auto element = static_cast<std::uint32_t>(prog_.facts.size() + data_.places.size());
      data_.places.push_back({owner, index, static_cast<std::uint32_t>(field)});
      return fval::unknown(element + 1);
    }
    if (t.list) {
      check::type elem = t;
      elem.list = false;
      std::vector<fval> items;
      items.reserve(v.as_list().size);
      for (const value& item : v.as_list()) items.push_back(convert(item, elem, owner));
      data_.typed_lists.push_back(std::move(items));
      const auto& stored = data_.typed_lists.back();
      fval out;
      out.list = {stored.data(), static_cast<std::uint32_t>(stored.size())};
      return out;
    }
    if (t.kind != base::record) return check::typed_scalar(prog_, v, t);
    const record_value& r = v.as_record();
    const auto& rec = prog_.records[t.ref];
    std::vector<fval> fields;
    fields.reserve(r.size);
    for (std::uint32_t f = 0; f < r.size; ++f)
      fields.push_back(convert(r.fields[f], rec.fields[f].t, owner, r.index, f));
    data_.typed_lists.push_back(std::move(fields));
    data_.typed_records.push_back({data_.typed_lists.back().data(), r.index, r.owner});
    fval out;
    out.rec = &data_.typed_records.back();
    return out;
  }

 private:
  const check::program& prog_;
  detail::profile_data& data_;
};

}  // namespace

void type_profile(const check::program& prog, detail::profile_data& data) {
  typer t(prog, data);
  data.typed.clear();
  data.places.clear();
  data.typed.reserve(prog.facts.size());
  for (std::uint32_t slot = 0; slot < prog.facts.size(); ++slot)
    data.typed.push_back(t.convert(data.facts[slot], prog.facts[slot].t, slot));
}

}  // namespace elig::profiles
