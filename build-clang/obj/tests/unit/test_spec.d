build-clang/obj/tests/unit/test_spec.o: tests/unit/test_spec.c \
  shims/spec.h tests/unit/unit.h

shims/spec.h:

tests/unit/unit.h:
