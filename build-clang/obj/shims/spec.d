build-clang/obj/shims/spec.o: shims/spec.c shims/spec.h

shims/spec.h:
