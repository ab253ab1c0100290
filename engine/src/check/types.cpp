#include <fmt/format.h>

#include "check/ir.hpp"

namespace elig::check {

std::string type_name(const program& p, const type& t) {
  std::string base_name;
  switch (t.kind) {
    case base::boolean:
      base_name = "bool";
      break;
    case base::number:
      base_name = "number";
      break;
    case base::money:
      base_name = "money";
      break;
    case base::percent:
      base_name = "percent";
      break;
    case base::date:
      base_name = "date";
      break;
    case base::year:
      base_name = "year";
      break;
    case base::duration:
      base_name = "duration";
      break;
    case base::text:
      base_name = "text";
      break;
    case base::enumeration: {
      std::string members;
      if (t.ref < p.enums.size())
        for (const auto& m : p.enums[t.ref].members) members += (members.empty() ? "" : ", ") + m;
      base_name = fmt::format("enum({})", members);
      break;
    }
    case base::record:
      base_name = t.ref < p.records.size() ? p.records[t.ref].name : "record";
      break;
    case base::nothing:
      base_name = "nothing";
      break;
  }
  return t.list ? "list of " + base_name : base_name;
}

}  // namespace elig::check
