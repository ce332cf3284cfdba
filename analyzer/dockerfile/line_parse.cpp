// One logical instruction line -> Instruction: keyword, flags (SC splitCommand) and the
// per-instruction argument rule (LP dispatch table), ONBUILD triggers included.
#include <fmt/format.h>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml::dfparse {

namespace {

struct Ctx {
  const LogicalText& t;
  char escape;
  Instruction& out;
  std::vector<ParseError>& errors;

  void error(uint32_t b, uint32_t e, std::string message) {
    errors.push_back(ParseError{t.to_source(b, e), std::move(message)});
    out.has_parse_error = true;
  }
  void push_arg(const RawWord& w) { out.args.push_back(make_word(t, w)); }
  void push_text(uint32_t b, uint32_t e) {
    out.args.push_back(Word{t.text.substr(b, e - b), t.to_source(b, e)});
  }
};

// parseJSON + fallbacks. Returns true when the text was handled as JSON (exec form or
// error); false means "not JSON".
bool try_json(Ctx& c, uint32_t b, uint32_t e) {
  JsonArray j = parse_json_array(c.t.text, b, e);
  if (j.kind == JsonArray::Kind::kNotJson) return false;
  if (j.kind == JsonArray::Kind::kNotStrings) {
    c.error(j.bad_begin, j.bad_end,
            fmt::format("when using JSON array syntax, arrays must be comprised of strings only: "
                        "expected a string, found {}",
                        j.bad_what));
    return true;
  }
  c.out.json_form = true;
  for (const auto& w : j.elements) c.push_arg(w);
  return true;
}

void parse_maybe_json(Ctx& c, uint32_t b, uint32_t e) {
  if (b >= e) return;
  if (try_json(c, b, e)) return;
  c.push_text(b, e);
}

void parse_maybe_json_to_list(Ctx& c, uint32_t b, uint32_t e) {
  if (try_json(c, b, e)) return;
  for (const auto& w : split_ascii_ws(c.t.text, b, e)) c.push_arg(w);
}

void parse_name_val(Ctx& c, uint32_t b, uint32_t e, std::string_view key) {
  std::vector<RawWord> words = parse_words(c.t.text, b, e, c.escape);
  if (words.empty()) return;
  if (words[0].text.find('=') == std::string::npos) {
    // Legacy `KEY name value`: the value is the raw rest after the first blank run.
    std::vector<RawWord> parts = split_ascii_ws(c.t.text, b, e, 2);
    if (parts.size() < 2) {
      c.error(parts[0].begin, parts[0].end,
              fmt::format("{} must have two arguments: expected a value after `{}` "
                          "(`{} {}=value` or `{} {} value`)",
                          key, parts[0].text, key, parts[0].text, key, parts[0].text));
      return;
    }
    KeyValue kv;
    kv.key = make_word(c.t, parts[0]);
    kv.value = make_word(c.t, parts[1]);
    kv.has_equals = false;
    kv.span = c.t.to_source(parts[0].begin, parts[1].end);
    c.out.args.push_back(kv.key);
    c.out.args.push_back(kv.value);
    c.out.args.push_back(Word{"", Span{kv.value.span.end, kv.value.span.end}});
    c.out.pairs.push_back(std::move(kv));
    return;
  }
  for (const auto& w : words) {
    if (w.eq_pos == UINT32_MAX) {
      c.error(w.begin, w.end,
              fmt::format("Syntax error - can't find = in \"{}\". Must be of the form: "
                          "name=value",
                          w.text));
      c.out.args.clear();
      c.out.pairs.clear();
      return;
    }
  }
  for (const auto& w : words) {
    size_t eq = w.text.find('=');
    KeyValue kv;
    kv.key = Word{w.text.substr(0, eq), c.t.to_source(w.begin, w.eq_pos)};
    kv.value = Word{w.text.substr(eq + 1), c.t.to_source(w.eq_pos + 1, w.end)};
    kv.has_equals = true;
    kv.span = c.t.to_source(w.begin, w.end);
    c.out.args.push_back(kv.key);
    c.out.args.push_back(kv.value);
    c.out.args.push_back(Word{"=", c.t.to_source(w.eq_pos, w.eq_pos + 1)});
    c.out.pairs.push_back(std::move(kv));
  }
}

void parse_args(Ctx& c, uint32_t b, uint32_t e) {
  switch (c.out.kind) {
    case InstructionKind::kAdd:
    case InstructionKind::kCopy:
    case InstructionKind::kVolume:
      parse_maybe_json_to_list(c, b, e);
      return;
    case InstructionKind::kRun:
    case InstructionKind::kCmd:
    case InstructionKind::kEntrypoint:
    case InstructionKind::kShell:
      parse_maybe_json(c, b, e);
      return;
    case InstructionKind::kFrom:
    case InstructionKind::kExpose:
      for (const auto& w : split_ascii_ws(c.t.text, b, e)) c.push_arg(w);
      return;
    case InstructionKind::kUser:
    case InstructionKind::kWorkdir:
    case InstructionKind::kMaintainer:
    case InstructionKind::kStopsignal:
      if (b < e) c.push_text(b, e);
      return;
    case InstructionKind::kEnv:
      parse_name_val(c, b, e, "ENV");
      return;
    case InstructionKind::kLabel:
      parse_name_val(c, b, e, "LABEL");
      return;
    case InstructionKind::kArg:
      for (const auto& w : parse_words(c.t.text, b, e, c.escape)) {
        c.push_arg(w);
        KeyValue kv;
        if (w.eq_pos != UINT32_MAX) {
          size_t eq = w.text.find('=');
          kv.key = Word{w.text.substr(0, eq), c.t.to_source(w.begin, w.eq_pos)};
          kv.value = Word{w.text.substr(eq + 1), c.t.to_source(w.eq_pos + 1, w.end)};
          kv.has_equals = true;
        } else {
          kv.key = make_word(c.t, w);
          kv.value = Word{"", Span{kv.key.span.end, kv.key.span.end}};
        }
        kv.span = c.t.to_source(w.begin, w.end);
        c.out.pairs.push_back(std::move(kv));
      }
      return;
    case InstructionKind::kHealthcheck: {
      uint32_t sep = b;
      while (sep < e && !is_byte_space(static_cast<unsigned char>(c.t.text[sep]))) ++sep;
      uint32_t next = sep;
      while (next < e && is_byte_space(static_cast<unsigned char>(c.t.text[next]))) ++next;
      if (sep == b) return;
      c.push_text(b, sep);
      parse_maybe_json(c, next, e);
      return;
    }
    case InstructionKind::kOnbuild:
      if (b >= e) return;
      c.out.trigger = std::make_unique<Instruction>();
      parse_instruction_text(c.t, b, e, c.escape, *c.out.trigger, c.errors);
      if (c.out.trigger->has_parse_error) c.out.has_parse_error = true;
      return;
    case InstructionKind::kUnknown:
      // BuildKit drops the arguments of unknown instructions (dumped as one "").
      c.out.args.push_back(Word{"", c.t.to_source(b, b)});
      return;
  }
}

}  // namespace

void parse_instruction_text(const LogicalText& t, uint32_t b, uint32_t e, char escape,
                            Instruction& out, std::vector<ParseError>& errors) {
  trim_unicode_space(t.text, b, e);
  uint32_t k = b;
  while (k < e && !is_ascii_ws(static_cast<unsigned char>(t.text[k]))) ++k;
  out.keyword = t.text.substr(b, k - b);
  out.keyword_span = t.to_source(b, k);
  out.kind = instruction_kind(out.keyword);
  out.span = t.to_source(b, e);
  uint32_t args_begin = e;
  if (k < e) {
    uint32_t r = k;
    while (r < e && is_ascii_ws(static_cast<unsigned char>(t.text[r]))) ++r;
    for (auto& w : extract_flags(t.text, r, e, args_begin)) {
      Flag f;
      std::string_view body = std::string_view(w.text).substr(w.text.size() >= 2 ? 2 : 0);
      size_t eq = body.find('=');
      f.name = std::string(body.substr(0, eq));
      f.has_value = eq != std::string_view::npos;
      if (f.has_value) f.value = std::string(body.substr(eq + 1));
      f.span = t.to_source(w.begin, w.end);
      if (f.has_value && w.eq_pos != UINT32_MAX) {
        f.name_span = t.to_source(w.begin, w.eq_pos);
        f.value_span = t.to_source(w.eq_pos + 1, w.end);
      } else {
        f.name_span = f.span;
        f.value_span = Span{f.span.end, f.span.end};
      }
      out.flags.push_back(std::move(f));
    }
  }
  uint32_t ab = args_begin, ae = e;
  trim_unicode_space(t.text, ab, ae);
  if (ab > ae) ab = ae;
  out.rest = slice_logical(t, ab, ae);
  Ctx c{t, escape, out, errors};
  parse_args(c, ab, ae);
}

}  // namespace dockml::dfparse
