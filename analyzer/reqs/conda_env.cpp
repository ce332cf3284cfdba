#include "analyzer/reqs/conda_env.h"

#include <algorithm>

namespace dockml::reqs {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// True when the scalar's decoded value is its source bytes (starting at the returned offset).
bool exact_offset(const SourceFile& src, const yaml::Node& n, uint32_t* begin) {
  std::string_view written = src.slice(n.span);
  if (n.style == yaml::ScalarStyle::kPlain && written == n.value) {
    *begin = n.span.begin;
    return true;
  }
  bool quoted = n.style == yaml::ScalarStyle::kSingleQuoted ||
                n.style == yaml::ScalarStyle::kDoubleQuoted;
  if (quoted && written.size() >= 2 && written.substr(1, written.size() - 2) == n.value) {
    *begin = n.span.begin + 1;
    return true;
  }
  return false;
}

void append(RequirementFile& to, RequirementFile from) {
  auto move_all = [](auto& dst, auto& src) {
    std::move(src.begin(), src.end(), std::back_inserter(dst));
  };
  move_all(to.requirements, from.requirements);
  move_all(to.option_lines, from.option_lines);
  move_all(to.includes, from.includes);
  move_all(to.errors, from.errors);
  PipOptions& o = to.options;
  const PipOptions& f = from.options;
  auto add = [](std::vector<std::string>& d, const std::vector<std::string>& s) {
    d.insert(d.end(), s.begin(), s.end());
  };
  add(o.index_urls, f.index_urls);
  add(o.extra_index_urls, f.extra_index_urls);
  add(o.find_links, f.find_links);
  add(o.requirement_files, f.requirement_files);
  add(o.constraint_files, f.constraint_files);
  add(o.trusted_hosts, f.trusted_hosts);
  add(o.no_binary, f.no_binary);
  add(o.only_binary, f.only_binary);
  o.pre = o.pre || f.pre;
  o.no_index = o.no_index || f.no_index;
  o.prefer_binary = o.prefer_binary || f.prefer_binary;
  o.require_hashes = o.require_hashes || f.require_hashes;
}

}  // namespace

CondaSpec parse_conda_spec(std::string_view text, Span span, bool exact) {
  CondaSpec spec;
  spec.raw = std::string(text);
  spec.span = span;
  auto at = [&](size_t b, size_t e) {
    if (!exact) return span;
    return Span{span.begin + static_cast<uint32_t>(b), span.begin + static_cast<uint32_t>(e)};
  };
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  size_t chan = text.find("::", i);
  if (chan != std::string_view::npos) {
    spec.channel = std::string(text.substr(i, chan - i));
    i = chan + 2;
  }
  size_t name_begin = i;
  while (i < text.size() && is_name_char(text[i])) ++i;
  spec.name = lower(text.substr(name_begin, i - name_begin));
  spec.name_span = at(name_begin, i);
  size_t end = text.size();
  while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  size_t rest = i;
  while (rest < end && (text[rest] == ' ' || text[rest] == '\t')) ++rest;
  std::string_view tail = text.substr(rest, end - rest);
  spec.specifier_span = at(i, i);
  if (tail.empty()) return spec;
  size_t spec_end = end;
  if (tail.front() == '[') {  // bracket form: name[version='>=1',build=...]
    spec.specifier = std::string(tail);
  } else if (size_t space = tail.find_first_of(" \t"); space != std::string_view::npos) {
    spec.specifier = std::string(tail.substr(0, space));  // "1.21.* py39_0"
    size_t b = tail.find_first_not_of(" \t", space);
    spec.build = std::string(tail.substr(b));
    spec_end = rest + space;
    spec.version = spec.specifier.find_first_of("*<>!~=,|") == std::string::npos
                       ? spec.specifier : "";
  } else if (tail.front() == '=' && tail.substr(0, 2) != "==") {  // =version[=build]
    std::string_view body = tail.substr(1);
    size_t eq = body.find('=');
    spec.version = std::string(body.substr(0, eq));
    if (eq != std::string_view::npos) {
      spec.build = std::string(body.substr(eq + 1));
      spec_end = rest + 1 + eq;
    }
    spec.specifier = "=" + spec.version;
  } else {
    spec.specifier = std::string(tail);
    if (tail.substr(0, 2) == "==" && tail.find_first_of("*<>!~,|", 2) == std::string_view::npos) {
      spec.version = std::string(tail.substr(2));
    } else if (tail.find_first_of("*<>!~=,|") == std::string_view::npos) {
      spec.version = std::string(tail);
    }
  }
  spec.specifier_span = at(rest, spec_end);
  return spec;
}

CondaEnvironment parse_conda_env(SourcePtr source) {
  CondaEnvironment env;
  env.source = source;
  env.pip.source = source;
  if (!source) return env;
  yaml::Stream stream = yaml::parse_yaml(source);
  env.errors = stream.errors;
  if (stream.documents.empty()) return env;
  const yaml::Node& root = *stream.documents[0].root;
  auto shape_error = [&](std::string message, Span span) {
    env.errors.push_back({std::move(message), span, source->position(span.begin)});
  };
  if (!root.is_mapping()) {
    shape_error("a conda environment file should be a mapping", root.span);
    return env;
  }
  if (const yaml::Node* name = root.get("name"); name && name->is_scalar()) {
    env.name = std::string(name->scalar());
    env.name_span = name->resolved().span;
  }
  if (const yaml::Node* channels = root.get("channels"); channels && channels->is_sequence()) {
    for (const yaml::Node* c : channels->resolved().items) {
      if (!c->is_scalar()) continue;
      env.channels.emplace_back(c->scalar());
      env.channel_spans.push_back(c->resolved().span);
    }
  }
  const yaml::Node* deps = root.get("dependencies");
  if (!deps || deps->is_null()) return env;
  if (!deps->is_sequence()) {
    shape_error("'dependencies' should be a list", deps->span);
    return env;
  }
  for (const yaml::Node* item : deps->resolved().items) {
    const yaml::Node& d = item->resolved();
    if (d.kind == yaml::Kind::kScalar && !d.is_null()) {
      uint32_t begin = 0;
      bool exact = exact_offset(*source, d, &begin);
      Span span = exact ? Span{begin, begin + static_cast<uint32_t>(d.value.size())} : d.span;
      env.dependencies.push_back(parse_conda_spec(d.value, span, exact));
      continue;
    }
    const yaml::Node* pip = d.get("pip");
    if (!pip) continue;
    if (!pip->is_sequence()) {
      shape_error("'pip' should be a list of requirements", pip->span);
      continue;
    }
    for (const yaml::Node* p : pip->resolved().items) {
      const yaml::Node& r = p->resolved();
      if (r.kind != yaml::Kind::kScalar || r.is_null()) continue;
      uint32_t begin = 0;
      bool exact = exact_offset(*source, r, &begin);
      append(env.pip, parse_requirement_text(source, r.value, begin, exact, r.span));
    }
  }
  return env;
}

}  // namespace dockml::reqs
