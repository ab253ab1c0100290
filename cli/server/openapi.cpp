// GET /v1/openapi.json: the API as OpenAPI 3.1. The paths, their query parameters and bodies
// come from the route table that dispatches requests (routes()), the profile's schema from the
// rules (as /v1/schema), and each response's schema is written here beside the JSON it
// describes (docs/json.md); tests/server validates every answer of the server's tests against it.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "problem.hpp"
#include "service.hpp"

namespace elig::server {

namespace {

using json = nlohmann::ordered_json;

json ref(std::string_view name) { return {{"$ref", fmt::format("#/components/schemas/{}", name)}}; }
json string_schema() { return {{"type", "string"}}; }
json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json nullable(json schema) {
  return {{"oneOf", json::array({std::move(schema), {{"type", "null"}}})}};
}
json enum_of(std::initializer_list<const char*> values) {
  json e = json::array();
  for (const char* v : values) e.push_back(v);
  return {{"type", "string"}, {"enum", e}};
}
json object(json properties, std::initializer_list<const char*> required) {
  json req = json::array();
  for (const char* r : required) req.push_back(r);
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", req}};
}

json statuses() {
  return enum_of({"eligible", "ineligible", "undetermined", "not_in_force", "not_encodable"});
}

// The shapes every answer shares: money, texts, amounts, diagnostics, problems.
void shared_schemas(json& s) {
  s["Money"] = {{"type", "string"},
                {"pattern", "^-?[0-9]+\\.[0-9]{2}$"},
                {"description", "An amount in CNY, exact, with two decimal places"},
                {"examples", json::array({"690000.00"})}};
  s["Bitext"] = object({{"zh", string_schema()}, {"en", string_schema()}}, {});
  s["Amount"] = object({{"kind", enum_of({"fixed", "up_to", "range", "none"})},
                        {"min", ref("Money")},
                        {"max", ref("Money")},
                        {"currency", enum_of({"CNY"})}},
                       {"kind", "min", "max", "currency"});
  s["Diagnostic"] = object({{"code", {{"type", "string"}, {"pattern", "^[EW][0-9]{4}$"}}},
                            {"severity", enum_of({"error", "warning", "note"})},
                            {"message", string_schema()},
                            {"file", string_schema()},
                            {"line", {{"type", "integer"}, {"minimum", 0}}},
                            {"column", {{"type", "integer"}, {"minimum", 0}}},
                            {"end_line", {{"type", "integer"}}},
                            {"end_column", {{"type", "integer"}}},
                            {"notes", array_of(object({{"message", string_schema()},
                                                       {"line", {{"type", "integer"}}},
                                                       {"column", {{"type", "integer"}}}},
                                                      {"message"}))},
                            {"help", string_schema()},
                            {"witness", string_schema()},
                            {"pointer", string_schema()},
                            {"message_zh", string_schema()},
                            {"help_zh", string_schema()}},
                           {"code", "severity", "message", "line", "column"});
  s["Problem"] = object({{"type", {{"type", "string"}, {"format", "uri"}}},
                         {"title", string_schema()},
                         {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
                         {"detail", string_schema()},
                         {"help", string_schema()},
                         {"request_id", string_schema()},
                         {"errors", array_of(ref("Diagnostic"))}},
                        {"type", "title", "status", "detail", "errors"});
  s["Problem"]["examples"] = json::array({json::parse(R"({
    "type": "urn:elig:problem:unknown-parameter",
    "title": "The endpoint does not take this query parameter",
    "status": 400, "detail": "/v1/decide does not take the query parameter `asof`",
    "help": "did you mean `as_of`?", "request_id": "5b0c2e7a9d4f41c8b3a6e1f0d2c4b6a8",
    "errors": []})")});
}

// `elig check --format json`, as /v1/check and /v1/explain answer.
void report_schemas(json& s) {
  json condition =
      object({{"kind", enum_of({"exclusion", "when", "unless", "years", "once", "definition"})},
              {"of_document", {{"const", true}}},
              {"outcome", enum_of({"true", "false", "unknown", "not_evaluated"})},
              {"label", ref("Bitext")},
              {"missing", array_of(string_schema())},
              {"details", array_of(ref("Condition"))}},
             {"kind", "outcome", "label", "missing", "details"});
  s["Condition"] = condition;
  s["Part"] = object({{"name", string_schema()},
                      {"title", ref("Bitext")},
                      {"status", statuses()},
                      {"amount", ref("Amount")},
                      {"missing", array_of(string_schema())},
                      {"conditions", array_of(ref("Condition"))},
                      {"steps", array_of(ref("Bitext"))},
                      {"reason", ref("Bitext")}},
                     {"name", "status", "amount", "conditions", "steps"});
  s["Decision"] =
      object({{"id", string_schema()},
              {"document", string_schema()},
              {"title", ref("Bitext")},
              {"status", statuses()},
              {"draft", {{"type", "boolean"}}},
              {"amount", ref("Amount")},
              {"missing", array_of(string_schema())},
              {"citation", ref("Bitext")},
              {"could_pay", ref("Amount")},
              {"counted_in_total", {{"type", "boolean"}}},
              {"superseded_by", nullable(string_schema())},
              {"reason", ref("Bitext")},
              {"conditions", array_of(ref("Condition"))},
              {"parts", array_of(ref("Part"))},
              {"interpretations", array_of(ref("Bitext"))},
              {"notes", array_of(ref("Bitext"))},
              {"issues", array_of(object({{"code", string_schema()}, {"message", string_schema()}},
                                         {"code", "message"}))}},
             {"id", "document", "title", "status", "amount", "missing", "citation",
              "counted_in_total", "superseded_by", "conditions", "parts"});
  s["CheckResult"] = object(
      {{"profile", string_schema()},
       {"id", nullable(string_schema())},
       {"company", nullable(string_schema())},
       {"excluded", {{"type", "boolean"}}},
       {"exclusions",
        array_of(object({{"id", string_schema()},
                         {"title", ref("Bitext")},
                         {"citation", ref("Bitext")},
                         {"holds", enum_of({"true", "false", "unknown", "not_evaluated"})},
                         {"missing", array_of(string_schema())}},
                        {"id", "holds", "missing"}))},
       {"documents",
        array_of(object({{"id", string_schema()}, {"title", ref("Bitext")}}, {"id", "title"}))},
       {"decisions", array_of(ref("Decision"))},
       {"ask_next", array_of(string_schema())},
       {"total", object({{"min", ref("Money")},
                         {"max", ref("Money")},
                         {"currency", enum_of({"CNY"})},
                         {"notes", array_of(ref("Bitext"))}},
                        {"min", "max", "currency"})}},
      {"profile", "id", "company", "excluded", "decisions", "total"});
  s["CheckReport"] = object({{"version", {{"type", "integer"}, {"const", 1}}},
                             {"as_of", {{"type", "string"}, {"format", "date"}}},
                             {"rules", object({{"hash", string_schema()}}, {"hash"})},
                             {"engine", string_schema()},
                             {"results", array_of(ref("CheckResult"))}},
                            {"version", "as_of", "rules", "engine", "results"});
}

// A decision line (`/v1/decide`, `elig batch`) and a reform's report (`/v1/diff`).
void line_schemas(json& s) {
  s["DecisionLine"] = object(
      {{"version", {{"type", "integer"}, {"const", 2}}},
       {"id", string_schema()},
       {"company", string_schema()},
       {"as_of", {{"type", "string"}, {"format", "date"}}},
       {"rules_hash", string_schema()},
       {"engine", string_schema()},
       {"excluded", {{"type", "boolean"}}},
       {"total", object({{"min", ref("Money")}, {"max", ref("Money")}}, {"min", "max"})},
       {"eligible", array_of(object({{"id", string_schema()},
                                     {"kind", enum_of({"fixed", "up_to", "range"})},
                                     {"min", ref("Money")},
                                     {"max", ref("Money")},
                                     {"counted", {{"type", "boolean"}}},
                                     {"superseded_by", nullable(string_schema())}},
                                    {"id", "kind", "min", "max", "counted", "superseded_by"}))},
       {"undetermined",
        array_of(object({{"id", string_schema()}, {"missing", array_of(string_schema())}},
                        {"id", "missing"}))},
       {"errors",
        array_of(object({{"id", string_schema()}, {"code", string_schema()}}, {"id", "code"}))}},
      {"version", "as_of", "rules_hash", "engine", "excluded", "total", "eligible", "undetermined",
       "errors"});
  s["DecisionLine"]["examples"] = json::array({json::parse(R"({
    "version": 2, "id": "C-17", "company": "杭州映幻XR科技有限公司", "as_of": "2024-12-31",
    "rules_hash": "41a8afa1d0ff47b1", "engine": "elig 0.1.0", "excluded": false,
    "total": {"min": "261782.79", "max": "2211782.79"},
    "eligible": [{"id": "shangcheng-2023.office", "kind": "up_to", "min": "0.00",
                  "max": "690000.00", "counted": true, "superseded_by": null}],
    "undetermined": [{"id": "shangcheng-2023.startup", "missing": ["startup_project_certified"]}],
    "errors": []})")});
  s["Reform"] = object(
      {{"set",
        {{"type", "object"},
         {"description", "Parameters of the rules and their values, written as in the rules"},
         {"additionalProperties", string_schema()},
         {"examples", json::array({{{"shangcheng_rd_revenue_min", "800万"}}})}}},
       {"profiles", {{"type", "array"}, {"minItems", 1}, {"items", ref("Profile")}}}},
      {"set", "profiles"});
  s["Reform"]["additionalProperties"] = false;
  json money_delta = object(
      {{"min", ref("SignedMoney")}, {"max", ref("SignedMoney")}, {"currency", enum_of({"CNY"})}},
      {"min", "max"});
  s["SignedMoney"] = {{"type", "string"}, {"pattern", "^-?[0-9]+\\.[0-9]{2}$"}};
  s["ImpactReport"] = object(
      {{"as_of", {{"type", "string"}, {"format", "date"}}},
       {"summary", object({{"companies", {{"type", "integer"}}},
                           {"not_compared", {{"type", "integer"}}},
                           {"gain", {{"type", "integer"}}},
                           {"lose", {{"type", "integer"}}},
                           {"budget_delta", money_delta},
                           {"weighted", {{"type", "boolean"}}}},
                          {"companies", "gain", "lose", "budget_delta"})},
       {"provisions", array_of(object({{"id", string_schema()}, {"budget_delta", money_delta}},
                                      {"id", "budget_delta"}))},
       {"companies", array_of(object({{"profile", string_schema()},
                                      {"company", string_schema()},
                                      {"changes", {{"type", "array"}}}},
                                     {"profile", "changes"}))}},
      {"as_of", "summary", "provisions", "companies"});
}

// POST /v1/paths: `elig paths --format json`.
void paths_schemas(json& s) {
  json value = {{"description", "A value as in a JSON profile"}};
  json change = object({{"fact", string_schema()},
                        {"from", value},
                        {"to", value},
                        {"bound", enum_of({"at_least", "at_most", "exactly"})},
                        {"question", {{"type", "boolean"}}},
                        {"one_of", array_of(string_schema())}},
                       {"fact", "from", "to", "bound", "question"});
  s["PathsReport"] = object(
      {{"profile", string_schema()},
       {"company", string_schema()},
       {"as_of", {{"type", "string"}, {"format", "date"}}},
       {"paths",
        array_of(object({{"provision", string_schema()},
                         {"title", ref("Bitext")},
                         {"now", statuses()},
                         {"changes", array_of(change)},
                         {"then", object({{"status", statuses()},
                                          {"amount", ref("Amount")},
                                          {"missing", array_of(string_schema())}},
                                         {"status", "amount", "missing"})},
                         {"loses", array_of(string_schema())},
                         {"total", object({{"before", ref("Money")}, {"after", ref("Money")}},
                                          {"before", "after"})}},
                        {"provision", "now", "changes", "then", "loses"}))},
       {"closed", array_of(object({{"provision", string_schema()},
                                   {"now", statuses()},
                                   {"fixed_facts", array_of(string_schema())},
                                   {"questions", array_of(string_schema())},
                                   {"unsolved", array_of(ref("Bitext"))}},
                                  {"provision", "now", "fixed_facts", "questions", "unsolved"}))}},
      {"as_of", "paths", "closed"});
}

// POST /v1/sweep: `elig sweep --format json`.
void sweep_schemas(json& s) {
  s["SweepReport"] = object(
      {{"fact", string_schema()},
       {"label", ref("Bitext")},
       {"today", {{"type", json::array({"string", "null"})}}},
       {"points",
        array_of(object(
            {{"x", string_schema()},
             {"total", object({{"min", ref("Money")}, {"max", ref("Money")}}, {"min", "max"})},
             {"cliff", {{"type", "boolean"}}},
             {"from_rules", {{"type", "boolean"}}},
             {"provisions", {{"type", "object"}, {"additionalProperties", ref("Amount")}}}},
            {"x", "total", "cliff", "provisions"}))}},
      {"fact", "points"});
}

// What the server says about itself and its rules.
void service_schemas(json& s, const ruleset& rules) {
  s["Health"] = object({{"status", enum_of({"ok", "degraded"})},
                        {"rules_hash", string_schema()},
                        {"rules_loaded_at", string_schema()},
                        {"reloads", {{"type", "integer"}}},
                        {"last_reload_error", nullable(string_schema())},
                        {"engine", string_schema()}},
                       {"status", "rules_hash", "engine"});
  s["Provisions"] = object({{"rules", object({{"hash", string_schema()}}, {"hash"})},
                            {"documents", array_of({{"type", "object"}})},
                            {"provisions", array_of(object({{"id", string_schema()},
                                                            {"document", string_schema()},
                                                            {"title", ref("Bitext")},
                                                            {"status", string_schema()},
                                                            {"citation", ref("Bitext")}},
                                                           {"id", "document", "title"}))}},
                           {"rules", "documents", "provisions"});
  s["Profile"] = json::parse(profile_json_schema(rules));
  s["Profile"].erase("$schema");  // the document's dialect (3.1: JSON Schema 2020-12) holds
  s["JsonSchema"] = {{"type", "object"}, {"description", "A JSON Schema (2020-12)"}};
  s["OpenApi"] = {{"type", "object"}, {"required", json::array({"openapi", "paths"})}};
}

// The JSON shapes the service writes, by name (docs/json.md describes each field).
json component_schemas(const ruleset& rules) {
  json s;
  shared_schemas(s);
  report_schemas(s);
  line_schemas(s);
  paths_schemas(s);
  sweep_schemas(s);
  service_schemas(s, rules);
  return s;
}

json parameter(std::string_view name) {
  if (name == "as_of")
    return {{"name", "as_of"},
            {"in", "query"},
            {"description", "The date to decide at (default: the server's --as-of, or today)"},
            {"schema", {{"type", "string"}, {"format", "date"}}},
            {"example", "2024-12-31"}};
  if (name == "lang")
    return {{"name", "lang"},
            {"in", "query"},
            {"description", "The language of the explanations (default: both)"},
            {"schema", enum_of({"zh", "en"})}};
  if (name == "include_drafts")
    return {{"name", "include_drafts"},
            {"in", "query"},
            {"description", "Count draft provisions in the total"},
            {"schema", {{"type", "boolean"}}}};
  if (name == "fact")
    return {{"name", "fact"},
            {"in", "query"},
            {"required", true},
            {"description", "The amount fact to vary (GET /v1/schema lists them)"},
            {"schema", string_schema()},
            {"example", "main_revenue"}};
  if (name == "from" || name == "to")
    return {
        {"name", name},
        {"in", "query"},
        {"description", name == "from" ? "Start of the range (default 0), e.g. 500万"
                                       : "End of the range (default: past the last breakpoint)"},
        {"schema", string_schema()}};
  if (name == "format")
    return {{"name", "format"},
            {"in", "query"},
            {"description", "json (default) or svg (the chart)"},
            {"schema", enum_of({"json", "svg"})}};
  if (name == "provision")
    return {{"name", "provision"},
            {"in", "query"},
            {"description", "Only this provision (default: every one not eligible)"},
            {"schema", string_schema()},
            {"example", "shangcheng-2023.rd"}};
  return {{"name", "id"},
          {"in", "query"},
          {"description", "The caller's identifier for the profile, echoed in the answer"},
          {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}}};
}

json problem_responses(const route& rt) {
  json out;
  auto add = [&](int status, std::string_view why) {
    out[std::to_string(status)] = {
        {"description", why},
        {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
  };
  add(400, rt.query.empty() ? "A query parameter: this endpoint takes none"
                            : "An unknown, repeated or malformed query parameter");
  if (!rt.open) add(401, "No bearer token, or a wrong one (when the server has a token file)");
  if (rt.path.find('{') != std::string_view::npos) add(404, "No such provision");
  add(405, "Another method");
  if (rt.takes_profile || rt.name == "diff") {
    add(413, "A body larger than the server's --max-body");
    add(415, "A body that is not application/json or application/toml");
    add(422, rt.name == "diff" ? "The reform names no parameter, or a value of the wrong type "
                                 "(`errors`), or a profile has errors"
                               : "The profile has errors: `errors` lists each, located");
  }
  if (!rt.open) add(429, "Too many requests from this client (see Retry-After)");
  add(503, "No rules are loaded");
  return out;
}

json success(const route& rt) {
  auto as_json = [](json schema) {
    return json{{"application/json", {{"schema", std::move(schema)}}}};
  };
  const std::string_view n = rt.name;
  json content;
  if (n == "page")
    content = {{"text/html", {{"schema", string_schema()}}}};
  else if (n == "metrics")
    content = {{"text/plain", {{"schema", string_schema()}}}};
  else if (n == "healthz")
    content = as_json(ref("Health"));
  else if (n == "openapi")
    content = as_json(ref("OpenApi"));
  else if (n == "provisions")
    content = as_json(ref("Provisions"));
  else if (n == "schema")
    content = as_json(ref("JsonSchema"));
  else if (n == "decide")
    content = as_json(ref("DecisionLine"));
  else if (n == "diff")
    content = as_json(ref("ImpactReport"));
  else if (n == "paths")
    content = as_json(ref("PathsReport"));
  else if (n == "sweep")
    content = {{"application/json", {{"schema", ref("SweepReport")}}},
               {"image/svg+xml", {{"schema", string_schema()}}}};
  else
    content = as_json(ref("CheckReport"));
  return {{"description", rt.summary}, {"content", std::move(content)}};
}

}  // namespace

std::string openapi_document(const ruleset& rules) {
  json paths;
  for (const auto& rt : routes()) {
    json op{{"operationId", rt.name}, {"summary", rt.summary}};
    json params = json::array();
    if (rt.path.find('{') != std::string_view::npos)
      params.push_back({{"name", "provision"},
                        {"in", "path"},
                        {"required", true},
                        {"description", "A provision's id, as GET /v1/provisions lists them"},
                        {"schema", string_schema()},
                        {"example", "shangcheng-2023.office"}});
    for (auto q : rt.query) params.push_back(parameter(q));
    if (!params.empty()) op["parameters"] = params;
    if (rt.name == "diff")
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", ref("Reform")}}}}}};
    if (rt.takes_profile)
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json", {{"schema", ref("Profile")}}},
            {"application/toml",
             {{"schema", string_schema()},
              {"example", "company_name = \"杭州某科技有限公司\"\nclaimed_year = 2024\n"}}}}}};
    op["responses"] = problem_responses(rt);
    op["responses"]["200"] = success(rt);
    if (rt.open) op["security"] = json::array();
    std::string method(rt.method);
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[std::string(rt.path)][method] = std::move(op);
  }
  json doc{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "elig"},
        {"version", version},
        {"description",
         fmt::format("Incentive eligibility for Hangzhou metaverse companies: every provision "
                     "decided, its amount and why. Rules hash {}. Money is a decimal string in "
                     "CNY; every 4xx and 5xx is application/problem+json (RFC 9457).",
                     rules.hash())}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", component_schemas(rules)},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      // A bearer token when the server has a token file (`elig serve --token-file`), else none.
      {"security", json::array({{{"bearer", json::array()}}, json::object()})}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace elig::server
