// Recognisers: turn the commands of a parsed RUN into install facts, dispatched by command
// name as ShellCheck does (one file per tool family: recognize_pip.cpp, recognize_conda.cpp,
// recognize_system.cpp, recognize_lang.cpp, recognize_fetch.cpp).
#pragma once

#include "analyzer/model/install_facts.h"
#include "analyzer/shell/shell.h"

namespace dockml::shell {

// Every fact's SourceRef carries `source` (may be null in tests) and a span into it.
InstallFacts recognize(const ShellScript& script, const SourcePtr& source = nullptr);

}  // namespace dockml::shell
