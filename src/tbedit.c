/* Line-level edits of a .toolbox: sections, entries and comments are
 * recognised as inih reads them ('=' or ':' separators, ';' and '#'
 * comments); everything else is copied byte for byte. */
#include "tbedit.h"

#include <string.h>

#include "util.h"

struct line {
	const char *start;
	size_t len; /* without the newline */
};

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* For a section header, whether it names [tools]; -1 when not a header. */
static int tools_header(struct line l)
{
	const char *end = l.start + l.len, *p = skip_space(l.start, end), *name;

	if (p == end || *p != '[')
		return -1;
	name = skip_space(p + 1, end);
	p = name;
	while (p < end && *p != ']')
		p++;
	while (p > name && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return (size_t)(p - name) == 5 && !memcmp(name, "tools", 5);
}

/* Whether the line is an entry (not blank, not a comment, not a header);
 * when key is given, whether it is that key's entry. */
static int is_entry(struct line l, const char *key)
{
	const char *end = l.start + l.len, *p = skip_space(l.start, end), *k;

	if (p == end || *p == ';' || *p == '#' || *p == '[')
		return 0;
	if (!key)
		return 1;
	k = p;
	while (p < end && *p != '=' && *p != ':')
		p++;
	while (p > k && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return (size_t)(p - k) == strlen(key) &&
	       !memcmp(k, key, (size_t)(p - k));
}

/* A trailing " ; comment" or " # comment" of an entry, or "". */
static const char *trailing_comment(struct line l, size_t *len)
{
	const char *end = l.start + l.len;

	for (const char *p = l.start + 1; p < end; p++)
		if ((*p == ';' || *p == '#') &&
		    (p[-1] == ' ' || p[-1] == '\t')) {
			while (p > l.start && (p[-1] == ' ' || p[-1] == '\t'))
				p--;
			*len = (size_t)(end - p);
			return p;
		}
	*len = 0;
	return "";
}

static struct line next_line(const char **pos)
{
	struct line l = {*pos, strcspn(*pos, "\n")};

	*pos += l.len + (l.start[l.len] == '\n');
	return l;
}

/* Find the tool's entry in [tools], and the line after which a new entry
 * goes (the section's last entry, or its header). Pointers into text, or
 * NULL when there is none. */
static void locate(const char *text, const char *tool, struct line *found,
		   const char **insert_after)
{
	const char *pos = text;
	int in_tools = 0;

	found->start = NULL;
	*insert_after = NULL;
	while (*pos) {
		struct line l = next_line(&pos);
		int h = tools_header(l);

		if (h >= 0) {
			in_tools = h;
			if (h && !*insert_after)
				*insert_after = pos;
			continue;
		}
		if (!in_tools || !is_entry(l, NULL))
			continue;
		*insert_after = pos;
		if (!found->start && is_entry(l, tool))
			*found = l;
	}
}

char *tbedit_set(const char *text, const char *tool, const char *version)
{
	struct line l;
	const char *after, *comment;
	size_t clen;

	locate(text, tool, &l, &after);
	if (l.start) {
		const char *indent_end = skip_space(l.start, l.start + l.len);

		comment = trailing_comment(l, &clen);
		return xfmt("%.*s%s = %s%.*s%s", (int)(indent_end - text), text,
			    tool, version, (int)clen, comment, l.start + l.len);
	}
	if (after) {
		int newline = after > text && after[-1] != '\n';

		return xfmt("%.*s%s%s = %s\n%s", (int)(after - text), text,
			    newline ? "\n" : "", tool, version, after);
	}
	return xfmt("%s%s%s[tools]\n%s = %s\n", text,
		    *text && text[strlen(text) - 1] != '\n' ? "\n" : "",
		    *text ? "\n" : "", tool, version);
}

char *tbedit_remove(const char *text, const char *tool)
{
	struct line l;
	const char *after, *rest;

	locate(text, tool, &l, &after);
	if (!l.start)
		return NULL;
	rest = l.start + l.len;
	if (*rest == '\n')
		rest++;
	return xfmt("%.*s%s", (int)(l.start - text), text, rest);
}
