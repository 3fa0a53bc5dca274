/* Small INI files over inih, fed line by line so that errors carry line
 * numbers and indented lines are never continuations. */
#include "inifile.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "fullio.h"

struct reader {
	const char *pos;
	int line;
	int too_long; /* the first line cut short */
	int cut;      /* the line read last was */
};

struct lookup {
	struct reader *rd;
	struct ini_want *w;
	size_t n;
	ini_fn *fn;
	void *user;
	int unquote; /* values as a .toolbox means them */
	int err_line;
	char err[512];
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
	/* a byte order mark is one only as the file's first bytes (inih
	 * skips it on line 1, blanks or not; tbx add keeps it there) */
	if (rd->line == 1 && skip &&
	    !strncmp(rd->pos + skip, "\xEF\xBB\xBF", 3))
		skip = 0;
	rd->cut = len - skip >= (size_t)num;
	if (rd->cut) {
		rd->too_long = rd->too_long ? rd->too_long : rd->line;
		len = (size_t)num - 1 + skip;
	}
	memcpy(str, rd->pos + skip, len - skip);
	str[len - skip] = '\0';
	rd->pos += nl ? (size_t)(nl - rd->pos) + 1 : strlen(rd->pos);
	return str;
}

static int fail(struct lookup *st, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Keep the first error only: inih reports the line of the first one. */
static int fail(struct lookup *st, const char *format, ...)
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

/* The value as the file means it, into buf: a quoted one without its
 * quotes, an unquoted one without a '#' comment. NULL when a quote is not
 * closed or text follows it. */
static const char *unquoted(const char *value, char *buf, size_t size)
{
	const char *end = value, *rest;
	size_t n;

	if (*value == '"' || *value == '\'') {
		end = strchr(value + 1, *value);
		if (!end)
			return NULL;
		rest = end + 1 + strspn(end + 1, " \t");
		if (*rest && *rest != '#')
			return NULL;
		value++;
	} else {
		while (*end &&
		       !(*end == '#' &&
			 (end == value || end[-1] == ' ' || end[-1] == '\t')))
			end++;
		while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
	}
	n = (size_t)(end - value);
	if (n >= size)
		return NULL;
	memcpy(buf, value, n);
	buf[n] = '\0';
	return buf;
}

static int on_pair(void *user, const char *section, const char *name,
		   const char *raw)
{
	struct lookup *st = user;
	char buf[256];
	const char *value;

	/* a value cut short is none: the file is refused for that line */
	if (st->rd->cut)
		return 1;
	value = st->unquote ? unquoted(raw, buf, sizeof(buf)) : raw;
	if (!value)
		return fail(
			st,
			"the value of '%s' has a quote not closed, or text after its closing quote",
			name);
	if (st->fn) {
		const char *why = st->fn(st->user, section, name, value);

		return why ? fail(st, "%s", why) : 1;
	}

	for (size_t i = 0; i < st->n; i++) {
		struct ini_want *w = &st->w[i];
		const char *why;

		if (strcmp(section, w->section) || strcmp(name, w->key))
			continue;
		if (w->found)
			return fail(st, "'%s' is given twice in [%s]", name,
				    section);
		why = w->check ? w->check(value) : NULL;
		if (why)
			return fail(st, "%s '%s' for '%s' %s", w->label, value,
				    w->subject, why);
		if (strlen(value) >= w->size)
			return fail(st, "%s for '%s' is too long", w->label,
				    w->subject);
		strcpy(w->out, value);
		w->found = 1;
		w->line = (unsigned)st->rd->line;
	}
	return 1;
}

static int parse(const char *text, const char *name, struct lookup *st,
		 struct tbx_err *e)
{
	struct reader rd = {text, 0, 0, 0};
	int line;

	st->rd = &rd;
	line = ini_parse_stream(next_line, &rd, on_pair, st);
	if (rd.too_long && (!line || rd.too_long <= line)) {
		err_set(e, TBX_EXIT_FAIL, "%s:%d: line too long", name,
			rd.too_long);
		e->errnum = E2BIG;
		return -1;
	}
	if (line > 0 && line == st->err_line)
		return err_set(e, TBX_EXIT_FAIL, "%s:%d: %s", name, line,
			       st->err);
	if (line > 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "%s:%d: expected '[section]' or 'name = value'",
			       name, line);
	if (line < 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "%s: cannot parse (out of memory)", name);
	return 0;
}

int ini_lookup(const char *text, const char *name, struct ini_want *w, size_t n,
	       struct tbx_err *e)
{
	struct lookup st = {NULL, w, n, NULL, NULL, 1, 0, ""};

	return parse(text, name, &st, e);
}

int ini_each(const char *text, const char *name, ini_fn *fn, void *user,
	     struct tbx_err *e)
{
	struct lookup st = {NULL, NULL, 0, fn, user, 0, 0, ""};

	return parse(text, name, &st, e);
}

int ini_each_unquoted(const char *text, const char *name, ini_fn *fn,
		      void *user, struct tbx_err *e)
{
	struct lookup st = {NULL, NULL, 0, fn, user, 1, 0, ""};

	return parse(text, name, &st, e);
}

int ini_read(const char *path, char *text, size_t size, struct tbx_err *e)
{
	size_t len;
	ssize_t n;
	int saved, fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0 && errno == ENOENT)
		return 1;
	if (fd < 0)
		return err_sys(e, TBX_EXIT_FAIL, "%s", path);
	n = fullio_read(fd, text, size - 1);
	saved = errno;
	close(fd);
	if (n < 0 && saved != EFBIG) {
		errno = saved;
		return err_sys(e, TBX_EXIT_FAIL, "%s", path);
	}
	if (n < 0 || n > INI_MAX_SIZE)
		return err_set(e, TBX_EXIT_FAIL, "%s: larger than %d bytes",
			       path, INI_MAX_SIZE);
	len = (size_t)n;
	text[len] = '\0';
	if (memchr(text, '\0', len))
		return err_set(e, TBX_EXIT_FAIL, "%s: contains a NUL byte",
			       path);
	return 0;
}
