// Accessors of names.json: names the hygiene, supply-chain and GPU-runtime rules recognise.
#include "analyzer/kb/kb_internal.h"

namespace dockml {

using nlohmann::json;
using namespace kbj;

std::vector<SecretTokenFormat> KnowledgeBase::secret_token_formats() const {
  std::vector<SecretTokenFormat> out;
  for (const json& row : member(impl_->doc("names"), "secret_tokens")) {
    SecretTokenFormat f;
    f.prefix = str(row, "prefix");
    f.service = str(row, "service");
    f.article = str(row, "article");
    f.dash_underscore = str(row, "charset") == "alnum_dash";
    f.min_length = integer(row, "min_length").value_or(0);
    f.from = provenance(row, "names");
    if (!f.prefix.empty() && f.min_length > 0) out.push_back(std::move(f));
  }
  return out;
}

WeightFileNames KnowledgeBase::weight_file_names() const {
  const json& row = member(impl_->doc("names"), "weight_files");
  WeightFileNames w;
  w.extensions = strings(row, "extensions");
  w.bin_stems = strings(row, "bin_stems");
  w.bin_dirs = strings(row, "bin_dirs");
  w.from = provenance(row, "names");
  return w;
}

std::vector<DriverPackagePattern> KnowledgeBase::driver_packages() const {
  std::vector<DriverPackagePattern> out;
  for (const json& row : member(impl_->doc("names"), "driver_packages"))
    out.push_back({str(row, "pattern"), str(row, "kind"), provenance(row, "names")});
  return out;
}

SpdxLicenseList KnowledgeBase::spdx_licenses() const {
  const json& row = member(impl_->doc("names"), "spdx");
  return {strings(row, "ids"), strings(row, "exceptions"), provenance(row, "names")};
}

}  // namespace dockml
