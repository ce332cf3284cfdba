#include "analyzer/dockerfile/glob.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "analyzer/dockerfile/rune.h"

namespace dockml {
namespace {

using Token = GlobPattern::Token;
using Set = std::vector<uint64_t>;

// out |= (in & mask) << 1
void shift_or(Set& out, const Set& in, const Set& mask) {
  uint64_t carry = 0;
  for (size_t w = 0; w < out.size(); ++w) {
    uint64_t x = in[w] & mask[w];
    out[w] |= (x << 1) | carry;
    carry = x >> 63;
  }
}

// Bit-parallel simulation of the pattern's automaton. State i = "token i is next";
// state tokens.size() accepts. Runs of `*` are collapsed at compile time, so the
// epsilon closure (a `*` may match nothing) is a single shift.
class Automaton {
 public:
  explicit Automaton(const std::vector<Token>& tokens)
      : accept_(tokens.size()), words_((tokens.size() + 1 + 63) / 64) {
    star_.assign(words_, 0);
    any_.assign(words_, 0);
    ascii_index_.fill(-1);
    std::unordered_map<char32_t, uint32_t> counts;
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (t.kind == Token::kAnyRun) {
        set_bit(star_, i);
      } else if (t.kind == Token::kAnyChar) {
        set_bit(any_, i);
      } else if (t.cp < 128) {
        int16_t& idx = ascii_index_[t.cp];
        if (idx < 0) {
          idx = static_cast<int16_t>(ascii_masks_.size());
          ascii_masks_.emplace_back(words_, 0);
        }
        set_bit(ascii_masks_[idx], i);
      } else {
        other_.emplace_back(t.cp, static_cast<uint32_t>(i));
        ++counts[t.cp];
      }
    }
    std::sort(other_.begin(), other_.end());
    // Code points frequent in the pattern get a mask; rare ones are applied bit by bit,
    // so a step costs O(words + 64) whatever the pattern.
    for (auto& [cp, n] : counts) {
      if (n <= 64) continue;
      Set mask(words_, 0);
      for (auto it = std::lower_bound(other_.begin(), other_.end(), std::make_pair(cp, 0u));
           it != other_.end() && it->first == cp; ++it) {
        set_bit(mask, it->second);
      }
      frequent_.emplace(cp, std::move(mask));
    }
    initial_.assign(words_, 0);
    set_bit(initial_, 0);
    close(initial_);
  }

  const Set& initial() const { return initial_; }
  bool accepts(const Set& s) const { return (s[accept_ / 64] >> (accept_ % 64)) & 1; }
  static bool empty(const Set& s) {
    return std::all_of(s.begin(), s.end(), [](uint64_t w) { return w == 0; });
  }
  void add_initial(Set& s) const {
    for (size_t w = 0; w < words_; ++w) s[w] |= initial_[w];
  }

  // out = states after reading `cp` from `in`.
  void step(const Set& in, char32_t cp, Set& out) const {
    out.assign(words_, 0);
    if (cp < 128) {
      if (ascii_index_[cp] >= 0) shift_or(out, in, ascii_masks_[ascii_index_[cp]]);
    } else if (auto it = frequent_.find(cp); it != frequent_.end()) {
      shift_or(out, in, it->second);
    } else {
      for (auto p = std::lower_bound(other_.begin(), other_.end(), std::make_pair(cp, 0u));
           p != other_.end() && p->first == cp; ++p) {
        if (get_bit(in, p->second)) set_bit(out, p->second + 1);
      }
    }
    if (cp != '\n') {
      shift_or(out, in, any_);
      for (size_t w = 0; w < words_; ++w) out[w] |= in[w] & star_[w];
    }
    close(out);
  }

 private:
  static void set_bit(Set& s, size_t i) { s[i / 64] |= uint64_t{1} << (i % 64); }
  static bool get_bit(const Set& s, size_t i) { return (s[i / 64] >> (i % 64)) & 1; }
  void close(Set& s) const {
    // A `*` may match nothing: its state also enables the next one. Never two `*` in a row.
    uint64_t carry = 0;
    for (size_t w = 0; w < words_; ++w) {
      uint64_t x = s[w] & star_[w];
      s[w] |= (x << 1) | carry;
      carry = x >> 63;
    }
  }

  size_t accept_;
  size_t words_;
  Set star_, any_, initial_;
  std::array<int16_t, 128> ascii_index_;
  std::vector<Set> ascii_masks_;
  std::vector<std::pair<char32_t, uint32_t>> other_;  // non-ASCII literal code points
  std::unordered_map<char32_t, Set> frequent_;
};

// The value as code points with their byte offsets (offsets.size() == cps.size() + 1).
struct Decoded {
  std::vector<char32_t> cps;
  std::vector<uint32_t> offsets;
  explicit Decoded(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      Rune r = decode_rune(s, pos);
      cps.push_back(r.cp);
      offsets.push_back(static_cast<uint32_t>(pos));
      pos += r.len;
    }
    offsets.push_back(static_cast<uint32_t>(s.size()));
  }
  size_t size() const { return cps.size(); }
};

// Number of code points of the shortest/longest match anchored at `start`, reading forward
// (or backward from `start` when !forward). nullopt when nothing matches.
std::optional<size_t> anchored_match(const Automaton& a, const Decoded& v, size_t start,
                                     bool forward, bool longest) {
  std::optional<size_t> best;
  if (a.accepts(a.initial())) {
    best = 0;
    if (!longest) return best;
  }
  Set cur = a.initial(), next;
  size_t limit = forward ? v.size() - start : start;
  for (size_t k = 0; k < limit; ++k) {
    a.step(cur, v.cps[forward ? start + k : start - 1 - k], next);
    cur.swap(next);
    if (Automaton::empty(cur)) break;
    if (a.accepts(cur)) {
      best = k + 1;
      if (!longest) break;
    }
  }
  return best;
}

std::vector<Token> reversed(const std::vector<Token>& tokens) {
  return std::vector<Token>(tokens.rbegin(), tokens.rend());
}

bool is_name_rune(char32_t cp) { return cp == '_' || rune_is_letter(cp) || rune_is_digit(cp); }

// Go's Regexp.Expand template for a pattern without groups: `$$` -> `$`, `$0`/`${0}` -> the
// match, any other well-formed `$name`/`${name}` -> nothing, a malformed `$` stays.
void expand_template(std::string_view tmpl, std::string_view match, std::string& out) {
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t dollar = tmpl.find('$', i);
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(i, dollar - i));
    i = dollar + 1;
    if (i < tmpl.size() && tmpl[i] == '$') {
      out += '$';
      ++i;
      continue;
    }
    bool brace = i < tmpl.size() && tmpl[i] == '{';
    size_t name_begin = brace ? i + 1 : i, j = name_begin;
    while (j < tmpl.size()) {
      Rune r = decode_rune(tmpl, j);
      if (!is_name_rune(r.cp)) break;
      j += r.len;
    }
    bool ok = j > name_begin && (!brace || (j < tmpl.size() && tmpl[j] == '}'));
    if (!ok) {
      out += '$';
      continue;
    }
    std::string_view name = tmpl.substr(name_begin, j - name_begin);
    if (name == "0") out.append(match);
    i = brace ? j + 1 : j;
  }
  if (i < tmpl.size()) out.append(tmpl.substr(i));
}

}  // namespace

std::optional<GlobPattern> GlobPattern::compile(std::string_view pattern, std::string* error) {
  std::vector<Token> tokens;
  for (size_t pos = 0; pos < pattern.size();) {
    Rune r = decode_rune(pattern, pos);
    pos += r.len;
    if (r.cp == '*') {
      if (tokens.empty() || tokens.back().kind != Token::kAnyRun) tokens.push_back({Token::kAnyRun});
      continue;
    }
    if (r.cp == '?') {
      tokens.push_back({Token::kAnyChar});
      continue;
    }
    if (r.cp == '\\') {
      if (pos < pattern.size() && (pattern[pos] == '}' || pattern[pos] == '/')) continue;
      if (pos >= pattern.size()) {
        if (error) *error = "invalid escape '\\' at the end of the pattern";
        return std::nullopt;
      }
      Rune next = decode_rune(pattern, pos);
      if (next.cp != '*' && next.cp != '?' && next.cp != '\\') {
        if (error) *error = "invalid escape '\\" + std::string(pattern.substr(pos, next.len)) + "'";
        return std::nullopt;
      }
      pos += next.len;
      r = next;
    }
    tokens.push_back({Token::kLiteral, r.cp});
  }
  return GlobPattern(std::move(tokens));
}

std::string GlobPattern::trim_prefix(std::string_view value, bool longest) const {
  Decoded v(value);
  Automaton a(tokens_);
  auto n = anchored_match(a, v, 0, /*forward=*/true, longest);
  if (!n) return std::string(value);
  return std::string(value.substr(v.offsets[*n]));
}

std::string GlobPattern::trim_suffix(std::string_view value, bool longest) const {
  Decoded v(value);
  Automaton a(reversed(tokens_));
  auto n = anchored_match(a, v, v.size(), /*forward=*/false, longest);
  if (!n) return std::string(value);
  return std::string(value.substr(0, v.offsets[v.size() - *n]));
}

std::string GlobPattern::replace(std::string_view value, std::string_view replacement,
                                 bool all) const {
  Decoded v(value);
  const size_t n = v.size();
  // can_start[b]: some match begins at code point b. The reversed pattern read backward
  // from every end position at once tells it in one pass.
  std::vector<bool> can_start(n + 1, false);
  {
    Automaton rev(reversed(tokens_));
    Set cur(rev.initial().size(), 0), next;
    for (size_t b = n + 1; b-- > 0;) {
      rev.add_initial(cur);
      can_start[b] = rev.accepts(cur);
      if (b > 0) {
        rev.step(cur, v.cps[b - 1], next);
        cur.swap(next);
      }
    }
  }
  Automaton fwd(tokens_);
  auto find = [&](size_t from) -> std::optional<std::pair<size_t, size_t>> {
    for (size_t b = from; b <= n; ++b) {
      if (!can_start[b]) continue;
      auto len = anchored_match(fwd, v, b, /*forward=*/true, /*longest=*/true);
      return std::make_pair(b, b + len.value_or(0));
    }
    return std::nullopt;
  };
  std::string out;
  if (!all) {
    auto m = find(0);
    if (!m) return std::string(value);
    out.append(value.substr(0, v.offsets[m->first]));
    out.append(replacement);
    out.append(value.substr(v.offsets[m->second]));
    return out;
  }
  // Go's Regexp.ReplaceAllString loop, in code points.
  size_t last_end = 0, search = 0, scan_from = 0;
  while (search <= n) {
    scan_from = std::max(scan_from, search);
    while (scan_from <= n && !can_start[scan_from]) ++scan_from;
    if (scan_from > n) break;
    auto m = find(scan_from);
    auto [s, e] = *m;
    out.append(value.substr(v.offsets[last_end], v.offsets[s] - v.offsets[last_end]));
    if (e > last_end || s == 0) {
      expand_template(replacement, value.substr(v.offsets[s], v.offsets[e] - v.offsets[s]), out);
    }
    last_end = e;
    search = (search + 1 > e) ? search + 1 : e;
  }
  out.append(value.substr(v.offsets[last_end]));
  return out;
}

}  // namespace dockml
