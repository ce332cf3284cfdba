// BuildKit's line reader (P Parse): physical lines, parser directives, comments, line
// continuations, empty continuation lines and heredoc bodies.
#include "analyzer/dockerfile/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "analyzer/dockerfile/parse_internal.h"

namespace dockml {

using namespace dfparse;

namespace {

struct PhysLine {
  uint32_t index = 0;
  uint32_t begin = 0;        // first byte
  uint32_t content_end = 0;  // end without trailing \r / \n bytes
  uint32_t end = 0;          // end including the '\n'
};

class LineReader {
 public:
  LineReader(std::string_view text, std::vector<ParseError>& errors)
      : text_(text), errors_(errors) {}

  bool next(PhysLine& out) {
    while (pos_ < text_.size()) {
      size_t nl = text_.find('\n', pos_);
      uint32_t stop = nl == std::string_view::npos ? static_cast<uint32_t>(text_.size())
                                                   : static_cast<uint32_t>(nl);
      PhysLine l;
      l.index = index_++;
      l.begin = pos_;
      l.end = nl == std::string_view::npos ? stop : stop + 1;
      uint32_t ce = stop;
      while (ce > l.begin && (text_[ce - 1] == '\r' || text_[ce - 1] == '\n')) --ce;
      l.content_end = ce;
      pos_ = l.end;
      if (stop - l.begin > kMaxDockerfileLineBytes) {
        errors_.push_back(ParseError{
            Span{l.begin, stop},
            fmt::format("dockerfile line greater than max allowed size of {}: this line has "
                        "{} bytes, expected at most {}",
                        kMaxDockerfileLineBytes, stop - l.begin, kMaxDockerfileLineBytes)});
        continue;  // BuildKit stops reading here; we skip the line and go on
      }
      out = l;
      return true;
    }
    return false;
  }
  uint32_t pos() const { return pos_; }

 private:
  std::string_view text_;
  std::vector<ParseError>& errors_;
  uint32_t pos_ = 0;
  uint32_t index_ = 0;
};

uint32_t skip_leading_space(std::string_view text, uint32_t b, uint32_t e) {
  std::string_view v = text.substr(0, e);
  while (b < e) {
    size_t n = space_len_at(v, b);
    if (n == 0) break;
    b += static_cast<uint32_t>(n);
  }
  return b;
}

// trimContinuationCharacter on text[b, e): returns true when the line continues and sets
// `content_end` to where the kept text ends.
bool continues(std::string_view text, uint32_t b, uint32_t e, char escape, uint32_t& content_end) {
  uint32_t p = e;
  while (p > b && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  content_end = e;
  if (p == b || text[p - 1] != escape) return false;
  uint32_t esc = p - 1;
  if (esc > b && text[esc - 1] == escape) return false;
  content_end = esc;
  return true;
}

class Parser {
 public:
  explicit Parser(SourcePtr source) : text_(source->text()), reader_(text_, df_.errors) {
    df_.source = std::move(source);
  }

  Dockerfile run() {
    PhysLine line;
    while (reader_.next(line)) top_level_line(line);
    if (df_.instructions.empty()) {
      df_.errors.push_back(ParseError{
          Span{0, 0}, "file with no instructions: expected at least one instruction such as FROM"});
    }
    return std::move(df_);
  }

 private:
  bool is_comment_line(uint32_t b, uint32_t e) const {
    uint32_t p = skip_leading_space(text_, b, e);
    return p < e && text_[p] == '#';
  }

  Comment make_comment(uint32_t b, uint32_t e) const {
    uint32_t p = skip_leading_space(text_, b, e);
    return Comment{std::string(text_.substr(p + 1, e - p - 1)), Span{p, e}};
  }

  // DirectiveParser.ParseLine on text[b, e) (already left-trimmed). Returns true when the
  // line was accepted as a directive.
  bool directive_line(uint32_t b, uint32_t e) {
    if (directives_done_) return false;
    if (b >= e || text_[b] != '#') {
      directives_done_ = true;
      return false;
    }
    uint32_t p = skip_leading_space(text_, b + 1, e);
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n'; };
    uint32_t kb = p;
    if (p >= e || !is_alpha(text_[p])) {
      directives_done_ = true;
      return false;
    }
    while (p < e && (is_alpha(text_[p]) || (text_[p] >= '0' && text_[p] <= '9'))) ++p;
    uint32_t ke = p;
    while (p < e && is_ws(text_[p])) ++p;
    if (p >= e || text_[p] != '=') {
      directives_done_ = true;
      return false;
    }
    ++p;
    uint32_t after_eq = p;
    while (p < e && is_ws(text_[p])) ++p;
    uint32_t ve = e;
    while (ve > p && is_ws(text_[ve - 1])) --ve;
    uint32_t vb = p;
    if (vb == ve) {
      // `(.+?)` needs one byte: it takes the last blank after '='.
      if (e == after_eq) {
        directives_done_ = true;
        return false;
      }
      vb = e - 1;
      ve = e;
    }
    std::string key = go_to_lower(text_.substr(kb, ke - kb));
    if (key != "syntax" && key != "escape" && key != "check") {
      directives_done_ = true;
      return false;
    }
    Span line_span{b, e};
    for (const auto& d : df_.directives) {
      if (d.key == key) {
        df_.errors.push_back(ParseError{
            line_span, fmt::format("only one {} parser directive can be used: expected a single "
                                   "`# {}=` line at the top of the file",
                                   key, key)});
        return false;
      }
    }
    std::string value(text_.substr(vb, ve - vb));
    if (key == "escape") {
      if (value != "`" && value != "\\") {
        df_.errors.push_back(ParseError{
            Span{vb, ve}, fmt::format("invalid escape token '{}' does not match ` or \\", value)});
        return false;
      }
      df_.escape = value[0];
    }
    df_.directives.push_back(Directive{key, value, line_span, Span{vb, ve}});
    return true;
  }

  void top_level_line(const PhysLine& line) {
    uint32_t b = line.begin, e = line.content_end;
    if (line.index == 0 && text_.substr(b, 3) == "\xEF\xBB\xBF" && b + 3 <= e) b += 3;
    uint32_t lt = skip_leading_space(text_, b, e);
    bool is_comment = lt < e && text_[lt] == '#';
    bool is_directive = directive_line(lt, e);
    if (is_comment) {
      if (is_directive) return;
      Comment c = make_comment(lt, e);
      df_.comments.push_back(c);
      uint32_t tb = 0, te = static_cast<uint32_t>(c.text.size());
      trim_unicode_space(c.text, tb, te);
      if (tb == te) {
        pending_comments_.clear();
      } else {
        pending_comments_.push_back(std::move(c));
      }
      return;
    }
    uint32_t content_end = e;
    bool cont = continues(text_, lt, e, df_.escape, content_end);
    if (!cont && lt == e) return;  // blank line

    Instruction inst;
    LogicalText logical;
    append(logical, lt, content_end);
    uint32_t last_line = line.index;
    uint32_t span_end = e;
    std::vector<Span> empty_lines;
    PhysLine next;
    while (cont && reader_.next(next)) {
      last_line = next.index;
      uint32_t nb = next.begin, ne = next.content_end;
      if (is_comment_line(nb, ne)) {
        df_.comments.push_back(make_comment(nb, ne));
        span_end = ne;
        continue;
      }
      if (skip_leading_space(text_, nb, ne) == ne) {
        empty_lines.push_back(Span{nb, ne});
        span_end = ne;
        continue;
      }
      cont = continues(text_, nb, ne, df_.escape, content_end);
      append(logical, nb, content_end);
      span_end = ne;
    }

    parse_instruction_text(logical, 0, static_cast<uint32_t>(logical.text.size()), df_.escape,
                           inst, df_.errors);
    inst.comments_before = std::move(pending_comments_);
    pending_comments_.clear();
    if (can_contain_heredoc(inst) && logical.text.find("<<") != std::string::npos) {
      for (const auto& m : heredocs_from_line(logical.text)) {
        read_heredoc(inst, logical, m, last_line, span_end);
      }
    }
    inst.span = Span{lt, std::max(span_end, lt)};
    inst.start_line = line.index;
    inst.end_line = last_line;
    if (inst.trigger) {
      inst.trigger->start_line = df_.source->position(inst.trigger->span.begin).line;
      inst.trigger->end_line = df_.source->position(inst.trigger->span.end).line;
    }
    size_t index = df_.instructions.size();
    if (!empty_lines.empty()) {
      df_.warnings.push_back(ParseWarning{
          empty_lines.front(),
          "empty continuation line: a blank line inside a continued instruction is skipped "
          "(BuildKit warns and will make this an error in a future release)"});
      for (const auto& s : empty_lines) df_.empty_continuations.push_back({index, s});
    }
    df_.instructions.push_back(std::move(inst));
  }

  static bool can_contain_heredoc(const Instruction& inst) {
    const Instruction* node = &inst;
    if (node->kind == InstructionKind::kOnbuild && node->trigger) node = node->trigger.get();
    if (node->kind != InstructionKind::kRun && node->kind != InstructionKind::kCopy &&
        node->kind != InstructionKind::kAdd) {
      return false;
    }
    return !node->json_form;
  }

  void read_heredoc(Instruction& inst, const LogicalText& logical, const HeredocMarker& m,
                    uint32_t& last_line, uint32_t& span_end) {
    Heredoc h;
    h.name = m.name;
    h.expand = m.expand;
    h.chomp_tabs = m.chomp;
    h.fd = m.fd;
    h.marker_span = logical.to_source(m.begin, m.end);
    uint32_t body_begin = reader_.pos();
    uint32_t body_end = body_begin;
    bool terminated = false;
    PhysLine l;
    while (reader_.next(l)) {
      last_line = l.index;
      uint32_t cb = l.begin;
      if (m.chomp) {
        while (cb < l.content_end && text_[cb] == '\t') ++cb;
      }
      if (text_.substr(cb, l.content_end - cb) == m.name) {
        terminated = true;
        h.terminator_span = Span{l.begin, l.content_end};
        span_end = l.content_end;
        break;
      }
      if (body_end == body_begin) body_begin = l.begin;
      body_end = l.end;
      span_end = l.content_end;
    }
    h.body_span = Span{body_begin, body_end};
    std::string_view raw = text_.substr(body_begin, body_end - body_begin);
    if (m.chomp) {
      bool at_line_start = true;
      for (char c : raw) {
        if (at_line_start && c == '\t') continue;
        at_line_start = c == '\n';
        h.body.push_back(c);
      }
    } else {
      h.body = std::string(raw);
    }
    if (!terminated) {
      h.terminator_span = Span{static_cast<uint32_t>(text_.size()),
                               static_cast<uint32_t>(text_.size())};
      df_.errors.push_back(ParseError{
          h.marker_span, fmt::format("unterminated heredoc: expected a line `{}` before the end "
                                     "of the file",
                                     m.name)});
      inst.has_parse_error = true;
    }
    inst.heredocs.push_back(std::move(h));
  }

  void append(LogicalText& t, uint32_t b, uint32_t e) const {
    if (e <= b) return;
    t.segments.push_back(
        LogicalText::Segment{static_cast<uint32_t>(t.text.size()), b, e - b});
    t.text.append(text_.substr(b, e - b));
  }

  std::string_view text_;
  Dockerfile df_;
  LineReader reader_;
  bool directives_done_ = false;
  std::vector<Comment> pending_comments_;
};

}  // namespace

Dockerfile parse_dockerfile(SourcePtr source) {
  if (!source) {
    Dockerfile df;
    df.errors.push_back(ParseError{Span{0, 0}, "no source to parse"});
    return df;
  }
  Parser parser(std::move(source));
  return parser.run();
}

}  // namespace dockml
