build-clang/obj/src/cmd_catalog.o: src/cmd_catalog.c src/catalog.h \
  shims/err.h shims/spec.h src/util.h src/cmds.h

src/catalog.h:

shims/err.h:

shims/spec.h:

src/util.h:

src/cmds.h:
