build-clang/obj/shims/err.o: shims/err.c shims/err.h shims/fmt.h

shims/err.h:

shims/fmt.h:
