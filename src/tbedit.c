/* Line-level edits of a .toolbox: sections, entries and comments are
 * recognised as inifile.c has inih read them (a line is left-trimmed;
 * "[name]" with the name as written; '=' or ':' separators and right-trimmed
 * keys; ';' and
 * '#' comment lines, and ';' after white space ending a value); everything
 * else is copied byte for byte. */
#include "tbedit.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

/* A UTF-8 byte order mark, which inih skips at the start of a file. */
#define BOM "\xEF\xBB\xBF"

struct line {
	const char *start;
	size_t len; /* without the newline, and a '\r' before it */
};

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* For a section header, whether it names [tools]; -1 when not a header. */
static int tools_header(struct line l)
{
	const char *end = l.start + l.len, *p = skip_space(l.start, end);

	if (p == end || *p != '[')
		return -1;
	return end - p >= 7 && !memcmp(p, "[tools]", 7);
}

/* The key of an entry line (not blank, a comment or a header), as inih
 * trims it: its length, and where it starts in *key. */
static size_t entry_key(struct line l, const char **key)
{
	const char *end = l.start + l.len, *p = skip_space(l.start, end);

	*key = p;
	while (p < end && *p != '=' && *p != ':')
		p++;
	while (p > *key && isspace((unsigned char)p[-1]))
		p--;
	return (size_t)(p - *key);
}

static int is_entry_of(struct line l, const char *tool)
{
	const char *key;
	size_t n = entry_key(l, &key);

	return n == strlen(tool) && !memcmp(key, tool, n);
}

/* A trailing " ; comment" of an entry (inih's inline comment), or "". */
static const char *trailing_comment(struct line l, size_t *len)
{
	const char *end = l.start + l.len;

	for (const char *p = l.start + 1; p < end; p++)
		if ((*p == ';' || *p == '#') && isspace((unsigned char)p[-1])) {
			while (p > l.start && isspace((unsigned char)p[-1]))
				p--;
			*len = (size_t)(end - p);
			return p;
		}
	*len = 0;
	return "";
}

static struct line next_line(const char **pos)
{
	size_t n = strcspn(*pos, "\n");
	struct line l = {*pos, n};

	if (n && l.start[n - 1] == '\r')
		l.len--; /* a CRLF file's: it stays with the line's end */
	*pos += n + (l.start[n] == '\n');
	return l;
}

/* The line ending of lines added: the file's first, CRLF or LF. */
static const char *eol_of(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Find the tool's entry in [tools], and the line after which a new entry
 * goes (the section's last entry, or its header). Pointers into text, or
 * NULL when there is none. */
static void locate(const char *text, const char *tool, struct line *found,
		   const char **insert_after)
{
	const char *pos = text;
	int in_tools = 0, after_entry = 0;

	found->start = NULL;
	*insert_after = NULL;
	if (!strncmp(pos, BOM, 3))
		pos += 3; /* inih skips it */
	while (*pos) {
		struct line l = next_line(&pos);
		const char *end = l.start + l.len,
			   *p = skip_space(l.start, end);
		const char *blanks = l.start + strspn(l.start, " \t"), *key;
		int h;

		if (p == end || *p == ';' || *p == '#')
			continue;
		/* tbx's reader drops leading blanks, but inih reads a line
		 * still starting with white space (\f, \v, \r) after an entry
		 * as more of that entry's value, even one that looks like a
		 * section */
		if (after_entry && p > blanks)
			continue;
		h = tools_header(l);
		if (h >= 0) {
			in_tools = h;
			after_entry = 0;
			if (h && !*insert_after)
				*insert_after = pos;
			continue;
		}
		/* inih's continuations follow a named entry only */
		after_entry = entry_key(l, &key) > 0;
		if (!in_tools)
			continue;
		*insert_after = pos;
		if (!found->start && is_entry_of(l, tool))
			*found = l;
	}
}

/* Whether inih would read the first line from pos that is neither blank
 * nor a comment as the value of an entry put before it: a line that still
 * starts with white space once the reader has dropped its blanks. */
static int would_continue(const char *pos)
{
	while (*pos) {
		struct line l = next_line(&pos);
		const char *end = l.start + l.len,
			   *p = skip_space(l.start, end);

		if (p == end || *p == ';' || *p == '#')
			continue;
		return p > l.start + strspn(l.start, " \t");
	}
	return 0;
}

/* What ends the line before end when it has no newline yet: "" at the
 * start of the text or after one. */
static const char *end_last_line(const char *text, const char *end)
{
	if (end == text || end[-1] == '\n')
		return "";
	return end[-1] == '\r' ? "\n" : eol_of(text);
}

char *tbedit_set(const char *text, const char *tool, const char *version)
{
	struct line l;
	const char *after, *comment, *eol = eol_of(text);
	size_t clen;

	locate(text, tool, &l, &after);
	if (l.start) {
		const char *indent_end = skip_space(l.start, l.start + l.len);

		comment = trailing_comment(l, &clen);
		return xfmt("%.*s%s = %s%.*s%s", (int)(indent_end - text), text,
			    tool, version, (int)clen, comment, l.start + l.len);
	}
	if (after && !would_continue(after))
		return xfmt("%.*s%s%s = %s%s%s", (int)(after - text), text,
			    end_last_line(text, after), tool, version, eol,
			    after);
	return xfmt("%s%s%s[tools]%s%s = %s%s", text,
		    end_last_line(text, text + strlen(text)), *text ? eol : "",
		    eol, tool, version, eol);
}

char *tbedit_remove(const char *text, const char *tool)
{
	struct line l;
	const char *after, *rest;

	locate(text, tool, &l, &after);
	if (!l.start)
		return NULL;
	rest = l.start + l.len;
	if (*rest == '\r')
		rest++;
	if (*rest == '\n')
		rest++;
	return xfmt("%.*s%s", (int)(l.start - text), text, rest);
}
