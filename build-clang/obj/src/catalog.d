build-clang/obj/src/catalog.o: src/catalog.c src/catalog.h shims/err.h \
  shims/spec.h src/util.h src/paths.h src/ref.h shims/toolbox.h

src/catalog.h:

shims/err.h:

shims/spec.h:

src/util.h:

src/paths.h:

src/ref.h:

shims/toolbox.h:
