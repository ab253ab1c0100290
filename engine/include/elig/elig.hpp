#pragma once
// Umbrella header of the elig engine.
#include "elig/date.hpp"
#include "elig/decimal.hpp"
#include "elig/decision.hpp"
#include "elig/decision_json.hpp"
#include "elig/diagnostic.hpp"
#include "elig/profile.hpp"
#include "elig/render.hpp"
#include "elig/report.hpp"
#include "elig/ruleset.hpp"
#include "elig/source.hpp"
#include "elig/value.hpp"
#include "elig/version.hpp"
