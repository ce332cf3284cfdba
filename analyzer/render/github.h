// GitHub Actions output: workflow-command annotations on stdout and a Markdown job summary.
// render_github() writes the annotations and, when $GITHUB_STEP_SUMMARY names a file,
// appends the job summary to it; the pieces below let tests run without the environment.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/render/render.h"

namespace dockml {

// The `::error file=...::message` lines and the closing summary line.
void render_github_annotations(std::ostream& out, const RenderInput& in);

// The Markdown job summary (a heading, the counts, and a table of every finding).
std::string github_step_summary(const RenderInput& in);

// Appends the job summary to `path`; returns false (and sets *error) when it cannot.
bool append_github_step_summary(const std::string& path, const RenderInput& in,
                                std::string* error);

// Escaping of workflow-command data (% CR LF) and property values (also ':' and ',').
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace dockml
