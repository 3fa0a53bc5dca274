build-clang/obj/src/shimdir.o: src/shimdir.c src/shimdir.h shims/err.h \
  src/shimfile.h shims/spec.h src/util.h

src/shimdir.h:

shims/err.h:

src/shimfile.h:

shims/spec.h:

src/util.h:
