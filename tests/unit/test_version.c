/* version: ordering, partial matches, versions read back from tags. */
#include <string.h>

#include "unit.h"
#include "version.h"

UNIT_TEST(test_version)
{
	static const struct {
		const char *a, *b;
		int sign;
	} order[] = {
		{"1.22.10", "1.22.9", 1},  {"1.22", "1.22.0", -1},
		{"1.2", "1.10", -1},	   {"1.22.0", "1.22.0rc1", 1},
		{"1.23rc1", "1.22.5", 1},  {"1.0", "1.0-beta", 1},
		{"1.0rc2", "1.0rc10", -1}, {"01.2", "1.2", 1},
		{"2", "10", -1},	   {"3.9.9", "3.9.9", 0},
		{"1.0.1", "1.0rc1", 1},
	};
	static const struct {
		const char *v;
		int release;
	} rel[] = {
		{"1.22.3", 1}, {"1", 1},  {"1.23rc1", 0}, {"latest", 0},
		{"1.", 0},     {".1", 0}, {"1..2", 0},	  {"1.0-beta", 0},
	};
	static const struct {
		const char *req, *cand;
		int m;
	} match[] = {
		{"1.22", "1.22", 1},  {"1.22", "1.22.3", 1},
		{"1.22", "1.220", 0}, {"1.22", "1.2", 0},
		{"3", "3.9.9", 1},    {"1.22", "1.22rc1", 0},
	};
	static const struct {
		const char *tmpl, *tag, *v;
	} tags[] = {
		{"{version}", "1.22.3", "1.22.3"},
		{"{version}-eclipse-temurin-21", "3.9.9-eclipse-temurin-21",
		 "3.9.9"},
		{"v{version}", "v2.45.2", "2.45.2"},
		{"{version}-eclipse-temurin-21", "3.9.9-eclipse-temurin-17",
		 NULL},
		{"v{version}", "v", NULL},
		{"{version}-{version}", "1-1", NULL},
	};
	char out[64];

	for (size_t i = 0; i < ROWS(order); i++) {
		int r = version_cmp(order[i].a, order[i].b),
		    s = (r > 0) - (r < 0);
		int back = version_cmp(order[i].b, order[i].a);

		CHECK(s == order[i].sign && (back > 0) - (back < 0) == -s,
		      "%s vs %s: %d", order[i].a, order[i].b, r);
	}
	for (size_t i = 0; i < ROWS(rel); i++)
		CHECK(version_is_release(rel[i].v) == rel[i].release,
		      "release %s", rel[i].v);
	for (size_t i = 0; i < ROWS(match); i++)
		CHECK(version_matches(match[i].req, match[i].cand) ==
			      match[i].m,
		      "%s ~ %s", match[i].req, match[i].cand);
	for (size_t i = 0; i < ROWS(tags); i++) {
		int r = version_from_tag(tags[i].tmpl, tags[i].tag, out,
					 sizeof(out));

		CHECK(tags[i].v ? r == 0 && !strcmp(out, tags[i].v) : r < 0,
		      "%s in %s", tags[i].tag, tags[i].tmpl);
	}
}
