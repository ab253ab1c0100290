#pragma once
// `elig batch`: one compact JSON line per profile, in input order, then a summary.
#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"
#include "elig/date.hpp"

namespace elig {
class ruleset;
}

namespace elig::cli {

struct batch_options {
  std::vector<std::string> inputs;
  date as_of;
  bool include_drafts = false;
  unsigned jobs = 0;      // 0: every core
  bool progress = false;  // a progress line on stderr (the command turns it on for a terminal)
  // Where the summary goes: after the lines (stdout), with the messages (stderr: one output
  // line per input line, for pipes such as Spark's RDD.pipe), or nowhere (none).
  enum class summary_to { stdout_, stderr_, none } summary = summary_to::stdout_;
};

// Decides every profile of `b.inputs`, writing lines to `out` and messages (problems, the human
// summary) to `messages`. Returns an exit code: 3 when a profile had errors.
int run_batch_chunks(const ruleset& rules, const batch_options& b, std::FILE* out,
                     std::FILE* messages);

}  // namespace elig::cli
