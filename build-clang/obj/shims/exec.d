build-clang/obj/shims/exec.o: shims/exec.c shims/runtime.h shims/err.h \
  shims/project.h shims/spec.h shims/fmt.h shims/mkdirs.h shims/quote.h

shims/runtime.h:

shims/err.h:

shims/project.h:

shims/spec.h:

shims/fmt.h:

shims/mkdirs.h:

shims/quote.h:
