/* Reading a version from the files other version managers and tools keep
 * (see pinfile.h for the formats). */
#include "pinfile.h"

#include <string.h>

#include "toolbox.h"

enum format { F_TOOLBOX, F_MISE, F_ASDF, F_SDKMAN, F_GOMOD, F_RUST, F_PLAIN };

static const char *base_name(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash ? slash + 1 : file;
}

int pinfile_is_toolbox(const char *file)
{
	return !strcmp(base_name(file), ".toolbox");
}

static enum format format_of(const char *file)
{
	static const struct {
		const char *name;
		enum format f;
	} known[] = {
		{".toolbox", F_TOOLBOX},    {"toolbox", F_TOOLBOX},
		{"mise.toml", F_MISE},	    {".mise.toml", F_MISE},
		{".tool-versions", F_ASDF}, {".sdkmanrc", F_SDKMAN},
		{"go.mod", F_GOMOD},	    {"rust-toolchain.toml", F_RUST},
		{"rust-toolchain", F_RUST},
	};
	const char *name = base_name(file);

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(name, known[i].name))
			return known[i].f;
	return F_PLAIN;
}

/* One line of text, without its end and the blanks around it. */
struct line {
	char s[1024];
	unsigned no;
};

static int next_line(const char **pos, struct line *l)
{
	const char *p = *pos, *end;
	size_t n;

	if (!*p)
		return 0;
	end = strchr(p, '\n');
	n = end ? (size_t)(end - p) : strlen(p);
	*pos = p + n + (end != NULL);
	if (!l->no++ && !strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3, n -= n < 3 ? n : 3;
	while (n && strchr(" \t\r", p[n - 1]))
		n--;
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	/* a longer line is none of a version's: it is given as empty */
	if (n >= sizeof(l->s))
		n = 0;
	memcpy(l->s, p, n);
	l->s[n] = '\0';
	return 1;
}

static char *skip_blanks(char *s)
{
	return s + strspn(s, " \t");
}

/* Cut s at the first c, and the blanks before it. */
static void cut_at(char *s, const char *c)
{
	char *at = strstr(s, c);

	if (!at)
		return;
	while (at > s && (at[-1] == ' ' || at[-1] == '\t'))
		at--;
	*at = '\0';
}

/* The next blank-separated word of *s, NUL-terminated; "" at the end. */
static char *word(char **s)
{
	char *w = skip_blanks(*s), *end = w + strcspn(w, " \t");

	*s = *end ? end + 1 : end;
	*end = '\0';
	return w;
}

static int named(const struct spec *s, const char *name)
{
	if (!strcmp(name, s->tool))
		return 1;
	for (unsigned i = 0; i < s->aliases.n; i++)
		if (!strcmp(name, s->aliases.item[i]))
			return 1;
	return 0;
}

/* Whether v is digits and dots, starting and ending with a digit. */
static int dotted(const char *v)
{
	if (*v < '0' || *v > '9')
		return 0;
	for (; *v; v++)
		if (!((*v >= '0' && *v <= '9') ||
		      (*v == '.' && v[1] >= '0' && v[1] <= '9')))
			return 0;
	return 1;
}

/* Whether dotted version a is newer than b (>0), the same (0) or older;
 * a missing part is 0. */
static int newer(const char *a, const char *b)
{
	for (;;) {
		unsigned long x = 0, y = 0;

		for (; *a >= '0' && *a <= '9'; a++)
			x = x * 10 + (unsigned long)(*a - '0');
		for (; *b >= '0' && *b <= '9'; b++)
			y = y * 10 + (unsigned long)(*b - '0');
		if (x != y)
			return x > y ? 1 : -1;
		if (*a != '.' && *b != '.')
			return 0;
		a += *a == '.';
		b += *b == '.';
	}
}

/* The catalog map's version for v, into out; 0 when it maps none. A rule
 * "from=to" maps from exactly (a '*' in it is itself), and wins over a
 * pattern "pre*post=to*", which gives to with what '*' matched. */
static int mapped(const struct spec *s, const char *v, char *out, size_t size)
{
	size_t n = strlen(v);

	for (int exact = 1; exact >= 0; exact--)
		for (unsigned i = 0; i < s->version_map.n; i++) {
			const char *rule = s->version_map.item[i];
			const char *eq = strchr(rule, '='), *star, *to_star;
			size_t pre, post;

			if (!eq)
				continue;
			star = memchr(rule, '*', (size_t)(eq - rule));
			to_star = strchr(eq + 1, '*');
			if (exact) {
				if (to_star || (size_t)(eq - rule) != n ||
				    memcmp(rule, v, n) ||
				    strlen(eq + 1) >= size)
					continue;
				strcpy(out, eq + 1);
				return 1;
			}
			if (!star || !to_star)
				continue;
			pre = (size_t)(star - rule);
			post = (size_t)(eq - star - 1);
			if (n <= pre + post || memcmp(v, rule, pre) ||
			    memcmp(v + n - post, star + 1, post) ||
			    strlen(eq + 1) + n >= size)
				continue;
			memcpy(out, eq + 1, (size_t)(to_star - eq - 1));
			out += to_star - eq - 1;
			memcpy(out, v + pre, n - pre - post);
			strcpy(out + n - pre - post, to_star + 1);
			return 1;
		}
	return 0;
}

/* Take v, found at line of file, as the pin: mapped, or digits and dots
 * once a leading 'v' is dropped. */
static int take(const char *file, unsigned line, const char *v,
		const struct spec *s, struct pinned *pin, struct tbx_err *e)
{
	int ok = mapped(s, v, pin->version, sizeof(pin->version));

	/* asdf's and pyenv's "the system's": not pinned here */
	if (!strcmp(v, "system"))
		return 0;
	pin->line = line;
	if (ok)
		ok = !version_invalid(pin->version);
	else {
		if (v[0] == 'v' && dotted(v + 1))
			v++;
		ok = dotted(v) && strlen(v) < sizeof(pin->version);
		if (ok)
			strcpy(pin->version, v);
	}
	return ok ? 1
		  : err_set(e, TBX_EXIT_FAIL,
			    "%s:%u: %s '%s' is not a version tbx can run: write digits and dots, as in %s",
			    file, line, s->tool, v, s->version);
}

/* .tool-versions, "name version [fallback...]", and .sdkmanrc,
 * "name=version"; '#' comments. */
static int asdf(const char *file, const char *text, int sdkman,
		const struct spec *s, struct pinned *pin, struct tbx_err *e)
{
	struct line l = {"", 0};
	char *rest, *name, *eq;

	while (next_line(&text, &l)) {
		cut_at(l.s, "#");
		eq = strchr(l.s, '=');
		if (sdkman && eq)
			*eq = ' ';
		else if (sdkman)
			continue;
		rest = l.s;
		name = word(&rest);
		if (*name && named(s, name))
			return take(file, l.no, word(&rest), s, pin, e);
	}
	return 0;
}

/* go.mod: the toolchain line's version, else the go line's release
 * (1.22 of "go 1.22.3"), or the catalog's when that meets it. */
static int gomod(const char *file, const char *text, const struct spec *s,
		 struct pinned *pin, struct tbx_err *e)
{
	struct line l = {"", 0};
	char go[sizeof(l.s)] = "", *rest, *w;
	unsigned go_line = 0;

	while (next_line(&text, &l)) {
		cut_at(l.s, "//");
		rest = l.s;
		w = word(&rest);
		if (!strcmp(w, "toolchain")) {
			w = word(&rest);
			if (!strncmp(w, "go", 2))
				return take(file, l.no, w + 2, s, pin, e);
		} else if (!strcmp(w, "go") && !go_line) {
			/* the language's release line: its patch is the
			 * toolchain's to say */
			strcpy(go, word(&rest));
			w = strchr(go, '.');
			if (w && (w = strchr(w + 1, '.')))
				*w = '\0';
			go_line = l.no;
		}
	}
	/* the go line is a minimum, which the catalog's release may meet */
	if (go_line && dotted(s->version) && newer(s->version, go) >= 0)
		strcpy(go, s->version);
	return go_line ? take(file, go_line, go, s, pin, e) : 0;
}

/* A TOML string value at v (after '='), the first of an array, or an
 * inline table's version: its text in place, or NULL. */
static char *toml_string(char *v)
{
	char q, *end;

	if (*v == '[')
		v = skip_blanks(v + 1);
	else if (*v == '{') {
		/* the key itself, not one that ends in it (xversion) */
		for (end = v; (end = strstr(end + 1, "version"));)
			if (strchr("{, \t", end[-1]) &&
			    *skip_blanks(end + 7) == '=')
				break;
		if (end)
			v = skip_blanks(skip_blanks(end + 7) + 1);
	}
	q = *v;

	if (q != '"' && q != '\'')
		return NULL;
	end = strchr(v + 1, q);
	if (!end ||
	    (*skip_blanks(end + 1) && !strchr("#,]}", *skip_blanks(end + 1))))
		return NULL;
	*end = '\0';
	return v + 1;
}

/* Whether line opens or closes a multi-line string: an odd count of """
 * or '''. */
static int toggles(const char *line)
{
	int n = 0;

	for (const char *c = line; (c = strstr(c, "\"\"\"")); c += 3)
		n++;
	for (const char *c = line; (c = strstr(c, "'''")); c += 3)
		n++;
	return n & 1;
}

/* TOML's "key = string" in [section]; key is the tool's names when NULL.
 * Other sections and keys are not read, whatever they hold. */
static int toml(const char *file, const char *text, const char *section,
		const char *key, const struct spec *s, struct pinned *pin,
		struct tbx_err *e)
{
	static struct line item;
	struct line l = {"", 0};
	int in = 0, in_string = 0;
	char *k, *end, *v;
	unsigned no;

	while (next_line(&text, &l)) {
		no = l.no;
		item.no = l.no;
		if (l.s[0] != '#' && toggles(l.s))
			in_string = !in_string;
		if (in_string || (!in && l.s[0] != '['))
			continue;
		if (l.s[0] == '[') {
			cut_at(l.s, "]");
			in = l.s[1] != '[' &&
			     !strcmp(skip_blanks(l.s + 1), section);
			continue;
		}
		k = l.s;
		if ((*k == '"' || *k == '\'') && (end = strchr(k + 1, *k)))
			k++;
		else
			end = k + strcspn(k, " \t=");
		v = skip_blanks(end + (*end == '"' || *end == '\''));
		if (*v != '=')
			continue;
		*end = '\0';
		if (key ? strcmp(k, key) : !named(s, k))
			continue;
		v = skip_blanks(v + 1);
		/* an array over lines: its first element, on a line of its own
		 */
		if (*v == '[' &&
		    (!*(end = skip_blanks(v + 1)) || *end == '#')) {
			while (next_line(&text, &item) &&
			       (!item.s[0] || item.s[0] == '#'))
				;
			v = item.s;
			no = item.no;
		}
		v = toml_string(v);
		if (!v)
			return err_set(
				e, TBX_EXIT_FAIL,
				"%s:%u: %s's version is not a string; write %s = \"<version>\"",
				file, no, k, k);
		return take(file, no, v, s, pin, e);
	}
	return 0;
}

/* A file of one version: its first line that is not blank or '#'. */
static int plain(const char *file, const char *text, const struct spec *s,
		 struct pinned *pin, struct tbx_err *e)
{
	struct line l = {"", 0};

	while (next_line(&text, &l)) {
		cut_at(l.s, "#");
		if (l.s[0])
			return take(file, l.no, l.s, s, pin, e);
	}
	return 0;
}

int pinfile_parse(const char *file, const char *text, const struct spec *s,
		  struct pinned *pin, struct tbx_err *e)
{
	int r;

	pin->line = 0;
	switch (format_of(file)) {
	case F_TOOLBOX:
		r = toolbox_pin_text(text, file, s->tool, pin->version,
				     sizeof(pin->version), &pin->line, e);
		return r;
	case F_MISE: return toml(file, text, "tools", NULL, s, pin, e);
	case F_ASDF: return asdf(file, text, 0, s, pin, e);
	case F_SDKMAN: return asdf(file, text, 1, s, pin, e);
	case F_GOMOD: return gomod(file, text, s, pin, e);
	case F_RUST:
		return strstr(text, "[toolchain]")
			       ? toml(file, text, "toolchain", "channel", s,
				      pin, e)
			       : plain(file, text, s, pin, e);
	default: return plain(file, text, s, pin, e);
	}
}
