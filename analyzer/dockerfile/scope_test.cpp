#include "analyzer/dockerfile/scope.h"

#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"

namespace dockml {
namespace {

struct Parsed {
  Dockerfile df;
  BuildScope scope;
};

Parsed analyze(std::string text, ScopeOptions options = {}) {
  Dockerfile df = parse_dockerfile(std::make_shared<SourceFile>("Dockerfile", std::move(text)));
  EXPECT_TRUE(df.errors.empty()) << df.errors[0].message;
  BuildScope scope = BuildScope::compute(df, options);
  return {std::move(df), std::move(scope)};
}

// "value", "<unknown>" or "<unset>" of `name` as instruction `i` sees it.
std::string value(const BuildScope& s, size_t i, std::string_view name) {
  const VarBinding* b = s.find(i, name);
  if (!b) return "<unset>";
  return b->known ? b->value : "<unknown>";
}

std::string names(const std::vector<const VarBinding*>& list) {
  std::string out;
  for (const VarBinding* b : list) out += (out.empty() ? "" : " ") + b->name;
  return out;
}

constexpr const char* kMlDockerfile =
    "ARG CUDA_VERSION=12.1.1\n"                                          // 0
    "ARG BASE=nvidia/cuda:${CUDA_VERSION}-cudnn8-devel-ubuntu22.04\n"  // 1
    "ARG PYTHON_VERSION\n"                                              // 2
    "FROM ${BASE} AS Builder\n"                                         // 3
    "ARG CUDA_VERSION\n"                                                // 4
    "ARG TORCH=2.1.0\n"                                                 // 5
    "ENV TORCH_CUDA_ARCH_LIST=\"8.0 8.6\" VENV=/opt/venv\n"             // 6
    "RUN pip install torch==${TORCH}\n"                                 // 7
    "FROM builder AS test\n"                                            // 8
    "ENV TORCH=override\n"                                              // 9
    "RUN pytest\n"                                                      // 10
    "FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04\n"            // 11
    "ARG PYTHON_VERSION\n"                                              // 12
    "COPY --from=builder ${VENV} /opt/venv\n";                          // 13

TEST(Scope, StagesOfAMultiStageMlBuild) {
  Parsed p = analyze(kMlDockerfile);
  const auto& st = p.scope.stages();
  ASSERT_EQ(st.size(), 3u);
  EXPECT_EQ(st[0].name, "builder");
  EXPECT_EQ(p.df.source->slice(st[0].name_span), "Builder");
  EXPECT_EQ(st[0].from_instruction, 3u);
  EXPECT_EQ(st[0].begin, 3u);
  EXPECT_EQ(st[0].end, 8u);
  EXPECT_EQ(st[0].base_raw, "${BASE}");
  EXPECT_EQ(p.df.source->slice(st[0].base_span), "${BASE}");
  EXPECT_EQ(st[0].base, "nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04");
  EXPECT_TRUE(st[0].base_exact);
  EXPECT_FALSE(st[0].parent.has_value());
  EXPECT_TRUE(st[0].external_base);
  EXPECT_FALSE(st[0].is_final);

  EXPECT_EQ(st[1].name, "test");
  EXPECT_EQ(st[1].begin, 8u);
  EXPECT_EQ(st[1].end, 11u);
  EXPECT_EQ(st[1].base, "builder");
  EXPECT_EQ(st[1].parent, std::optional<size_t>(0));
  EXPECT_TRUE(st[1].external_base);

  EXPECT_EQ(st[2].name, "");
  EXPECT_EQ(st[2].begin, 11u);
  EXPECT_EQ(st[2].end, 14u);
  EXPECT_EQ(st[2].base, "nvidia/cuda:12.1.1-runtime-ubuntu22.04");
  EXPECT_FALSE(st[2].parent.has_value());
  EXPECT_TRUE(st[2].is_final);

  EXPECT_EQ(p.scope.stage_of(0), std::nullopt);
  EXPECT_EQ(p.scope.stage_of(3), std::optional<size_t>(0));
  EXPECT_EQ(p.scope.stage_of(10), std::optional<size_t>(1));
  EXPECT_EQ(p.scope.stage_of(13), std::optional<size_t>(2));
  EXPECT_EQ(p.scope.find_stage("BUILDER"), std::optional<size_t>(0));
  EXPECT_EQ(p.scope.find_stage("test", 8), std::nullopt);
  EXPECT_TRUE(p.scope.errors().empty());
}

TEST(Scope, VariablesPerInstruction) {
  Parsed p = analyze(kMlDockerfile);
  const BuildScope& s = p.scope;
  // FROM lines see the global ARGs (and the automatic ones), nothing else.
  EXPECT_EQ(value(s, 3, "CUDA_VERSION"), "12.1.1");
  EXPECT_EQ(value(s, 3, "PYTHON_VERSION"), "<unknown>");
  EXPECT_EQ(value(s, 3, "TARGETARCH"), "amd64");
  EXPECT_EQ(value(s, 11, "TORCH"), "<unset>");
  // Inside a stage, globals only after re-declaration.
  EXPECT_EQ(value(s, 4, "CUDA_VERSION"), "<unset>");
  EXPECT_EQ(value(s, 5, "CUDA_VERSION"), "12.1.1");
  EXPECT_EQ(value(s, 5, "BASE"), "<unset>");
  EXPECT_EQ(value(s, 5, "TARGETARCH"), "<unset>");
  EXPECT_EQ(value(s, 7, "TORCH"), "2.1.0");
  EXPECT_EQ(value(s, 7, "TORCH_CUDA_ARCH_LIST"), "8.0 8.6");
  EXPECT_EQ(names(s.visible(7)), "CUDA_VERSION TORCH TORCH_CUDA_ARCH_LIST VENV");
  // `FROM builder` inherits the builder's ARG and ENV; its own ENV wins.
  EXPECT_EQ(value(s, 9, "TORCH"), "2.1.0");
  EXPECT_EQ(value(s, 10, "TORCH"), "override");
  EXPECT_EQ(value(s, 10, "VENV"), "/opt/venv");
  EXPECT_EQ(value(s, 10, "CUDA_VERSION"), "12.1.1");
  // An unrelated stage sees none of it.
  EXPECT_EQ(value(s, 13, "VENV"), "<unset>");
  EXPECT_EQ(value(s, 13, "CUDA_VERSION"), "<unset>");
  EXPECT_EQ(value(s, 13, "PYTHON_VERSION"), "<unknown>");
  EXPECT_EQ(names(s.visible(13)), "PYTHON_VERSION");
  const VarBinding* b = s.find(7, "TORCH");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->origin, VarBinding::Origin::kArg);
  EXPECT_EQ(b->instruction, 5u);
  EXPECT_EQ(p.df.source->slice(b->span), "TORCH=2.1.0");
  EXPECT_TRUE(b->has_default);

  // Expanding words of an instruction.
  auto lookup = s.lookup_at(13);
  ExpandResult r = expand_word("${VENV:-/venv}/bin/python${PYTHON_VERSION}", lookup);
  // VENV is not defined in this stage but the external base image might define it.
  EXPECT_EQ(r.value, "${VENV:-/venv}/bin/python${PYTHON_VERSION}");
  EXPECT_FALSE(r.exact);
  r = expand_word("${TORCH}-cu${CUDA_VERSION}", s.lookup_at(7));
  EXPECT_EQ(r.value, "2.1.0-cu12.1.1");
  EXPECT_TRUE(r.exact);
}

TEST(Scope, BuildArgsOverrideDeclaredArgsOnly) {
  ScopeOptions o;
  o.build_args = {{"CUDA_VERSION", "11.8.0"}, {"TORCH", "2.2.0"}, {"PYTHON_VERSION", "3.10"},
                  {"UNDECLARED", "x"}, {"HTTP_PROXY", "http://proxy:3128"}};
  Parsed p = analyze(kMlDockerfile, o);
  const BuildScope& s = p.scope;
  EXPECT_EQ(s.stages()[0].base, "nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04");
  EXPECT_EQ(s.stages()[2].base, "nvidia/cuda:11.8.0-runtime-ubuntu22.04");
  EXPECT_EQ(value(s, 7, "TORCH"), "2.2.0");
  EXPECT_TRUE(s.find(7, "TORCH")->from_build_arg);
  EXPECT_EQ(value(s, 7, "CUDA_VERSION"), "11.8.0");
  EXPECT_EQ(value(s, 13, "PYTHON_VERSION"), "3.10");
  EXPECT_EQ(value(s, 7, "UNDECLARED"), "<unset>");
  EXPECT_EQ(value(s, 3, "UNDECLARED"), "<unset>");
  // Proxy args need no declaration (in stages, not in FROM lines).
  EXPECT_EQ(value(s, 13, "HTTP_PROXY"), "http://proxy:3128");
  EXPECT_EQ(s.find(13, "HTTP_PROXY")->origin, VarBinding::Origin::kPredefined);
  EXPECT_EQ(value(s, 3, "HTTP_PROXY"), "<unset>");
  EXPECT_EQ(names(s.visible(13)), "HTTP_PROXY PYTHON_VERSION");
}

TEST(Scope, EnvPairsSeeValuesFromBeforeTheLineArgPairsDoNot) {
  Parsed p = analyze(
      "FROM scratch\n"                      // 0
      "ENV A=1\n"                           // 1
      "ENV A=2 B=$A C=${A}x\n"              // 2
      "ARG X=1 Y=$X-$A\n"                   // 3
      "ENV D=\"a b\" E='$A' F=a\\ b\n"      // 4
      "ENV G hello  \"world\" $A\n"         // 5
      "RUN true\n");                        // 6
  const BuildScope& s = p.scope;
  EXPECT_EQ(value(s, 6, "A"), "2");
  EXPECT_EQ(value(s, 6, "B"), "1");
  EXPECT_EQ(value(s, 6, "C"), "1x");
  EXPECT_EQ(value(s, 6, "Y"), "1-2");
  EXPECT_EQ(value(s, 6, "D"), "a b");
  EXPECT_EQ(value(s, 6, "E"), "$A");
  EXPECT_EQ(value(s, 6, "F"), "a b");
  EXPECT_EQ(value(s, 6, "G"), "hello  world 2");
  EXPECT_EQ(value(s, 2, "A"), "1");
  EXPECT_FALSE(s.stages()[0].external_base);
  // scratch has no image environment: undefined names are unset, not unknown.
  EXPECT_EQ(s.lookup_at(6).get("NOPE").state, VarValue::State::kUnset);
}

TEST(Scope, LaterDefinitionWinsBetweenArgAndEnv) {
  Parsed p = analyze(
      "FROM alpine\n"   // 0
      "ARG V=arg\n"     // 1
      "ENV V=env\n"     // 2
      "RUN a\n"         // 3
      "ARG V=arg2\n"    // 4
      "RUN b\n");       // 5
  EXPECT_EQ(value(p.scope, 3, "V"), "env");
  // BuildKit's dispatchArg adds the ARG's value to the stage environment.
  EXPECT_EQ(value(p.scope, 5, "V"), "arg2");
  ScopeOptions o;
  o.build_args = {{"V", "cli"}};
  Parsed q = analyze("FROM alpine\nARG V=arg\nENV V=env\nRUN a\nARG V=arg2\nRUN b\n", o);
  EXPECT_EQ(value(q.scope, 2, "V"), "cli");
  EXPECT_EQ(value(q.scope, 3, "V"), "env");
  EXPECT_EQ(value(q.scope, 5, "V"), "cli");
}

TEST(Scope, ArgWithoutDefaultKeepsAnExistingValue) {
  Parsed p = analyze(
      "ARG TARGETARCH\n"        // 0: keeps the automatic value
      "ARG G=1\n"               // 1
      "ARG G\n"                 // 2: keeps 1
      "FROM alpine\n"           // 3
      "ENV E=env\n"             // 4
      "ARG E\n"                 // 5: keeps env
      "ARG N\n"                 // 6
      "RUN x\n");               // 7
  EXPECT_EQ(value(p.scope, 3, "TARGETARCH"), "amd64");
  EXPECT_EQ(value(p.scope, 3, "G"), "1");
  EXPECT_EQ(value(p.scope, 7, "E"), "env");
  EXPECT_EQ(p.scope.find(7, "E")->origin, VarBinding::Origin::kArg);
  EXPECT_EQ(value(p.scope, 7, "N"), "<unknown>");
}

TEST(Scope, StageArgIsVisibleFromItsLineOnward) {
  Parsed p = analyze("FROM alpine\nRUN echo $X\nARG X=1\nRUN echo $X\n");
  EXPECT_EQ(value(p.scope, 1, "X"), "<unset>");
  EXPECT_EQ(value(p.scope, 2, "X"), "<unset>");
  EXPECT_EQ(value(p.scope, 3, "X"), "1");
  // Undefined in an image-based stage: unknown for expansion (the image may define it).
  EXPECT_EQ(p.scope.lookup_at(1).get("X").state, VarValue::State::kUnknown);
  ScopeOptions strict;
  strict.base_env_unknown = false;
  Parsed q = analyze("FROM alpine\nRUN echo $X\n", strict);
  EXPECT_EQ(q.scope.lookup_at(1).get("X").state, VarValue::State::kUnset);
}

TEST(Scope, AutomaticPlatformArgs) {
  const char* text =
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"  // 0
      "ARG TARGETOS TARGETARCH\n"                              // 1
      "RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build\n"       // 2
      "FROM gcr.io/distroless/static\n"                        // 3
      "RUN x\n";                                               // 4
  Parsed p = analyze(text);
  EXPECT_EQ(p.scope.stages()[0].platform_raw, "$BUILDPLATFORM");
  EXPECT_EQ(p.scope.stages()[0].platform, "linux/amd64");
  EXPECT_EQ(value(p.scope, 2, "TARGETARCH"), "amd64");
  EXPECT_EQ(value(p.scope, 2, "TARGETOS"), "linux");
  EXPECT_EQ(value(p.scope, 4, "TARGETARCH"), "<unset>");
  EXPECT_EQ(value(p.scope, 3, "TARGETVARIANT"), "");
  ScopeOptions o;
  o.target_platform = "linux/arm64/v8";
  o.build_args = {{"BUILDPLATFORM", "linux/riscv64"}};
  Parsed q = analyze(text, o);
  EXPECT_EQ(q.scope.stages()[0].platform, "linux/riscv64");
  EXPECT_EQ(value(q.scope, 2, "TARGETARCH"), "arm64");
  EXPECT_EQ(value(q.scope, 3, "TARGETVARIANT"), "v8");
  ScopeOptions unknown;
  unknown.platform_known = false;
  Parsed u = analyze(text, unknown);
  EXPECT_EQ(value(u.scope, 2, "TARGETARCH"), "<unknown>");
  EXPECT_TRUE(u.scope.stages()[0].base_exact);  // golang:1.22 needs no platform ARG
  EXPECT_EQ(u.scope.stages()[0].platform, "$BUILDPLATFORM");
}

TEST(Scope, GlobalArgsChainAndUnknownBase) {
  Parsed p = analyze(
      "ARG REGISTRY\n"
      "ARG IMAGE=${REGISTRY:-docker.io}/library/python\n"
      "ARG TAG\n"
      "FROM $IMAGE:${TAG} AS base\n"
      "FROM BASE\n");
  const auto& st = p.scope.stages();
  EXPECT_EQ(st[0].base, "${REGISTRY:-docker.io}/library/python:${TAG}");
  EXPECT_FALSE(st[0].base_exact);
  EXPECT_EQ(value(p.scope, 3, "IMAGE"), "<unknown>");
  EXPECT_EQ(st[1].parent, std::optional<size_t>(0));  // stage names are case-insensitive
  ScopeOptions o;
  o.build_args = {{"TAG", "3.11-slim"}};
  Parsed q = analyze("ARG IMAGE=python\nARG TAG\nFROM $IMAGE:${TAG}\n", o);
  EXPECT_EQ(q.scope.stages()[0].base, "python:3.11-slim");
  EXPECT_TRUE(q.scope.stages()[0].base_exact);
}

TEST(Scope, ExpansionErrorsAreRecorded) {
  Parsed p = analyze("FROM scratch\nENV A=\"${B:?B is required}\"\nARG C=${\nRUN x\n");
  ASSERT_EQ(p.scope.errors().size(), 2u);
  EXPECT_EQ(p.scope.errors()[0].instruction, 1u);
  EXPECT_EQ(p.scope.errors()[0].error.message, "B: B is required");
  EXPECT_EQ(p.scope.errors()[1].instruction, 2u);
  EXPECT_EQ(p.scope.errors()[1].error.message, "syntax error: missing '}'");
  EXPECT_EQ(value(p.scope, 3, "A"), "<unknown>");
  EXPECT_EQ(value(p.scope, 3, "C"), "<unknown>");
}

TEST(Scope, BacktickEscape) {
  Parsed p = analyze("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nENV GOPATH=C:\\gopath P=a`$b\n");
  EXPECT_EQ(value(p.scope, 2, "GOPATH"), "<unset>");
  EXPECT_EQ(p.scope.bindings().back().value, "a$b");
  EXPECT_EQ(p.scope.bindings()[p.scope.bindings().size() - 2].value, "C:\\gopath");
}

TEST(Scope, LongStageChainsStayCheap) {
  std::string text = "FROM alpine AS s0\nENV V0=0\n";
  const int kStages = 3000;
  for (int i = 1; i < kStages; ++i) {
    text += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\n";
  }
  text += "RUN x\n";
  Parsed p = analyze(text);
  ASSERT_EQ(p.scope.stages().size(), static_cast<size_t>(kStages));
  EXPECT_EQ(value(p.scope, kStages + 1, "V0"), "0");
  EXPECT_EQ(p.scope.stages().back().parent, std::optional<size_t>(kStages - 2));
}

}  // namespace
}  // namespace dockml
