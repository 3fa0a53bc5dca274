/* Reading .toolbox and .toolbox.lock whole; writing the lock. */
#include "pins.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/inifile.h"
#include "base/toolbox.h"
#include "util.h"

static const char *on_pin(void *user, const char *section, const char *key,
			  const char *value)
{
	static __thread char why[256];
	struct pins *p = user;
	const char *bad;

	if (strcmp(section, "tools"))
		return NULL;
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].tool, key)) {
			snprintf(why, sizeof(why),
				 "'%s' is given twice in [tools]", key);
			return why;
		}
	bad = version_invalid(value);
	if (bad) {
		snprintf(why, sizeof(why), "version '%s' for '%s' %s", value,
			 key, bad);
		return why;
	}
	p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
	p->v[p->n].tool = xstrdup(key);
	p->v[p->n++].request = xstrdup(value);
	return NULL;
}

int pins_parse(const char *text, const char *name, struct pins *p,
	       struct tbx_err *e)
{
	p->v = NULL;
	p->n = 0;
	if (ini_each_unquoted(text, name, on_pin, p, e) < 0) {
		pins_free(p);
		return -1;
	}
	return 0;
}

int pins_read(const char *path, struct pins *p, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	int r = ini_read(path, text, sizeof(text), e);

	p->v = NULL;
	p->n = 0;
	if (r > 0)
		return err_set(e, TBX_EXIT_FAIL, "%s: no such file", path);
	return r < 0 ? -1 : pins_parse(text, path, p, e);
}

void pins_free(struct pins *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].tool);
		free(p->v[i].request);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

struct lock_entry *lockset_get(const struct lockset *ls, const char *tool)
{
	for (size_t i = 0; i < ls->n; i++)
		if (!strcmp(ls->v[i].tool, tool))
			return &ls->v[i].e;
	return NULL;
}

void lockset_put(struct lockset *ls, const char *tool,
		 const struct lock_entry *le)
{
	struct lock_entry *have = lockset_get(ls, tool);

	if (have) {
		*have = *le;
		return;
	}
	ls->v = xrealloc(ls->v, (ls->n + 1) * sizeof(*ls->v));
	ls->v[ls->n].tool = xstrdup(tool);
	ls->v[ls->n++].e = *le;
}

static const char *on_locked(void *user, const char *section, const char *key,
			     const char *value)
{
	static __thread char why[256];
	struct lockset *ls = user;
	struct lock_entry *le = lockset_get(ls, section), blank;
	struct {
		const char *key;
		size_t off, size;
	} fields[] = {
		{"request", offsetof(struct lock_entry, request),
		 sizeof(le->request)},
		{"version", offsetof(struct lock_entry, version),
		 sizeof(le->version)},
		{"repository", offsetof(struct lock_entry, repository),
		 sizeof(le->repository)},
		{"tag", offsetof(struct lock_entry, tag), sizeof(le->tag)},
		{"digest", offsetof(struct lock_entry, digest),
		 sizeof(le->digest)},
	};

	if (!*section)
		return "a lock entry must be in a [tool] section";
	if (!le) {
		memset(&blank, 0, sizeof(blank));
		lockset_put(ls, section, &blank);
		le = lockset_get(ls, section);
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *dst = (char *)le + fields[i].off;
		const char *bad = NULL;

		if (strcmp(key, fields[i].key))
			continue;
		if (*dst) {
			snprintf(why, sizeof(why),
				 "'%s' is given twice in [%s]", key, section);
			return why;
		}
		if (i < 2)
			bad = version_invalid(value);
		else if (i == 4)
			bad = digest_invalid(value);
		if (bad) {
			snprintf(why, sizeof(why), "%s '%s' for '%s' %s", key,
				 value, section, bad);
			return why;
		}
		if (strlen(value) >= fields[i].size) {
			snprintf(why, sizeof(why), "%s for '%s' is too long",
				 key, section);
			return why;
		}
		strcpy(dst, value);
		return NULL;
	}
	return NULL; /* a key of a later tbx: the shim ignores it too */
}

int lockset_parse(const char *text, const char *name, struct lockset *ls,
		  struct tbx_err *e)
{
	ls->v = NULL;
	ls->n = 0;
	if (ini_each_unquoted(text, name, on_locked, ls, e) < 0) {
		lockset_free(ls);
		return -1;
	}
	for (size_t i = 0; i < ls->n; i++) {
		const struct lock_entry *le = &ls->v[i].e;

		if (!le->request[0] || !le->version[0] || !le->repository[0] ||
		    !le->tag[0] || !le->digest[0]) {
			err_set(e, TBX_EXIT_FAIL,
				"%s: [%s] lacks some of request, version, repository, tag, digest",
				name, ls->v[i].tool);
			lockset_free(ls);
			return -1;
		}
	}
	return 0;
}

int lockset_read(const char *path, struct lockset *ls, struct tbx_err *e)
{
	static char text[INI_MAX_SIZE + 2];
	int r = ini_read(path, text, sizeof(text), e);

	ls->v = NULL;
	ls->n = 0;
	if (r)
		return r > 0 ? 0 : -1;
	return lockset_parse(text, path, ls, e);
}

static int by_tool(const void *a, const void *b)
{
	return strcmp(((const struct locked *)a)->tool,
		      ((const struct locked *)b)->tool);
}

int lockset_write(const char *path, const struct lockset *ls, struct tbx_err *e)
{
	struct locked *sorted = xmalloc((ls->n ? ls->n : 1) * sizeof(*sorted));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int r;

	if (!f) {
		free(sorted);
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	}
	memcpy(sorted, ls->v, ls->n * sizeof(*sorted));
	qsort(sorted, ls->n, sizeof(*sorted), by_tool);
	fputs("# Written by 'tbx lock': the image each tool of .toolbox resolved to.\n"
	      "# Commit it; edit .toolbox and run 'tbx lock' to change it.\n",
	      f);
	for (size_t i = 0; i < ls->n; i++) {
		const struct lock_entry *le = &sorted[i].e;

		fprintf(f,
			"\n[%s]\nrequest = %s\nversion = %s\nrepository = %s\ntag = %s\ndigest = %s\n",
			sorted[i].tool, le->request, le->version,
			le->repository, le->tag, le->digest);
	}
	fclose(f);
	r = write_atomic(path, text, len, 0644, e);
	free(text);
	free(sorted);
	return r;
}

void lockset_free(struct lockset *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i].tool);
	free(ls->v);
	ls->v = NULL;
	ls->n = 0;
}
