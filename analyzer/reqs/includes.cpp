#include "analyzer/reqs/includes.h"

#include "analyzer/source/overlay.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include <fmt/format.h>

namespace dockml::reqs {
namespace {

namespace fs = std::filesystem;

std::string megabytes(uint64_t bytes) {
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

struct ReadResult {
  std::string bytes;
  uint64_t full_size = 0;
  bool ok = false;
  IncludeIssueKind kind = IncludeIssueKind::kUnreadable;
  std::string why;
};

// Reads at most `max` bytes of a regular file, cut back to the last complete line.
ReadResult read_bounded(const fs::path& path, uint64_t max) {
  ReadResult r;
  if (SourcePtr buffer = overlay_file(path.string())) {  // unsaved editor text
    std::string_view text = buffer->text();
    r.full_size = text.size();
    r.bytes = std::string(text.substr(0, std::min<uint64_t>(text.size(), max)));
    if (r.bytes.size() < text.size()) {
      size_t nl = r.bytes.rfind('\n');
      r.bytes.resize(nl == std::string::npos ? 0 : nl + 1);
    }
    r.ok = true;
    return r;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    r.kind = errno == ENOENT || errno == ENOTDIR ? IncludeIssueKind::kMissing
                                                 : IncludeIssueKind::kUnreadable;
    r.why = std::strerror(errno);
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.why = S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file";
    ::close(fd);
    return r;
  }
  r.full_size = static_cast<uint64_t>(st.st_size);
  uint64_t want = std::min<uint64_t>(r.full_size, max);
  r.bytes.resize(want);
  uint64_t got = 0;
  while (got < want) {
    ssize_t n = ::read(fd, r.bytes.data() + got, want - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.why = std::strerror(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    got += static_cast<uint64_t>(n);
  }
  ::close(fd);
  r.bytes.resize(got);
  if (got < r.full_size) {
    size_t nl = r.bytes.rfind('\n');
    r.bytes.resize(nl == std::string::npos ? 0 : nl + 1);
  }
  r.ok = true;
  return r;
}

bool is_remote(const std::string& p) { return p.find("://") != std::string::npos; }

class Resolver {
 public:
  Resolver(const std::string& context_dir, const IncludeLimits& limits)
      : context_dir_(context_dir), limits_(limits) {
    std::error_code ec;
    context_ = fs::weakly_canonical(fs::absolute(context_dir, ec), ec);
    if (ec) context_ = fs::path(context_dir).lexically_normal();
  }

  RequirementSet run(const std::string& path) {
    visit(fs::path(), path, false, -1, SourceRef{}, 0);
    return std::move(set_);
  }

 private:
  void issue(IncludeIssueKind kind, const std::string& written, std::string message,
             const SourceRef& where) {
    set_.issues.push_back({kind, written, std::move(message), where});
  }

  // `base` is the including file's directory (empty for the root: the context).
  void visit(const fs::path& base, const std::string& written, bool constraint, int parent,
             const SourceRef& where, uint32_t depth) {
    if (is_remote(written)) {
      issue(IncludeIssueKind::kRemote, written,
            fmt::format("remote requirement file '{}' is not fetched", written), where);
      return;
    }
    std::error_code ec;
    fs::path joined = fs::path(written).is_absolute() ? fs::path(written)
                      : base.empty()                  ? context_ / written
                                                      : base / written;
    fs::path target = fs::weakly_canonical(joined, ec);
    if (ec) target = joined.lexically_normal();
    fs::path rel = target.lexically_relative(context_);
    if (rel.empty() || *rel.begin() == "..") {
      issue(IncludeIssueKind::kOutsideContext, written,
            fmt::format("requirement file '{}' is outside the build context '{}'; not read",
                        written, context_dir_),
            where);
      return;
    }
    std::string key = target.string();
    if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
      issue(IncludeIssueKind::kCycle, written,
            fmt::format("requirement file '{}' includes itself (include cycle); not read again",
                        rel.generic_string()),
            where);
      return;
    }
    if (seen_.count(key)) return;  // diamond: already analysed once
    if (depth > limits_.max_depth) {
      issue(IncludeIssueKind::kLimit, written,
            fmt::format("not reading '{}': requirement files nested deeper than {} levels",
                        written, limits_.max_depth),
            where);
      return;
    }
    if (set_.files.size() >= limits_.max_files) {
      issue(IncludeIssueKind::kLimit, written,
            fmt::format("not reading '{}': limit of {} requirement files reached", written,
                        limits_.max_files),
            where);
      return;
    }
    uint64_t budget = limits_.max_total_bytes - std::min(total_, limits_.max_total_bytes);
    if (budget == 0) {
      issue(IncludeIssueKind::kLimit, written,
            fmt::format("not reading '{}': {} of requirement files already read", written,
                        megabytes(limits_.max_total_bytes)),
            where);
      return;
    }
    ReadResult read = read_bounded(target, std::min(limits_.max_file_bytes, budget));
    std::string display = (fs::path(context_dir_) / rel).lexically_normal().generic_string();
    if (!read.ok) {
      bool missing = read.kind == IncludeIssueKind::kMissing;
      issue(read.kind, written,
            missing ? fmt::format("requirement file '{}' not found", display)
                    : fmt::format("cannot read requirement file '{}': {}", display, read.why),
            where);
      return;
    }
    seen_.insert(key);
    total_ += read.bytes.size();
    if (read.bytes.size() < read.full_size) {
      issue(IncludeIssueKind::kTruncated, written,
            fmt::format("requirement file '{}' is {}; only the first {} were analysed", display,
                        megabytes(read.full_size), megabytes(read.bytes.size())),
            where);
    }
    auto source = std::make_shared<const SourceFile>(display, std::move(read.bytes));
    ResolvedFile resolved;
    resolved.file = parse_requirement_file(source);
    resolved.context_path = rel.generic_string();
    resolved.constraint = constraint;
    resolved.parent = parent;
    resolved.included_from = where;
    std::vector<IncludeRef> includes = resolved.file.includes;
    set_.files.push_back(std::move(resolved));
    int index = static_cast<int>(set_.files.size()) - 1;
    stack_.push_back(key);
    fs::path dir = target.parent_path();
    for (const IncludeRef& inc : includes) {
      visit(dir, inc.path, constraint || inc.constraint, index, SourceRef{source, inc.span},
            depth + 1);
    }
    stack_.pop_back();
  }

  std::string context_dir_;
  fs::path context_;
  IncludeLimits limits_;
  RequirementSet set_;
  std::vector<std::string> stack_;
  std::set<std::string> seen_;
  uint64_t total_ = 0;
};

}  // namespace

std::vector<const PipRequirement*> RequirementSet::requirements() const {
  std::vector<const PipRequirement*> out;
  for (const ResolvedFile& f : files) {
    if (f.constraint) continue;
    for (const PipRequirement& r : f.file.requirements) out.push_back(&r);
  }
  return out;
}

PipOptions RequirementSet::options() const {
  PipOptions out;
  auto append = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
    to.insert(to.end(), from.begin(), from.end());
  };
  for (const ResolvedFile& f : files) {
    const PipOptions& o = f.file.options;
    append(out.index_urls, o.index_urls);
    append(out.extra_index_urls, o.extra_index_urls);
    append(out.find_links, o.find_links);
    append(out.requirement_files, o.requirement_files);
    append(out.constraint_files, o.constraint_files);
    append(out.trusted_hosts, o.trusted_hosts);
    append(out.no_binary, o.no_binary);
    append(out.only_binary, o.only_binary);
    out.pre = out.pre || o.pre;
    out.no_index = out.no_index || o.no_index;
    out.prefer_binary = out.prefer_binary || o.prefer_binary;
    out.require_hashes = out.require_hashes || o.require_hashes;
  }
  return out;
}

RequirementSet resolve_requirement_file(const std::string& context_dir, const std::string& path,
                                        const IncludeLimits& limits) {
  return Resolver(context_dir, limits).run(path);
}

}  // namespace dockml::reqs
