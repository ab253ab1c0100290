#pragma once
// The canonical line of the reference policy set, read off an elig decision.
#include <elig/elig.hpp>
#include <map>
#include <string>

namespace elig::reference {

// Provision `reference.rent` is policy RENT, and so on.
inline std::string policy_id(const std::string& provision) {
  std::string id = provision.substr(provision.find('.') + 1);
  for (char& c : id) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return id;
}

inline std::string canonical_line(const std::string& id, const report& d) {
  std::map<std::string, std::string> eligible;
  std::string superseded = "-";
  for (const auto& p : d.provisions) {
    if (p.result != status::eligible) continue;
    eligible[policy_id(p.id)] = p.value.max.to_string();
    if (!p.superseded_by.empty()) superseded = policy_id(p.id);
  }
  std::string e;
  for (const auto& [name, amount] : eligible) e += (e.empty() ? "" : ",") + name + ":" + amount;
  return id + " X=" + (d.excluded ? "1" : "0") + " E=" + e + " S=" + superseded +
         " T=" + d.total.max.to_string();
}

}  // namespace elig::reference
