build-clang/obj/shims/fmt.o: shims/fmt.c shims/fmt.h

shims/fmt.h:
