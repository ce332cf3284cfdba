// The rule interface. One rule = one file under rules/<family>/ holding its RuleMeta
// (code, name, severity, doc text) and a Rule subclass; rules/registry.cpp lists them all,
// sorted by code. The engine creates fresh Rule objects per linted file (so rules may keep
// per-file state), walks the instructions once calling check_instruction(), then finish().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/dockerfile/ast.h"

namespace dockml {

struct LintOptions;
class KnowledgeBase;
struct ImageModel;
struct ComposeModel;

enum class FixAvailability { kNone, kSometimes, kAlways };
enum class RuleTag { kNone, kUnnecessary, kDeprecated };
std::string_view fix_availability_name(FixAvailability f);  // "none", "sometimes", "always"

struct RuleMeta {
  std::string_view code;        // "DL3008"
  std::string_view name;        // kebab-case, "apt-get-pin-versions"
  Severity severity;            // default severity
  bool enabled_by_default;
  FixAvailability fix;
  std::string_view summary;     // one line, for tables and SARIF shortDescription
  // Markdown with the fixed sections, in order: "## What it does", "## Why it matters",
  // "## Example", "## Use instead", "## Fix safety", "## References".
  std::string_view doc;
  std::string_view alias = {};  // BuildKit check name for BKxxx rules ("JSONArgsRecommended")
  // How editors may render the finding (LSP DiagnosticTag): code that can go, or is deprecated.
  RuleTag tag = RuleTag::kNone;
};

// What kind of file is being linted.
enum class FileKind { kDockerfile, kRequirements, kCompose, kKubernetes };

// Read-only view handed to rules. Pointers are null when the piece does not apply.
struct FileContext {
  SourcePtr source;
  FileKind kind = FileKind::kDockerfile;
  const Dockerfile* dockerfile = nullptr;
  const ImageModel* model = nullptr;       // image model of the Dockerfile (issue 3)
  const ComposeModel* compose = nullptr;   // compose / Kubernetes model (issue 5)
  const KnowledgeBase* kb = nullptr;
  const LintOptions* options = nullptr;
  // Unique per lint of a file (never 0 when set by the engine): per-file caches key on it,
  // since addresses of the source or AST may be reused by a later lint.
  uint64_t lint_id = 0;
};

// Collects a rule's diagnostics with the rule's code and (possibly overridden) severity.
class Reporter {
 public:
  Reporter(const RuleMeta& meta, SourcePtr source, std::vector<Diagnostic>& out)
      : meta_(meta), source_(std::move(source)), out_(out) {}

  // Adds a diagnostic at `span` of the current file. The returned reference is valid
  // until the next report() call: use it to add labels, notes or a fix.
  Diagnostic& report(Span span, std::string message);
  // Same, with another severity than the rule's default (e.g. ML101's error/warning split).
  Diagnostic& report(Span span, std::string message, Severity severity);
  // A diagnostic pointing into another file (e.g. a requirement file line).
  Diagnostic& report_in(SourcePtr source, Span span, std::string message);

  const RuleMeta& meta() const { return meta_; }

 private:
  const RuleMeta& meta_;
  SourcePtr source_;
  std::vector<Diagnostic>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  // Called for every instruction in order (ONBUILD triggers are visited after their ONBUILD).
  virtual void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) {}
  // Called once after the walk (whole-file rules decide here; also the only hook for
  // requirement, compose and Kubernetes files).
  virtual void finish(const FileContext& ctx, Reporter& out) {}
};

struct RuleEntry {
  const RuleMeta* meta;
  std::unique_ptr<Rule> (*create)();
};

// Every rule, sorted by code (rules/registry.cpp).
std::span<const RuleEntry> rule_registry();
// Lookup by code or BuildKit alias; nullptr when unknown.
const RuleEntry* find_rule(std::string_view code_or_alias);

}  // namespace dockml
