#include "analyzer/dockerfile/expand.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace dockml {
namespace {

namespace fs = std::filesystem;

std::string trim(std::string_view s, bool left = true, bool right = true) {
  size_t b = 0, e = s.size();
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
  if (left) while (b < e && ws(s[b])) ++b;
  if (right) while (e > b && ws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::optional<std::vector<std::string>> read_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

const fs::path kShellDir = fs::path(DOCKML_SHARED_DIR) / "conformance" / "buildkit" / "shell";

// Every row of BuildKit's envVarTest table (A and U rows case-sensitive, W rows with the
// case-insensitive lookup BuildKit uses on Windows).
TEST(ExpandConformance, EnvVarTestTable) {
  auto lines = read_lines(kShellDir / "envVarTest");
  if (!lines) GTEST_SKIP() << "conformance data not found: " << (kShellDir / "envVarTest");
  VarMap unix_env, windows_env(/*case_insensitive=*/true);
  for (VarMap* env : {&unix_env, &windows_env}) {
    env->set("PWD", "/home");
    env->set("SHELL", "bash");
    env->set("KOREAN", "한국어");
    env->set("NULL", "");
  }
  int rows = 0, a_rows = 0, u_rows = 0, w_rows = 0;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (line.rfind("#", 0) == 0 || trim(line).empty()) continue;
    auto fields = split(trim(line), '|');
    ASSERT_EQ(fields.size(), 3u) << "envVarTest:" << i + 1;
    std::string platform = trim(fields[0]), input = trim(fields[1]), expected = trim(fields[2]);
    const VarMap* env = &unix_env;
    if (platform == "A") {
      ++a_rows;
    } else if (platform == "U") {
      ++u_rows;
    } else if (platform == "W") {
      ++w_rows;
      env = &windows_env;
    } else {
      ADD_FAILURE() << "envVarTest:" << i + 1 << ": bad platform " << platform;
      continue;
    }
    ++rows;
    ExpandResult r = expand_word(input, *env, '\\');
    if (expected == "error") {
      EXPECT_FALSE(r.ok()) << "envVarTest:" << i + 1 << ": " << input << " gave " << r.value;
    } else {
      EXPECT_TRUE(r.ok()) << "envVarTest:" << i + 1 << ": " << input << ": "
                          << (r.error ? r.error->message : "");
      EXPECT_EQ(r.value, expected) << "envVarTest:" << i + 1 << ": " << input;
    }
  }
  EXPECT_EQ(rows, 230);
  EXPECT_EQ(u_rows, 2);
  EXPECT_EQ(w_rows, 2);
  EXPECT_EQ(a_rows, 226);
}

TEST(ExpandConformance, WordsTestTable) {
  auto lines = read_lines(kShellDir / "wordsTest");
  if (!lines) GTEST_SKIP() << "conformance data not found: " << (kShellDir / "wordsTest");
  VarMap env;
  int rows = 0;
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("ENV ", 0) == 0) {
      std::string kv = trim(std::string_view(line).substr(3), true, false);
      size_t eq = kv.find('=');
      ASSERT_NE(eq, std::string::npos) << "wordsTest:" << i + 1;
      env.set(kv.substr(0, eq), kv.substr(eq + 1));
      continue;
    }
    auto fields = split(line, '|');
    ASSERT_EQ(fields.size(), 2u) << "wordsTest:" << i + 1;
    std::string input = trim(fields[0]);
    std::vector<std::string> expected = split(trim(fields[1], true, false), ',');
    ++rows;
    ExpandResult r = expand_words(input, env, '\\');
    std::vector<std::string> got = r.ok() ? r.words : std::vector<std::string>{"error"};
    EXPECT_EQ(got, expected) << "wordsTest:" << i + 1 << ": " << input;
  }
  EXPECT_EQ(rows, 24);
}

// ---- unit cases ------------------------------------------------------------------------

VarMap test_env() {
  VarMap env;
  env.set("FOO", "xxyy");
  env.set("EMPTY", "");
  env.set("PWD", "/home");
  return env;
}

std::string ok(std::string_view text, const VarLookup& env, char escape = '\\') {
  ExpandResult r = expand_word(text, env, escape);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.error ? r.error->message : "");
  return r.value;
}

ExpandError err(std::string_view text, const VarLookup& env, char escape = '\\') {
  ExpandResult r = expand_word(text, env, escape);
  EXPECT_FALSE(r.ok()) << text << " gave " << r.value;
  return r.error.value_or(ExpandError{});
}

TEST(Expand, DefaultsAndAlternatives) {
  VarMap env = test_env();
  EXPECT_EQ(ok("${FOO-a} ${EMPTY-b} ${NONE-c}", env), "xxyy  c");
  EXPECT_EQ(ok("${FOO:-a} ${EMPTY:-b} ${NONE:-c}", env), "xxyy b c");
  EXPECT_EQ(ok("${FOO+a} ${EMPTY+b} ${NONE+c}", env), "a b ");
  EXPECT_EQ(ok("${FOO:+a} ${EMPTY:+b} ${NONE:+c}", env), "a  ");
  EXPECT_EQ(ok("${FOO:-}", env), "xxyy");
  EXPECT_EQ(ok("${FOO?x}${EMPTY?x}", env), "xxyy");
  EXPECT_EQ(ok("${FOO:?x}", env), "xxyy");
  EXPECT_EQ(ok("${NONE:-${FOO:-z}}", env), "xxyy");
}

TEST(Expand, RequiredMessages) {
  VarMap env;
  env.set("ARG", "x");
  env.set("VAR", "");
  EXPECT_EQ(err("${VAR:?message here$ARG}", env).message, "VAR: message herex");
  EXPECT_EQ(err("${NO?}", env).message, "NO: is not allowed to be unset");
  EXPECT_EQ(err("${VAR:?}", env).message, "VAR: is not allowed to be empty");
  EXPECT_EQ(ok("${VAR?message}", env), "");
  ExpandError e = err("ab${NO:?}cd", env);
  EXPECT_EQ(e.begin, 2u);
  EXPECT_EQ(e.end, 9u);
}

TEST(Expand, PatternTrimming) {
  VarMap env = test_env();
  EXPECT_EQ(ok("${FOO#*x*y}", env), "y");
  EXPECT_EQ(ok("${FOO#*}", env), "xxyy");
  EXPECT_EQ(ok("${FOO##*}", env), "");
  EXPECT_EQ(ok("${FOO##*x}", env), "yy");
  EXPECT_EQ(ok("${FOO#}${FOO##}", env), "xxyyxxyy");
  EXPECT_EQ(ok("${FOO%y}", env), "xxy");
  EXPECT_EQ(ok("${FOO%%y*}", env), "xx");
  EXPECT_EQ(ok("${FOO%}", env), "xxyy");
  EXPECT_EQ(ok("${FOO%?y}", env), "xx");
  EXPECT_EQ(ok("${ABC:-.}${FOO%x}${ABC:-.}", env), ".xxyy.");
  VarMap sp;
  sp.set("FOO", "()[]{}^$.*?|\\x");
  EXPECT_EQ(ok("${FOO#()[]{\\}^$.\\*\\?|\\\\}", sp), "x");
  sp.set("FOO", "xx**");
  EXPECT_EQ(ok("${FOO%%\\**}", sp), "xx");
  sp.set("FOO", "a***yy*");
  EXPECT_EQ(ok("${FOO%%\\**\\*}", sp), "a");
  sp.set("FOO", "???y");
  EXPECT_EQ(ok("${FOO#?\\?}", sp), "?y");
  sp.set("BAR", "x");
  sp.set("FOO", "xxyy");
  EXPECT_EQ(ok("${FOO#$BAR}", sp), "xyy");
  sp.set("BAR", "");
  EXPECT_EQ(ok("${FOO%%$BAR}", sp), "xxyy");
  // Quotes inside the pattern are removed before it is read as a glob.
  EXPECT_EQ(ok("${FOO#'x'}", sp), "xyy");
  EXPECT_EQ(ok("${FOO#'*'}", sp), "xxyy");
  // Newlines are not matched by * or ?, as in BuildKit (Go regexp without (?s)).
  sp.set("ML", "a\nb");
  EXPECT_EQ(ok("${ML#*b}", sp), "a\nb");
  EXPECT_EQ(ok("${ML#a?}", sp), "a\nb");
  // Code points, not bytes.
  sp.set("K", "한국어");
  EXPECT_EQ(ok("${K#?}", sp), "국어");
  EXPECT_EQ(ok("${K%?}", sp), "한국");
}

TEST(Expand, PatternReplace) {
  VarMap env;
  env.set("FOO", "/foo*/*/*.txt");
  env.set("NEEDLE", "\\*/");
  EXPECT_EQ(ok("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", env), "/foo.*/*.txt - /foo..*.txt");
  env.set("FOO", "/tmp/tmp/bar.txt");
  env.set("NEEDLE", "/tmp");
  EXPECT_EQ(ok("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", env), "/tmp/bar.txt - /bar.txt");
  env.set("FOO", "/a/foo/b/c.txt");
  env.set("NEEDLE", "/?/");
  env.set("REPLACEMENT", "/");
  EXPECT_EQ(ok("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}", env),
            "/foo/b/c.txt - /foo/c.txt");
  env.set("FOO", "http://google.de");
  env.set("NEEDLE", "http://");
  env.set("REPLACEMENT", "https://");
  EXPECT_EQ(ok("${FOO/$NEEDLE/$REPLACEMENT}", env), "https://google.de");
  env.set("FOO", "/tmp/foo.txt");
  EXPECT_EQ(ok("${FOO//\\//\\/}", env), "\\/tmp\\/foo.txt");
  env.set("FOO", "xxyy");
  env.set("BAR", "");
  EXPECT_EQ(ok("${FOO/$BAR/ww}", env), "wwxxyy");
  EXPECT_EQ(ok("${FOO//$BAR/-}", env), "-x-x-y-y-");
  EXPECT_EQ(ok("${FOO///}", env), "xxyy");
  EXPECT_EQ(ok("${NONE///}", env), "");
  EXPECT_EQ(ok("${FOO/x*/z}", env), "z");
  EXPECT_EQ(ok("${FOO//x/\\$0\\$0}", env), "\\x\\x\\x\\xyy");
  EXPECT_EQ(err("${FOO//ww}", env).message, "syntax error: missing '/' in ${}");
  EXPECT_EQ(err("${FOO//}", env).message, "syntax error: missing '/' in ${}");
  EXPECT_EQ(err("${FOO/a\\b/c}", env).message,
            "invalid pattern (a\\b) in substitution: invalid escape '\\b'");
}

TEST(Expand, Errors) {
  VarMap env = test_env();
  ExpandError e = err("ab${}", env);
  EXPECT_EQ(e.message, "syntax error: bad substitution");
  EXPECT_EQ(e.begin, 2u);
  e = err("x${FOO", env);
  EXPECT_EQ(e.message, "syntax error: missing '}'");
  EXPECT_EQ(e.begin, 1u);
  EXPECT_EQ(e.end, 6u);
  EXPECT_EQ(err("${aaa:-bbb", env).message, "syntax error: missing '}'");
  EXPECT_EQ(err("${FOO:=x}", env).message, "unsupported modifier (:=) in substitution");
  EXPECT_EQ(err("${FOO=x}", env).message, "unsupported modifier (=) in substitution");
  EXPECT_EQ(err("${FOO:#x}", env).message, "unsupported modifier (:#) in substitution");
  EXPECT_EQ(err("${FOO:%x}", env).message, "unsupported modifier (:%) in substitution");
  EXPECT_EQ(err("${a.b}", env).message, "unsupported modifier (.) in substitution");
  EXPECT_EQ(err("${:-x}", env).message, "syntax error: bad substitution");
  e = err("a 'b", env);
  EXPECT_EQ(e.message, "unexpected end of statement while looking for matching single-quote");
  EXPECT_EQ(e.begin, 2u);
  EXPECT_EQ(e.end, 4u);
  e = err("a \"b", env);
  EXPECT_EQ(e.message, "unexpected end of statement while looking for matching double-quote");
  EXPECT_EQ(e.begin, 2u);
  EXPECT_EQ(buildkit_error_message("a \"b", e),
            "failed to process \"a \\\"b\": unexpected end of statement while looking for "
            "matching double-quote");
  // Nested errors keep their own position.
  e = err("${A:-${}}", env);
  EXPECT_EQ(e.message, "syntax error: bad substitution");
  EXPECT_EQ(e.begin, 5u);
}

TEST(Expand, EscapesAndQuotes) {
  VarMap env = test_env();
  EXPECT_EQ(ok("\\$FOO \\${FOO}", env), "$FOO ${FOO}");
  EXPECT_EQ(ok("\"\\$FOO\"", env), "$FOO");
  EXPECT_EQ(ok("\"a\\tb\"", env), "a\\tb");
  EXPECT_EQ(ok("a\\tb", env), "atb");
  EXPECT_EQ(ok("'$FOO'\"$FOO\"", env), "$FOOxxyy");
  EXPECT_EQ(ok("$1x$@y$$z$.", env), "xyz$.");
  // Backtick escape (`# escape=``): backslash is an ordinary character.
  EXPECT_EQ(ok("C:\\gopath", env, '`'), "C:\\gopath");
  EXPECT_EQ(ok("`$FOO", env, '`'), "$FOO");
  EXPECT_EQ(ok("\\$FOO", env, '`'), "\\xxyy");
  EXPECT_EQ(ok("\"a`\"b\"", env, '`'), "a\"b");
  EXPECT_EQ(ok("a``b`", env, '`'), "a`b");
}

TEST(Expand, OptionsRawAndSkipQuotes) {
  VarMap env = test_env();
  ExpandOptions o;
  o.process_quotes = false;  // heredoc bodies
  EXPECT_EQ(expand_word("echo \"$FOO\" '$FOO' \\$FOO", env, o).value, "echo \"xxyy\" 'xxyy' $FOO");
  o = {};
  o.raw_quotes = true;
  EXPECT_EQ(expand_word("a'b'\"$FOO\"", env, o).value, "a'b'\"xxyy\"");
  o.raw_escapes = true;
  EXPECT_EQ(expand_word("a\\ b\\$FOO", env, o).value, "a\\ b\\$FOO");
}

TEST(Expand, KeepUnsetAsBuildKit) {
  VarMap env = test_env();
  ExpandOptions o;
  o.keep_unset = true;
  EXPECT_EQ(expand_word("$NO ${NO} ${NO:-a$FOO} ${NO##x} ${NO//a/b} $FOO", env, o).value,
            "$NO ${NO} ${NO:-axxyy} ${NO##x} ${NO/a/b} xxyy");
  EXPECT_TRUE(expand_word("${NO:?}", env, o).ok());
}

TEST(Expand, UnknownValuesStayAsWritten) {
  VarMap env = test_env();
  env.set_unknown("VER");
  ExpandResult r = expand_word("img:${VER:-1.0}-$VER-${FOO}", env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, "img:${VER:-1.0}-$VER-xxyy");
  EXPECT_FALSE(r.exact);
  EXPECT_TRUE(expand_word("${VER:?must be set}", env).ok());
  EXPECT_TRUE(expand_word("$FOO", env).exact);
  // A partially known value replaces plain references only.
  struct Partial final : VarLookup {
    VarValue get(std::string_view name) const override {
      return name == "IMG" ? VarValue::unknown("${REG}/python") : VarValue::unset();
    }
  } lookup;
  ExpandResult p = expand_word("$IMG:${IMG}:${IMG:-x}", lookup);
  EXPECT_EQ(p.value, "${REG}/python:${REG}/python:${IMG:-x}");
  EXPECT_FALSE(p.exact);
}

TEST(Expand, ReferencesWithRanges) {
  VarMap env = test_env();
  ExpandResult r = expand_word("a$FOO ${NO:-${EMPTY}} '$X' \"$1\"", env);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.refs.size(), 4u);
  EXPECT_EQ(r.refs[0].name, "FOO");
  EXPECT_EQ(r.refs[0].begin, 1u);
  EXPECT_EQ(r.refs[0].end, 5u);
  EXPECT_EQ(r.refs[0].name_begin, 2u);
  EXPECT_EQ(r.refs[0].state, VarValue::State::kSet);
  EXPECT_EQ(r.refs[1].name, "NO");
  EXPECT_EQ(r.refs[1].begin, 6u);
  EXPECT_EQ(r.refs[1].end, 21u);
  EXPECT_EQ(r.refs[1].name_begin, 8u);
  EXPECT_EQ(r.refs[1].name_end, 10u);
  EXPECT_EQ(r.refs[1].op, ":-");
  EXPECT_TRUE(r.refs[1].braced);
  EXPECT_EQ(r.refs[1].state, VarValue::State::kUnset);
  EXPECT_EQ(r.refs[2].name, "EMPTY");
  EXPECT_EQ(r.refs[2].depth, 1u);
  EXPECT_EQ(r.refs[2].begin, 12u);
  EXPECT_EQ(r.refs[2].end, 20u);
  EXPECT_EQ(r.refs[3].name, "1");
  EXPECT_EQ(r.refs[3].kind, VarRef::Kind::kPositional);
  EXPECT_TRUE(r.refs[3].in_double_quotes);

  ExpandResult f = find_references("${A##p} $B \\$C");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.refs.size(), 2u);
  EXPECT_EQ(f.refs[0].op, "##");
  EXPECT_EQ(f.refs[1].name, "B");
  EXPECT_EQ(f.refs[1].begin, 8u);
}

TEST(Expand, WordSplitting) {
  VarMap env;
  env.set("P", "80 443/tcp");
  ExpandResult r = expand_words("$P \"8 0\" 9\\ 9 '' x", env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.words, (std::vector<std::string>{"80", "443/tcp", "8 0", "9 9", "x"}));
}

TEST(Expand, DeepNestingIsAnErrorNotACrash) {
  std::string text;
  const int kLevels = 10000;
  for (int i = 0; i < kLevels; ++i) text += "${a:-";
  text += "x";
  for (int i = 0; i < kLevels; ++i) text += "}";
  ExpandResult r = expand_word(text, EmptyLookup{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->message, "variable substitution nested more than 100 levels deep");
  EXPECT_EQ(r.error->begin, 500u);  // the 101st `${`
  std::string fine;
  for (int i = 0; i < 50; ++i) fine += "${a:-";
  fine += "x";
  for (int i = 0; i < 50; ++i) fine += "}";
  EXPECT_EQ(expand_word(fine, EmptyLookup{}).value, "x");
}

TEST(Expand, LongInputsStayFast) {
  std::string value(200000, 'a');
  VarMap env;
  env.set("V", value);
  // Pathological for a backtracking matcher: many stars against a long run.
  std::string pat = "${V//" + std::string(200, '*') + "a*a*a*a*a*a*a*b/x}";
  ExpandResult r = expand_word(pat, env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value, value);
  r = expand_word("${V%%*a*a*a*a*a*a*a*a*a*a*a*a*b}", env);
  EXPECT_EQ(r.value, value);
  r = expand_word("${V//a/bb}", env);
  EXPECT_EQ(r.value.size(), 400000u);
}

// Random soup of special characters: never crashes, positions stay inside the text.
TEST(Expand, RandomInputsAreHandled) {
  const char alphabet[] = "${}:-+?#%/\\'\"` ab\n\xC3\xA9";
  std::mt19937 rng(7);
  VarMap env;
  env.set("a", "x y");
  env.set("b", "");
  for (int iter = 0; iter < 20000; ++iter) {
    std::string text;
    int len = rng() % 24;
    for (int i = 0; i < len; ++i) text += alphabet[rng() % (sizeof(alphabet) - 1)];
    for (char esc : {'\\', '`'}) {
      ExpandOptions o;
      o.escape = esc;
      o.keep_unset = iter % 3 == 0;
      o.process_quotes = iter % 5 != 0;
      for (const ExpandResult& r :
           {expand_word(text, env, o), expand_words(text, env, o), find_references(text, o)}) {
        if (r.error) {
          EXPECT_LE(r.error->begin, r.error->end) << text;
          EXPECT_LE(r.error->end, text.size()) << text;
          EXPECT_FALSE(r.error->message.empty());
        }
        for (const VarRef& ref : r.refs) {
          EXPECT_LE(ref.begin, ref.name_begin) << text;
          EXPECT_LE(ref.name_end, ref.end) << text;
          EXPECT_LE(ref.end, text.size()) << text;
        }
      }
    }
  }
}

}  // namespace
}  // namespace dockml
