#pragma once
// `elig serve`: the service on a socket (cpp-httplib), with a bounded worker pool, timeouts, a
// body limit, hot reload (SIGHUP or a changed rule file) and a graceful stop on SIGTERM.
#include <cstddef>
#include <string>

#include "service.hpp"

namespace elig::server {

struct serve_options {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port (printed, and written to port_file)
  unsigned threads = 0;    // 0: one per core, at least 2
  std::size_t queue = 64;  // connections waiting for a worker; beyond, accepting waits
  std::size_t max_body = 1 << 20;
  int timeout_seconds = 5;        // reading or writing a request; slow clients are dropped
  bool watch = true;              // reload when a rule file changes
  std::string port_file;          // write the bound port here once listening
  std::string tls_cert, tls_key;  // PEM files: serve HTTPS (both or neither)
};

// Serves until SIGTERM or SIGINT; returns the exit code.
int serve(service& svc, const serve_options& o);

}  // namespace elig::server
