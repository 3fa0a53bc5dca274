build-clang/obj/src/cmd_help.o: src/cmd_help.c shims/err.h src/cmds.h \
  src/shimfile.h shims/spec.h

shims/err.h:

src/cmds.h:

src/shimfile.h:

shims/spec.h:
