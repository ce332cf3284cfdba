#include "analyzer/dockerfile/scope.h"

#include <algorithm>
#include <array>

namespace dockml {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }

constexpr std::array<std::string_view, 10> kProxyArgs = {
    "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY",
    "ftp_proxy",  "NO_PROXY",   "no_proxy",    "ALL_PROXY",   "all_proxy"};

constexpr std::array<std::string_view, 8> kAutomaticArgs = {
    "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT"};

struct Platform {
  std::string os, arch, variant;
};

Platform split_platform(std::string_view p) {
  Platform out;
  size_t a = p.find('/');
  out.os = std::string(p.substr(0, a));
  if (a == std::string_view::npos) return out;
  size_t b = p.find('/', a + 1);
  out.arch = std::string(p.substr(a + 1, b == std::string_view::npos ? b : b - a - 1));
  if (b != std::string_view::npos) out.variant = std::string(p.substr(b + 1));
  return out;
}

}  // namespace

bool BuildScope::is_predefined_arg(std::string_view name) {
  return std::find(kProxyArgs.begin(), kProxyArgs.end(), name) != kProxyArgs.end();
}

bool BuildScope::is_automatic_arg(std::string_view name) {
  return std::find(kAutomaticArgs.begin(), kAutomaticArgs.end(), name) != kAutomaticArgs.end();
}

// A lookup in one scope, seeing the definitions of instructions < limit.
class BuildScope::RangeLookup final : public VarLookup {
 public:
  RangeLookup(const BuildScope& s, int scope, size_t limit) : s_(s), scope_(scope), limit_(limit) {}
  VarValue get(std::string_view name) const override {
    return s_.value_of(s_.find_from(scope_, name, limit_), scope_);
  }

 private:
  const BuildScope& s_;
  int scope_;
  size_t limit_;
};

class BuildScope::Builder {
 public:
  Builder(const Dockerfile& file, const ScopeOptions& options, BuildScope& out)
      : file_(file), opt_(options), s_(out) {}

  void run() {
    add_automatic();
    for (const auto& [k, v] : opt_.build_args) {
      if (!is_predefined_arg(k)) continue;
      VarBinding b;
      b.name = k;
      b.value = v;
      b.origin = VarBinding::Origin::kPredefined;
      b.from_build_arg = true;
      s_.predefined_.push_back(static_cast<uint32_t>(s_.bindings_.size()));
      s_.bindings_.push_back(std::move(b));
    }
    const auto& ins = file_.instructions;
    s_.instruction_count_ = ins.size();
    int current = kGlobal;
    for (size_t i = 0; i < ins.size(); ++i) {
      const Instruction& in = ins[i];
      if (in.kind == InstructionKind::kFrom) {
        if (current != kGlobal) s_.stages_[current].end = i;
        current = static_cast<int>(s_.stages_.size());
        start_stage(i, in);
      } else if (in.kind == InstructionKind::kArg) {
        arg(i, in, current);
      } else if (in.kind == InstructionKind::kEnv && current != kGlobal) {
        env(i, in, current);
      }
    }
    if (current != kGlobal) {
      s_.stages_[current].end = ins.size();
      s_.stages_[current].is_final = true;
    }
  }

 private:
  void add_automatic() {
    Platform bp = split_platform(opt_.build_platform), tp = split_platform(opt_.target_platform);
    const std::pair<std::string_view, std::string> values[] = {
        {"BUILDPLATFORM", opt_.build_platform}, {"BUILDOS", bp.os},
        {"BUILDARCH", bp.arch},                 {"BUILDVARIANT", bp.variant},
        {"TARGETPLATFORM", opt_.target_platform}, {"TARGETOS", tp.os},
        {"TARGETARCH", tp.arch},                {"TARGETVARIANT", tp.variant}};
    for (const auto& [name, value] : values) {
      VarBinding b;
      b.name = std::string(name);
      b.origin = VarBinding::Origin::kAutomatic;
      auto ba = opt_.build_args.find(b.name);
      if (ba != opt_.build_args.end()) {
        b.value = ba->second;
        b.from_build_arg = true;
      } else {
        b.known = opt_.platform_known;
        if (b.known) b.value = value;
      }
      s_.automatic_.push_back(static_cast<uint32_t>(s_.bindings_.size()));
      s_.bindings_.push_back(std::move(b));
    }
  }

  ExpandResult expand(size_t i, std::string_view text, const VarLookup& lookup) {
    ExpandOptions o;
    o.escape = file_.escape;
    ExpandResult r = expand_word(text, lookup, o);
    if (r.error) s_.errors_.push_back(ScopeError{i, std::string(text), *r.error});
    return r;
  }

  void push(int scope, VarBinding b) {
    uint32_t idx = static_cast<uint32_t>(s_.bindings_.size());
    ScopeIndex& index = scope == kGlobal ? s_.global_ : s_.stage_index_[scope];
    index.by_name[b.name].push_back(idx);
    s_.bindings_.push_back(std::move(b));
  }

  void start_stage(size_t i, const Instruction& in) {
    StageInfo st;
    st.index = s_.stages_.size();
    st.from_instruction = i;
    st.begin = i;
    if (!in.args.empty()) {
      st.base_raw = in.args[0].text;
      st.base_span = in.args[0].span;
    }
    if (in.args.size() >= 3 && iequals(in.args[1].text, "as")) {
      st.name = lower(in.args[2].text);
      st.name_span = in.args[2].span;
    }
    RangeLookup global(s_, kGlobal, i);
    ExpandResult base = expand(i, st.base_raw, global);
    st.base = base.value;
    st.base_exact = base.ok() && base.exact;
    st.base_error = base.error;
    if (const Flag* p = in.find_flag("platform")) {
      st.platform_raw = p->value;
      st.platform = expand(i, p->value, global).value;
    }
    st.is_scratch = st.base_exact && st.base == "scratch";
    if (st.base_exact && !st.is_scratch) st.parent = s_.find_stage(st.base, i);
    st.external_base = st.parent ? s_.stages_[*st.parent].external_base : !st.is_scratch;
    s_.stages_.push_back(std::move(st));
    s_.stage_index_.emplace_back();
  }

  void arg(size_t i, const Instruction& in, int scope) {
    for (const KeyValue& kv : in.pairs) {
      if (kv.key.text.empty()) continue;
      VarBinding b;
      b.name = kv.key.text;
      b.origin = scope == kGlobal ? VarBinding::Origin::kGlobalArg : VarBinding::Origin::kArg;
      b.has_default = kv.has_equals;
      b.instruction = i;
      b.span = kv.span;
      auto ba = opt_.build_args.find(b.name);
      if (ba != opt_.build_args.end()) {
        b.value = ba->second;
        b.from_build_arg = true;
      } else if (!kv.has_equals) {
        // `ARG X` in a stage imports the global value; without one (or in the global scope)
        // the variable keeps any value it already has (BuildKit leaves the environment
        // alone); otherwise its value is unknown (it could be given with --build-arg).
        const VarBinding* g = nullptr;
        if (scope != kGlobal) g = s_.find_from(kGlobal, b.name, kNoInstruction);
        if (!g) g = s_.find_from(scope, b.name, i + 1);
        if (g) {
          b.value = g->value;
          b.known = g->known;
        } else {
          b.known = false;
        }
      } else {
        // ARG pairs are dispatched one after another: `ARG A=1 B=$A` gives B=1.
        RangeLookup lookup(s_, scope, i + 1);
        ExpandResult r = expand(i, kv.value.text, lookup);
        b.value = std::move(r.value);
        b.known = r.ok() && r.exact;
      }
      push(scope, std::move(b));
    }
  }

  void env(size_t i, const Instruction& in, int scope) {
    // Every pair of one ENV line sees the values from before the line.
    RangeLookup lookup(s_, scope, i);
    std::vector<VarBinding> pending;
    for (const KeyValue& kv : in.pairs) {
      ExpandResult key = expand(i, kv.key.text, lookup);
      if (!key.ok() || key.value.empty()) continue;
      ExpandResult value = expand(i, kv.value.text, lookup);
      VarBinding b;
      b.name = std::move(key.value);
      b.value = std::move(value.value);
      b.known = key.exact && value.ok() && value.exact;
      b.origin = VarBinding::Origin::kEnv;
      b.has_default = true;
      b.instruction = i;
      b.span = kv.span;
      pending.push_back(std::move(b));
    }
    for (VarBinding& b : pending) push(scope, std::move(b));
  }

  const Dockerfile& file_;
  const ScopeOptions& opt_;
  BuildScope& s_;
};

BuildScope BuildScope::compute(const Dockerfile& file, const ScopeOptions& options) {
  BuildScope scope;
  scope.base_env_unknown_ = options.base_env_unknown;
  Builder(file, options, scope).run();
  return scope;
}

std::optional<size_t> BuildScope::stage_of(size_t instruction) const {
  auto it = std::upper_bound(stages_.begin(), stages_.end(), instruction,
                             [](size_t i, const StageInfo& s) { return i < s.begin; });
  if (it == stages_.begin()) return std::nullopt;
  --it;
  if (instruction >= it->end) return std::nullopt;
  return it->index;
}

std::optional<size_t> BuildScope::find_stage(std::string_view name,
                                             size_t before_instruction) const {
  std::string key = lower(name);
  std::optional<size_t> found;
  for (const StageInfo& s : stages_) {
    if (s.begin >= before_instruction) break;
    if (!s.name.empty() && s.name == key) found = s.index;
  }
  return found;
}

int BuildScope::scope_of(size_t instruction) const {
  auto s = stage_of(instruction);
  if (!s || stages_[*s].from_instruction == instruction) return kGlobal;
  return static_cast<int>(*s);
}

const VarBinding* BuildScope::find_local(int scope, std::string_view name, size_t limit) const {
  const ScopeIndex& index = scope == kGlobal ? global_ : stage_index_[scope];
  auto it = index.by_name.find(name);
  if (it == index.by_name.end()) return nullptr;
  const std::vector<uint32_t>& list = it->second;
  auto end = std::partition_point(list.begin(), list.end(), [&](uint32_t idx) {
    return bindings_[idx].instruction < limit;
  });
  if (end == list.begin()) return nullptr;
  return &bindings_[*(end - 1)];
}

const VarBinding* BuildScope::find_from(int scope, std::string_view name, size_t limit) const {
  if (scope == kGlobal) {
    if (const VarBinding* b = find_local(kGlobal, name, limit)) return b;
    for (uint32_t idx : automatic_) {
      if (bindings_[idx].name == name) return &bindings_[idx];
    }
    return nullptr;
  }
  // Walk the FROM chain; a parent stage is complete before its children start.
  while (true) {
    if (const VarBinding* b = find_local(scope, name, limit)) return b;
    const auto& parent = stages_[scope].parent;
    if (!parent) break;
    scope = static_cast<int>(*parent);
    limit = kNoInstruction;
  }
  for (uint32_t idx : predefined_) {
    if (bindings_[idx].name == name) return &bindings_[idx];
  }
  return nullptr;
}

const VarBinding* BuildScope::find(size_t instruction, std::string_view name) const {
  return find_from(scope_of(instruction), name, instruction);
}

VarValue BuildScope::value_of(const VarBinding* b, int scope) const {
  if (!b) {
    bool external = scope != kGlobal && stages_[scope].external_base;
    return external && base_env_unknown_ ? VarValue::unknown() : VarValue::unset();
  }
  return b->known ? VarValue::set(b->value) : VarValue::unknown(b->value);
}

VarValue BuildScope::Lookup::get(std::string_view name) const {
  return scope_.value_of(scope_.find(at_, name), scope_.scope_of(at_));
}

std::vector<const VarBinding*> BuildScope::visible(size_t instruction) const {
  std::map<std::string_view, const VarBinding*> seen;
  int scope = scope_of(instruction);
  size_t limit = instruction;
  auto collect = [&](const ScopeIndex& index) {
    for (const auto& [name, list] : index.by_name) {
      if (seen.count(name)) continue;
      int sc = &index == &global_ ? kGlobal : scope;
      if (const VarBinding* b = find_local(sc, name, limit)) seen.emplace(b->name, b);
    }
  };
  if (scope == kGlobal) {
    collect(global_);
    for (uint32_t idx : automatic_) seen.emplace(bindings_[idx].name, &bindings_[idx]);
  } else {
    while (true) {
      collect(stage_index_[scope]);
      const auto& parent = stages_[scope].parent;
      if (!parent) break;
      scope = static_cast<int>(*parent);
      limit = kNoInstruction;
    }
    for (uint32_t idx : predefined_) seen.emplace(bindings_[idx].name, &bindings_[idx]);
  }
  std::vector<const VarBinding*> out;
  out.reserve(seen.size());
  for (const auto& [name, b] : seen) out.push_back(b);
  return out;
}

}  // namespace dockml
