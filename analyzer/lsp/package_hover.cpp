#include "analyzer/lsp/package_hover.h"

#include <set>

namespace dockml::lsp {

namespace {

std::string cite(const Provenance& p) {
  if (p.sources.empty()) return "";
  std::string out = " (";
  for (size_t i = 0; i < p.sources.size(); ++i) out += (i ? ", " : "") + p.sources[i];
  out += p.confirmed ? ")" : "; unconfirmed)";
  return out;
}

std::string torch_lines(const FrameworkVariant& f, const KnowledgeBase& kb) {
  if (!f.version) return {};
  auto rel = kb.torch_release(*f.version);
  if (!rel) return "- torch " + f.version->str() + " is not in the knowledge base\n";
  std::string out = "- Python wheels: " + rel->python_min.value.str() + "–" + rel->python_max.value.str() +
                    cite(rel->python_min.from) + "\n";
  if (!rel->cuda_variants.empty()) {
    out += "- CUDA builds on download.pytorch.org:";
    for (const std::string& v : rel->cuda_variants) out += " `" + v + "`";
    out += cite(rel->from) + "\n";
  }
  if (rel->pypi_default) out += "- PyPI default build: `" + rel->pypi_default->value + "`" + cite(rel->pypi_default->from) + "\n";
  if (rel->torchvision) out += "- Pairs with torchvision " + rel->torchvision->value.str() + cite(rel->torchvision->from) + "\n";
  if (rel->torchaudio) out += "- Pairs with torchaudio " + rel->torchaudio->value.str() + cite(rel->torchaudio->from) + "\n";
  return out;
}

std::string tensorflow_lines(const FrameworkVariant& f, const KnowledgeBase& kb) {
  if (!f.version) return {};
  auto t = kb.tf_tested(*f.version);
  if (!t) return "- tensorflow " + f.version->str() + " is not in the knowledge base\n";
  return "- Tested with CUDA " + t->cuda.str() + ", cuDNN " + t->cudnn.str() + ", Python " +
         t->python_min.str() + "–" + t->python_max.str() + cite(t->from) + "\n";
}

}  // namespace

std::optional<std::string> package_hover_markdown(const ImageModel& model, const std::string& path,
                                                  uint32_t offset, const KnowledgeBase& kb) {
  for (const StageModel& st : model.stages) {
    for (const FrameworkVariant& f : st.frameworks) {
      if (!f.ref.source || f.ref.source->path() != path) continue;
      if (offset < f.ref.span.begin || offset > f.ref.span.end) continue;
      std::string md = "**" + f.package + (f.version ? " " + f.version->str() : " (unpinned)") + "**";
      md += st.name.empty() ? " — stage " + std::to_string(st.index) : " — stage `" + st.name + "`";
      md += "\n\n";
      if (!f.variant.empty()) {
        md += "- Build: `" + f.variant + "`";
        if (f.cuda) md += " (CUDA " + f.cuda->str() + ")";
        if (!f.origin.empty()) md += ", from the " + f.origin;
        md += cite(f.from) + "\n";
      } else {
        md += "- Build: unknown (no local version label, wheel index or known default)\n";
      }
      if (f.package == "torch") md += torch_lines(f, kb);
      if (f.package == "tensorflow") md += tensorflow_lines(f, kb);
      md += "- The stage's CUDA: " + (st.cuda ? st.cuda->version.str() + " (" + st.cuda->origin + ")" : std::string("none known")) + "\n";
      md += "- The stage's Python: " + (st.python ? st.python->version.str() + " (" + st.python->origin + ")" : std::string("unknown")) + "\n";
      return md;
    }
  }
  return std::nullopt;
}

}  // namespace dockml::lsp
