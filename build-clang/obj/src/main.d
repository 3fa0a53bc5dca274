build-clang/obj/src/main.o: src/main.c shims/err.h src/cmds.h

shims/err.h:

src/cmds.h:
