// Requests to the server's handlers (no socket): the input is split into method, path and
// query, content type and body at NUL bytes. Every answer is a known status with a body.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "service.hpp"

using namespace elig;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static server::service* svc = [] {
    static server::service s([] {
      server::service_options o;
      o.rules_path = ELIG_FUZZ_RULES_DIR;
      o.default_as_of = fuzz::as_of;
      return o;
    }());
    fuzz::require(s.reload(), "the bundled rules load");
    return &s;
  }();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  while (parts.size() < 5) {
    auto nul = in.find('\0');
    parts.emplace_back(in.substr(0, nul));
    if (nul == std::string_view::npos) break;
    in.remove_prefix(nul + 1);
  }
  parts.resize(5);
  server::request r;
  r.method = parts[0].empty() ? "POST" : parts[0];
  r.path = parts[1].empty() ? "/v1/check" : parts[1];
  // "k=v&k=v" as the query parameters
  std::string_view q = parts[2];
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view kv = q.substr(0, amp);
    auto eq = kv.find('=');
    r.query.emplace(std::string(kv.substr(0, eq)),
                    eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  r.content_type = parts[3];
  r.body = parts[4];
  server::response out = svc->handle(r);
  fuzz::require(out.status == 200 || (out.status >= 400 && out.status < 500),
                "a fuzzed request is answered 200 or 4xx");
  fuzz::require(!out.body.empty(), "every answer has a body");
  return 0;
}
