// The image model as JSON (`dockml inspect FILE`).
#pragma once

#include <nlohmann/json.hpp>

#include "analyzer/model/image_model.h"

namespace dockml {

// Per stage: name, base (raw, resolved), image facts with KB sources, python, cuda, nvcc,
// env at the end of the stage, installs (line, or requirement file + line), frameworks with
// CUDA variants, compiles_cuda reasons, COPY edges; plus model notes. Lines are 1-based.
nlohmann::json image_model_json(const ImageModel& model);

}  // namespace dockml
