#include "analyzer/diag/diagnostic.h"

#include <tuple>

namespace dockml {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
    case Severity::kStyle: return "style";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "info") return Severity::kInfo;
  if (s == "style") return Severity::kStyle;
  return std::nullopt;
}

std::string_view applicability_name(Applicability a) {
  switch (a) {
    case Applicability::kSafe: return "safe";
    case Applicability::kUnsafe: return "unsafe";
    case Applicability::kDisplay: return "display";
  }
  return "display";
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  const std::string& pa = a.source ? a.source->path() : std::string();
  const std::string& pb = b.source ? b.source->path() : std::string();
  return std::tie(pa, a.span.begin, a.span.end, a.code, a.message) <
         std::tie(pb, b.span.begin, b.span.end, b.code, b.message);
}

}  // namespace dockml
