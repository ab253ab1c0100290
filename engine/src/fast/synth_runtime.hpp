#pragma once
// What a synthesised pass (synth_writer.cpp) is written against: the lanes' interpreter, whose
// steps it calls, and the registration that lets a rule set find it when it loads.
#include "fast/exclusion_report.hpp"
#include "fast/lane_run.hpp"
#include "fast/plain_total.hpp"
#include "fast/synth.hpp"

namespace elig::fast {

struct synthesised_registration {
  explicit synthesised_registration(const synthesised& pass) { register_synthesised(pass); }
};

}  // namespace elig::fast
