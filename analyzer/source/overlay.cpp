#include "analyzer/source/overlay.h"

#include <filesystem>

namespace dockml {

namespace {

thread_local const FileOverlayMap* current = nullptr;

std::string normal(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path).lexically_normal().string() : p.string();
}

}  // namespace

ScopedFileOverlay::ScopedFileOverlay(const FileOverlayMap* files) : previous_(current) { current = files; }

ScopedFileOverlay::~ScopedFileOverlay() { current = previous_; }

SourcePtr overlay_file(const std::string& path) {
  if (current == nullptr || current->empty()) return nullptr;
  if (auto it = current->find(path); it != current->end()) return it->second;
  std::string want = normal(path);
  for (const auto& [key, source] : *current)
    if (normal(key) == want) return source;
  return nullptr;
}

}  // namespace dockml
