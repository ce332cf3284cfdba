// The table of output formats `--format NAME` dispatches to. Each renderer lives in its own
// file (render/<name>.cpp); add a row to formats.cpp when one is added.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

#include "analyzer/render/render.h"

namespace dockml {

struct OutputFormat {
  std::string_view name;
  void (*render)(std::ostream& out, const RenderInput& in);
};

std::span<const OutputFormat> output_formats();
const OutputFormat* find_output_format(std::string_view name);  // nullptr when unknown

}  // namespace dockml
