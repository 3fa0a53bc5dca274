build-clang/obj/src/cmd_run.o: src/cmd_run.c src/catalog.h shims/err.h \
  shims/spec.h src/util.h src/cmds.h src/paths.h shims/runtime.h \
  shims/project.h

src/catalog.h:

shims/err.h:

shims/spec.h:

src/util.h:

src/cmds.h:

src/paths.h:

shims/runtime.h:

shims/project.h:
