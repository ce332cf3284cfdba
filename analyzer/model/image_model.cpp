// build_image_model: stages, base images, RUNs parsed once, Python/CUDA/nvcc per stage.
#include "analyzer/model/image_model.h"

#include <algorithm>
#include <exception>

#include "analyzer/model/model_internal.h"
#include "analyzer/shell/recognize.h"

namespace dockml {

using model_detail::CopyRecord;
using model_detail::StageState;

const FrameworkVariant* StageModel::framework(std::string_view package) const {
  for (const FrameworkVariant& f : frameworks)
    if (f.package == package) return &f;
  return nullptr;
}

const RunAnalysis* ImageModel::run_at(size_t instruction) const {
  if (instruction >= run_index_.size() || run_index_[instruction] < 0) return nullptr;
  return &run_list[static_cast<size_t>(run_index_[instruction])];
}

const RunAnalysis* ImageModel::onbuild_run_at(size_t instruction) const {
  for (const RunAnalysis& r : onbuild_runs)
    if (r.instruction == instruction) return &r;
  return nullptr;
}

const StageModel* ImageModel::stage_of(size_t instruction) const {
  auto s = scope.stage_of(instruction);
  return s && *s < stages.size() ? &stages[*s] : nullptr;
}

namespace model_detail {

std::string join_image_path(const std::string& dir, std::string_view path) {
  std::string base = path.starts_with('/') ? std::string() : (dir.empty() ? "?" : dir);
  std::vector<std::string> parts;
  auto push = [&](std::string_view p) {
    size_t i = 0;
    while (i <= p.size()) {
      size_t j = p.find('/', i);
      if (j == std::string_view::npos) j = p.size();
      std::string_view seg = p.substr(i, j - i);
      if (seg == "..") {
        if (!parts.empty() && parts.back() != "?") parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      i = j + 1;
    }
  };
  push(base);
  push(path);
  std::string out;
  for (const std::string& p : parts) {
    if (!(out.empty() && p == "?")) out += '/';
    out += p;
  }
  return out.empty() ? "/" : out;
}

}  // namespace model_detail

namespace {

bool is_digits_dots(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return false;
  return true;
}

// Python / CUDA installed by a RUN (latest wins).
void scan_installs(const RunAnalysis& run, StageModel& st, const ImageFacts& base,
                   bool& apt_python3) {
  for (const SystemInstall& si : run.facts.system) {
    if (si.subcommand != "install" && si.subcommand != "add") continue;
    for (const SystemPackage& p : si.packages) {
      std::string_view n = p.name;
      if (n.starts_with("python3.")) {
        std::string_view rest = n.substr(6);  // "3.10" of "python3.10", "3.10-dev" of ...
        size_t dash = rest.find('-');
        std::string_view ver = rest.substr(0, dash);
        if (is_digits_dots(ver)) {
          if (auto v = Version::parse(ver))
            st.python = PythonFact{*v, "apt python" + std::string(ver), {}, p.ref};
          continue;
        }
      }
      if (n == "python3" || n == "python3-pip" || n == "python3-dev" || n == "python3-venv" ||
          n == "python-is-python3" || n == "python3-full")
        apt_python3 = true;
      // cuda-toolkit-12-1, cuda-12-1, cuda-nvcc-12-1, cuda-compiler-12-1
      for (std::string_view pre : {"cuda-toolkit-", "cuda-nvcc-", "cuda-compiler-", "cuda-"}) {
        if (!n.starts_with(pre)) continue;
        std::string ver(n.substr(pre.size()));
        if (ver.empty() || !std::isdigit(static_cast<unsigned char>(ver[0]))) break;
        std::replace(ver.begin(), ver.end(), '-', '.');
        if (auto v = Version::parse(ver)) {
          st.cuda = CudaFact{*v, "apt " + std::string(n), {}, p.ref};
          st.nvcc = Fact<bool>{true, {}};
          st.nvcc_installed = true;
        }
        break;
      }
    }
  }
  for (const CondaInstall& ci : run.facts.conda) {
    for (const CondaPackage& p : ci.packages) {
      if (p.name == "python" && !p.version.empty()) {
        std::string v = p.version;
        if (v.ends_with(".*")) v.resize(v.size() - 2);
        if (auto pv = Version::parse(v)) st.python = PythonFact{*pv, "conda python=", {}, p.ref};
      }
      if ((p.name == "cudatoolkit" || p.name == "cuda-toolkit" || p.name == "cuda-nvcc" ||
           p.name == "cuda") && !p.version.empty()) {
        if (auto v = Version::parse(p.version)) {
          st.cuda = CudaFact{*v, "conda " + p.name, {}, p.ref};
          if (p.name != "cudatoolkit") {
            st.nvcc = Fact<bool>{true, {}};
            st.nvcc_installed = true;
          }
        }
      }
    }
  }
  // uv python install X / pyenv install X / uv venv --python X (-p X, -p pythonX.Y)
  for (const shell::ShellCommand& c : run.script.commands) {
    std::string_view name = c.name();
    size_t first = 0;
    if (name == "uv" && c.arg_count() >= 2 && c.arg(0).value == "venv") {
      for (size_t i = 1; i + 1 < c.arg_count(); ++i) {
        const shell::ShellWord& flag = c.arg(i);
        std::string_view value;
        SourceRef ref;
        if (flag.value == "--python" || flag.value == "-p") {
          if (!c.arg(i + 1).is_static) continue;
          value = c.arg(i + 1).value;
          ref = SourceRef{nullptr, c.arg(i + 1).span};
        } else {
          continue;
        }
        if (value.starts_with("python")) value.remove_prefix(6);
        if (!is_digits_dots(value)) continue;
        if (auto v = Version::parse(value)) st.python = PythonFact{*v, "uv venv --python", {}, ref};
      }
      continue;
    }
    if (name == "uv" && c.arg_count() >= 3 && c.arg(0).value == "python" &&
        c.arg(1).value == "install") {
      first = 2;
    } else if (name == "pyenv" && c.arg_count() >= 2 && c.arg(0).value == "install") {
      first = 1;
    } else {
      continue;
    }
    for (size_t i = first; i < c.arg_count(); ++i) {
      const shell::ShellWord& w = c.arg(i);
      if (w.value.starts_with('-') || !w.is_static) continue;
      if (auto v = Version::parse(w.value)) {
        st.python = PythonFact{*v, name == "uv" ? "uv python install" : "pyenv install", {},
                               SourceRef{nullptr, w.span}};
        break;
      }
    }
  }
  (void)base;
}

void set_base_facts(StageModel& st, const KnowledgeBase& kb) {
  if (st.base_ref) {
    st.facts = classify_image(*st.base_ref, kb);
  } else if (!st.base_exact) {
    st.facts.family = ImageFamily::kUnresolved;
  }
  if (st.facts.python) st.python = PythonFact{st.facts.python->value, "base image", st.facts.python->from, {}};
  if (st.facts.cuda) st.cuda = CudaFact{st.facts.cuda->value, "base image", st.facts.cuda->from, {}};
  if (st.facts.nvcc) st.nvcc = *st.facts.nvcc;
}

std::vector<std::string> expand_args(const Instruction& inst, const BuildScope& scope, size_t i,
                                     char escape) {
  std::vector<std::string> out;
  auto lookup = scope.lookup_at(i);
  for (const Word& w : inst.args) {
    ExpandResult r = expand_word(w.text, lookup, escape);
    out.push_back(r.ok() ? r.value : w.text);
  }
  return out;
}

// The shell parse and recognised commands of a RUN (or of an ONBUILD's RUN trigger `run`) at
// instruction `i`, with the build variables visible there and the current SHELL.
RunAnalysis analyze_run(const ImageModel& m, const Instruction& run_inst, size_t i, std::optional<size_t> stage,
                        const std::vector<std::string>& shell_argv) {
  RunAnalysis run;
  run.instruction = i;
  run.stage = stage;
  run.shell = shell_argv;
  shell::ShellOptions shopts;
  shopts.shell = shell_argv;
  auto lookup = m.scope.lookup_at(i);
  shopts.vars = &lookup;
  run.script = shell::parse_run(run_inst, *m.source, shopts);
  run.facts = shell::recognize(run.script, m.source);
  return run;
}

void fill_sources(ImageModel& m, const SourcePtr& src) {
  auto fix = [&](SourceRef& r) {
    if (!r.source) r.source = src;
  };
  for (StageModel& st : m.stages) {
    if (st.python) fix(st.python->ref);
    if (st.cuda) fix(st.cuda->ref);
  }
}

}  // namespace

std::unique_ptr<ImageModel> build_image_model(const Dockerfile& df, const LintOptions& options,
                                              const KnowledgeBase& kb) {
  auto model = std::make_unique<ImageModel>();
  ImageModel& m = *model;
  m.dockerfile = &df;
  m.source = df.source;
  try {
    ScopeOptions so;
    so.build_args = options.build_args;
    m.scope = BuildScope::compute(df, so);
    if (!options.context_dir.empty()) {
      m.context_dir = options.context_dir;
    } else if (df.source && df.source->path() != "-" && !df.source->path().empty()) {
      std::string p = df.source->path();
      size_t slash = p.rfind('/');
      m.context_dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : p.substr(0, slash));
    }
    const auto& infos = m.scope.stages();
    m.stages.resize(infos.size());
    std::vector<StageState> states(infos.size());
    for (size_t s = 0; s < infos.size(); ++s) {
      const StageInfo& in = infos[s];
      StageModel& st = m.stages[s];
      st.index = s;
      st.name = in.name;
      st.from_instruction = in.from_instruction;
      st.begin = in.begin;
      st.end = in.end;
      st.base_raw = in.base_raw;
      st.base_span = in.base_span;
      st.base = in.base;
      st.base_exact = in.base_exact;
      st.parent = in.parent;
      st.is_final = in.is_final;
      if (in.is_final) m.final_stage = s;
      if (in.parent && *in.parent < s) {
        // inherited at the FROM instruction, once the parent is complete (walk below)
      } else if (in.base_exact && !in.base.empty()) {
        ImageRefResult r = parse_image_ref(in.base, in.platform);
        if (r.ref) st.base_ref = r.ref;
        else st.base_error = r.error;
        set_base_facts(st, kb);
      } else {
        set_base_facts(st, kb);
      }
    }

    // Walk the instructions once.
    m.run_index_.assign(df.instructions.size(), -1);
    // The SHELL in effect per stage: /bin/sh -c at an external base, the parent's final
    // SHELL for FROM <stage> (the child starts from the parent's image config).
    const std::vector<std::string> default_shell = {"/bin/sh", "-c"};
    std::vector<std::vector<std::string>> stage_shell(m.stages.size(), default_shell);
    std::vector<std::string> shell_argv = default_shell;
    std::vector<bool> apt_python3(m.stages.size(), false);
    for (size_t i = 0; i < df.instructions.size(); ++i) {
      const Instruction& inst = df.instructions[i];
      auto s = m.scope.stage_of(i);
      if (inst.kind == InstructionKind::kFrom) {
        shell_argv = default_shell;
        if (s && m.stages[*s].parent && *m.stages[*s].parent < *s) shell_argv = stage_shell[*m.stages[*s].parent];
        if (s) stage_shell[*s] = shell_argv;
        if (s && m.stages[*s].parent && *m.stages[*s].parent < *s) {
          StageModel& st = m.stages[*s];
          const StageModel& p = m.stages[*st.parent];
          st.facts = p.facts;
          st.python = p.python;
          st.cuda = p.cuda;
          st.nvcc = p.nvcc;
          st.nvcc_installed = p.nvcc_installed;
          if (st.python && st.python->origin != "base image")
            st.python->origin = "inherited: " + st.python->origin;
          states[*s] = states[*st.parent];
          apt_python3[*s] = apt_python3[*st.parent];
        }
        continue;
      }
      if (!s) continue;
      StageModel& st = m.stages[*s];
      StageState& state = states[*s];
      switch (inst.kind) {
        case InstructionKind::kShell: {
          std::vector<std::string> argv;
          for (const Word& w : inst.args) argv.push_back(w.text);
          if (!argv.empty()) shell_argv = argv;
          stage_shell[*s] = shell_argv;
          break;
        }
        case InstructionKind::kOnbuild: {
          if (!inst.trigger || inst.trigger->kind != InstructionKind::kRun || inst.trigger->has_parse_error)
            break;
          RunAnalysis run = analyze_run(m, *inst.trigger, i, s, shell_argv);
          run.onbuild = true;
          m.onbuild_runs.push_back(std::move(run));
          break;
        }
        case InstructionKind::kWorkdir: {
          auto args = expand_args(inst, m.scope, i, df.escape);
          if (!args.empty()) state.workdir = model_detail::join_image_path(state.workdir, args[0]);
          break;
        }
        case InstructionKind::kCopy:
        case InstructionKind::kAdd: {
          auto args = expand_args(inst, m.scope, i, df.escape);
          if (inst.heredocs.size() > 0 || args.size() < 2) break;
          CopyEdge edge;
          edge.instruction = i;
          edge.sources.assign(args.begin(), args.end() - 1);
          edge.dest = args.back();
          const Flag* from = inst.find_flag("from");
          if (from) {
            if (auto fs = m.scope.find_stage(from->value, i)) edge.from_stage = *fs;
            else if (!from->value.empty() && std::isdigit(static_cast<unsigned char>(from->value[0])) &&
                     is_digits_dots(from->value) && std::stoul(from->value) < *s)
              edge.from_stage = std::stoul(from->value);
            else edge.from_image = from->value;
          } else {
            CopyRecord rec;
            rec.instruction = i;
            rec.sources = edge.sources;
            rec.dest = model_detail::join_image_path(state.workdir, edge.dest);
            rec.dest_is_dir = edge.dest.ends_with('/') || edge.sources.size() > 1 ||
                              edge.dest == "." || edge.dest.ends_with("/.");
            state.copies.push_back(std::move(rec));
          }
          st.copies.push_back(std::move(edge));
          break;
        }
        case InstructionKind::kRun: {
          RunAnalysis run = analyze_run(m, inst, i, s, shell_argv);
          m.run_index_[i] = static_cast<int32_t>(m.run_list.size());
          st.runs.push_back(i);
          bool py3 = false;
          scan_installs(run, st, st.facts, py3);
          if (py3) apt_python3[*s] = true;
          for (const SystemInstall& si : run.facts.system)
            if (si.subcommand == "install" || si.subcommand == "add")
              st.system_packages.insert(st.system_packages.end(), si.packages.begin(), si.packages.end());
          model_detail::collect_packages(m, st, state, run, state.workdir);
          m.run_list.push_back(std::move(run));
          break;
        }
        default:
          break;
      }
    }
    for (size_t s = 0; s < m.stages.size(); ++s) {
      StageModel& st = m.stages[s];
      bool chain_py3 = apt_python3[s];
      if (!st.python && chain_py3 && st.facts.os_default_python)
        st.python = PythonFact{st.facts.os_default_python->value, "OS default python3",
                               st.facts.os_default_python->from, {}};
      model_detail::resolve_frameworks(m, st, kb);
      model_detail::detect_cuda_builds(m, st, kb);
    }
    fill_sources(m, df.source);
  } catch (const std::exception& e) {
    m.notes.push_back({SourceRef{df.source, Span{}}, std::string("image model incomplete: ") + e.what()});
  }
  return model;
}

}  // namespace dockml
