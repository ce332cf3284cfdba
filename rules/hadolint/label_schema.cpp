#include "rules/hadolint/label_schema.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>
#include <re2/re2.h>

#include "rules/hadolint/dl_common.h"

namespace dockml::rules::hl {

namespace {

// Removes one pair of surrounding quotes; inside double quotes, `\x` becomes `x`.
std::string unquote_value(std::string_view s) {
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') return std::string(s.substr(1, s.size() - 2));
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) ++i;
      out += s[i];
    }
    return out;
  }
  return std::string(s);
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool spdx_id(std::string_view id, const SpdxLicenseList& list) {
  if (id.ends_with("+")) id.remove_suffix(1);
  static const RE2 kRef("(DocumentRef-[A-Za-z0-9.\\-]+:)?LicenseRef-[A-Za-z0-9.\\-]+");
  if (RE2::FullMatch(id, kRef)) return true;
  return std::any_of(list.ids.begin(), list.ids.end(), [&](std::string_view k) { return iequal(k, id); });
}

}  // namespace

std::vector<LabelPair> label_pairs(const FileContext& ctx, const Instruction& inst) {
  std::vector<LabelPair> out;
  if (inst.kind != InstructionKind::kLabel || dl::index_of(ctx, inst) == kNoInstruction) return out;
  for (const KeyValue& kv : inst.pairs)
    out.push_back({unquote_value(kv.key.text), unquote_value(kv.value.text), &kv});
  return out;
}

bool has_variable(std::string_view value) { return value.find('$') != std::string_view::npos; }

bool is_url(std::string_view v) {
  static const RE2 kUri("[A-Za-z][A-Za-z0-9+.\\-]*:[^\\s<>\"{}|\\\\^`]+");
  static const RE2 kWeb("(?i)(https?|ftp|wss?)://[^/\\s?#@]*@?[^/\\s?#]+([/?#][^\\s]*)?");
  static const RE2 kWebScheme("(?i)(https?|ftp|wss?):.*");
  if (!RE2::FullMatch(v, kUri)) return false;
  return !RE2::FullMatch(v, kWebScheme) || RE2::FullMatch(v, kWeb);
}

bool is_rfc3339(std::string_view v) {
  static const RE2 kTime(
      "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-](\\d{2}):(\\d{2}))");
  int y, mo, d, h, mi, s;
  std::string frac, zone;
  if (!RE2::FullMatch(v, kTime, &y, &mo, &d, &h, &mi, &s, &frac, &zone)) return false;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || s > 60) return false;
  if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
  if (zone.size() == 6) {
    int zh = (zone[1] - '0') * 10 + (zone[2] - '0');
    int zm = (zone[4] - '0') * 10 + (zone[5] - '0');
    if (zh > 23 || zm > 59) return false;
  }
  return true;
}

// SPDX license expressions: ids (with `+`), LicenseRef-*, `WITH <exception>`, AND/OR and parens.
bool is_spdx_expression(std::string_view v, const SpdxLicenseList& list) {
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : v) {
    if (c == '(' || c == ')' || c == ' ' || c == '\t') {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
      if (c == '(' || c == ')') tokens.emplace_back(1, c);
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  // Grammar: expr := term ((AND|OR) term)*; term := '(' expr ')' | id [WITH exception].
  size_t i = 0;
  int depth = 0;
  bool expect_term = true;
  for (; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (expect_term) {
      if (t == "(") { ++depth; continue; }
      if (!spdx_id(t, list)) return false;
      if (i + 1 < tokens.size() && tokens[i + 1] == "WITH") {
        if (i + 2 >= tokens.size()) return false;
        std::string_view ex = tokens[i + 2];
        if (std::none_of(list.exceptions.begin(), list.exceptions.end(), [&](std::string_view k) { return iequal(k, ex); }))
          return false;
        i += 2;
      }
      expect_term = false;
    } else {
      if (t == ")") { if (--depth < 0) return false; continue; }
      if (t != "AND" && t != "OR" && t != "and" && t != "or") return false;
      expect_term = true;
    }
  }
  return !tokens.empty() && !expect_term && depth == 0;
}

bool is_git_hash(std::string_view v) {
  static const RE2 kHash("[0-9a-f]{7,40}|[0-9a-f]{64}");
  return RE2::FullMatch(v, kHash);
}

bool is_semver(std::string_view v) {
  // https://semver.org/ (2.0.0) grammar; an optional leading `v` is accepted.
  static const RE2 kSemver(
      "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
      "(-((0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
      "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
  return RE2::FullMatch(v, kSemver);
}

bool is_email(std::string_view v) {
  // RFC 5322 addr-spec (dot-atom or quoted local part; dot-atom or literal domain), alone or as
  // a name-addr mailbox `Display Name <addr-spec>`, with optional `(comments)`.
  static const RE2 kAddr(
      "(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\"[^\"\\\\]*\")"
      "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
      "|\\[[^\\[\\]\\\\]*\\])");
  static const RE2 kMailbox("[^<>@]*<([^<>]+)>");
  // RFC 5322 comments (`(@tianon)`) may surround the address: drop them and the spaces.
  std::string text(v);
  static const RE2 kComment("\\s*\\([^()]*\\)\\s*");
  RE2::GlobalReplace(&text, kComment, " ");
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  std::string inner;
  if (RE2::FullMatch(t, kMailbox, &inner)) return RE2::FullMatch(inner, kAddr);
  return RE2::FullMatch(t, kAddr);
}

void check_label_type(const FileContext& ctx, const Instruction& inst, Reporter& out,
                      std::string_view type, const std::function<bool(std::string_view)>& valid,
                      std::string_view what) {
  if (ctx.options == nullptr || ctx.options->label_schema.empty()) return;
  for (const LabelPair& p : label_pairs(ctx, inst)) {
    auto it = ctx.options->label_schema.find(p.key);
    if (it == ctx.options->label_schema.end() || dl::lower(it->second) != type) continue;
    if (p.value.empty() || has_variable(p.value) || valid(p.value)) continue;
    out.report(p.kv->value.span, fmt::format("label `{}`: `{}` is not {} (the label schema types it `{}`)",
                                             p.key, p.value, what, type));
  }
}

void StageLabels::visit(const FileContext& ctx, const Instruction& inst) {
  if (dl::index_of(ctx, inst) == kNoInstruction) return;
  if (inst.kind == InstructionKind::kFrom) {
    Stage s;
    s.from = &inst;
    if (inst.args.size() >= 3 && dl::lower(inst.args[1].text) == "as") s.name = dl::lower(inst.args[2].text);
    if (!inst.args.empty()) {
      s.parent = find(dl::lower(inst.args[0].text));
      if (s.parent >= 0) stages_[s.parent].used = true;
      use_by_pattern(inst.args[0].text);
    }
    stages_.push_back(std::move(s));
    return;
  }
  if (stages_.empty()) return;
  if (inst.kind == InstructionKind::kCopy) {
    if (const Flag* from = inst.find_flag("from"); from != nullptr) {
      int src = find(dl::lower(from->value));
      if (src >= 0) stages_[src].used = true;
      use_by_pattern(from->value);
    }
  }
  for (const LabelPair& p : label_pairs(ctx, inst)) stages_.back().keys.push_back(p.key);
}

void StageLabels::use_by_pattern(std::string_view raw) {
  if (raw.find('$') == std::string_view::npos) return;
  for (Stage& st : stages_)
    if (!st.name.empty() && dl::may_name_stage(raw, st.name)) st.used = true;
}

int StageLabels::find(std::string_view name) const {
  if (name.empty()) return -1;
  bool numeric = std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (numeric && name.size() < 6) {
    size_t n = std::stoul(std::string(name));
    return n < stages_.size() ? static_cast<int>(n) : -1;
  }
  for (size_t i = stages_.size(); i-- > 0;)
    if (stages_[i].name == name) return static_cast<int>(i);
  return -1;
}

bool StageLabels::has(size_t i, std::string_view key) const {
  for (int s = static_cast<int>(i), hops = 0; s >= 0 && hops < 1000; s = stages_[s].parent, ++hops)
    for (const std::string& k : stages_[s].keys)
      if (k == key) return true;
  return false;
}

}  // namespace dockml::rules::hl
