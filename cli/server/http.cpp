#include "http.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <elig/files.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <thread>

#include "problem.hpp"

namespace elig::server {

namespace {

// httplib's own pool queues without bound; this one makes the accepting thread wait instead,
// so a flood of connections waits in the kernel's backlog, not in our memory.
class bounded_pool : public httplib::TaskQueue {
 public:
  bounded_pool(std::size_t threads, std::size_t capacity) : capacity_(capacity) {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(m_);
    has_room_.wait(lock, [&] { return jobs_.size() < capacity_ || stopping_; });
    jobs_.push_back(std::move(fn));
    has_job_.notify_one();
  }
  // Called once the listener is closed: the jobs already queued still run.
  void shutdown() override {
    {
      std::lock_guard lock(m_);
      stopping_ = true;
    }
    has_job_.notify_all();
    has_room_.notify_all();
    for (auto& t : workers_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(m_);
        has_job_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
        if (jobs_.empty()) return;
        fn = std::move(jobs_.front());
        jobs_.pop_front();
        has_room_.notify_one();
      }
      fn();
    }
  }
  std::size_t capacity_;
  std::mutex m_;
  std::condition_variable has_job_, has_room_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  bool stopping_ = false;
};

// The metrics label of a path: its route's index, whatever the method.
std::size_t endpoint_of(const std::string& path) {
  const auto& all = routes();
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto brace = all[i].path.find('{');
    if (brace == std::string_view::npos ? path == all[i].path
                                        : path.starts_with(all[i].path.substr(0, brace)))
      return i;
  }
  return all.size();
}

// The client's X-Request-Id when it is a sensible one (1 to 128 visible ASCII characters),
// else a new one: 128 random bits.
std::string request_id_for(const std::string& given) {
  if (!given.empty() && given.size() <= 128 &&
      std::all_of(given.begin(), given.end(), [](char c) { return c > ' ' && c < 0x7f; }))
    return given;
  thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", random(), random());
}

// Names, sizes and modification times of the rule files: a change in any means reload.
std::string fingerprint(const std::string& rules_path) {
  std::string f;
  auto found = find_files({std::filesystem::path(rules_path)}, ".elig");
  for (const auto& p : found.files) {
    std::error_code ec;
    auto size = std::filesystem::file_size(p, ec);
    auto time = std::filesystem::last_write_time(p, ec).time_since_epoch().count();
    f += fmt::format("{}\t{}\t{}\n", p.string(), size, time);
  }
  for (const auto& p : found.problems) f += p + "\n";
  return f;
}

void log_line(std::string_view text) {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::fputs(fmt::format("{:%Y-%m-%dT%H:%M:%SZ} elig serve: {}\n", now, text).c_str(), stderr);
}

void reload_and_log(service& svc, std::string_view why) {
  if (svc.reload())
    log_line(fmt::format("{}: rules reloaded, hash {}", why, svc.rules()->hash()));
  else
    log_line(fmt::format("{}: the new rules do not compile; still serving hash {}:\n{}", why,
                         svc.rules() ? svc.rules()->hash() : "(none)", svc.last_reload_error()));
}

// The server, HTTPS when a certificate is given, with its pool, limits and timeouts; null (and a
// message) when the certificate or key cannot be used.
std::unique_ptr<httplib::Server> make_server(const serve_options& o, unsigned threads) {
  std::unique_ptr<httplib::Server> server;
  if (!o.tls_cert.empty()) {
    auto tls = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!tls->is_valid()) {
      std::fprintf(stderr, "elig: error: cannot use the TLS certificate `%s` with the key `%s`\n",
                   o.tls_cert.c_str(), o.tls_key.c_str());
      return nullptr;
    }
    server = std::move(tls);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  httplib::Server& srv = *server;
  // A worker holds a connection for as long as it is kept alive, so there are more workers than
  // cores, and a connection is closed after a few requests to let the waiting ones in.
  srv.new_task_queue = [threads, queue = o.queue] { return new bounded_pool(threads, queue); };
  srv.set_payload_max_length(o.max_body);
  srv.set_read_timeout(o.timeout_seconds, 0);
  srv.set_write_timeout(o.timeout_seconds, 0);
  srv.set_keep_alive_timeout(2);
  srv.set_keep_alive_max_count(20);
  srv.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to every response

  return server;
}

// Every request goes to the service; CORS headers and preflights when asked for; the errors
// httplib answers itself become problems too.
void install_handlers(httplib::Server& srv, service& svc) {
  // The handlers outlive this function: they hold copies, and the service by reference.
  const std::string cors = svc.options().cors_origin;
  // CORS, when asked for: the allowed origin may read the answers (and send a token).
  auto add_cors = [cors](const httplib::Request& hr, httplib::Response& res) {
    if (cors.empty()) return;
    std::string origin = hr.get_header_value("Origin");
    if (origin.empty() || (cors != "*" && origin != cors)) return;
    res.set_header("Access-Control-Allow-Origin", cors == "*" ? "*" : origin);
    res.set_header("Vary", "Origin");
    res.set_header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
  };
  auto handler = [&svc, add_cors](const httplib::Request& hr, httplib::Response& res) {
    auto start = std::chrono::steady_clock::now();
    request r;
    r.method = hr.method;
    r.path = hr.path;
    // The URL's own query only: httplib also puts a form body's fields in `params`.
    if (auto q = hr.target.find('?'); q != std::string::npos) {
      httplib::Params params;
      httplib::detail::parse_query_text(hr.target.substr(q + 1), params);
      for (const auto& [k, v] : params) r.query.emplace(k, v);
    }
    r.content_type = hr.get_header_value("Content-Type");
    r.body = hr.body;
    r.request_id = request_id_for(hr.get_header_value("X-Request-Id"));
    r.authorization = hr.get_header_value("Authorization");
    r.client = hr.remote_addr;
    r.origin = hr.get_header_value("Origin");
    response out = svc.handle(r);
    res.status = out.status;
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    res.set_header("X-Request-Id", r.request_id);
    add_cors(hr, res);
    res.set_content(std::move(out.body), out.content_type.c_str());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    svc.stats().observe(endpoint_of(hr.path), out.status, secs);
  };
  for (auto method : {&httplib::Server::Get, &httplib::Server::Post, &httplib::Server::Put,
                      &httplib::Server::Delete, &httplib::Server::Patch})
    (srv.*method)(".*", handler);
  // A browser's preflight: answered for the allowed origin only; otherwise as any other method.
  srv.Options(".*", [cors, add_cors, handler](const httplib::Request& hr, httplib::Response& res) {
    std::string origin = hr.get_header_value("Origin");
    if (!cors.empty() && !origin.empty() && (cors == "*" || origin == cors)) {
      res.status = 204;
      add_cors(hr, res);
      res.set_header("Access-Control-Allow-Methods", "GET, POST");
      res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Request-Id");
      res.set_header("Access-Control-Max-Age", "600");
      res.set_header("X-Request-Id", request_id_for(hr.get_header_value("X-Request-Id")));
      return;
    }
    handler(hr, res);
  });
  // Errors httplib answers itself (413 body too large, 400 bad request, 414 long URI): a problem.
  srv.set_error_handler([&svc](const httplib::Request& hr, httplib::Response& res) {
    if (!res.body.empty()) return;
    auto kind = problem_for_status(res.status);
    std::string id = request_id_for(hr.get_header_value("X-Request-Id"));
    response out = problem_response({kind, std::string(problem_title(kind)), {}}, id);
    res.set_header("X-Request-Id", id);
    res.set_content(std::move(out.body), out.content_type.c_str());
    svc.stats().observe(endpoint_of(hr.path), res.status, 0);
  });
  srv.set_exception_handler(
      [](const httplib::Request& hr, httplib::Response& res, std::exception_ptr) {
        std::string id = request_id_for(hr.get_header_value("X-Request-Id"));
        response out = problem_response(
            {problem_kind::internal, "the server failed on this request", "report it"}, id);
        res.status = 500;
        res.set_header("X-Request-Id", id);
        res.set_content(std::move(out.body), out.content_type.c_str());
      });
}

}  // namespace

int serve(service& svc, const serve_options& o) {
  // Signals are taken by one thread with sigwait; every other thread has them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  unsigned threads = o.threads ? o.threads : std::max(32u, 8 * std::thread::hardware_concurrency());
  std::unique_ptr<httplib::Server> server = make_server(o, threads);
  if (!server) return 2;
  httplib::Server& srv = *server;
  install_handlers(srv, svc);

  int port = o.port;
  if (port == 0) {
    port = srv.bind_to_any_port(o.host);
  } else if (!srv.bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::fprintf(stderr, "elig: error: cannot listen on %s:%d\n", o.host.c_str(), o.port);
    return 2;
  }
  log_line(fmt::format("listening on {}://{}:{}/ with {} workers, rules hash {}",
                       o.tls_cert.empty() ? "http" : "https", o.host, port, threads,
                       svc.rules()->hash()));
  if (!o.port_file.empty()) std::ofstream(o.port_file) << port << "\n";

  std::mutex stop_m;
  std::condition_variable stop_cv;
  bool stopping = false;
  std::thread watcher;
  if (o.watch) {
    watcher = std::thread([&] {
      // A change is reloaded once the files have stopped changing for a whole poll: an editor
      // or a copy that truncates a file and then writes it leaves, for a moment, a shorter file
      // that may well compile (an empty one does) but is not the rules anyone meant.
      std::string loaded = fingerprint(svc.options().rules_path);
      std::string last = loaded;
      std::unique_lock lock(stop_m);
      while (!stop_cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return stopping; })) {
        lock.unlock();
        std::string now = fingerprint(svc.options().rules_path);
        if (now == last && now != loaded) {
          loaded = now;
          reload_and_log(svc, "a rule file changed");
        }
        last = std::move(now);
        lock.lock();
      }
    });
  }
  std::atomic<bool> signalled{false};
  std::thread signal_taker([&] {
    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (sig == SIGHUP) {
        reload_and_log(svc, "SIGHUP");
        continue;
      }
      log_line(sig == SIGTERM ? "SIGTERM: finishing the requests in flight"
                              : "SIGINT: finishing the requests in flight");
      signalled = true;
      srv.stop();
      return;
    }
  });
  bool ok = srv.listen_after_bind();
  {
    std::lock_guard lock(stop_m);
    stopping = true;
  }
  stop_cv.notify_all();
  if (watcher.joinable()) watcher.join();
  // Listening failed without a signal: wake the signal thread so that it ends.
  if (!signalled) pthread_kill(signal_taker.native_handle(), SIGTERM);
  signal_taker.join();
  log_line("stopped");
  return ok ? 0 : 1;
}

}  // namespace elig::server
