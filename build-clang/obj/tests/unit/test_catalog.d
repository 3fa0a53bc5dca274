build-clang/obj/tests/unit/test_catalog.o: tests/unit/test_catalog.c \
  src/catalog.h shims/err.h shims/spec.h src/util.h tests/unit/unit.h

src/catalog.h:

shims/err.h:

shims/spec.h:

src/util.h:

tests/unit/unit.h:
