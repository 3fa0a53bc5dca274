/* The user's global git settings, read on the host. */
#include "gitsettings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/inifile.h"

struct wanted {
	const char *section, *sub, *key; /* sub: NULL when none */
	size_t nsection, nsub;
	char *out;
	size_t size;
	int found;
};

/* Whether inih's section text names w's section and subsection: git's
 * `[section "sub"]`, or the old `[section.sub]`. */
static int same_section(const struct wanted *w, const char *text)
{
	const char *c = text + w->nsection;

	if (strncasecmp(text, w->section, w->nsection))
		return 0;
	if (!w->sub)
		return !*c;
	if (*c == '.')
		return !strncasecmp(c + 1, w->sub, w->nsub) && !c[1 + w->nsub];
	return *c == ' ' && c[1] == '"' && !strncmp(c + 2, w->sub, w->nsub) &&
	       c[2 + w->nsub] == '"' && !c[3 + w->nsub];
}

/* A value as git reads it: quotes joined, \", \\, \n and \t, a # or ;
 * outside quotes ends it, and blanks then. 0, or -1 when it does not fit
 * or has another escape. */
static int git_value(const char *v, char *out, size_t size)
{
	size_t n = 0, kept = 0;
	int quoted = 0;

	for (; *v && (quoted || (*v != '#' && *v != ';')); v++) {
		char c = *v;

		if (c == '"') {
			quoted = !quoted;
			continue;
		}
		if (c == '\\') {
			c = *++v;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c != '"' && c != '\\')
				return -1;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
		if (quoted || (c != ' ' && c != '\t') || v[-1] == '\\')
			kept = n;
	}
	out[kept] = '\0';
	return 0;
}

static const char *on_value(void *user, const char *section, const char *key,
			    const char *value)
{
	struct wanted *w = user;

	if (same_section(w, section) && !strcasecmp(key, w->key))
		w->found = git_value(value, w->out, w->size) == 0;
	return NULL;
}

int gitsettings_get(const char *name, char *out, size_t size)
{
	static char text[INI_MAX_SIZE + 2];
	const char *home = getenv("HOME");
	const char *dot = strchr(name, '.'), *last = strrchr(name, '.');
	struct wanted w = {name, NULL, last ? last + 1 : "", 0, 0, out,
			   size, 0};
	char path[2][4096];
	struct tbx_err ignored;

	if (!dot || !home)
		return -1;
	w.nsection = (size_t)(dot - name);
	if (last != dot) {
		w.sub = dot + 1;
		w.nsub = (size_t)(last - dot - 1);
	}
	/* the files the tool's git reads, in its order */
	fmt(path[0], sizeof(path[0]), "%s/.config/git/config", home);
	fmt(path[1], sizeof(path[1]), "%s/.gitconfig", home);
	/* a line cut short may have held the value, or the section after
	 * it: the setting is then not known */
	for (int i = 0; i < 2; i++)
		if (ini_read(path[i], text, sizeof(text), &ignored) == 0 &&
		    ini_each(text, path[i], on_value, &w, &ignored) < 0 &&
		    ignored.errnum == E2BIG)
			return -1;
	return w.found ? 0 : -1;
}
