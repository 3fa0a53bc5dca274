build-clang/obj/tests/unit/test_runtime.o: tests/unit/test_runtime.c \
  shims/runtime.h shims/err.h shims/project.h shims/spec.h \
  shims/toolbox.h tests/unit/unit.h

shims/runtime.h:

shims/err.h:

shims/project.h:

shims/spec.h:

shims/toolbox.h:

tests/unit/unit.h:
