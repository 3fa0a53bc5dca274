build-clang/obj/tests/unit/test_fmt.o: tests/unit/test_fmt.c shims/fmt.h \
  tests/unit/unit.h

shims/fmt.h:

tests/unit/unit.h:
