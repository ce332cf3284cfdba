#include "analyzer/reqs/symbols.h"

namespace dockml::reqs {

const ts::SymbolTable& requirement_symbol_table() {
  static const ts::SymbolTable table(
      ts::Grammar::kRequirements,
      {{"requirement"}, {"package"}, {"extras"}, {"version_spec"}, {"version_cmp"},
       {"version"}, {"url_spec"}, {"url"}, {"marker_spec"}, {"requirement_opt"}, {"option"},
       {"argument"}, {"quoted_string"}, {"path"}, {"global_opt"}, {"comment"}, {"linebreak"}},
      {});
  return table;
}

const RequirementSymbols& requirement_symbols() {
  static const RequirementSymbols symbols = [] {
    const ts::SymbolTable& t = requirement_symbol_table();
    RequirementSymbols s{};
    s.requirement = t.symbol("requirement");
    s.package = t.symbol("package");
    s.extras = t.symbol("extras");
    s.version_spec = t.symbol("version_spec");
    s.version_cmp = t.symbol("version_cmp");
    s.version = t.symbol("version");
    s.url_spec = t.symbol("url_spec");
    s.url = t.symbol("url");
    s.marker_spec = t.symbol("marker_spec");
    s.requirement_opt = t.symbol("requirement_opt");
    s.option = t.symbol("option");
    s.argument = t.symbol("argument");
    s.quoted_string = t.symbol("quoted_string");
    s.path = t.symbol("path");
    s.global_opt = t.symbol("global_opt");
    s.comment = t.symbol("comment");
    s.linebreak = t.symbol("linebreak");
    return s;
  }();
  return symbols;
}

}  // namespace dockml::reqs
