#include "analyzer/model/model_json.h"

#include "analyzer/render/location.h"

namespace dockml {

namespace {

using nlohmann::json;

json where(const SourceRef& r) {
  if (!r.source) return nullptr;
  Location loc = char_location(*r.source, r.span);
  return json{{"file", display_path(*r.source)}, {"line", loc.line}, {"column", loc.column}};
}

json prov(const Provenance& p) { return json{{"sources", p.sources}, {"confirmed", p.confirmed}}; }

template <typename T>
json fact(const std::optional<Fact<T>>& f) {
  if (!f) return nullptr;
  json v;
  if constexpr (std::is_same_v<T, Version>) v = f->value.str();
  else v = f->value;
  return json{{"value", v}, {"from", prov(f->from)}};
}

json facts_json(const ImageFacts& f) {
  return json{{"family", std::string(image_family_name(f.family))},
              {"cuda", fact(f.cuda)},
              {"cudnn_major", fact(f.cudnn_major)},
              {"cudnn", fact(f.cudnn)},
              {"flavor", f.flavor},
              {"nvcc", fact(f.nvcc)},
              {"os", fact(f.os)},
              {"os_version", fact(f.os_version)},
              {"python", fact(f.python)},
              {"os_default_python", fact(f.os_default_python)},
              {"torch", fact(f.torch)},
              {"tensorflow", fact(f.tensorflow)}};
}

json req_json(const PythonPackage& p) {
  json j{{"name", p.req.name},      {"raw", p.req.raw},   {"specifier", p.req.specifier},
         {"tool", p.tool},          {"at", where(p.req.ref)}, {"run", where(p.command)}};
  if (!p.requirement_file.empty()) j["requirement_file"] = p.requirement_file;
  if (p.uninstall) j["uninstall"] = true;
  if (!p.options.index_urls.empty()) j["index_urls"] = p.options.index_urls;
  if (!p.options.extra_index_urls.empty()) j["extra_index_urls"] = p.options.extra_index_urls;
  if (p.options.no_build_isolation) j["no_build_isolation"] = true;
  return j;
}

}  // namespace

json image_model_json(const ImageModel& m) {
  json out;
  out["file"] = m.source ? display_path(*m.source) : "";
  out["context"] = m.context_dir;
  out["final_stage"] = m.final_stage ? json(*m.final_stage) : json(nullptr);
  json stages = json::array();
  for (const StageModel& st : m.stages) {
    json s;
    s["index"] = st.index;
    s["name"] = st.name;
    s["line"] = m.source ? char_location(*m.source, st.base_span).line : 0;
    s["base"] = json{{"raw", st.base_raw}, {"resolved", st.base}, {"exact", st.base_exact}};
    if (st.base_ref) s["base"]["reference"] = st.base_ref->familiar();
    if (!st.base_error.empty()) s["base"]["error"] = st.base_error;
    s["parent_stage"] = st.parent ? json(*st.parent) : json(nullptr);
    s["image"] = facts_json(st.facts);
    s["python"] = st.python ? json{{"version", st.python->version.str()}, {"origin", st.python->origin},
                                   {"from", prov(st.python->from)}, {"at", where(st.python->ref)}}
                            : json(nullptr);
    s["cuda"] = st.cuda ? json{{"version", st.cuda->version.str()}, {"origin", st.cuda->origin},
                               {"from", prov(st.cuda->from)}, {"at", where(st.cuda->ref)}}
                        : json(nullptr);
    s["nvcc"] = st.nvcc ? json(st.nvcc->value) : json(nullptr);
    json env = json::object();
    if (st.end > 0)
      for (const VarBinding* b : m.scope.visible(st.end - 1))
        if (b->origin == VarBinding::Origin::kEnv || b->origin == VarBinding::Origin::kArg)
          env[b->name] = b->known ? json(b->value) : json(nullptr);
    s["env"] = env;
    json files = json::array();
    for (const InstalledFile& f : st.files)
      files.push_back(json{{"image_path", f.image_path}, {"context_path", f.context_path},
                           {"found", f.found}, {"conda_env", f.conda_env},
                           {"constraint", f.constraint}, {"at", where(f.arg)}});
    s["requirement_files"] = files;
    json pkgs = json::array();
    for (const PythonPackage& p : st.python_packages) pkgs.push_back(req_json(p));
    s["python_packages"] = pkgs;
    json conda = json::array();
    for (const CondaPackageUse& u : st.conda_packages)
      conda.push_back(json{{"name", u.pkg.name}, {"version", u.pkg.version}, {"raw", u.pkg.raw},
                           {"at", where(u.pkg.ref)}});
    s["conda_packages"] = conda;
    json sys = json::array();
    for (const SystemPackage& p : st.system_packages)
      sys.push_back(json{{"name", p.name}, {"version", p.version}, {"at", where(p.ref)}});
    s["system_packages"] = sys;
    json fw = json::array();
    for (const FrameworkVariant& f : st.frameworks)
      fw.push_back(json{{"package", f.package},
                        {"version", f.version ? json(f.version->str()) : json(nullptr)},
                        {"variant", f.variant},
                        {"cuda", f.cuda ? json(f.cuda->str()) : json(nullptr)},
                        {"origin", f.origin},
                        {"from", prov(f.from)},
                        {"at", where(f.ref)}});
    s["frameworks"] = fw;
    json builds = json::array();
    for (const CudaBuild& b : st.cuda_builds) builds.push_back(json{{"reason", b.reason}, {"at", where(b.ref)}});
    s["compiles_cuda"] = builds;
    json copies = json::array();
    for (const CopyEdge& c : st.copies) {
      json e{{"sources", c.sources}, {"dest", c.dest}};
      if (c.from_stage) e["from_stage"] = *c.from_stage;
      if (!c.from_image.empty()) e["from_image"] = c.from_image;
      copies.push_back(e);
    }
    s["copies"] = copies;
    s["is_final"] = st.is_final;
    stages.push_back(std::move(s));
  }
  out["stages"] = stages;
  json notes = json::array();
  for (const ModelNote& n : m.notes) notes.push_back(json{{"message", n.message}, {"at", where(n.where)}});
  out["notes"] = notes;
  return out;
}

}  // namespace dockml
