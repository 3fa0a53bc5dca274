build-clang/obj/shims/runtime.o: shims/runtime.c shims/runtime.h \
  shims/err.h shims/project.h shims/spec.h shims/fmt.h shims/toolbox.h

shims/runtime.h:

shims/err.h:

shims/project.h:

shims/spec.h:

shims/fmt.h:

shims/toolbox.h:
