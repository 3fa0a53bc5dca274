build-clang/obj/src/paths.o: src/paths.c src/paths.h shims/err.h \
  src/util.h

src/paths.h:

shims/err.h:

src/util.h:
