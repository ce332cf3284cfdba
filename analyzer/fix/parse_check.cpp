#include "analyzer/fix/parse_check.h"

#include "analyzer/dockerfile/parser.h"
#include "analyzer/dockerfile/validate.h"
#include "analyzer/yaml/yaml.h"

namespace dockml {

size_t parse_error_count(const SourcePtr& source, FileKind kind) {
  switch (kind) {
    case FileKind::kDockerfile: {
      Dockerfile df = parse_dockerfile(source);
      return df.errors.size() + validate_instructions(df).size();
    }
    case FileKind::kCompose:
    case FileKind::kKubernetes:
      return yaml::parse_yaml(source).errors.size();
    case FileKind::kRequirements:
      return 0;
  }
  return 0;
}

}  // namespace dockml
