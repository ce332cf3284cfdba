#include "analyzer/render/formats.h"

#include <array>

namespace dockml {

std::span<const OutputFormat> output_formats() {
  // One row per renderer that exists (keep "text" first: it is the default).
  static const std::array kFormats = {
      OutputFormat{"text", &render_text},
      OutputFormat{"json", &render_json},
      OutputFormat{"sarif", &render_sarif},
      OutputFormat{"github", &render_github},
      OutputFormat{"checkstyle", &render_checkstyle},
      OutputFormat{"gitlab", &render_gitlab},
      OutputFormat{"rdjson", &render_rdjson},
      OutputFormat{"gnu", &render_gnu},
  };
  return kFormats;
}

const OutputFormat* find_output_format(std::string_view name) {
  for (const OutputFormat& f : output_formats())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace dockml
