/* .toolbox parsing over inih, fed line by line so errors carry line numbers. */
#include "toolbox.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"

struct reader {
	const char *pos;
	int line;
	int too_long;
};

struct pin_state {
	struct reader *rd;
	const char *tool;
	char *version;
	size_t size;
	int found;
	int err_line;
	char err[256];
};

/* inih's reader: hands out one line at a time and counts them. */
static char *next_line(char *str, int num, void *stream)
{
	struct reader *rd = stream;
	const char *nl;
	size_t len, skip;

	if (!*rd->pos)
		return NULL;
	nl = strchr(rd->pos, '\n');
	len = nl ? (size_t)(nl - rd->pos) : strlen(rd->pos);
	rd->line++;
	/* Leading blanks would make inih read the line as the continuation
	 * of the previous value, and silently drop a pin. */
	skip = strspn(rd->pos, " \t");
	if (skip > len)
		skip = len;
	if (len - skip >= (size_t)num) {
		rd->too_long = rd->too_long ? rd->too_long : rd->line;
		len = (size_t)num - 1 + skip;
	}
	memcpy(str, rd->pos + skip, len - skip);
	str[len - skip] = '\0';
	rd->pos += nl ? (size_t)(nl - rd->pos) + 1 : strlen(rd->pos);
	return str;
}

static int fail(struct pin_state *st, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Keep the first error only: inih reports the line of the first one. */
static int fail(struct pin_state *st, const char *format, ...)
{
	va_list ap;

	if (!st->err_line) {
		st->err_line = st->rd->line;
		va_start(ap, format);
		fmt_v(st->err, sizeof(st->err), format, ap);
		va_end(ap);
	}
	return 0;
}

static int on_pair(void *user, const char *section, const char *name,
		   const char *value)
{
	struct pin_state *st = user;
	const char *why;

	if (strcmp(section, "tools") || strcmp(name, st->tool))
		return 1;
	if (st->found)
		return fail(st, "'%s' is pinned more than once", name);
	why = version_invalid(value);
	if (why)
		return fail(st, "version '%s' for '%s' %s", value, name, why);
	if (strlen(value) >= st->size)
		return fail(st, "version for '%s' is too long", name);
	strcpy(st->version, value);
	st->found = 1;
	return 1;
}

int toolbox_pin_text(const char *text, const char *name, const char *tool,
		     char *version, size_t size, struct tbx_err *e)
{
	struct reader rd = {text, 0, 0};
	struct pin_state st = {&rd, tool, version, size, 0, 0, ""};
	int line = ini_parse_stream(next_line, &rd, on_pair, &st);

	if (rd.too_long && (!line || rd.too_long <= line))
		return err_set(e, TBX_EXIT_FAIL, "%s:%d: line too long", name,
			       rd.too_long);
	if (line > 0 && line == st.err_line)
		return err_set(e, TBX_EXIT_FAIL, "%s:%d: %s", name, line,
			       st.err);
	if (line > 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "%s:%d: expected '[section]' or 'name = value'",
			       name, line);
	if (line < 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "%s: cannot parse (out of memory)", name);
	return st.found;
}

int toolbox_pin(const char *path, const char *tool, char *version, size_t size,
		struct tbx_err *e)
{
	static char
		text[TOOLBOX_MAX_SIZE + 2]; /* one more byte tells "larger" */
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return err_set(e, TBX_EXIT_FAIL, "%s: %s", path,
			       strerror(errno));
	while ((n = read(fd, text + len, sizeof(text) - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, TBX_EXIT_FAIL, "%s: %s", path,
				strerror(errno));
			close(fd);
			return -1;
		}
		len += (size_t)n;
		if (len > TOOLBOX_MAX_SIZE) {
			close(fd);
			return err_set(e, TBX_EXIT_FAIL,
				       "%s: larger than %d bytes", path,
				       TOOLBOX_MAX_SIZE);
		}
	}
	close(fd);
	text[len] = '\0';
	if (memchr(text, '\0', len))
		return err_set(e, TBX_EXIT_FAIL, "%s: contains a NUL byte",
			       path);
	return toolbox_pin_text(text, path, tool, version, size, e);
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
