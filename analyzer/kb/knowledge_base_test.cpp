#include "analyzer/kb/knowledge_base.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>

#include <nlohmann/json.hpp>

#include "analyzer/kb/embedded.h"

namespace dockml {
namespace {

Version V(std::string_view s) { return Version::parse(s).value(); }

const KnowledgeBase& kb() { return KnowledgeBase::builtin(); }

// ---- Loader ------------------------------------------------------------------------------

TEST(KbLoader, EveryEmbeddedFileValidatesAndEverySourceResolves) {
  EXPECT_EQ(KnowledgeBase::validate_builtin(), "");
  std::vector<std::string> names;
  for (const auto& f : kb_embedded::files()) names.emplace_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"cuda.json", "images.json", "jax.json", "names.json", "ngc.json",
                                             "python.json", "pytorch.json", "schema.json",
                                             "tensorflow.json", "wheels.json"}));
}

TEST(KbLoader, EveryRowHasSourceAndConfirmedAndUnconfirmedRowsAreFlagged) {
  // Walk every row (objects holding "source") of every file: confirmed is a bool, each id
  // resolves through KnowledgeBase::source(), and rows whose sources are all marked
  // unconfirmed in their notes are not confirmed.
  size_t rows = 0, unconfirmed = 0;
  for (const auto& f : kb_embedded::files()) {
    if (f.name == "schema.json") continue;
    std::string file(f.name.substr(0, f.name.size() - 5));
    auto doc = nlohmann::json::parse(f.text);
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
      if (j.is_object()) {
        if (j.contains("source") && j.contains("confirmed")) {
          ++rows;
          ASSERT_TRUE(j["confirmed"].is_boolean()) << file << ": " << j.dump();
          ASSERT_FALSE(j["source"].empty()) << file << ": " << j.dump();
          if (!j["confirmed"].get<bool>()) ++unconfirmed;
          for (const auto& id : j["source"]) {
            EXPECT_TRUE(kb().source(file + ":" + id.get<std::string>()).has_value())
                << file << ":" << id.get<std::string>();
          }
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
          if (it.key() != "sources") walk(*it);
        }
      } else if (j.is_array()) {
        for (const auto& e : j) walk(e);
      }
    };
    walk(doc);
  }
  EXPECT_GT(rows, 400u);
  EXPECT_GT(unconfirmed, 20u);
  // Rows the knowledge files mark unconfirmed.
  EXPECT_FALSE(kb().cuda_min_driver(V("13.3"))->from.confirmed);          // K21 third-party
  EXPECT_FALSE(kb().torch_release(V("2.14.0"))->from.confirmed);          // release candidate
  EXPECT_FALSE(kb().ngc_release("pytorch", "26.08")->framework->from.confirmed);
  EXPECT_FALSE(kb().tf_fact("and_cuda_first")->from.confirmed);
  EXPECT_FALSE(kb().wheel_cuda("mxnet-cu112", std::nullopt)->from.confirmed);
}

TEST(KbLoader, SourceLookupGivesRepositoryPathAndCommit) {
  auto s = kb().source("cuda:K3");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ref, "astral-sh/uv:crates/uv-torch/src/backend.rs@26a9dd4b2125bc271b47855e1fa0c49af3365db5");
  EXPECT_EQ(s->date, "2026-08-21");
  EXPECT_FALSE(kb().source("cuda:NOPE"));
  EXPECT_FALSE(kb().source("K3"));
}

TEST(KbLoader, ParseErrorNamesFileLineAndColumn) {
  auto r = KnowledgeBase::load_texts({{"cuda", "{\n  \"kb\": \"cuda\",\n  oops\n}"}});
  ASSERT_FALSE(r.kb);
  EXPECT_EQ(r.error.message,
            "cuda.json:3:3: syntax error while parsing object key - invalid literal; last read: "
            "'\"cuda\",<U+000A>  o'; expected string literal");
}

TEST(KbLoader, SchemaViolationNamesThePointer) {
  auto r = KnowledgeBase::load_texts({{"tensorflow",
      R"({"kb": "tensorflow", "schema_version": 1, "description": "", "sources": {"T1": {"ref": "x"}},
          "facts": {}, "tested": [{"version": 2.15, "package": "tensorflow", "python_min": "3.9",
          "python_max": "3.11", "cudnn": "8.9", "cuda": "12.2", "source": ["T1"], "confirmed": true}]})"}});
  ASSERT_FALSE(r.kb);
  EXPECT_EQ(r.error.message, "tensorflow.json: /tested/0/version: expected string, got number");
}

TEST(KbLoader, UnresolvedSourceIdIsAnError) {
  auto r = KnowledgeBase::load_texts({{"tensorflow",
      R"({"kb": "tensorflow", "schema_version": 1, "description": "", "sources": {"T1": {"ref": "x"}},
          "facts": {}, "tested": [{"version": "9.9.0", "package": "tensorflow", "python_min": "3.9",
          "python_max": "3.11", "cudnn": "8.9", "cuda": "12.2", "source": ["T9"], "confirmed": true}]})"}});
  ASSERT_FALSE(r.kb);
  EXPECT_EQ(r.error.message,
            "tensorflow.json: /tested/0/source: source id \"T9\" is not in the sources table");
}

TEST(KbLoader, DirectoryOverridesOnlyTheFilesItHolds) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "dockml_kb_override_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "tensorflow.json") <<
      R"({"kb": "tensorflow", "schema_version": 1, "description": "newer", "sources": {"T1": {"ref": "x"}},
          "facts": {}, "tested": [{"version": "2.99.0", "package": "tensorflow", "python_min": "3.11",
          "python_max": "3.14", "cudnn": "9.9", "cuda": "13.1", "source": ["T1"], "confirmed": true}]})";
  auto r = KnowledgeBase::load_directory(dir.string());
  ASSERT_TRUE(r.kb) << r.error.message;
  EXPECT_EQ(r.kb->tf_tested(V("2.99.0"))->cuda.str(), "13.1");
  EXPECT_FALSE(r.kb->tf_tested(V("2.15.0")));                      // replaced file
  EXPECT_EQ(r.kb->cuda_min_driver(V("12.1"))->linux_driver.str(), "530.30.02");  // built-in kept
  EXPECT_EQ(r.kb->source("tensorflow:T1")->ref, "x");

  std::ofstream(dir / "cuda.json") << "[1,";
  r = KnowledgeBase::load_directory(dir.string());
  ASSERT_FALSE(r.kb);
  EXPECT_EQ(r.error.message.substr(0, (dir / "cuda.json:1:4: ").string().size()),
            (dir / "cuda.json:1:4: ").string());
  fs::remove_all(dir);

  r = KnowledgeBase::load_directory((dir / "missing").string());
  ASSERT_FALSE(r.kb);
  EXPECT_EQ(r.error.message, "--kb " + (dir / "missing").string() + ": not a directory");
}

// ---- CUDA --------------------------------------------------------------------------------

TEST(KbCuda, MinDriverPerRelease) {
  auto d = kb().cuda_min_driver(V("12.2.2"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->linux_driver.str(), "535.104.05");
  EXPECT_EQ(d->label, "Update 2");
  EXPECT_TRUE(d->exact_release);
  EXPECT_TRUE(d->from.confirmed);
  EXPECT_EQ(d->from.sources, (std::vector<std::string>{"cuda:K18", "cuda:K19", "cuda:K20"}));
  d = kb().cuda_min_driver(V("12.2"));
  EXPECT_EQ(d->linux_driver.str(), "535.54.03");
  EXPECT_FALSE(d->exact_release);
  EXPECT_EQ(kb().cuda_min_driver(V("11.8.0"))->linux_driver.str(), "520.61.05");
  EXPECT_EQ(kb().cuda_min_driver(V("12.8.0"))->linux_driver.str(), "570.26");
  EXPECT_EQ(kb().cuda_min_driver(V("13.0.2"))->linux_driver.str(), "580.95.05");
  EXPECT_EQ(kb().cuda_min_driver(V("12.4.9"))->linux_driver.str(), "550.54.14");  // unknown patch -> GA
  EXPECT_FALSE(kb().cuda_min_driver(V("12.7")));
  EXPECT_FALSE(kb().cuda_min_driver(V("7.5")));
}

TEST(KbCuda, MinorCompatFloors) {
  EXPECT_EQ(kb().cuda_minor_compat_floor(V("12.4"))->linux_floor.str(), "525.60.13");
  EXPECT_EQ(kb().cuda_minor_compat_floor(V("12.4"))->linux_below->str(), "580");
  EXPECT_EQ(kb().cuda_minor_compat_floor(V("11.0"))->linux_floor.str(), "450.36.06");
  EXPECT_EQ(kb().cuda_minor_compat_floor(V("11.8"))->linux_floor.str(), "450.80.02");
  EXPECT_EQ(kb().cuda_minor_compat_floor(11)->linux_floor.str(), "450.80.02");
  EXPECT_EQ(kb().cuda_minor_compat_floor(13)->linux_floor.str(), "580");
  EXPECT_FALSE(kb().cuda_minor_compat_floor(V("10.2")));
}

TEST(KbCuda, ArchitectureSupport) {
  EXPECT_FALSE(kb().arch_supported(V("11.7"), V("9.0"))->value);
  EXPECT_TRUE(kb().arch_supported(V("11.8"), V("9.0"))->value);
  EXPECT_FALSE(kb().arch_supported(V("12.6"), V("10.0"))->value);
  EXPECT_TRUE(kb().arch_supported(V("12.8"), V("10.0"))->value);
  EXPECT_TRUE(kb().arch_supported(V("12.9"), V("7.0"))->value);
  EXPECT_FALSE(kb().arch_supported(V("13.0"), V("7.0"))->value);
  EXPECT_FALSE(kb().arch_supported(V("12.0"), V("3.7"))->value);
  EXPECT_FALSE(kb().arch_supported(V("12.0"), V("6.6")));
  EXPECT_EQ(kb().arch_info(V("8.9"))->name, "Ada");
  EXPECT_FALSE(kb().arch_supported(V("10.0"), V("3.0"))->from.confirmed);
}

TEST(KbCuda, ImageFacts) {
  EXPECT_EQ(kb().image_cudnn(V("12.1.1"))->value.str(), "8.9.0.131");
  EXPECT_FALSE(kb().image_cudnn(V("13.1.0")));
  EXPECT_TRUE(kb().cuda_never_released(V("12.7.0")));
  EXPECT_FALSE(kb().cuda_never_released(V("12.6")));
  auto req = kb().require_cuda(V("12.1.1"));
  ASSERT_TRUE(req);
  EXPECT_EQ(req->env_value().substr(0, 82),
            "cuda>=12.1 brand=tesla,driver>=470,driver<471 brand=unknown,driver>=470,driver<471");
  EXPECT_EQ(kb().require_cuda(V("11.4.3"))->env_value(), "cuda>=11.4");
  EXPECT_TRUE(kb().cuda_flavor("devel")->nvcc);
  EXPECT_FALSE(kb().cuda_flavor("cudnn-runtime")->nvcc);
  EXPECT_EQ(kb().cudnn_token_major("cudnn"), 9);
  EXPECT_EQ(kb().cudnn_token_major("cudnn7"), 7);
}

struct TagCase {
  const char* tag;
  TagStatus status;
  const char* reason;
  const char* suggestion;
};

TEST(KbCuda, NvidiaCudaTagCheck) {
  const TagCase cases[] = {
      {"12.1.1-cudnn8-devel-ubuntu22.04", TagStatus::kValid, "", ""},
      {"12.4.1-cudnn-runtime-ubuntu22.04", TagStatus::kValid, "", ""},
      {"12.9.1-runtime-ubuntu24.04", TagStatus::kValid, "", ""},
      {"latest", TagStatus::kInvalid,
       "nvidia/cuda has no `latest` tag (removed); every tag names a CUDA version, flavor and OS", ""},
      {"12.1-devel-ubuntu22.04", TagStatus::kInvalid,
       "CUDA 12.1 images are tagged with a three-part version (major.minor.patch)", "12.1.1"},
      {"12.4.1-cudnn8-devel-ubuntu22.04", TagStatus::kInvalid,
       "`cudnn8` exists only for CUDA 11.0-12.2 images, not 12.4", "cudnn"},
      {"12.1.1-cudnn-devel-ubuntu22.04", TagStatus::kInvalid,
       "`cudnn` exists only for CUDA 12.4-13.0 images, not 12.1", "cudnn8"},
      {"12.4.1-cudnn-base-ubuntu22.04", TagStatus::kInvalid,
       "nvidia/cuda has no cuDNN variant of the `base` flavor", "runtime"},
      {"13.0.2-base-ubuntu20.04", TagStatus::kInvalid,
       "nvidia/cuda offers ubuntu20.04 images only up to CUDA 12.9.1, not 13.0.2", ""},
      {"12.4.1-devel-ubuntu24.04", TagStatus::kInvalid,
       "nvidia/cuda offers ubuntu24.04 images from CUDA 12.5.1 on, not 12.4.1", ""},
      {"12.7.0-devel-ubuntu22.04", TagStatus::kInvalid, "CUDA 12.7 was never released", ""},
      {"12.1.1", TagStatus::kInvalid,
       "`12.1.1` names no flavor: nvidia/cuda tags are <version>-[cudnn-]{base,runtime,devel}-<os>", ""},
      {"12.1.0-devel-ubuntu22.04", TagStatus::kEol,
       "CUDA 12.1.0 images are end-of-life: only the latest point release 12.1.1 of CUDA 12.1 is "
       "supported and EOL tags are deleted six months later", "12.1.1"},
      {"11.8.0-runtime-ubuntu20.04", TagStatus::kValid, "", ""},
      {"10.2-cudnn7-devel-ubuntu18.04", TagStatus::kUnknown,
       "CUDA 10.2 uses legacy two-part tags whose availability dockml does not track", ""},
      {"13.3.0-cudnn-devel-ubuntu22.04", TagStatus::kUnknown,
       "cuDNN variants of CUDA 13.3 images are not recorded", ""},
      {"11.3.1-cudnn8-devel-ubuntu20.04", TagStatus::kUnknown,
       "the image list records no point release of CUDA 11.3", ""},
      {"${CUDA}-devel", TagStatus::kUnknown, "`${CUDA}-devel` does not start with a CUDA version", ""},
  };
  for (const auto& c : cases) {
    auto r = kb().nvidia_cuda_tag_check(c.tag);
    EXPECT_EQ(r.status, c.status) << c.tag << ": " << r.reason;
    EXPECT_EQ(r.reason, c.reason) << c.tag;
    EXPECT_EQ(r.suggestion, c.suggestion) << c.tag;
    if (r.status == TagStatus::kInvalid || r.status == TagStatus::kEol) {
      EXPECT_FALSE(r.from.sources.empty()) << c.tag;
    }
  }
}

// ---- Frameworks --------------------------------------------------------------------------

TEST(KbTorch, ReleaseRow) {
  auto t = kb().torch_release(V("2.1.0+cu118"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->torchvision->value.str(), "0.16.0");
  EXPECT_EQ(t->torchaudio->value.str(), "2.1.0");
  EXPECT_EQ(t->cuda_variants, (std::vector<std::string>{"cu118", "cu121"}));
  EXPECT_EQ(t->pypi_default->value, "cu121");
  EXPECT_EQ(t->python_min.value.str(), "3.8");
  EXPECT_EQ(t->python_max.value.str(), "3.11");
  EXPECT_TRUE(t->supports_python(V("3.11.4")));
  EXPECT_FALSE(t->supports_python(V("3.12")));
  EXPECT_EQ(t->cudnn_major.value, 8);
  EXPECT_TRUE(t->has_variant("cu118"));
  EXPECT_FALSE(t->has_variant("cu124"));
  EXPECT_EQ(t->from.sources, (std::vector<std::string>{"pytorch:S1b", "pytorch:S2", "pytorch:S6"}));

  auto t12 = kb().torch_release(V("2.12.1"));
  EXPECT_EQ(t12->torchaudio->value.str(), "2.11.0");
  EXPECT_EQ(t12->pypi_default->value, "cu130");
  EXPECT_EQ(t12->python_extra, (std::vector<std::string>{"3.14t"}));
  EXPECT_FALSE(kb().torch_release(V("1.8.2"))->pypi_default);
  EXPECT_FALSE(kb().torch_release(V("2.6.0a0+ecf3bae40a")));  // NGC build, not a PyPI release
  EXPECT_FALSE(kb().torch_release(V("2.1.3")));
  auto t110 = kb().torch_release(V("1.10.0"));
  EXPECT_FALSE(t110->torchvision->from.confirmed);  // 0.11.0 vs 0.11.1 conflict
  EXPECT_TRUE(t110->torchaudio->from.confirmed);
  EXPECT_EQ(kb().torch_for_torchvision(V("0.15.0")), (std::vector<Version>{V("2.0.0")}));
  EXPECT_EQ(kb().torch_for_torchaudio(V("2.11.0")).size(), 4u);  // 2.11.0, 2.12.0, 2.12.1, 2.13.0
}

TEST(KbTorch, CudnnAndArchLists) {
  EXPECT_EQ(kb().torch_cudnn(V("2.7.1"), V("12.6"))->value.str(), "9.5.1.17");
  EXPECT_TRUE(kb().torch_cudnn(V("2.7.1"), V("12.6"))->from.confirmed);
  EXPECT_FALSE(kb().torch_cudnn(V("2.11.0"), V("13.0"))->from.confirmed);
  auto a = kb().torch_arch_list(V("2.8.0"), "cu128");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->archs.front().str(), "7.0");
  EXPECT_EQ(a->archs.back().str(), "12.0");
  EXPECT_FALSE(kb().torch_arch_list(V("2.8.0"), "cu130"));
  EXPECT_FALSE(kb().torch_arch_list(V("2.10.0"), "cu130")->from.confirmed);
}

TEST(KbTensorflow, TestedConfigs) {
  auto t = kb().tf_tested(V("2.15.0"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->cuda.str(), "12.2");
  EXPECT_EQ(t->cudnn.str(), "8.9");
  EXPECT_EQ(t->python_min.str(), "3.9");
  EXPECT_EQ(t->python_max.str(), "3.11");
  EXPECT_TRUE(t->exact);
  EXPECT_TRUE(t->from.confirmed);
  auto p = kb().tf_tested(V("2.15.1"));
  EXPECT_EQ(p->version.str(), "2.15.0");
  EXPECT_FALSE(p->exact);
  EXPECT_FALSE(p->from.confirmed);
  EXPECT_EQ(kb().tf_tested(V("2.16.2"))->cuda.str(), "12.3");
  EXPECT_EQ(kb().tf_tested(V("1.15.0"))->package, "tensorflow_gpu");
  EXPECT_FALSE(kb().tf_tested(V("2.22.0")));
}

TEST(KbJax, ExtrasRequirementsAndFloors) {
  auto e = kb().jax_extra("cuda12_local");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->extra, "cuda12-local");
  EXPECT_EQ(e->cuda_major, 12);
  EXPECT_TRUE(e->local);
  EXPECT_EQ(kb().jax_extra("cuda12_pip")->removed->str(), "0.6.0");
  auto r = kb().jax_cuda_requirements(13);
  EXPECT_EQ(r->min_driver.str(), "580");
  EXPECT_EQ(r->min_sm.str(), "7.5");
  auto f = kb().jax_floors(V("0.4.35"));
  EXPECT_EQ(f.min_python->value.str(), "3.10");
  EXPECT_EQ(f.min_cudnn->value.str(), "9.1");
  EXPECT_EQ(f.cuda_majors->value, (std::vector<int>{12}));
  EXPECT_FALSE(f.local_builds->value);
  auto g = kb().jax_floors(V("0.4.20"));
  EXPECT_EQ(g.cuda_majors->value, (std::vector<int>{11, 12}));
  EXPECT_TRUE(g.local_builds->value);
}

TEST(KbWheels, CudaOfWheels) {
  EXPECT_EQ(kb().wheel_cuda("cupy-cuda12x", std::nullopt)->cuda_major, 12);
  EXPECT_EQ(kb().wheel_cuda("nvidia-cudnn-cu11", std::nullopt)->cuda_major, 11);
  EXPECT_EQ(kb().wheel_cuda("tensorrt-cu12-libs", std::nullopt)->cuda_major, 12);
  EXPECT_EQ(kb().wheel_cuda("jax-cuda13-plugin", std::nullopt)->cuda_major, 13);
  auto mx = kb().wheel_cuda("mxnet-cu112", std::nullopt);
  EXPECT_EQ(mx->cuda->str(), "11.2");
  auto ort = kb().wheel_cuda("onnxruntime-gpu", V("1.16.3"));
  EXPECT_EQ(ort->cuda->str(), "11.8");
  EXPECT_EQ(ort->cudnn->str(), "8.2.4");
  auto ort19 = kb().wheel_cuda("onnxruntime-gpu", V("1.20.1"));
  EXPECT_EQ(ort19->cuda_major, 12);
  EXPECT_EQ(ort19->cudnn->str(), "9");
  EXPECT_EQ(kb().wheel_cuda("tensorrt", V("11.4.1"))->cuda_major, 13);
  EXPECT_FALSE(kb().wheel_cuda("tensorrt", V("10.16.1")));
  EXPECT_FALSE(kb().wheel_cuda("onnxruntime-gpu", std::nullopt));
  EXPECT_FALSE(kb().wheel_cuda("numpy", V("1.0")));
  EXPECT_EQ(kb().wheel_cuda("nvidia-cuda-runtime", V("13.0.96"))->cuda_major, 13);
  EXPECT_TRUE(kb().addon("flash-attn")->needs_nvcc);
  EXPECT_EQ(kb().addon("flash-attn")->min_torch->str(), "2.2");
}

// ---- NGC / Python --------------------------------------------------------------------------

TEST(KbNgc, Releases) {
  auto r = kb().ngc_release("pytorch", "24.07");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->framework->value, "2.4.0a0+3bcc3cddb5");
  EXPECT_TRUE(r->framework->from.confirmed);
  EXPECT_EQ(r->python->value.str(), "3.10");
  EXPECT_TRUE(r->python->from.confirmed);
  EXPECT_EQ(r->cuda->value.str(), "12.5.1");
  EXPECT_EQ(r->ubuntu->value.str(), "22.04");
  EXPECT_FALSE(r->ubuntu->from.confirmed);
  EXPECT_TRUE(r->nvcc->value);
  auto r2 = kb().ngc_release("pytorch", "25.06");
  EXPECT_EQ(r2->cuda->value.str(), "12.9");
  EXPECT_FALSE(r2->cuda->from.confirmed);  // month's cuda-dl-base, inferred
  EXPECT_EQ(kb().ngc_release("tensorflow", "24.03")->framework->value, "2.15.0");
  EXPECT_EQ(kb().ngc_release("tritonserver", "25.03")->cuda->value.str(), "12.8.1");
  EXPECT_FALSE(kb().ngc_release("pytorch", "25.07")->framework);  // no row: container facts only
}

TEST(KbPython, DistrosAndImages) {
  EXPECT_EQ(kb().default_python("ubuntu", "22.04")->value.str(), "3.10");
  EXPECT_EQ(kb().default_python("debian", "bookworm")->value.str(), "3.11");
  EXPECT_EQ(kb().distro("ubuntu", "24.04")->glibc->value.str(), "2.39");
  EXPECT_FALSE(kb().distro("ubuntu", "18.04")->glibc);
  EXPECT_FALSE(kb().default_python("ubuntu", "26.04"));
  EXPECT_FALSE(kb().python_image_variant("slim-bookworm"));
  EXPECT_EQ(kb().python_image_variant("bookworm")->version, "12");
  EXPECT_EQ(kb().python_image_variant("alpine3.23")->libc, "musl");
  EXPECT_EQ(kb().python_image_patch("3.11")->value.str(), "3.11.15");
}

}  // namespace
}  // namespace dockml
