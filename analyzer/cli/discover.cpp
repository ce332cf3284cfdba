#include "analyzer/cli/discover.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include "analyzer/engine/file_kind.h"

namespace dockml {

namespace {

constexpr size_t kYamlSniffBytes = 1 << 20;

std::string join(const std::string& dir, const std::string& name) {
  if (dir == ".") return name;
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool skipped_dir_name(const std::string& name) {
  return name == ".git" || name == ".hg" || name == ".svn" || name == "node_modules" ||
         name == "__pycache__";
}

// Reads up to kYamlSniffBytes of a regular file, without blocking.
std::string read_prefix(const std::string& path) {
  std::string out;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return out;
  out.resize(kYamlSniffBytes);
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

class Walker {
 public:
  Walker(Discovery& out, const ExcludeFilter* excluded) : out_(out), excluded_(excluded) {}

  // Returns how many files were found under `dir`.
  size_t walk(const std::string& dir) {
    struct stat st{};
    if (::stat(dir.c_str(), &st) != 0) return 0;
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return 0;  // loop or seen before
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      out_.errors.push_back(dir + ": " + std::strerror(errno));
      return 0;
    }
    std::vector<std::string> names;
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(std::move(name));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    if (std::find(names.begin(), names.end(), "pyvenv.cfg") != names.end()) return 0;

    size_t found = 0;
    std::vector<std::string> subdirs;
    for (const std::string& name : names) {
      std::string path = join(dir, name);
      struct stat lst{};
      if (::lstat(path.c_str(), &lst) != 0) continue;
      struct stat target{};
      bool resolves = ::stat(path.c_str(), &target) == 0;
      if (resolves && S_ISDIR(target.st_mode)) {
        if (!skipped_dir_name(name) && !is_excluded(path)) subdirs.push_back(path);
        continue;
      }
      std::optional<FileKind> kind = kind_from_name(name);
      bool yaml = !kind && is_yaml_name(name);
      if ((!kind && !yaml) || is_excluded(path)) continue;
      if (!resolves) {
        if (kind) {
          out_.errors.push_back(path + ": cannot read: " + std::strerror(errno));
          ++found;  // a lintable file, though unreadable: no "nothing found" notice
        }
        continue;
      }
      if (!S_ISREG(target.st_mode)) {
        if (kind) out_.notices.push_back(path + ": not a regular file (FIFO, socket or device); skipped");
        continue;
      }
      if (yaml) {
        if (!looks_like_kubernetes(read_prefix(path))) continue;
        kind = FileKind::kKubernetes;
      }
      add(path, kind);
      ++found;
    }
    // Files of a directory come before its subdirectories, both in name order.
    for (const std::string& sub : subdirs) found += walk(sub);
    return found;
  }

  void add(const std::string& path, std::optional<FileKind> kind) {
    if (seen_.insert(path).second) out_.files.push_back({path, kind});
  }

 private:
  bool is_excluded(const std::string& path) const { return excluded_ && *excluded_ && (*excluded_)(path); }

  Discovery& out_;
  const ExcludeFilter* excluded_ = nullptr;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::set<std::string> seen_;
};

}  // namespace

Discovery discover(const std::vector<std::string>& paths) { return discover(paths, ExcludeFilter()); }

Discovery discover(const std::vector<std::string>& paths, const ExcludeFilter& excluded) {
  Discovery out;
  Walker walker(out, &excluded);
  for (std::string path : paths) {
    if (path == "-") {
      walker.add(path, std::nullopt);
      continue;
    }
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
      int err = errno;
      struct stat lst{};
      bool dangling = err == ENOENT && ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
      out.errors.push_back(path + ": " +
                           (dangling ? std::string("dangling symbolic link") : std::strerror(err)));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (walker.walk(path) == 0)
        out.notices.push_back("no Dockerfiles, requirement, compose or Kubernetes files found under " + path);
      continue;
    }
    walker.add(path, std::nullopt);  // named explicitly: always linted (load errors later)
  }
  return out;
}

}  // namespace dockml
