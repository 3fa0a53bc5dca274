/* The user's global git settings, read on the host. */
#include "gitsettings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/inifile.h"

struct wanted {
	const char *section, *key;
	char *out;
	size_t size;
	int found;
};

static const char *on_value(void *user, const char *section, const char *key,
			    const char *value)
{
	struct wanted *w = user;
	size_t n = strlen(value);

	if (strcasecmp(section, w->section) || strcasecmp(key, w->key))
		return NULL;
	if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
		value++;
		n -= 2;
	}
	w->found =
		(size_t)fmt(w->out, w->size, "%.*s", (int)n, value) < w->size;
	return NULL;
}

int gitsettings_get(const char *name, char *out, size_t size)
{
	static char text[INI_MAX_SIZE + 2];
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *dot = strrchr(name, '.');
	char section[64], path[2][4096];
	struct wanted w = {section, dot + 1, out, size, 0};
	struct tbx_err ignored;

	if (!dot || (size_t)(dot - name) >= sizeof(section) || !home)
		return -1;
	fmt(section, sizeof(section), "%.*s", (int)(dot - name), name);
	if (xdg && xdg[0] == '/')
		fmt(path[0], sizeof(path[0]), "%s/git/config", xdg);
	else
		fmt(path[0], sizeof(path[0]), "%s/.config/git/config", home);
	fmt(path[1], sizeof(path[1]), "%s/.gitconfig", home);
	for (int i = 0; i < 2; i++)
		if (ini_read(path[i], text, sizeof(text), &ignored) == 0)
			ini_each(text, path[i], on_value, &w, &ignored);
	return w.found ? 0 : -1;
}
