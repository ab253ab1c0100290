#pragma once
// Readable labels built from IR and the values a trace recorded, in Chinese and English.
#include <memory>
#include <string>

#include "eval/provisions.hpp"

namespace elig::explain {

[[nodiscard]] std::string format_value(const check::program& p, const value& v,
                                       const check::type& t, bool en);

// The trace sink the evaluator calls when an explanation is wanted.
// `lang` "zh" or "en" writes that language only; empty writes both.
[[nodiscard]] std::unique_ptr<eval::trace_sink> make_label_sink(const check::program& p,
                                                                std::string_view lang = {});

}  // namespace elig::explain
