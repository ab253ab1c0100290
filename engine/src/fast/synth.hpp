#pragma once
// A rule set's fast lanes synthesised as C++ (the Soufflé pattern: one program, interpreted or
// written out and compiled). The pass written is lane_runner::decide_all unrolled for one plan:
// each test a compare on a fact slot with its constants written in, each amount straight-line
// arithmetic, both through the same step functions the interpreter calls (lane_steps.hpp), and
// whatever is not written out (a test through the machine, a shared condition) is the
// interpreter's own step. A program links the file `elig-synth` writes; when the same rules load
// again, their plan synthesises to the same text, and that text is the key the pass is found
// by: a pass only ever runs for the plan it was written from. An optimisation only, off with
// decide_options::synthesised_lanes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "elig/decision.hpp"

namespace elig::fast {

struct plan;
struct scratch;
class lane_runner;
template <bool Traced>
class basic_machine;

using synthesised_pass = std::size_t (*)(lane_runner& lanes, bool include_drafts, verdict* verdicts,
                                         outcome* outcomes, part_verdict* parts,
                                         std::uint32_t* general);
// After the provisions, for the plan's shape: report_exclusions (exclusion_report.hpp), then
// plain_total (plain_total.hpp), false when a group or a cap acts.
using synthesised_finish = bool (*)(basic_machine<false>& m, scratch& s, const plan& p,
                                    detail::decision_state& d);

struct synthesised {
  std::string_view source;    // synthesise_lanes() of the plan it was written from
  synthesised_pass verdicts;  // decide_all<false>: no outcomes asked for
  synthesised_pass outcomes;  // decide_all<true>
  synthesised_finish finish;
};

// The body of a plan's synthesised pass: C++ declarations, the same text for the same plan.
[[nodiscard]] std::string synthesise_lanes(const plan& p);

// A source file of passes for rule sets, each in namespace `names[i]` (identifiers).
// `passes`: (namespace, synthesise_lanes text) pairs.
[[nodiscard]] std::string synthesised_file(
    const std::vector<std::pair<std::string, std::string>>& passes);

// Called by a synthesised file as the program starts (or a shared object loads).
void register_synthesised(const synthesised& pass);

// The pass registered for this plan, or null; synthesises the plan's text only when some pass
// is registered.
[[nodiscard]] const synthesised* find_synthesised(const plan& p);

}  // namespace elig::fast
