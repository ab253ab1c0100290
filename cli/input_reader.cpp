#include "input_reader.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <elig/files.hpp>
#include <filesystem>

namespace elig::cli {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::uint64_t regular_size(std::FILE* f) {
  struct stat st {};
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
    return static_cast<std::uint64_t>(st.st_size);
  return 0;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

input_reader::input_reader(const std::vector<std::string>& inputs,
                           std::vector<std::string>& problems) {
  auto add = [&](const std::string& name, bool stream, bool json, std::FILE* f) {
    names_.push_back(name);
    sources_.push_back({static_cast<std::uint32_t>(names_.size() - 1), stream, json, f});
  };
  for (const auto& in : inputs) {
    std::error_code ec;
    if (in == "-") {
      add("<stdin>", true, true, stdin);
      total_bytes_ += regular_size(stdin);
    } else if (fs::is_directory(in, ec)) {
      std::vector<fs::path> files;
      for (const char* ext : {".toml", ".json"}) {
        auto found = find_files({fs::path(in)}, ext);
        for (const auto& p : found.problems) problems.push_back(p);
        files.insert(files.end(), found.files.begin(), found.files.end());
      }
      std::sort(files.begin(), files.end());
      if (files.empty())
        problems.push_back(fmt::format("no profiles (`.toml`, `.json`) in {}", in));
      for (const auto& f : files) {
        add(f.string(), false, f.extension() == ".json", nullptr);
        total_bytes_ += static_cast<std::uint64_t>(fs::file_size(f, ec));
      }
    } else if (!fs::exists(in, ec)) {
      problems.push_back(fmt::format("`{}` does not exist", in));
    } else if (ends_with(in, ".jsonl") || ends_with(in, ".ndjson")) {
      std::FILE* f = std::fopen(in.c_str(), "rb");
      if (!f) {
        problems.push_back(fmt::format("cannot open `{}`", in));
        continue;
      }
      add(in, true, true, f);
      total_bytes_ += regular_size(f);
    } else if (ends_with(in, ".json") || ends_with(in, ".toml")) {
      add(in, false, ends_with(in, ".json"), nullptr);
      total_bytes_ += static_cast<std::uint64_t>(fs::file_size(in, ec));
    } else {
      problems.push_back(fmt::format(
          "`{}`: not a profile input; give JSON Lines (`.jsonl`, `.ndjson`, or - for standard "
          "input), `.json` or `.toml` files, or folders of them",
          in));
    }
  }
}

input_reader::~input_reader() {
  for (auto& s : sources_)
    if (s.file && s.file != stdin) std::fclose(s.file);
}

bool input_reader::next(input_chunk& c) {
  c.text.clear();
  c.items.clear();
  c.bytes = 0;
  while (current_ < sources_.size() && c.items.size() < chunk_items &&
         c.text.size() < chunk_bytes) {
    source& s = sources_[current_];
    bool more = s.stream ? stream_step(s, c) : read_file_item(s, c);
    if (!more) {
      ++current_;
      pending_.clear();
      pos_ = 0;
      line_ = 0;
      skipping_ = eof_ = false;
    }
  }
  return !c.items.empty();
}

bool input_reader::read_file_item(const source& s, input_chunk& c) {
  input_item it;
  it.input = s.name;
  it.json = s.json;
  it.offset = c.text.size();
  const std::string& name = names_[s.name];
  std::FILE* f = std::fopen(name.c_str(), "rb");
  if (!f) {
    it.problem = fmt::format("cannot open `{}`", name);
  } else {
    // One byte past the limit tells "too large" without reading the rest.
    std::size_t before = c.text.size();
    c.text.resize(before + profile_limit + 1);
    std::size_t got = std::fread(c.text.data() + before, 1, profile_limit + 1, f);
    bool failed = std::ferror(f) != 0;
    std::fclose(f);
    c.text.resize(before + got);
    c.bytes += got;
    if (failed) {
      it.problem = fmt::format("cannot read `{}`", name);
    } else if (got > profile_limit) {
      it.problem =
          fmt::format("`{}` is larger than the profile limit of {} bytes", name, profile_limit);
    }
    if (!it.problem.empty()) c.text.resize(before);
    it.length = c.text.size() - before;
  }
  c.items.push_back(std::move(it));
  return false;
}

void input_reader::add_line(const source& s, std::string_view line, input_chunk& c) {
  if (blank(line)) return;  // blank lines (a trailing one, say) are not profiles
  input_item it;
  it.input = s.name;
  it.line = line_;
  it.json = s.json;
  it.offset = c.text.size();
  it.length = line.size();
  c.text.append(line);
  c.items.push_back(std::move(it));
}

bool input_reader::stream_step(source& s, input_chunk& c) {
  for (;;) {
    std::size_t nl = pending_.find('\n', pos_);
    if (nl != std::string::npos) {
      std::string_view line(pending_.data() + pos_, nl - pos_);
      c.bytes += line.size() + 1;
      pos_ = nl + 1;
      if (skipping_) {
        skipping_ = false;  // the over-long line ends here; its error is already out
        continue;
      }
      ++line_;
      add_line(s, line, c);
      return true;
    }
    if (skipping_) {
      c.bytes += pending_.size() - pos_;
      pending_.clear();
      pos_ = 0;
    } else if (pending_.size() - pos_ > profile_limit) {
      ++line_;
      input_item it;
      it.input = s.name;
      it.line = line_;
      it.problem =
          fmt::format("line {} is longer than the profile limit of {} bytes", line_, profile_limit);
      c.items.push_back(std::move(it));
      skipping_ = true;
      c.bytes += pending_.size() - pos_;
      pending_.clear();
      pos_ = 0;
      return true;
    }
    if (eof_) {
      bool had = pos_ < pending_.size() && !skipping_;
      if (had) {
        ++line_;
        c.bytes += pending_.size() - pos_;
        add_line(s, std::string_view(pending_).substr(pos_), c);
      }
      return false;
    }
    // Keep the unfinished line, then read the next block after it.
    pending_.erase(0, pos_);
    pos_ = 0;
    constexpr std::size_t block = 1 << 18;
    std::size_t before = pending_.size();
    pending_.resize(before + block);
    std::size_t got = std::fread(pending_.data() + before, 1, block, s.file);
    pending_.resize(before + got);
    if (got < block) {
      if (std::ferror(s.file)) late_.push_back(fmt::format("cannot read `{}`", names_[s.name]));
      eof_ = true;
    }
  }
}

}  // namespace elig::cli
