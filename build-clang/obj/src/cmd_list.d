build-clang/obj/src/cmd_list.o: src/cmd_list.c src/cmds.h shims/err.h \
  src/paths.h shims/runtime.h shims/project.h shims/spec.h src/shimdir.h \
  src/shimfile.h

src/cmds.h:

shims/err.h:

src/paths.h:

shims/runtime.h:

shims/project.h:

shims/spec.h:

src/shimdir.h:

src/shimfile.h:
