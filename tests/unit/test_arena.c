/* arena and args: a plan's strings and argv, grown without a fixed limit. */
#include <string.h>

#include "base/arena.h"
#include "base/args.h"
#include "unit.h"

UNIT_TEST(test_arena)
{
	struct arena a = ARENA_INIT;
	struct args v = ARGS_INIT;
	static char big[3 * ARENA_CHUNK];
	char *first = arena_printf(&a, "%s=%d", "n", 42), *s, *large;
	int ok = 1;

	CHECK(first && !strcmp(first, "n=42"), "formatted: %s", first);
	/* many small strings across chunks, each intact afterwards */
	for (int i = 0; i < 5000 && ok; i++) {
		s = arena_printf(&a, "item-%d", i);
		ok = s && ((unsigned long)s & 15) == 0;
		args_add(&v, s);
	}
	CHECK(ok, "5000 aligned strings");
	memset(big, 'x', sizeof(big) - 1);
	large = arena_strdup(&a, big);
	CHECK(large && strlen(large) == sizeof(big) - 1, "a string larger "
							 "than a chunk");
	s = arena_printf(&a, "after");
	CHECK(s && !strcmp(s, "after"), "the chunk in use stays in use");
	CHECK(!strcmp(first, "n=42"), "earlier strings are not moved");
	CHECK(v.n == 5000 && !v.failed && v.v[5000] == NULL &&
		      !strcmp(v.v[0], "item-0") &&
		      !strcmp(v.v[4999], "item-4999"),
	      "args: %zu items, NULL-terminated", v.n);
	args_add(&v, NULL);
	args_add(&v, "later");
	CHECK(v.failed && v.n == 5000, "a NULL item fails the args");
	args_free(&v);
	arena_free(&a);
	CHECK(a.chunk == NULL, "freed");
	s = arena_strdup(&a, "again");
	CHECK(s && !strcmp(s, "again"), "reused after free");
	arena_free(&a);
}
