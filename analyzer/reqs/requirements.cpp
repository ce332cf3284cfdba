#include "analyzer/reqs/requirements.h"

#include <algorithm>
#include <utility>

#include "analyzer/model/pep508.h"
#include "analyzer/reqs/symbols.h"
#include "analyzer/ts/ts.h"

namespace dockml::reqs {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

// A line of the requirement file joined with its `\` continuations, relative to the text.
struct LogicalLine {
  uint32_t begin = 0;
  uint32_t end = 0;  // before the final line break
};

std::vector<LogicalLine> split_logical_lines(std::string_view text) {
  std::vector<LogicalLine> lines;
  uint32_t begin = 0;
  uint32_t pos = 0;
  const auto size = static_cast<uint32_t>(text.size());
  while (pos < size) {
    size_t nl = text.find('\n', pos);
    uint32_t stop = nl == std::string_view::npos ? size : static_cast<uint32_t>(nl);
    uint32_t content_end = stop;
    if (content_end > pos && text[content_end - 1] == '\r') --content_end;
    bool continued = content_end > pos && text[content_end - 1] == '\\' && stop < size;
    if (!continued) {
      lines.push_back({begin, content_end});
      begin = stop + 1;
    }
    pos = stop + 1;
  }
  if (begin < size) lines.push_back({begin, size});
  return lines;
}

// An ERROR node that only holds spaces and `\` line breaks: the grammar stumbles on
// "marker \<newline> --hash" although the requirement around it is complete.
bool benign_error(const ts::Node& node) {
  for (char c : node.text()) {
    if (!is_blank(c) && c != '\\') return false;
  }
  return true;
}

// Byte ranges of every non-benign ERROR / MISSING node in the tree (iterative walk).
std::vector<std::pair<uint32_t, uint32_t>> error_ranges(const ts::Node& root) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  if (!root.has_error()) return out;
  std::vector<ts::Node> stack{root};
  while (!stack.empty()) {
    ts::Node node = stack.back();
    stack.pop_back();
    if (node.is_missing() || (node.is_error() && !benign_error(node))) {
      out.emplace_back(node.begin(), node.end());
      continue;
    }
    for (uint32_t i = 0; i < node.child_count(); ++i) {
      ts::Node child = node.child(i);
      if (child.has_error()) stack.push_back(child);
    }
  }
  return out;
}

// The line without its trailing comment (" # ...") and trailing blanks, relative to `text`.
LogicalLine strip_comment(std::string_view text, LogicalLine line) {
  uint32_t end = line.end;
  for (uint32_t i = line.begin; i < line.end; ++i) {
    if (text[i] == '#' && (i == line.begin || is_blank(text[i - 1]))) {
      end = i;
      break;
    }
  }
  while (end > line.begin && is_blank(text[end - 1])) --end;
  uint32_t begin = line.begin;
  while (begin < end && is_blank(text[begin])) ++begin;
  return {begin, end};
}

bool is_known_option(std::string_view opt) {
  static constexpr std::string_view kKnown[] = {
      "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
      "--extra-index-url", "-f", "--find-links", "--no-binary", "--only-binary", "--pre",
      "--trusted-host", "--no-index", "--prefer-binary", "--require-hashes", "--use-feature",
      "--hash", "--global-option", "--config-settings"};
  return std::find(std::begin(kKnown), std::end(kKnown), opt) != std::end(kKnown);
}

class Builder {
 public:
  Builder(SourcePtr source, std::string_view text, uint32_t base, bool exact, Span fallback)
      : text_(text), base_(base), exact_(exact), fallback_(fallback) {
    out_.source = std::move(source);
  }

  RequirementFile run() {
    if (text_.empty()) return std::move(out_);
    lines_ = split_logical_lines(text_);
    std::string input(text_);
    if (input.back() != '\n') input.push_back('\n');  // the grammar wants a final line break
    auto tree = ts::Parser::for_thread(ts::Grammar::kRequirements).parse(std::move(input));
    if (!tree) {
      add_error("requirement file too large or complex to parse", {0, 0});
      return std::move(out_);
    }
    std::vector<bool> bad(lines_.size(), false);
    for (auto [begin, end] : error_ranges(tree->root())) {
      // Every logical line the error covers: its text is inside the ERROR node.
      size_t last = line_index(std::max(begin, end ? end - 1 : 0));
      for (size_t i = line_index(begin); i <= last && i < bad.size(); ++i) bad[i] = true;
    }
    visit_children(tree->root(), 0, &bad);
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (bad[i]) reparse_line(lines_[i]);
    }
    std::stable_sort(out_.requirements.begin(), out_.requirements.end(),
                     [](const PipRequirement& a, const PipRequirement& b) {
                       return a.ref.span.begin < b.ref.span.begin;
                     });
    std::stable_sort(out_.errors.begin(), out_.errors.end(),
                     [](const ParseError& a, const ParseError& b) {
                       return a.span.begin < b.span.begin;
                     });
    return std::move(out_);
  }

 private:
  size_t line_index(uint32_t offset) const {
    auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                               [](uint32_t off, const LogicalLine& l) { return off < l.begin; });
    return it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin() - 1);
  }

  // Relative [b, e) in the text -> span in the source file.
  Span map(uint32_t b, uint32_t e) const {
    if (!exact_) return fallback_;
    auto size = static_cast<uint32_t>(text_.size());
    return Span{base_ + std::min(b, size), base_ + std::min(e, size)};
  }
  SourceRef ref(uint32_t b, uint32_t e) const { return SourceRef{out_.source, map(b, e)}; }

  void add_error(std::string message, LogicalLine where) {
    Span span = map(where.begin, where.end);
    Position pos = out_.source ? out_.source->position(span.begin) : Position{};
    out_.errors.push_back({std::move(message), span, pos});
  }

  // Visits the top-level items of a (re)parsed tree; `shift` maps tree offsets to text offsets.
  void visit_children(const ts::Node& root, uint32_t shift, const std::vector<bool>* bad) {
    const auto& sym = requirement_symbols();
    for (uint32_t i = 0; i < root.named_child_count(); ++i) {
      ts::Node node = root.named_child(i);
      if (node.is_error()) continue;
      if (bad && (*bad)[line_index(node.begin() + shift)]) continue;
      ts::Symbol s = node.symbol();
      if (s == sym.requirement) {
        add_requirement(node, shift);
      } else if (s == sym.global_opt) {
        add_global_option(node, shift);
      } else if (s == sym.url || s == sym.path) {
        add_pip_form(node.text(), node.begin() + shift, false);
      }
    }
  }

  void reparse_line(LogicalLine line) {
    std::string input(text_.substr(line.begin, line.end - line.begin));
    input.push_back('\n');
    auto tree = ts::Parser::for_thread(ts::Grammar::kRequirements).parse(std::move(input));
    if (tree && error_ranges(tree->root()).empty()) {
      visit_children(tree->root(), line.begin, nullptr);
      return;
    }
    LogicalLine body = strip_comment(text_, line);
    if (body.begin == body.end) return;
    std::string_view content = text_.substr(body.begin, body.end - body.begin);
    if (content.front() == '-') {
      std::string_view opt = content.substr(0, content.find_first_of(" \t="));
      if (is_known_option(opt)) {
        add_error("invalid value for option '" + std::string(opt) + "' in a requirement file",
                  body);
      } else {
        add_error("unknown option '" + std::string(opt) + "' in a requirement file", body);
      }
      return;
    }
    if (content.find("\\\n") == std::string_view::npos &&
        content.find("\\\r\n") == std::string_view::npos) {
      // pip splits markers off a URL or path at "; " ("https://x/a.whl; sys_platform == ..").
      size_t semi = content.find("; ");
      size_t space = content.find_first_of(" \t");
      bool url_or_path = content.front() == '.' || content.front() == '/' ||
                         content.substr(0, std::min(space, content.size())).find("://") !=
                             std::string_view::npos;
      if (url_or_path && semi != std::string_view::npos && semi <= space) {
        std::string_view target = content.substr(0, semi);
        Pep508Result parsed = parse_requirement(target, true);
        if (parsed.ok()) {
          std::string_view markers = content.substr(semi + 2);
          while (!markers.empty() && is_blank(markers.front())) markers.remove_prefix(1);
          parsed.requirement.markers = std::string(markers);
          parsed.requirement.raw = std::string(content);
          add_pep508(std::move(parsed), body.begin, body.end, false);
          return;
        }
      }
      // The grammar misses some valid PEP 508 forms ("'arm' not in platform_machine").
      Pep508Result parsed = parse_requirement(content, true);
      if (parsed.ok()) {
        add_pep508(std::move(parsed), body.begin, body.end, false);
        return;
      }
      add_error("invalid requirement '" + std::string(content) + "': " + parsed.error, body);
      return;
    }
    add_error("invalid requirement line '" + std::string(content) + "'", body);
  }

  void add_pep508(Pep508Result parsed, uint32_t begin, uint32_t end, bool editable) {
    PipRequirement req = std::move(parsed.requirement);
    req.editable = editable;
    req.ref = ref(begin, end);
    req.name_ref = ref(begin + parsed.name.begin, begin + parsed.name.end);
    req.specifier_ref = ref(begin + parsed.specifier.begin, begin + parsed.specifier.end);
    out_.requirements.push_back(std::move(req));
  }

  // A URL, path or editable target ("git+https://...#egg=x", "./wheels/a.whl", ".").
  void add_pip_form(std::string_view written, uint32_t begin, bool editable) {
    auto end = begin + static_cast<uint32_t>(written.size());
    Pep508Result parsed = parse_requirement(written, true);
    if (parsed.ok()) {
      add_pep508(std::move(parsed), begin, end, editable);
      return;
    }
    PipRequirement req;
    req.raw = std::string(written);
    req.url = std::string(written);
    req.editable = editable;
    std::string_view lower = written.substr(0, 4);
    req.vcs = lower == "git+" || lower == "hg+" || lower == "svn+" || lower == "bzr+";
    req.ref = ref(begin, end);
    req.name_ref = ref(begin, begin);
    req.specifier_ref = ref(end, end);
    out_.requirements.push_back(std::move(req));
  }

  void add_requirement(const ts::Node& node, uint32_t shift) {
    const auto& sym = requirement_symbols();
    PipRequirement req;
    uint32_t raw_end = node.begin();
    uint32_t spec_begin = 0, spec_end = 0;
    for (uint32_t i = 0; i < node.named_child_count(); ++i) {
      ts::Node child = node.named_child(i);
      ts::Symbol s = child.symbol();
      if (s == sym.package) {
        req.display_name = std::string(child.text());
        req.name = normalize_package_name(child.text());
        req.name_ref = ref(child.begin() + shift, child.end() + shift);
        raw_end = child.end();
      } else if (s == sym.extras) {
        for (ts::Node extra : child.named_children()) {
          if (extra.symbol() == sym.package) req.extras.emplace_back(extra.text());
        }
        raw_end = child.end();
      } else if (s == sym.version_spec) {
        for (ts::Node part : child.named_children()) {
          if (part.symbol() == sym.version_cmp) {
            if (!req.specifier.empty()) req.specifier.push_back(',');
            if (spec_end == 0) spec_begin = part.begin();
          }
          if (part.symbol() == sym.version_cmp || part.symbol() == sym.version) {
            req.specifier += part.text();
            spec_end = part.end();
          }
        }
        raw_end = child.end();
      } else if (s == sym.url_spec) {
        for (ts::Node url : child.named_children()) {
          if (url.symbol() == sym.url) req.url = std::string(url.text());
        }
        std::string_view lower = std::string_view(req.url).substr(0, 4);
        req.vcs = lower == "git+" || lower == "hg+" || lower == "svn+" || lower == "bzr+";
        raw_end = child.end();
      } else if (s == sym.marker_spec) {
        std::string_view text = child.text();
        size_t semi = text.find(';');
        std::string_view markers = semi == std::string_view::npos ? text : text.substr(semi + 1);
        while (!markers.empty() && is_blank(markers.front())) markers.remove_prefix(1);
        req.markers = std::string(markers);
        raw_end = child.end();
      } else if (s == sym.requirement_opt) {
        OptionLine opt = option_of(child, shift, true);
        if (opt.option == "--hash") req.hashes.push_back(opt.value);
        out_.option_lines.push_back(std::move(opt));
      }
    }
    req.raw = std::string(text_.substr(node.begin() + shift, raw_end - node.begin()));
    req.ref = ref(node.begin() + shift, raw_end + shift);
    if (spec_end != 0) {
      req.specifier_ref = ref(spec_begin + shift, spec_end + shift);
    } else {
      req.specifier_ref = ref(raw_end + shift, raw_end + shift);
    }
    req.exact_version = exact_version_of(req.specifier);
    if (req.exact_version) req.local_label = local_label_of(*req.exact_version);
    out_.requirements.push_back(std::move(req));
  }

  OptionLine option_of(const ts::Node& node, uint32_t shift, bool per_requirement) const {
    const auto& sym = requirement_symbols();
    OptionLine opt;
    opt.per_requirement = per_requirement;
    uint32_t begin = node.end(), end = node.begin();
    for (ts::Node child : node.named_children()) {
      if (child.symbol() == sym.linebreak || child.is_error()) continue;
      begin = std::min(begin, child.begin());
      end = std::max(end, child.end());
      if (child.symbol() == sym.option) {
        opt.option = std::string(child.text());
        opt.option_span = map(child.begin() + shift, child.end() + shift);
      } else {
        opt.value = std::string(unquote(child.text()));
        opt.value_span = map(child.begin() + shift, child.end() + shift);
      }
    }
    if (begin > end) begin = end = node.begin();
    opt.span = map(begin + shift, end + shift);
    if (opt.value_span.empty()) opt.value_span = map(end + shift, end + shift);
    return opt;
  }

  void add_global_option(const ts::Node& node, uint32_t shift) {
    OptionLine opt = option_of(node, shift, false);
    const std::string& o = opt.option;
    PipOptions& po = out_.options;
    if (o == "-r" || o == "--requirement" || o == "-c" || o == "--constraint") {
      bool constraint = o == "-c" || o == "--constraint";
      (constraint ? po.constraint_files : po.requirement_files).push_back(opt.value);
      out_.includes.push_back({opt.value, constraint, opt.value_span});
    } else if (o == "-i" || o == "--index-url") {
      po.index_urls.push_back(opt.value);
    } else if (o == "--extra-index-url") {
      po.extra_index_urls.push_back(opt.value);
    } else if (o == "-f" || o == "--find-links") {
      po.find_links.push_back(opt.value);
    } else if (o == "--trusted-host") {
      po.trusted_hosts.push_back(opt.value);
    } else if (o == "--no-binary") {
      po.no_binary.push_back(opt.value);
    } else if (o == "--only-binary") {
      po.only_binary.push_back(opt.value);
    } else if (o == "--pre") {
      po.pre = true;
    } else if (o == "--no-index") {
      po.no_index = true;
    } else if (o == "--prefer-binary") {
      po.prefer_binary = true;
    } else if (o == "--require-hashes") {
      po.require_hashes = true;
    } else if (o == "-e" || o == "--editable") {
      // The editable target: value text relative to the text, quotes stripped.
      for (ts::Node child : node.named_children()) {
        if (child.symbol() == requirement_symbols().option) continue;
        if (child.symbol() == requirement_symbols().linebreak || child.is_error()) continue;
        std::string_view written = child.text();
        uint32_t begin = child.begin() + shift;
        if (unquote(written).size() != written.size()) {
          written = unquote(written);
          ++begin;
        }
        add_pip_form(written, begin, true);
      }
    }
    out_.option_lines.push_back(std::move(opt));
  }

  std::string_view text_;
  uint32_t base_;
  bool exact_;
  Span fallback_;
  std::vector<LogicalLine> lines_;
  RequirementFile out_;
};

}  // namespace

RequirementFile parse_requirement_file(SourcePtr source) {
  std::string_view text = source ? source->text() : std::string_view();
  Span whole{0, source ? source->size() : 0};
  return Builder(source, text, 0, true, whole).run();
}

RequirementFile parse_requirement_text(SourcePtr source, std::string_view text, uint32_t base,
                                       bool exact, Span fallback) {
  return Builder(std::move(source), text, base, exact, fallback).run();
}

}  // namespace dockml::reqs
