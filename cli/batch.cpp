// `elig batch`: screen many profiles on every core. A reader cuts the input into chunks of whole
// lines (or whole files), workers decide them, and the writer prints them in input order. At most
// a fixed number of chunks are in flight, so memory stays bounded whatever the input's size.
#include "batch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <elig/decision_json.hpp>
#include <elig/elig.hpp>
#include <elig/files.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "input_reader.hpp"

namespace elig::cli {
namespace fs = std::filesystem;

namespace {

struct work {
  input_chunk in;
  std::string out;
  batch_summary counts;
};

// The chunks between reader, workers and writer; `slots` bounds how many exist at once.
class pipeline {
 public:
  explicit pipeline(std::size_t slots) : free_slots_(slots) {}

  void put(std::unique_ptr<work> w) {
    std::unique_lock lock(m_);
    can_put_.wait(lock, [&] { return free_slots_ > 0 || cancelled_; });
    if (cancelled_) return;
    --free_slots_;
    todo_.push_back(std::move(w));
    can_take_.notify_one();
  }
  void close() {
    std::lock_guard lock(m_);
    closed_ = true;
    can_take_.notify_all();
  }
  std::unique_ptr<work> take() {
    std::unique_lock lock(m_);
    can_take_.wait(lock, [&] { return !todo_.empty() || closed_; });
    if (todo_.empty()) return nullptr;
    auto w = std::move(todo_.front());
    todo_.pop_front();
    return w;
  }
  void finish(std::unique_ptr<work> w) {
    std::lock_guard lock(m_);
    std::uint64_t seq = w->in.seq;
    done_.emplace(seq, std::move(w));
    can_write_.notify_one();
  }
  // The chunk `seq` once decided, or null after `timeout` (to redraw the progress bar) or when
  // the reader has produced `total` chunks and `seq` is past them.
  std::unique_ptr<work> next(std::uint64_t seq, std::chrono::milliseconds timeout, bool& end) {
    std::unique_lock lock(m_);
    can_write_.wait_for(lock, timeout, [&] { return done_.contains(seq) || produced_ == seq; });
    end = !done_.contains(seq) && produced_ == seq;
    auto it = done_.find(seq);
    if (it == done_.end()) return nullptr;
    auto w = std::move(it->second);
    done_.erase(it);
    return w;
  }
  void written() {
    std::lock_guard lock(m_);
    ++free_slots_;
    can_put_.notify_one();
  }
  void produced(std::uint64_t count) {
    std::lock_guard lock(m_);
    produced_ = count;
    can_write_.notify_all();
  }
  void cancel() {
    std::lock_guard lock(m_);
    cancelled_ = true;
    closed_ = true;
    can_put_.notify_all();
    can_take_.notify_all();
  }

 private:
  std::mutex m_;
  std::condition_variable can_put_, can_take_, can_write_;
  std::size_t free_slots_;
  std::deque<std::unique_ptr<work>> todo_;
  std::map<std::uint64_t, std::unique_ptr<work>> done_;
  std::uint64_t produced_ = UINT64_MAX;
  bool closed_ = false, cancelled_ = false;
};

void decide_chunk(const decision_json_writer& writer, const decide_options& opts,
                  const std::vector<std::string>& input_names, decision& d, work& w) {
  for (const auto& it : w.in.items) {
    const std::string& name = input_names[it.input];
    if (!it.problem.empty()) {
      w.counts.add_error();
      writer.append_problem_line(name, it.line, it.problem, w.out);
    } else if (writer.append_batch_line(w.in.text_of(it),
                                        it.json ? profile_format::json : profile_format::toml, name,
                                        it.line, opts, d, w.out)) {
      w.counts.add(d);
    } else {
      w.counts.add_error();
    }
  }
}

class progress_bar {
 public:
  progress_bar(bool on, std::uint64_t total_bytes) : on_(on), total_(total_bytes) {}
  void draw(std::uint64_t profiles, std::uint64_t bytes) {
    if (!on_) return;
    double secs = std::chrono::duration<double>(clock::now() - start_).count();
    double rate = secs > 0 ? static_cast<double>(profiles) / secs : 0;
    std::string eta = "";
    if (total_ > 0 && bytes > 0 && bytes <= total_)
      eta = fmt::format(" · ETA {:.0f} s",
                        secs * static_cast<double>(total_ - bytes) / static_cast<double>(bytes));
    std::fprintf(stderr, "\r\033[K%s",
                 fmt::format("{} profiles · {:.0f}/s{}", profiles, rate, eta).c_str());
  }
  void clear() {
    if (on_) std::fputs("\r\033[K", stderr);
  }
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(clock::now() - start_).count();
  }

 private:
  using clock = std::chrono::steady_clock;
  bool on_;
  std::uint64_t total_;
  clock::time_point start_ = clock::now();
};

}  // namespace

int run_batch_chunks(const ruleset& rules, const batch_options& b, std::FILE* out,
                     std::FILE* messages) {
  std::vector<std::string> problems;
  input_reader reader(b.inputs, problems);
  for (const auto& p : problems) std::fprintf(messages, "elig: error: %s\n", p.c_str());
  if (!problems.empty()) return bad_usage;

  unsigned jobs = b.jobs ? b.jobs : std::max(1u, std::thread::hardware_concurrency());
  pipeline pipe(2 * static_cast<std::size_t>(jobs) + 2);
  decision_json_writer writer(rules);
  const decide_options opts = decision_json_writer::line_options(b.as_of, b.include_drafts);

  std::jthread producer([&] {
    std::uint64_t seq = 0;
    for (;;) {
      auto w = std::make_unique<work>();
      if (!reader.next(w->in)) break;
      w->in.seq = seq++;
      pipe.put(std::move(w));
    }
    pipe.produced(seq);
    pipe.close();
  });
  std::vector<std::jthread> workers;
  for (unsigned j = 0; j < jobs; ++j)
    workers.emplace_back([&] {
      decision d;
      while (auto w = pipe.take()) {
        w->counts = batch_summary(rules);
        decide_chunk(writer, opts, reader.names(), d, *w);
        pipe.finish(std::move(w));
      }
    });

  batch_summary all(rules);
  progress_bar bar(b.progress, reader.total_bytes());
  std::uint64_t bytes = 0;
  bool write_failed = false;
  for (std::uint64_t seq = 0;;) {
    bool end = false;
    auto w = pipe.next(seq, std::chrono::milliseconds(200), end);
    if (end) break;
    if (!w) {
      bar.draw(all.profiles(), bytes);
      continue;
    }
    if (!write_failed && std::fwrite(w->out.data(), 1, w->out.size(), out) != w->out.size())
      write_failed = true;
    all.merge(w->counts);
    bytes += w->in.bytes;
    ++seq;
    pipe.written();
  }
  producer.join();
  for (auto& t : workers) t.join();
  bar.clear();
  std::string summary = all.json();
  using summary_to = batch_options::summary_to;
  if (b.summary == summary_to::stdout_ && !write_failed &&
      std::fwrite(summary.data(), 1, summary.size(), out) != summary.size())
    write_failed = true;
  if (std::fflush(out) != 0) write_failed = true;
  for (const auto& p : reader.late_problems())
    std::fprintf(messages, "elig: error: %s\n", p.c_str());
  if (b.summary == summary_to::stderr_) std::fputs(summary.c_str(), messages);
  if (b.summary != summary_to::none) std::fputs(all.text(bar.seconds()).c_str(), messages);
  if (write_failed) {
    std::fprintf(messages, "elig: error: cannot write the results\n");
    return bad_usage;
  }
  return all.errors() || all.overflow() || !reader.late_problems().empty() ? bad_profile : ok;
}

}  // namespace elig::cli
