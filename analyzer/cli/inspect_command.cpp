// `dockml inspect FILE`: the image model of a Dockerfile as JSON (analyzer/model/model_json.h).
#include <iostream>

#include <fmt/format.h>

#include "analyzer/cli/commands.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"
#include "analyzer/model/model_json.h"

namespace dockml {

std::optional<std::shared_ptr<const KnowledgeBase>> load_kb_option(const std::string& dir) {
  if (dir.empty()) return std::shared_ptr<const KnowledgeBase>();
  KbLoadResult r = KnowledgeBase::load_directory(dir);
  if (!r.kb) {
    print_error(fmt::format("--kb {}: {}", dir, r.error.message));
    return std::nullopt;
  }
  return r.kb;
}

// Exit 0 with the JSON on stdout; 2 when the file, a --build-arg or --kb is unusable.
int run_inspect(const InspectSettings& s) {
  LintOptions options;
  for (const std::string& raw : s.build_args) {
    size_t eq = raw.find('=');
    if (eq == 0 || raw.empty()) {
      print_error(fmt::format("invalid --build-arg '{}': expected KEY=VALUE", raw));
      return kExitError;
    }
    if (eq == std::string::npos) {
      if (const char* env = std::getenv(raw.c_str())) options.build_args[raw] = env;
    } else {
      options.build_args[raw.substr(0, eq)] = raw.substr(eq + 1);
    }
  }
  options.context_dir = s.context_dir;
  auto kb = load_kb_option(s.kb_dir);
  if (!kb) return kExitError;
  options.kb = *kb;
  LoadResult loaded = load_source(s.path);
  if (!loaded.file) {
    print_error(loaded.error.message);
    return kExitError;
  }
  Dockerfile df = parse_dockerfile(loaded.file);
  auto model = build_image_model(df, options, options.kb ? *options.kb : KnowledgeBase::builtin());
  std::cout << image_model_json(*model).dump(2) << '\n' << std::flush;
  return kExitOk;
}

}  // namespace dockml
