build-clang/obj/shims/mkdirs.o: shims/mkdirs.c shims/mkdirs.h shims/err.h

shims/mkdirs.h:

shims/err.h:
