/* .toolbox: the versions a project pins, in its [tools] section. */
#include "toolbox.h"

#include <string.h>

#include "inifile.h"

int toolbox_pin_text(const char *text, const char *name, const char *tool,
		     char *version, size_t size, unsigned *line,
		     struct tbx_err *e)
{
	struct ini_want w = {"tools",	tool, version, size, version_invalid,
			     "version", tool, 0,       0};

	if (ini_lookup(text, name, &w, 1, e) < 0)
		return -1;
	if (line)
		*line = w.line;
	return w.found;
}

const char *version_invalid(const char *v)
{
	size_t len = strlen(v);

	if (len == 0)
		return "is empty";
	if (len > 128)
		return "is longer than 128 characters";
	if (v[0] == '.' || v[0] == '-')
		return "must not start with '.' or '-'";
	for (const char *c = v; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '.' || *c == '_' ||
		      *c == '-'))
			return "has characters other than letters, digits, '.', '_' and '-'";
	return NULL;
}
