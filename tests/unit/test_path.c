/* path_within: a path and the directories that hold it. */
#include <string.h>

#include "base/path.h"
#include "unit.h"

UNIT_TEST(paths_within)
{
	static const struct {
		const char *path, *dir;
		int within;
	} rows[] = {
		{"/a/b", "/a", 1},   {"/a", "/a", 1},	 {"/a/b", "/a/", 1},
		{"/a/b", "/a//", 1}, {"/ab", "/a", 0},	 {"/a", "/a/b", 0},
		{"/x", "/", 1},	     {"/", "/", 1},	 {"/a b/c", "/a b", 1},
		{"/a", "//", 1},     {"/proc", "/p", 0}, {"/a", "", 0},
		{"", "", 0},
	};

	for (size_t i = 0; i < ROWS(rows); i++)
		CHECK(path_within(rows[i].path, rows[i].dir) == rows[i].within,
		      "%s within %s: %d", rows[i].path, rows[i].dir,
		      !rows[i].within);
}
