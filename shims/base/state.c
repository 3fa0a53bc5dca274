/* The user's state directory, and the directories noted in it. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "fullio.h"
#include "mkdirs.h"

int state_path(const char *name, char *out, struct tbx_err *e)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;

	if (state && state[0] == '/')
		n = fmt(out, PATH_MAX, "%s/tbx/%s", state, name);
	else if (home && home[0] == '/')
		n = fmt(out, PATH_MAX, "%s/.local/state/tbx/%s", home, name);
	else
		return err_set(
			e, TBX_EXIT_FAIL,
			"neither XDG_STATE_HOME nor HOME is an absolute path");
	return n < PATH_MAX ? 0 : err_set(e, TBX_EXIT_FAIL, "path too long");
}

int state_note_project(const char *dir, struct tbx_err *e)
{
	static char text[PROJECTS_MAX + 2];
	char path[PATH_MAX], top[PATH_MAX], line[PATH_MAX + 2];
	size_t len = strlen(dir);
	ssize_t n;
	int fd, r = 0;

	if (dir[0] != '/' || strchr(dir, '\n') || len >= PATH_MAX)
		return 0; /* not a line of the file */
	if (state_path("projects", path, e) < 0)
		return -1;
	strcpy(top, path);
	*strrchr(top, '/') = '\0';
	if (mkdirs_private(top, top, e) < 0)
		return -1;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot open %s", path);
	/* each line as "\n<dir>\n", the first too; a file too long to
	 * search gets the line again, and 'tbx prune' writes it anew */
	text[0] = '\n';
	n = fullio_read(fd, text + 1, sizeof(text) - 1);
	if (n < 0 && errno != EFBIG)
		r = err_sys(e, TBX_EXIT_FAIL, "cannot read %s", path);
	else {
		/* after a last line without its newline (an edit), one */
		int cut = n > 0 && text[n] != '\n';

		text[n < 0 ? 1 : n + 1] = '\0';
		line[0] = '\n';
		memcpy(line + 1, dir, len);
		memcpy(line + 1 + len, "\n", 2);
		if (!strstr(text, line) &&
		    fullio_write(fd, line + !cut, len + 1 + cut) < 0)
			r = err_sys(e, TBX_EXIT_FAIL, "cannot write %s", path);
	}
	close(fd);
	return r;
}
