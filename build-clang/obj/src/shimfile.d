build-clang/obj/src/shimfile.o: src/shimfile.c src/shimfile.h shims/err.h \
  shims/spec.h src/util.h

src/shimfile.h:

shims/err.h:

shims/spec.h:

src/util.h:
