// Code actions: quick fixes from Diagnostic::fix, "Ignore CODE for this line" pragmas and
// "Fix all safe" (source.fixAll.dockml). Pure functions over a document and its diagnostics.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/lsp/document_store.h"
#include "analyzer/lsp/positions.h"

namespace dockml::lsp {

inline constexpr std::string_view kFixAllKind = "source.fixAll.dockml";

struct CodeActionInput {
  const Document* doc = nullptr;
  const std::vector<Diagnostic>* diagnostics = nullptr;  // of doc, for doc's current text
  PositionEncoding encoding = PositionEncoding::kUtf16;
  std::optional<Severity> threshold;
  bool disabled_support = false;  // client renders `disabled` actions (display-only fixes)
  // First line of the instruction containing an offset (for pragma placement); may be empty.
  std::function<std::optional<uint32_t>(uint32_t offset)> instruction_line;
};

// True when kind `kind` is requested by `only` (empty `only`: everything).
bool kind_requested(std::string_view kind, const std::vector<std::string>& only);

// Quick fixes and ignore actions for the diagnostics overlapping `range`, then the fix-all
// action when requested and available (`fix_all_edit` computes its WorkspaceEdit).
nlohmann::json code_actions(const CodeActionInput& in, Span range, const std::vector<std::string>& only,
                            const std::function<std::optional<nlohmann::json>()>& fix_all_edit);

// The edit that adds `# dockml ignore=CODE` above the instruction holding `d` (or appends
// ",CODE" to such a pragma already there); nullopt when CODE is already listed.
std::optional<Edit> ignore_edit(const SourceFile& file, const Diagnostic& d,
                                std::optional<uint32_t> instruction_line);

// Applies the safe fixes of `diagnostics` that do not overlap each other (a fix is taken
// whole or not at all, in span order). Returns the new text and how many fixes applied.
struct AppliedFixes {
  std::string text;
  size_t applied = 0;
};
AppliedFixes apply_safe_fixes(const SourceFile& file, const std::vector<Diagnostic>& diagnostics);

// Fix all: the fix loop of analyzer/fix/fix_loop.h (safe fixes, re-lint via `relint`) until
// nothing applies or `max_rounds`. Returns the final text, or nullopt when no fix applied.
std::optional<std::string> fix_all_text(
    const SourcePtr& source, const std::vector<Diagnostic>& first_diagnostics,
    const std::function<std::vector<Diagnostic>(const SourcePtr&)>& relint, int max_rounds = 8);

// One edit turning `before` into `after` (common prefix and suffix kept, cut on UTF-8
// character boundaries).
Edit minimal_edit(std::string_view before, std::string_view after);

}  // namespace dockml::lsp
