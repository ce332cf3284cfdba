#include "analyzer/render/location.h"

#include "analyzer/render/render_util.h"

namespace dockml {

namespace {

Location to_location(const render::Range& r) {
  return Location{r.start.line, r.start.column, r.end.line, r.end.column};
}

}  // namespace

Location char_location(const SourceFile& file, Span span) {
  return to_location(render::span_range(file, span, render::ColumnUnit::kCodePoints));
}

Location char_edit_location(const SourceFile& file, Span span) {
  return to_location(render::edit_range(file, span, render::ColumnUnit::kCodePoints));
}

std::string display_path(const SourceFile& file) {
  return file.path() == "-" ? std::string("<stdin>") : file.path();
}

}  // namespace dockml
