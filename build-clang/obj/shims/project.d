build-clang/obj/shims/project.o: shims/project.c shims/project.h \
  shims/err.h shims/fmt.h

shims/project.h:

shims/err.h:

shims/fmt.h:
