// Shell form -> exec (JSON) form for CMD, ENTRYPOINT and HEALTHCHECK CMD fixes (DL3025, BK007).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dockml {

// The JSON exec form (`["python", "serve.py", "--port=8080"]`) of a shell-form command, when
// the conversion is unambiguous: the command is plain words separated by blanks, with no
// quotes, escapes, variables, globs, redirections, operators, comments, braces, `~` or control
// characters, and the first word is neither an assignment nor a shell builtin or keyword. A
// leading `exec` is dropped (the exec form already runs the program as PID 1). nullopt otherwise.
std::optional<std::string> exec_form_json(std::string_view shell_command);

}  // namespace dockml
