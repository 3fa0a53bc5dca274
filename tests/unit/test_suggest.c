/* suggest: the name a typo stands for, or none. */
#include <string.h>

#include "suggest.h"
#include "unit.h"

UNIT_TEST(test_suggest)
{
	static const char *const names[] = {"install",	 "lock",   "list",
					    "go",	 "maven",  "erlang",
					    "terraform", "python", "gc"};
	static const struct {
		const char *typed, *want; /* want NULL: none */
	} rows[] = {
		{"instal", "install"},
		{"isntall", "install"},
		{"lcok", "lock"},
		{"mavn", "maven"},
		{"pythn", "python"},
		{"terrafrom", "terraform"},
		{"terrafrm", "terraform"},
		{"golang", NULL},
		{"install", NULL},
		{"x", NULL},
		{"gx", NULL},
		{"lisk", "list"},
		{"", NULL},
		{"zzzzzz", NULL},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		const char *got = suggest(rows[i].typed, names, ROWS(names));

		CHECK(rows[i].want ? got && !strcmp(got, rows[i].want) : !got,
		      "'%s': %s", rows[i].typed, got ? got : "none");
	}
	/* two as near: neither */
	CHECK(!suggest("moke", (const char *const[]){"make", "mike"}, 2),
	      "a tie names none");
}
