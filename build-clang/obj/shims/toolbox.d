build-clang/obj/shims/toolbox.o: shims/toolbox.c shims/toolbox.h \
  shims/err.h shims/fmt.h

shims/toolbox.h:

shims/err.h:

shims/fmt.h:
