#include "analyzer/model/pep508.h"

#include <algorithm>
#include <array>

namespace dockml {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }
bool is_version_char(char c) {
  return is_alnum(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-' || c == '_';
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

constexpr std::array<std::string_view, 4> kVcsPrefixes = {"git+", "hg+", "svn+", "bzr+"};

bool is_vcs_url(std::string_view url) {
  std::string lower = to_lower(url.substr(0, 5));
  for (std::string_view p : kVcsPrefixes) {
    if (starts_with(lower, p)) return true;
  }
  return false;
}

bool looks_like_url(std::string_view s) {
  size_t scheme = s.find("://");
  if (scheme != std::string_view::npos && scheme > 0) {
    for (size_t i = 0; i < scheme; ++i) {
      if (!is_alnum(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.') return false;
    }
    return true;
  }
  return starts_with(to_lower(s.substr(0, 5)), "file:") || is_vcs_url(s);
}

bool has_archive_suffix(std::string_view s) {
  std::string lower = to_lower(s);
  for (std::string_view suffix : {".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"}) {
    if (ends_with(lower, suffix)) return true;
  }
  return false;
}

bool looks_like_path(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '.' || s[0] == '/' || s[0] == '~' || s[0] == '$') return true;
  size_t stop = s.find_first_of("[;= <>!~");
  std::string_view head = s.substr(0, stop);
  return head.find('/') != std::string_view::npos || head.find('\\') != std::string_view::npos ||
         has_archive_suffix(head);
}

std::vector<std::string> split_extras(std::string_view inside, std::string* error) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= inside.size()) {
    size_t comma = inside.find(',', start);
    if (comma == std::string_view::npos) comma = inside.size();
    std::string extra = trim(inside.substr(start, comma - start));
    if (!extra.empty()) {
      if (!is_valid_package_name(extra)) {
        *error = "invalid extra '" + extra + "'";
        return {};
      }
      out.push_back(extra);
    }
    start = comma + 1;
  }
  return out;
}

// Validates a version specifier and returns it without whitespace; sets *error on failure.
std::string check_specifier(std::string_view spec, std::string* error) {
  std::string compact;
  for (char c : spec) {
    if (!is_space(c)) compact += c;
  }
  if (compact.empty()) return compact;
  size_t start = 0;
  while (start <= compact.size()) {
    size_t comma = compact.find(',', start);
    if (comma == std::string::npos) comma = compact.size();
    std::string_view clause = std::string_view(compact).substr(start, comma - start);
    size_t op = 0;
    for (std::string_view o : {"===", "~=", "==", "!=", "<=", ">=", "<", ">"}) {
      if (starts_with(clause, o)) {
        op = o.size();
        break;
      }
    }
    std::string_view version = clause.substr(op);
    if (op == 0 || version.empty() ||
        !std::all_of(version.begin(), version.end(), is_version_char)) {
      *error = "invalid version specifier '" + trim(spec) + "'";
      return {};
    }
    start = comma + 1;
  }
  return compact;
}

// Splits `name-version...` style file names: wheel "{name}-{ver}(-{build})?-{py}-{abi}-{plat}.whl"
// and sdist "{name}-{ver}.tar.gz". Returns false when the name cannot be taken apart.
bool split_archive_name(std::string_view file, std::string* name, std::string* version) {
  std::string lower = to_lower(file);
  if (ends_with(lower, ".whl")) {
    std::string_view stem = file.substr(0, file.size() - 4);
    size_t dash = stem.find('-');
    if (dash == std::string_view::npos) return false;
    size_t dash2 = stem.find('-', dash + 1);
    *name = std::string(stem.substr(0, dash));
    *version = std::string(stem.substr(dash + 1, dash2 == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : dash2 - dash - 1));
    return is_valid_package_name(*name) && !version->empty();
  }
  for (std::string_view suffix : {".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"}) {
    if (!ends_with(lower, suffix)) continue;
    std::string_view stem = file.substr(0, file.size() - suffix.size());
    // The version starts after the last '-' followed by a digit.
    for (size_t i = stem.size(); i-- > 0;) {
      if (stem[i] == '-' && i + 1 < stem.size() && stem[i + 1] >= '0' && stem[i + 1] <= '9') {
        *name = std::string(stem.substr(0, i));
        *version = std::string(stem.substr(i + 1));
        return is_valid_package_name(*name);
      }
    }
    return false;
  }
  return false;
}

void set_version(PipRequirement& req, const std::string& version) {
  req.specifier = "==" + version;
  req.exact_version = version;
  req.local_label = local_label_of(version);
}

// Fills name/version from a URL or path (wheel/sdist file name, or #egg= for VCS URLs).
void infer_from_location(std::string_view location, size_t location_offset,
                         Pep508Result& result) {
  PipRequirement& req = result.requirement;
  std::string_view no_fragment = location.substr(0, location.find('#'));
  std::string_view no_query = no_fragment.substr(0, no_fragment.find('?'));
  size_t slash = no_query.find_last_of("/\\");
  size_t file_begin = slash == std::string_view::npos ? 0 : slash + 1;
  std::string_view file = no_query.substr(file_begin);
  // pip URLs may percent-encode the '+' of a local version ("torch-2.1.0%2Bcu118-...").
  std::string decoded(file);
  for (size_t p; (p = decoded.find("%2B")) != std::string::npos ||
                 (p = decoded.find("%2b")) != std::string::npos;) {
    decoded.replace(p, 3, "+");
  }
  std::string name, version;
  if (!req.vcs && split_archive_name(decoded, &name, &version)) {
    if (req.name.empty()) {
      req.display_name = name;
      req.name = normalize_package_name(name);
      uint32_t b = static_cast<uint32_t>(location_offset + file_begin);
      result.name = Span{b, b + static_cast<uint32_t>(name.size())};
    }
    if (req.specifier.empty()) set_version(req, version);
    return;
  }
  size_t egg = location.find("#egg=");
  if (egg == std::string_view::npos) egg = location.find("&egg=");
  if (egg != std::string_view::npos && req.name.empty()) {
    std::string_view value = location.substr(egg + 5);
    size_t stop = 0;
    while (stop < value.size() && is_name_char(value[stop])) ++stop;
    if (stop > 0) {
      req.display_name = std::string(value.substr(0, stop));
      req.name = normalize_package_name(req.display_name);
      uint32_t b = static_cast<uint32_t>(location_offset + egg + 5);
      result.name = Span{b, b + static_cast<uint32_t>(stop)};
    }
  }
}

Pep508Result parse_pip_form(std::string_view text, size_t base) {
  Pep508Result result;
  PipRequirement& req = result.requirement;
  req.raw = std::string(text);
  std::string_view location = text;
  // `URL ; markers` (the ';' must follow whitespace so URLs with ';' survive).
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == ';' && is_space(text[i - 1])) {
      req.markers = trim(text.substr(i + 1));
      size_t end = i;
      while (end > 0 && is_space(text[end - 1])) --end;
      location = text.substr(0, end);
      break;
    }
  }
  // `./pkg[extra]`: extras after a path.
  if (!location.empty() && location.back() == ']' && !looks_like_url(location)) {
    size_t open = location.rfind('[');
    if (open != std::string_view::npos) {
      req.extras = split_extras(location.substr(open + 1, location.size() - open - 2),
                                &result.error);
      location = location.substr(0, open);
    }
  }
  req.url = std::string(location);
  req.vcs = is_vcs_url(location);
  infer_from_location(location, base, result);
  return result;
}

}  // namespace

std::string normalize_package_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      if (!in_sep) out += '-';
      in_sep = true;
      continue;
    }
    in_sep = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool is_valid_package_name(std::string_view name) {
  if (name.empty() || !is_alnum(name.front()) || !is_alnum(name.back())) return false;
  return std::all_of(name.begin(), name.end(), is_name_char);
}

std::optional<std::string> exact_version_of(std::string_view specifier) {
  std::string compact;
  for (char c : specifier) {
    if (!is_space(c)) compact += c;
  }
  size_t start = 0;
  while (start < compact.size()) {
    size_t comma = compact.find(',', start);
    if (comma == std::string::npos) comma = compact.size();
    std::string_view clause = std::string_view(compact).substr(start, comma - start);
    size_t op = starts_with(clause, "===") ? 3 : starts_with(clause, "==") ? 2 : 0;
    if (op > 0) {
      std::string_view version = clause.substr(op);
      if (version.empty() || version.find('*') != std::string_view::npos) return std::nullopt;
      return std::string(version);
    }
    start = comma + 1;
  }
  return std::nullopt;
}

std::string local_label_of(std::string_view version) {
  size_t plus = version.find('+');
  return plus == std::string_view::npos ? std::string() : std::string(version.substr(plus + 1));
}

Pep508Result parse_requirement(std::string_view text, bool allow_pip_forms) {
  size_t b = 0, e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  std::string_view s = text.substr(b, e - b);
  Pep508Result result;
  if (s.empty()) {
    result.error = "empty requirement";
    return result;
  }
  if (allow_pip_forms && (looks_like_url(s) || looks_like_path(s))) {
    return parse_pip_form(s, b);
  }
  PipRequirement& req = result.requirement;
  req.raw = std::string(s);
  size_t i = 0;
  while (i < s.size() && is_name_char(s[i])) ++i;
  std::string_view name = s.substr(0, i);
  if (!is_valid_package_name(name)) {
    size_t stop = i;
    while (stop < s.size() && !is_space(s[stop]) && (i == 0 || s[stop] != '[') && s[stop] != ';') {
      ++stop;
    }
    result.error = name.empty() && i == 0
                       ? "expected a package name at '" + std::string(s.substr(0, stop)) + "'"
                       : "invalid package name '" + std::string(s.substr(0, std::max(i, stop))) + "'";
    return result;
  }
  req.display_name = std::string(name);
  req.name = normalize_package_name(name);
  result.name = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(b + i)};
  i = skip_space(s, i);
  if (i < s.size() && s[i] == '[') {
    size_t close = s.find(']', i);
    if (close == std::string_view::npos) {
      result.error = "missing ']' after extras";
      return result;
    }
    req.extras = split_extras(s.substr(i + 1, close - i - 1), &result.error);
    if (!result.ok()) return result;
    i = skip_space(s, close + 1);
  }
  if (i < s.size() && s[i] == '@') {
    i = skip_space(s, i + 1);
    size_t url_end = i;
    while (url_end < s.size() && !is_space(s[url_end])) ++url_end;
    if (url_end == i) {
      result.error = "expected a URL after '@'";
      return result;
    }
    req.url = std::string(s.substr(i, url_end - i));
    req.vcs = is_vcs_url(req.url);
    infer_from_location(req.url, b + i, result);
    i = skip_space(s, url_end);
    if (i < s.size()) {
      if (s[i] != ';') {
        result.error = "unexpected '" + std::string(s.substr(i)) + "' after URL";
        return result;
      }
      req.markers = trim(s.substr(i + 1));
    }
    return result;
  }
  size_t semi = s.find(';', i);
  std::string_view spec = s.substr(i, semi == std::string_view::npos ? s.size() - i : semi - i);
  size_t spec_begin = i;
  // PEP 508 also allows `name (>=1.0)`.
  std::string spec_text = trim(spec);
  if (!spec_text.empty() && spec_text.front() == '(') {
    if (spec_text.back() != ')') {
      result.error = "missing ')' after version specifier";
      return result;
    }
    spec_begin = s.find('(', i) + 1;
    spec_text = trim(std::string_view(spec_text).substr(1, spec_text.size() - 2));
    spec_begin = skip_space(s, spec_begin);
  }
  req.specifier = check_specifier(spec_text, &result.error);
  if (!result.ok()) return result;
  if (!spec_text.empty()) {
    uint32_t sb = static_cast<uint32_t>(b + spec_begin);
    result.specifier = Span{sb, sb + static_cast<uint32_t>(spec_text.size())};
  }
  req.exact_version = exact_version_of(req.specifier);
  if (req.exact_version) {
    req.local_label = local_label_of(*req.exact_version);
  } else {
    size_t plus = req.specifier.find('+');
    if (plus != std::string::npos) {
      size_t stop = req.specifier.find(',', plus);
      req.local_label = req.specifier.substr(plus + 1, stop == std::string::npos
                                                           ? std::string::npos
                                                           : stop - plus - 1);
    }
  }
  if (semi != std::string_view::npos) req.markers = trim(s.substr(semi + 1));
  return result;
}

}  // namespace dockml
