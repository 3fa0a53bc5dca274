/* state: the places noted for 'tbx prune', a line each and once each,
 * never through a link. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/state.h"
#include "unit.h"

static const char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

UNIT_TEST(test_state)
{
	char dir[] = "/tmp/tbx-unit-state.XXXXXX", path[PATH_MAX];
	char target[PATH_MAX];
	FILE *f;
	char *old = getenv("XDG_STATE_HOME");
	struct tbx_err e;

	old = old ? strdup(old) : NULL;
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	setenv("XDG_STATE_HOME", dir, 1);
	CHECK(state_path("projects", path, &e) == 0, "state_path");
	CHECK(!strcmp(path + strlen(dir), "/tbx/projects"), "%s", path);
	CHECK(state_note_project("/src/a", &e) == 0, "%s", e.msg);
	CHECK(state_note_project("/src/ab", &e) == 0, "%s", e.msg);
	CHECK(state_note_project("/src/a", &e) == 0, "%s", e.msg);
	CHECK(state_note_project("/src", &e) == 0, "%s", e.msg);
	CHECK(state_note_project("relative", &e) == 0, "%s", e.msg);
	CHECK(state_note_project("/a\nb", &e) == 0, "%s", e.msg);
	CHECK(!strcmp(slurp(path), "/src/a\n/src/ab\n/src\n"), "%s",
	      slurp(path));
	/* a last line without its newline gets one first */
	f = fopen(path, "a");
	CHECK(f && fputs("/edited", f) >= 0 && fclose(f) == 0, "append");
	CHECK(state_note_project("/src/b", &e) == 0, "%s", e.msg);
	CHECK(!strcmp(slurp(path), "/src/a\n/src/ab\n/src\n/edited\n/src/b\n"),
	      "%s", slurp(path));
	/* a link in its place is not written through */
	unlink(path);
	snprintf(target, sizeof(target), "%s/target", dir);
	CHECK(symlink(target, path) == 0, "symlink");
	CHECK(state_note_project("/src/a", &e) < 0, "wrote through a link");
	CHECK(access(target, F_OK) < 0, "created the link's target");
	unlink(path);
	snprintf(path, sizeof(path), "%s/tbx", dir);
	rmdir(path);
	rmdir(dir);
	if (old)
		setenv("XDG_STATE_HOME", old, 1);
	else
		unsetenv("XDG_STATE_HOME");
	free(old);
}
