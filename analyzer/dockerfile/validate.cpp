#include "analyzer/dockerfile/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml {

using namespace dfparse;

namespace {

enum class FlagType { kBool, kString, kStrings };
struct FlagSpec {
  std::string_view name;
  FlagType type;
};

constexpr FlagSpec kFromFlags[] = {{"platform", FlagType::kString}};
constexpr FlagSpec kRunFlags[] = {{"mount", FlagType::kStrings},
                                  {"network", FlagType::kString},
                                  {"security", FlagType::kString},
                                  {"device", FlagType::kStrings}};
constexpr FlagSpec kCopyFlags[] = {{"chown", FlagType::kString},  {"from", FlagType::kString},
                                   {"chmod", FlagType::kString},  {"link", FlagType::kBool},
                                   {"parents", FlagType::kBool}, {"exclude", FlagType::kStrings}};
constexpr FlagSpec kAddFlags[] = {{"chown", FlagType::kString},    {"chmod", FlagType::kString},
                                  {"link", FlagType::kBool},       {"keep-git-dir", FlagType::kBool},
                                  {"checksum", FlagType::kString}, {"unpack", FlagType::kBool},
                                  {"exclude", FlagType::kStrings}};
constexpr FlagSpec kHealthFlags[] = {{"interval", FlagType::kString},
                                     {"timeout", FlagType::kString},
                                     {"start-period", FlagType::kString},
                                     {"start-interval", FlagType::kString},
                                     {"retries", FlagType::kString}};

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// " (did you mean X?)" as BuildKit's suggest.WrapError: the first option at Levenshtein
// distance <= 2; instruction names compare case-insensitively and the suggestion follows
// the case of the value (all lower / all upper), flag names compare case-sensitively.
template <typename Names>
std::string did_you_mean(std::string_view value, const Names& names, bool case_insensitive) {
  if (value.empty() || value.size() > 256) return "";
  std::string v = case_insensitive ? go_to_lower(value) : std::string(value);
  std::string best;
  size_t best_dist = 3;
  for (std::string_view n : names) {
    std::string cand = case_insensitive ? go_to_lower(n) : std::string(n);
    if (cand == v) return "";
    size_t d = levenshtein(v, cand);
    if (d < best_dist) {
      best_dist = d;
      best = cand;
    }
  }
  if (best.empty()) return "";
  if (case_insensitive) {
    std::string upper = best;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string vu(value);
    for (auto& c : vu) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (value == vu && value != v) best = upper;
  }
  return fmt::format(" (did you mean {}?)", best);
}

// Go's time.ParseDuration, in nanoseconds; nullopt when invalid.
std::optional<double> parse_go_duration(std::string_view s) {
  std::string_view orig = s;
  double sign = 1;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    if (s[0] == '-') sign = -1;
    s.remove_prefix(1);
  }
  if (s == "0") return 0.0;
  if (s.empty()) return std::nullopt;
  double total = 0;
  while (!s.empty()) {
    size_t i = 0;
    double v = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      double scale = 0.1;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) return std::nullopt;
    size_t u = i;
    while (u < s.size() && s[u] != '.' && !(s[u] >= '0' && s[u] <= '9')) ++u;
    std::string_view unit = s.substr(i, u - i);
    double mult = 0;
    if (unit == "ns") mult = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") mult = 1e3;
    else if (unit == "ms") mult = 1e6;
    else if (unit == "s") mult = 1e9;
    else if (unit == "m") mult = 60e9;
    else if (unit == "h") mult = 3600e9;
    else return std::nullopt;
    total += v * mult;
    s.remove_prefix(u);
  }
  (void)orig;
  return sign * total;
}

class Validator {
 public:
  explicit Validator(const Dockerfile& df) : df_(df) {}

  std::vector<ParseError> run() {
    bool seen_from = false;
    bool reported_no_stage = false;
    for (const auto& inst : df_.instructions) {
      if (inst.has_parse_error) continue;
      check(inst);
      if (inst.kind == InstructionKind::kFrom) seen_from = true;
      if (!seen_from && !reported_no_stage && inst.kind != InstructionKind::kArg &&
          inst.kind != InstructionKind::kUnknown) {
        reported_no_stage = true;
        error(inst.keyword_span,
              fmt::format("no build stage in current context: expected a FROM instruction "
                          "before {} (only ARG may come before the first FROM)",
                          inst.keyword));
      }
    }
    return std::move(errors_);
  }

 private:
  void error(Span span, std::string message) {
    errors_.push_back(ParseError{span, std::move(message)});
  }

  Span args_span(const Instruction& inst) const {
    if (inst.args.empty()) return inst.keyword_span;
    return Span{inst.args.front().span.begin, inst.args.back().span.end};
  }

  template <size_t N>
  void check_flags(const Instruction& inst, const FlagSpec (&specs)[N]) {
    check_flags(inst, specs, N);
  }
  void check_no_flags(const Instruction& inst) { check_flags(inst, nullptr, 0); }

  void check_flags(const Instruction& inst, const FlagSpec* specs, size_t n) {
    std::vector<std::string_view> names, used;
    for (size_t i = 0; i < n; ++i) names.push_back(specs[i].name);
    for (const auto& f : inst.flags) {
      const FlagSpec* spec = nullptr;
      for (size_t i = 0; i < n; ++i) {
        if (specs[i].name == f.name) spec = &specs[i];
      }
      if (!spec) {
        std::string hint = did_you_mean(f.name, names, false);
        if (n == 0) {
          error(f.name_span, fmt::format("unknown flag: --{}: {} takes no flags", f.name,
                                         inst.keyword));
        } else {
          error(f.name_span, fmt::format("unknown flag: --{}{}", f.name, hint));
        }
        continue;
      }
      if (spec->type != FlagType::kStrings &&
          std::find(used.begin(), used.end(), spec->name) != used.end()) {
        error(f.span, fmt::format("duplicate flag specified: --{}", f.name));
        continue;
      }
      used.push_back(spec->name);
      if (spec->type == FlagType::kBool) {
        if (f.has_value && f.value.empty()) {
          error(f.span, fmt::format("missing a value on flag: --{}: expected --{} or --{}=true|false",
                                    f.name, f.name, f.name));
          continue;
        }
        std::string v = go_to_lower(f.value);
        if (v != "true" && v != "false" && !v.empty()) {
          error(f.value_span, fmt::format("expecting boolean value for flag {}, not: {}", f.name,
                                          f.value));
        }
      } else if (!f.has_value) {
        error(f.span, fmt::format("missing a value on flag: --{}: expected --{}=<value>", f.name,
                                  f.name));
      }
    }
  }

  void exactly_one(const Instruction& inst, std::string_view name) {
    if (inst.args.size() != 1) {
      error(inst.args.empty() ? inst.keyword_span : args_span(inst),
            fmt::format("{} requires exactly one argument", name));
    }
  }
  void at_least_one(const Instruction& inst, std::string_view name) {
    if (inst.args.empty()) {
      error(inst.keyword_span, fmt::format("{} requires at least one argument", name));
    }
  }

  void check_kvps(const Instruction& inst, std::string_view name) {
    check_no_flags(inst);
    if (inst.pairs.empty()) {
      at_least_one(inst, name);
      return;
    }
    for (const auto& kv : inst.pairs) {
      if (kv.key.text.empty()) {
        error(kv.span, fmt::format("{} names can not be blank: expected NAME=value", name));
      }
    }
  }

  void check_from(const Instruction& inst) {
    const auto& a = inst.args;
    bool as_ok = a.size() == 3 && go_to_lower(a[1].text) == "as";
    if (a.size() == 3 && as_ok) {
      std::string name = go_to_lower(a[2].text);
      bool ok = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
      for (char c : name) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.');
      }
      if (!ok) {
        error(a[2].span, fmt::format("invalid name for build stage: \"{}\", name can't start "
                                     "with a number or contain symbols",
                                     a[2].text));
      }
    } else if (a.size() != 1) {
      error(args_span(inst),
            "FROM requires either one or three arguments: expected `FROM image` or "
            "`FROM image AS name`");
    }
    check_flags(inst, kFromFlags);
  }

  void check_copy(const Instruction& inst, std::string_view name) {
    if (inst.args.size() < 2) {
      error(inst.args.empty() ? inst.keyword_span : args_span(inst),
            fmt::format("{} requires at least two arguments, but only one was provided. "
                        "Destination could not be determined",
                        name));
    } else if (!inst.json_form && parse_heredoc_word(inst.args.back().text)) {
      error(inst.args.back().span,
            fmt::format("{} cannot accept a heredoc as a destination", name));
    }
    if (inst.kind == InstructionKind::kCopy) {
      check_flags(inst, kCopyFlags);
    } else {
      check_flags(inst, kAddFlags);
    }
  }

  void check_run(const Instruction& inst) {
    check_flags(inst, kRunFlags);
    for (const auto& f : inst.flags) {
      if (!f.has_value) continue;
      if (f.name == "network" && f.value != "default" && f.value != "none" && f.value != "host") {
        error(f.value_span, fmt::format("network mode \"{}\" not supported: expected default, "
                                        "none or host",
                                        f.value));
      } else if (f.name == "security" && f.value != "sandbox" && f.value != "insecure") {
        error(f.value_span, fmt::format("security mode \"{}\" not supported: expected sandbox or "
                                        "insecure",
                                        f.value));
      } else if (f.name == "mount") {
        check_mount_from(f);
      }
    }
  }

  void check_mount_from(const Flag& f) {
    // CSV fields; only `from` is looked at this early.
    std::string field;
    bool in_quote = false;
    auto finish = [&]() {
      size_t eq = field.find('=');
      if (eq != std::string::npos && go_to_lower(field.substr(0, eq)) == "from") {
        std::string v = field.substr(eq + 1);
        size_t dollar = v.find('$');
        if (dollar != std::string::npos && dollar + 1 != v.size()) {
          error(f.value_span,
                "'from' doesn't support variable expansion, define alias stage instead");
        }
      }
      field.clear();
    };
    for (char c : f.value) {
      if (c == '"') {
        in_quote = !in_quote;
        continue;
      }
      if (c == ',' && !in_quote) {
        finish();
        continue;
      }
      field.push_back(c);
    }
    finish();
  }

  void check_healthcheck(const Instruction& inst) {
    if (inst.args.empty()) {
      at_least_one(inst, "HEALTHCHECK");
      return;
    }
    std::string type = inst.args[0].text;
    for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (type == "NONE") {
      if (inst.args.size() > 1) {
        error(Span{inst.args[1].span.begin, inst.args.back().span.end},
              "HEALTHCHECK NONE takes no arguments");
      }
      return;
    }
    check_flags(inst, kHealthFlags);
    if (type != "CMD") {
      error(inst.args[0].span,
            fmt::format("Unknown type \"{}\" in HEALTHCHECK (try CMD)", inst.args[0].text));
      return;
    }
    if (inst.args.size() < 2) {
      error(inst.args[0].span, "Missing command after HEALTHCHECK CMD");
    }
    for (const auto& f : inst.flags) {
      if (!f.has_value || f.value.empty()) continue;
      if (f.name == "retries") {
        bool digits = !f.value.empty();
        size_t i = (f.value[0] == '-' || f.value[0] == '+') ? 1 : 0;
        if (i == f.value.size()) digits = false;
        for (; i < f.value.size(); ++i) digits = digits && f.value[i] >= '0' && f.value[i] <= '9';
        if (!digits || f.value.size() > 11) {
          error(f.value_span, fmt::format("strconv.ParseInt: parsing \"{}\": invalid syntax: "
                                          "expected a whole number of retries",
                                          f.value));
        } else if (f.value[0] == '-' && f.value.find_first_not_of("-0") != std::string::npos) {
          error(f.value_span, fmt::format("--retries cannot be negative ({})", f.value));
        }
        continue;
      }
      auto d = parse_go_duration(f.value);
      if (!d) {
        error(f.value_span, fmt::format("time: invalid duration \"{}\": expected a duration "
                                        "such as 30s or 1m30s",
                                        f.value));
      } else if (*d != 0 && *d < 1e6) {
        error(f.value_span, fmt::format("Interval \"{}\" cannot be less than 1ms", f.name));
      }
    }
  }

  void check_onbuild(const Instruction& inst) {
    check_no_flags(inst);
    if (!inst.trigger) {
      at_least_one(inst, "ONBUILD");
      return;
    }
    std::string trig = inst.trigger->keyword;
    for (auto& c : trig) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (trig == "ONBUILD") {
      error(inst.trigger->keyword_span, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    } else if (trig == "MAINTAINER" || trig == "FROM") {
      error(inst.trigger->keyword_span,
            fmt::format("{} isn't allowed as an ONBUILD trigger", trig));
    }
  }

  void check(const Instruction& inst) {
    switch (inst.kind) {
      case InstructionKind::kUnknown: {
        std::vector<std::string_view> names;
        for (int k = static_cast<int>(InstructionKind::kAdd);
             k <= static_cast<int>(InstructionKind::kWorkdir); ++k) {
          names.push_back(instruction_name(static_cast<InstructionKind>(k)));
        }
        error(inst.keyword_span, fmt::format("unknown instruction: {}{}", inst.keyword,
                                             did_you_mean(inst.keyword, names, true)));
        return;
      }
      case InstructionKind::kEnv: check_kvps(inst, "ENV"); return;
      case InstructionKind::kLabel: check_kvps(inst, "LABEL"); return;
      case InstructionKind::kMaintainer:
        exactly_one(inst, "MAINTAINER");
        check_no_flags(inst);
        return;
      case InstructionKind::kAdd: check_copy(inst, "ADD"); return;
      case InstructionKind::kCopy: check_copy(inst, "COPY"); return;
      case InstructionKind::kFrom: check_from(inst); return;
      case InstructionKind::kOnbuild: check_onbuild(inst); return;
      case InstructionKind::kWorkdir:
        exactly_one(inst, "WORKDIR");
        check_no_flags(inst);
        return;
      case InstructionKind::kRun: check_run(inst); return;
      case InstructionKind::kCmd:
      case InstructionKind::kEntrypoint:
        check_no_flags(inst);
        return;
      case InstructionKind::kHealthcheck: check_healthcheck(inst); return;
      case InstructionKind::kExpose:
        at_least_one(inst, "EXPOSE");
        check_no_flags(inst);
        return;
      case InstructionKind::kUser:
        exactly_one(inst, "USER");
        check_no_flags(inst);
        return;
      case InstructionKind::kVolume:
        at_least_one(inst, "VOLUME");
        check_no_flags(inst);
        for (const auto& a : inst.args) {
          uint32_t b = 0, e = static_cast<uint32_t>(a.text.size());
          trim_unicode_space(a.text, b, e);
          if (b == e) error(a.span, "VOLUME specified can not be an empty string");
        }
        return;
      case InstructionKind::kStopsignal: exactly_one(inst, "STOPSIGNAL"); return;
      case InstructionKind::kArg:
        at_least_one(inst, "ARG");
        for (const auto& kv : inst.pairs) {
          if (kv.has_equals && kv.key.text.empty()) {
            error(kv.span, "ARG names can not be blank: expected NAME or NAME=default");
          }
        }
        return;
      case InstructionKind::kShell:
        check_no_flags(inst);
        if (inst.args.empty()) {
          at_least_one(inst, "SHELL");
        } else if (!inst.json_form) {
          error(args_span(inst), "SHELL requires the arguments to be in JSON form: expected "
                                 "SHELL [\"executable\", \"parameters\"]");
        }
        return;
    }
  }

  const Dockerfile& df_;
  std::vector<ParseError> errors_;
};

}  // namespace

std::vector<ParseError> validate_instructions(const Dockerfile& df) {
  return Validator(df).run();
}

}  // namespace dockml
