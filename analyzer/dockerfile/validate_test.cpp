#include "analyzer/dockerfile/validate.h"

#include <gtest/gtest.h>

#include "analyzer/dockerfile/dump.h"
#include "analyzer/dockerfile/parser.h"

namespace dockml {
namespace {

// "line:col [source text] message" for every L2 error.
std::string validate(std::string text) {
  Dockerfile df = parse_dockerfile(std::make_shared<SourceFile>("Dockerfile", std::move(text)));
  std::string out;
  for (const auto& e : validate_instructions(df)) {
    Position p = df.source->position(e.span.begin);
    out += std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + " [" +
           std::string(df.source->slice(e.span)) + "] " + e.message + "\n";
  }
  return out;
}

TEST(Validate, CleanFileHasNoErrors) {
  EXPECT_EQ(validate("ARG V=1\nFROM --platform=$BUILDPLATFORM img:$V AS build\n"
                     "RUN --mount=type=cache,target=/c --network=none echo\n"
                     "COPY --from=build --chmod=755 --link <<EOF /x\nhi\nEOF\n"
                     "ADD --keep-git-dir=true --checksum=sha256:x https://a/b /c\n"
                     "HEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl x\n"
                     "HEALTHCHECK --whatever NONE\nSTOPSIGNAL --x SIGKILL\nARG --y Z\n"
                     "SHELL [\"bash\", \"-c\"]\nONBUILD RUN x\n"),
            "");
}

TEST(Validate, UnknownInstructionWithSuggestion) {
  EXPECT_EQ(validate("FROM a\nRUNN x\nFORM b\nBOGUSWORD\n"),
            "2:1 [RUNN] unknown instruction: RUNN (did you mean RUN?)\n"
            "3:1 [FORM] unknown instruction: FORM (did you mean FROM?)\n"
            "4:1 [BOGUSWORD] unknown instruction: BOGUSWORD\n");
}

TEST(Validate, Flags) {
  EXPECT_EQ(validate("FROM a\nCOPY --chwon=1 --link=maybe --from=x --from=y a b\n"
                     "ADD --link= --chmod a b\nENV --x=1 A=b\nRUN --network=bridge --security=x "
                     "--mount=type=bind,from=$X,target=/t y\n"),
            "2:6 [--chwon] unknown flag: --chwon (did you mean chown?)\n"
            "2:23 [maybe] expecting boolean value for flag link, not: maybe\n"
            "2:38 [--from=y] duplicate flag specified: --from\n"
            "3:5 [--link=] missing a value on flag: --link: expected --link or --link=true|false\n"
            "3:13 [--chmod] missing a value on flag: --chmod: expected --chmod=<value>\n"
            "4:5 [--x] unknown flag: --x: ENV takes no flags\n"
            "5:15 [bridge] network mode \"bridge\" not supported: expected default, none or host\n"
            "5:33 [x] security mode \"x\" not supported: expected sandbox or insecure\n"
            "5:43 [type=bind,from=$X,target=/t] 'from' doesn't support variable expansion, "
            "define alias stage instead\n");
}

TEST(Validate, FromForms) {
  EXPECT_EQ(validate("FROM a b\nFROM a AS 1x\nFROM a as Good-name.1\nFROM --platfrom=x a\n"),
            "1:6 [a b] FROM requires either one or three arguments: expected `FROM image` or "
            "`FROM image AS name`\n"
            "2:11 [1x] invalid name for build stage: \"1x\", name can't start with a number or "
            "contain symbols\n"
            "4:6 [--platfrom] unknown flag: --platfrom (did you mean platform?)\n");
}

TEST(Validate, ArgumentCounts) {
  EXPECT_EQ(validate("FROM a\nCOPY onlyone\nCOPY a <<EOF\nx\nEOF\nUSER\nWORKDIR\nEXPOSE\n"
                     "VOLUME [\"\"]\nENV\nARG\nMAINTAINER\nSTOPSIGNAL\nENV =x\nARG =y\n"),
            "2:6 [onlyone] COPY requires at least two arguments, but only one was provided. "
            "Destination could not be determined\n"
            "3:8 [<<EOF] COPY cannot accept a heredoc as a destination\n"
            "6:1 [USER] USER requires exactly one argument\n"
            "7:1 [WORKDIR] WORKDIR requires exactly one argument\n"
            "8:1 [EXPOSE] EXPOSE requires at least one argument\n"
            "9:9 [\"\"] VOLUME specified can not be an empty string\n"
            "10:1 [ENV] ENV requires at least one argument\n"
            "11:1 [ARG] ARG requires at least one argument\n"
            "12:1 [MAINTAINER] MAINTAINER requires exactly one argument\n"
            "13:1 [STOPSIGNAL] STOPSIGNAL requires exactly one argument\n"
            "14:5 [=x] ENV names can not be blank: expected NAME=value\n"
            "15:5 [=y] ARG names can not be blank: expected NAME or NAME=default\n");
}

TEST(Validate, OnbuildShellHealthcheck) {
  EXPECT_EQ(validate("FROM a\nONBUILD ONBUILD RUN x\nONBUILD from b\nONBUILD\nSHELL bash -c\n"
                     "SHELL []\nHEALTHCHECK\nHEALTHCHECK NONE x\nHEALTHCHECK CONNECT x\n"
                     "HEALTHCHECK CMD\nHEALTHCHECK --interval=10us --timeout=abc --retries=-1 CMD "
                     "x\n"),
            "2:9 [ONBUILD] Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed\n"
            "3:9 [from] FROM isn't allowed as an ONBUILD trigger\n"
            "4:1 [ONBUILD] ONBUILD requires at least one argument\n"
            "5:7 [bash -c] SHELL requires the arguments to be in JSON form: expected SHELL "
            "[\"executable\", \"parameters\"]\n"
            "6:1 [SHELL] SHELL requires at least one argument\n"
            "7:1 [HEALTHCHECK] HEALTHCHECK requires at least one argument\n"
            "8:18 [x] HEALTHCHECK NONE takes no arguments\n"
            "9:13 [CONNECT] Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)\n"
            "10:13 [CMD] Missing command after HEALTHCHECK CMD\n"
            "11:24 [10us] Interval \"interval\" cannot be less than 1ms\n"
            "11:39 [abc] time: invalid duration \"abc\": expected a duration such as 30s or "
            "1m30s\n"
            "11:53 [-1] --retries cannot be negative (-1)\n");
}

TEST(Validate, NoBuildStage) {
  EXPECT_EQ(validate("ARG A\nRUN x\nFROM a\n"),
            "2:1 [RUN] no build stage in current context: expected a FROM instruction before RUN "
            "(only ARG may come before the first FROM)\n");
}

TEST(Validate, SkipsInstructionsWithParseErrors) {
  EXPECT_EQ(validate("FROM a\nENV PATH\n"), "");
}

TEST(Dump, GoQuote) {
  EXPECT_EQ(go_quote("a\"b\\c\td\n\x01\x7f\xff\xC2\xA0\xE2\x99\xA5"),
            "\"a\\\"b\\\\c\\td\\n\\x01\\x7f\\xff\\u00a0\xE2\x99\xA5\"");
}

}  // namespace
}  // namespace dockml
