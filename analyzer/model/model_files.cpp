// Requirement and environment files: `-r PATH` / `-c PATH` / `conda env create -f PATH`
// mapped back through COPY/ADD and WORKDIR (and `cd DIR &&` in the same RUN) to the build
// context, read with analyzer/reqs (includes followed, confined to the context).
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "analyzer/source/overlay.h"
#include "analyzer/model/model_internal.h"
#include "analyzer/reqs/conda_env.h"

namespace dockml::model_detail {

namespace {

namespace fs = std::filesystem;

// '*' and '?' wildcard match (iterative, O(n*m) worst case on short names).
bool wildcard_match(std::string_view pat, std::string_view s) {
  size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && (pat[p] == '?' || pat[p] == s[i])) {
      ++p, ++i;
    } else if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

std::string strip_dot_slash(std::string s) {
  while (s.starts_with("./")) s.erase(0, 2);
  while (s.starts_with('/')) s.erase(0, 1);
  if (s == ".") s.clear();
  return s;
}

std::string join_rel(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a.back() == '/' ? a + b : a + "/" + b;
}

bool is_context_dir(const std::string& context, const std::string& rel) {
  std::error_code ec;
  return fs::is_directory(fs::path(context) / rel, ec);
}

bool exists_in_context(const std::string& context, const std::string& rel) {
  std::error_code ec;
  return fs::exists(fs::path(context) / rel, ec);
}

struct Mapped {
  std::string context_path;
  size_t copy_instruction = 0;
};

// The context file that became `target` in the image, if a COPY/ADD explains it.
std::optional<Mapped> map_to_context(const StageState& state, const std::string& target,
                                     const std::string& context) {
  for (auto it = state.copies.rbegin(); it != state.copies.rend(); ++it) {
    const CopyRecord& c = *it;
    for (const std::string& raw_src : c.sources) {
      if (raw_src.find("://") != std::string::npos) continue;  // ADD URL
      std::string src = strip_dot_slash(raw_src);
      bool src_dir = src.empty() || raw_src.ends_with('/') || is_context_dir(context, src);
      bool dir_dest = c.dest_is_dir || src_dir;
      if (!dir_dest) {
        if (target == c.dest) return Mapped{src, c.instruction};
        continue;
      }
      std::string prefix = c.dest == "/" ? "/" : c.dest + "/";
      if (!target.starts_with(prefix)) continue;
      std::string rel = target.substr(prefix.size());
      if (src_dir) {
        std::string cand = join_rel(src, rel);
        if (exists_in_context(context, cand)) return Mapped{cand, c.instruction};
        continue;
      }
      size_t slash = src.rfind('/');
      std::string base = slash == std::string::npos ? src : src.substr(slash + 1);
      std::string dir = slash == std::string::npos ? "" : src.substr(0, slash);
      if (rel.find('/') == std::string::npos && wildcard_match(base, rel))
        return Mapped{join_rel(dir, rel), c.instruction};
    }
  }
  return std::nullopt;
}

// The span of the word naming `path` in command `cmd` ("-r PATH", "--requirement=PATH").
SourceRef word_ref(const RunAnalysis& run, uint32_t cmd, const std::string& path,
                   const SourcePtr& src) {
  if (cmd < run.script.commands.size()) {
    for (const shell::ShellWord& w : run.script.commands[cmd].argv)
      if (w.value == path || (w.value.size() > path.size() && w.value.ends_with(path) &&
                              w.value[w.value.size() - path.size() - 1] == '='))
        return {src, w.span};
    return {src, run.script.commands[cmd].span};
  }
  return {src, Span{}};
}

// The working directory for command `cmd` after `cd DIR` commands earlier in the RUN.
std::string cwd_for(const RunAnalysis& run, uint32_t cmd, const std::string& workdir) {
  std::string cwd = workdir;
  for (uint32_t k = 0; k < cmd && k < run.script.commands.size(); ++k) {
    const shell::ShellCommand& c = run.script.commands[k];
    if (c.name() == "cd" && c.arg_count() == 1 && c.arg(0).is_static && c.context == 0)
      cwd = join_image_path(cwd, c.arg(0).value);
  }
  return cwd;
}

void add_note(ImageModel& m, SourceRef where, std::string message) {
  m.notes.push_back({std::move(where), std::move(message)});
}

InstalledFile locate(ImageModel& m, const StageState& state, const RunAnalysis& run,
                     uint32_t cmd, const std::string& path) {
  InstalledFile f;
  f.run_instruction = run.instruction;
  f.arg = word_ref(run, cmd, path, m.source);
  f.image_path = join_image_path(cwd_for(run, cmd, state.workdir), path);
  if (m.context_dir.empty()) return f;
  if (auto mp = map_to_context(state, f.image_path, m.context_dir)) {
    f.context_path = mp->context_path;
    f.copy_instruction = mp->copy_instruction;
  }
  return f;
}

void add_requirement_file(ImageModel& m, StageModel& st, const StageState& state,
                          const RunAnalysis& run, const PipInstall& pi, const std::string& path,
                          bool constraint) {
  InstalledFile f = locate(m, state, run, pi.at.command, path);
  f.constraint = constraint;
  if (!f.context_path.empty()) {
    auto set = std::make_shared<reqs::RequirementSet>(
        reqs::resolve_requirement_file(m.context_dir, f.context_path));
    for (const reqs::IncludeIssue& is : set->issues) {
      SourceRef where = is.where.source ? is.where : f.arg;
      std::string msg = is.message;
      if (!is.where.source)  // the root file: name it relative to the context (stable output)
        msg = fmt::format("requirement file '{}' (COPY/ADD brings it in as '{}') {}", f.context_path,
                          f.image_path,
                          is.kind == reqs::IncludeIssueKind::kMissing ? "is not in the build context"
                          : is.kind == reqs::IncludeIssueKind::kOutsideContext
                              ? "is outside the build context"
                              : "could not be analysed: " + is.message);
      add_note(m, where, msg);
    }
    f.found = !set->files.empty();
    f.requirements = set;
  }
  int file_index = static_cast<int>(st.files.size());
  st.files.push_back(f);
  if (!f.found || constraint) return;
  PipOptions merged_file = f.requirements->options();
  for (const reqs::ResolvedFile& rf : f.requirements->files) {
    if (rf.constraint) continue;
    for (const PipRequirement& r : rf.file.requirements) {
      PythonPackage p;
      p.req = r;
      p.tool = pi.at.tool;
      p.run_instruction = run.instruction;
      p.command = f.arg;
      p.requirement_file = rf.context_path;
      p.file_index = file_index;
      p.options = pi.options;
      auto app = [](std::vector<std::string>& a, const std::vector<std::string>& b) {
        a.insert(a.end(), b.begin(), b.end());
      };
      app(p.options.index_urls, merged_file.index_urls);
      app(p.options.extra_index_urls, merged_file.extra_index_urls);
      app(p.options.find_links, merged_file.find_links);
      p.options.pre = p.options.pre || merged_file.pre;
      p.options.no_index = p.options.no_index || merged_file.no_index;
      p.uninstall = pi.subcommand == "uninstall";
      st.python_packages.push_back(std::move(p));
    }
  }
}

constexpr uint64_t kMaxEnvBytes = 1024 * 1024;

void add_environment_file(ImageModel& m, StageModel& st, const StageState& state,
                          const RunAnalysis& run, const CondaInstall& ci, const std::string& path) {
  InstalledFile f = locate(m, state, run, ci.at.command, path);
  f.conda_env = true;
  int file_index = static_cast<int>(st.files.size());
  if (!f.context_path.empty()) {
    std::error_code ec;
    fs::path ctx = fs::weakly_canonical(fs::path(m.context_dir), ec);
    fs::path full = fs::weakly_canonical(ctx / f.context_path, ec);
    auto rel = full.lexically_relative(ctx);
    if (ec || rel.empty() || rel.native().starts_with("..")) {
      add_note(m, f.arg, fmt::format("environment file '{}' is outside the build context '{}'",
                                     f.context_path, m.context_dir));
    } else if (!fs::is_regular_file(full, ec)) {
      add_note(m, f.arg, fmt::format("environment file '{}' not found in the build context '{}'",
                                     f.context_path, m.context_dir));
    } else if (fs::file_size(full, ec) > kMaxEnvBytes) {
      add_note(m, f.arg, fmt::format("environment file '{}' is larger than 1 MiB: not analysed",
                                     f.context_path));
    } else {
      LoadResult lr;
      lr.file = overlay_file(full.string());  // unsaved editor text first
      if (!lr.file) lr = load_source(full.string());
      if (!lr.file) {
        add_note(m, f.arg, lr.error.message);
      } else {
        auto env = std::make_shared<reqs::CondaEnvironment>(reqs::parse_conda_env(lr.file));
        f.found = true;
        f.environment = env;
        for (const reqs::CondaSpec& sp : env->dependencies) {
          CondaPackageUse u;
          u.pkg.raw = sp.raw;
          u.pkg.channel = sp.channel;
          u.pkg.name = sp.name;
          u.pkg.version = sp.version.empty() ? sp.specifier : sp.version;
          u.pkg.build = sp.build;
          u.pkg.ref = SourceRef{env->source, sp.span};
          u.run_instruction = run.instruction;
          u.file_index = file_index;
          u.channels = env->channels;
          if (sp.name == "python" && !sp.version.empty()) {
            std::string v = sp.version;
            if (v.ends_with(".*")) v.resize(v.size() - 2);
            if (auto pv = Version::parse(v)) st.python = PythonFact{*pv, "conda python=", {}, u.pkg.ref};
          }
          st.conda_packages.push_back(std::move(u));
        }
        for (const PipRequirement& r : env->pip.requirements) {
          PythonPackage p;
          p.req = r;
          p.tool = "conda env (pip)";
          p.run_instruction = run.instruction;
          p.command = f.arg;
          p.requirement_file = f.context_path;
          p.file_index = file_index;
          p.options = env->pip.options;
          st.python_packages.push_back(std::move(p));
        }
      }
    }
  }
  st.files.push_back(std::move(f));
}

}  // namespace

void collect_packages(ImageModel& m, StageModel& st, const StageState& state,
                      const RunAnalysis& run, const std::string& /*workdir*/) {
  for (const PipInstall& pi : run.facts.pip) {
    if (pi.subcommand != "install" && pi.subcommand != "add" && pi.subcommand != "uninstall")
      continue;
    for (const PipRequirement& r : pi.requirements) {
      PythonPackage p;
      p.req = r;
      p.tool = pi.at.tool;
      p.run_instruction = run.instruction;
      p.command = pi.at.ref;
      p.options = pi.options;
      p.uninstall = pi.subcommand == "uninstall";
      st.python_packages.push_back(std::move(p));
    }
    if (pi.subcommand == "uninstall") continue;
    for (const std::string& path : pi.options.requirement_files)
      add_requirement_file(m, st, state, run, pi, path, false);
    for (const std::string& path : pi.options.constraint_files)
      add_requirement_file(m, st, state, run, pi, path, true);
  }
  for (const CondaInstall& ci : run.facts.conda) {
    if (ci.subcommand == "remove") continue;
    for (const CondaPackage& p : ci.packages) {
      CondaPackageUse u;
      u.pkg = p;
      u.run_instruction = run.instruction;
      u.channels = ci.channels;
      st.conda_packages.push_back(std::move(u));
    }
    for (const std::string& path : ci.files) {
      if (path.ends_with(".yml") || path.ends_with(".yaml"))
        add_environment_file(m, st, state, run, ci, path);
    }
  }
}

}  // namespace dockml::model_detail
