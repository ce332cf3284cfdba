#include "analyzer/fix/write_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace dockml {

namespace {

std::string reason(const std::string& path, int err) {
  return path + ": cannot write the fixed file: " + std::strerror(err);
}

bool write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

bool read_all(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

}  // namespace

bool replace_file_contents(const std::string& path, std::string_view content, std::string& error,
                           const std::string_view* expected) {
  // Follow a symbolic link so the link itself survives.
  std::string target = path;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    target = real;
    std::free(real);
  }
  struct stat st{};
  if (::stat(target.c_str(), &st) != 0) {
    error = reason(path, errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = path + ": cannot write the fixed file: not a regular file";
    return false;
  }
  if (expected != nullptr) {
    std::string now;
    if (!read_all(target, now) || now != *expected) {
      error = path + ": changed on disk while dockml was fixing it; not written";
      return false;
    }
  }
  size_t slash = target.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : target.substr(0, slash));
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string tmpl = (dir == "/" ? "/" : dir + "/") + "." + base + ".dockml-fix-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    error = reason(path, errno);
    return false;
  }
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(name.data());
    error = reason(path, err);
    return false;
  };
  if (!write_all(fd, content)) return fail(errno);
  if (::fchmod(fd, st.st_mode & 07777) != 0) return fail(errno);
  if (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) {
    (void)!::fchown(fd, st.st_uid, st.st_gid);  // keep the owner when allowed (root); else ours
  }
  if (::fsync(fd) != 0 && errno != EINVAL) return fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(name.data());
    error = reason(path, err);
    return false;
  }
  if (::rename(name.data(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(name.data());
    error = reason(path, err);
    return false;
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);  // make the rename durable; failure here does not undo the write
    ::close(dfd);
  }
  return true;
}

}  // namespace dockml
