#include "analyzer/fix/exec_form.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

TEST(ExecForm, PlainWordsBecomeJson) {
  EXPECT_EQ(exec_form_json("python serve.py --port=8080"), R"(["python", "serve.py", "--port=8080"])");
  EXPECT_EQ(exec_form_json("  /entry.sh\t run  "), R"(["/entry.sh", "run"])");
  EXPECT_EQ(exec_form_json("exec gunicorn -b 0.0.0.0:80 app:app"),
            R"(["gunicorn", "-b", "0.0.0.0:80", "app:app"])");
  EXPECT_EQ(exec_form_json("jupyter lab --ip=0.0.0.0 --NotebookApp.token=%s"),
            R"(["jupyter", "lab", "--ip=0.0.0.0", "--NotebookApp.token=%s"])");
  EXPECT_EQ(exec_form_json("caf\xC3\xA9"), "[\"caf\xC3\xA9\"]");
}

TEST(ExecForm, AnythingTheShellWouldInterpretIsLeftAlone) {
  for (const char* s : {"python $APP", "echo 'hi'", "echo \"hi\"", "a && b", "a | b", "a > log",
                        "a; b", "ls *.py", "cd /x", "export A=1", "A=1 python x", "exec", "",
                        "   ", "a \\\n b", "echo ~/x", "echo {a,b}", "run # comment", "a `b`",
                        "source env.sh", "! false", "a\x01"}) {
    EXPECT_EQ(exec_form_json(s), std::nullopt) << s;
  }
}

}  // namespace
}  // namespace dockml
