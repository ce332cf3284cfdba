// Accessors of names.json: names the hygiene, supply-chain and GPU-runtime rules recognise.
#include "analyzer/kb/kb_internal.h"

namespace dockml {

using nlohmann::json;
using namespace kbj;

namespace {

std::vector<SecretTokenFormat> read_secret_tokens(const json& doc) {
  std::vector<SecretTokenFormat> out;
  for (const json& row : member(doc, "secret_tokens")) {
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

WeightFileNames read_weight_files(const json& doc) {
  const json& row = member(doc, "weight_files");
  WeightFileNames w;
  w.extensions = strings(row, "extensions");
  w.bin_stems = strings(row, "bin_stems");
  w.bin_dirs = strings(row, "bin_dirs");
  w.from = provenance(row, "names");
  return w;
}

std::vector<DriverPackagePattern> read_driver_packages(const json& doc) {
  std::vector<DriverPackagePattern> out;
  for (const json& row : member(doc, "driver_packages"))
    out.push_back({str(row, "pattern"), str(row, "kind"), provenance(row, "names")});
  return out;
}

SpdxLicenseList read_spdx(const json& doc) {
  const json& row = member(doc, "spdx");
  return {strings(row, "ids"), strings(row, "exceptions"), provenance(row, "names")};
}

}  // namespace

const KnowledgeBase::Impl::Names& KnowledgeBase::Impl::names_data() const {
  std::call_once(names_once, [this] {
    const json& d = doc("names");
    names = {read_secret_tokens(d), read_weight_files(d), read_driver_packages(d), read_spdx(d)};
  });
  return names;
}

const std::vector<SecretTokenFormat>& KnowledgeBase::secret_token_formats() const {
  return impl_->names_data().secret_tokens;
}

const WeightFileNames& KnowledgeBase::weight_file_names() const { return impl_->names_data().weight_files; }

const std::vector<DriverPackagePattern>& KnowledgeBase::driver_packages() const {
  return impl_->names_data().driver_packages;
}

const SpdxLicenseList& KnowledgeBase::spdx_licenses() const { return impl_->names_data().spdx; }

}  // namespace dockml
