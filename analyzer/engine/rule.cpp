#include "analyzer/engine/rule.h"

namespace dockml {

std::string_view fix_availability_name(FixAvailability f) {
  switch (f) {
    case FixAvailability::kNone: return "none";
    case FixAvailability::kSometimes: return "sometimes";
    case FixAvailability::kAlways: return "always";
  }
  return "none";
}

Diagnostic& Reporter::report(Span span, std::string message) {
  return report(span, std::move(message), meta_.severity);
}

Diagnostic& Reporter::report(Span span, std::string message, Severity severity) {
  Diagnostic& d = out_.emplace_back();
  d.code = std::string(meta_.code);
  d.severity = severity;
  d.message = std::move(message);
  d.source = source_;
  d.span = span;
  return d;
}

Diagnostic& Reporter::report_in(SourcePtr source, Span span, std::string message) {
  Diagnostic& d = report(span, std::move(message));
  d.source = std::move(source);
  return d;
}

const RuleEntry* find_rule(std::string_view code_or_alias) {
  for (const RuleEntry& e : rule_registry()) {
    if (e.meta->code == code_or_alias || (!e.meta->alias.empty() && e.meta->alias == code_or_alias))
      return &e;
  }
  return nullptr;
}

}  // namespace dockml
