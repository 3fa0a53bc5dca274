build-clang/obj/shims/quote.o: shims/quote.c shims/quote.h

shims/quote.h:
