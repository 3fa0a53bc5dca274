build-clang/obj/src/cmd_install.o: src/cmd_install.c src/catalog.h \
  shims/err.h shims/spec.h src/util.h src/cmds.h shims/mkdirs.h \
  src/paths.h src/shimdir.h src/shimfile.h

src/catalog.h:

shims/err.h:

shims/spec.h:

src/util.h:

src/cmds.h:

shims/mkdirs.h:

src/paths.h:

src/shimdir.h:

src/shimfile.h:
