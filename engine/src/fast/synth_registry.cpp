// The synthesised passes a program links (synth.hpp), found by the text of the plan they were
// written from.
#include <mutex>
#include <string>
#include <unordered_map>

#include "fast/plan.hpp"
#include "fast/synth.hpp"

namespace elig::fast {
namespace {

struct registry {
  std::mutex lock;
  std::unordered_map<std::string_view, synthesised> passes;  // by source: nodes never move
};

registry& passes() {
  static registry r;
  return r;
}

}  // namespace

void register_synthesised(const synthesised& pass) {
  registry& r = passes();
  const std::lock_guard<std::mutex> hold(r.lock);
  r.passes.emplace(pass.source, pass);
}

const synthesised* find_synthesised(const plan& p) {
  registry& r = passes();
  {
    const std::lock_guard<std::mutex> hold(r.lock);
    if (r.passes.empty()) return nullptr;
  }
  const std::string text = synthesise_lanes(p);
  const std::lock_guard<std::mutex> hold(r.lock);
  const auto it = r.passes.find(text);
  return it == r.passes.end() ? nullptr : &it->second;
}

}  // namespace elig::fast
