// `ONBUILD RUN` is checked like RUN by every RUN-based DL rule: the same file with each RUN
// wrapped in ONBUILD yields the same findings (codes and counts).
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/options.h"

namespace dockml {
namespace {

std::map<std::string, int> dl_counts(const std::string& text) {
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintOptions options;
  options.select = {"DL"};
  std::map<std::string, int> counts;
  for (const Diagnostic& d : lint_source(source, options, FileKind::kDockerfile).diagnostics) ++counts[d.code];
  return counts;
}

TEST(OnbuildRun, CheckedLikeRun) {
  const std::string run =
      "RUN cd /x && sudo apt-get update && apt-get install curl && pip install flask && npm install express "
      "&& apk add bash && yum install httpd && zypper install x && dnf install y && gem install rails "
      "&& go install example.com/tool && wget http://x/a.tar.gz | tar xz && curl -o b http://x "
      "&& useradd -u 123456789 bob && ln -s /bin/bash /bin/sh && yarn install && apt install vim "
      "&& zypper dist-upgrade && ssh host\n";
  std::map<std::string, int> plain = dl_counts("FROM ubuntu:22.04\n" + run);
  std::map<std::string, int> onbuild = dl_counts("FROM ubuntu:22.04\nONBUILD " + run);
  EXPECT_EQ(plain, onbuild);
  std::string codes;
  for (const auto& [code, n] : plain) codes += code + " ";
  EXPECT_EQ(codes,
            "DL3001 DL3003 DL3004 DL3008 DL3009 DL3013 DL3014 DL3015 DL3016 DL3018 DL3019 DL3027 DL3028 "
            "DL3030 DL3032 DL3033 DL3034 DL3035 DL3036 DL3037 DL3038 DL3040 DL3041 DL3042 DL3046 DL3047 "
            "DL3060 DL3062 DL4001 DL4005 DL4006 ");
}

}  // namespace
}  // namespace dockml
