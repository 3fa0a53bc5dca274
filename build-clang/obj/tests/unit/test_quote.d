build-clang/obj/tests/unit/test_quote.o: tests/unit/test_quote.c \
  shims/quote.h tests/unit/unit.h

shims/quote.h:

tests/unit/unit.h:
