build-clang/obj/tests/unit/test_toolbox.o: tests/unit/test_toolbox.c \
  shims/toolbox.h shims/err.h tests/unit/unit.h

shims/toolbox.h:

shims/err.h:

tests/unit/unit.h:
