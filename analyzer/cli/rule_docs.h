// Rule documentation generation: `dockml rules --write-docs DIR --readme FILE` (run by
// `make docs`) writes DIR/<CODE>.md for every rule and the README's rule table.
#pragma once

#include <string>

#include "analyzer/engine/rule.h"

namespace dockml {

// The Markdown page of one rule (docs/rules/<CODE>.md).
std::string rule_doc_page(const RuleMeta& meta);

// The README rule table; links point to `<docs_link>/<CODE>.md` ("" -> "docs/rules").
std::string rule_table_markdown(const std::string& docs_link);

// Replaces the text between the "<!-- rules:begin -->" and "<!-- rules:end -->" lines of
// `readme` with `table`. False (with `error`) when a marker is missing or out of order.
bool replace_rule_table(std::string& readme, const std::string& table, std::string& error);

// Writes the pages (either argument may be empty to skip that part), removes pages of
// rules that no longer exist, and returns the exit code (2 with a one-line error on failure).
int run_write_rule_docs(const std::string& docs_dir, const std::string& readme_path);

}  // namespace dockml
