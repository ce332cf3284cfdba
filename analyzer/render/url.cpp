#include "analyzer/render/render.h"

namespace dockml {

// Rule pages are generated into docs/rules/<CODE>.md of the repository.
std::string rule_url(std::string_view code) {
  return "https://github.com/dockml/dockml/blob/main/docs/rules/" + std::string(code) + ".md";
}

}  // namespace dockml
