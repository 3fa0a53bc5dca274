/* Loading and validating catalog files with libyaml's document API, which
 * keeps each node's line and column for messages. */
#include "catalog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "paths.h"
#include "base/ref.h"
#include "base/toolbox.h"
#include "base/duration.h"
#include "hostcall.h"
#include "suggest.h"

enum kind { K_STR, K_LIST, K_MAP };

typedef const char *check_fn(const char *value);

struct key_def {
	const char *name;
	enum kind kind;
	int required;
	size_t off;
	check_fn *check; /* for lists: each item; for maps: each key */
};

static const char *check_name(const char *v)
{
	return name_valid(v)
		       ? NULL
		       : "must be 1 to 64 of letters, digits, '_', '.', '+', '-', not starting with '.' or '-'";
}

/* One line of 'tbx catalog', which a terminal shows as it is. */
static const char *check_description(const char *v)
{
	if (!*v)
		return "must not be empty";
	if (strchr(v, '\n'))
		return "must be one line";
	if (strlen(v) > CATALOG_MAX_DESCRIPTION)
		return "must be at most " CATALOG_MAX_DESCRIPTION_S " bytes";
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return "must not hold control characters";
	return NULL;
}

/* A repository as the reference grammar defines it, without tag or digest. */
static const char *check_image(const char *v)
{
	const char *why = ref_repository_invalid(v);

	if (why && !strcmp(why, REF_HAS_TAG))
		return "must be a repository without tag or digest (the tag comes from 'tag' and 'version')";
	return why;
}

static const char *check_tag(const char *v)
{
	for (const char *c = v; *c; c++) {
		if (!strncmp(c, "{version}", 9)) {
			c += 8;
			continue;
		}
		if (*c == '{' || *c == '}')
			return "may use only the placeholder {version}";
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("._-", *c)))
			return "may hold only letters, digits, '.', '_', '-' and {version}";
	}
	return *v && *v != '.' && *v != '-'
		       ? NULL
		       : "must not be empty or start with '.' or '-'";
}

static const char *check_path(const char *v)
{
	return v[0] == '/' && v[1] ? NULL
				   : "must be an absolute path other than /";
}

static const char *check_env_name(const char *v)
{
	if (!((*v >= 'A' && *v <= 'Z') || (*v >= 'a' && *v <= 'z') ||
	      *v == '_'))
		return "must be a variable name ([A-Za-z_][A-Za-z0-9_]*)";
	for (const char *c = v + 1; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		      (*c >= '0' && *c <= '9') || *c == '_'))
			return "must be a variable name ([A-Za-z_][A-Za-z0-9_]*)";
	return NULL;
}

static const char *check_mount(const char *v)
{
	const char *dst = strchr(v, ':'), *mode;

	if (!dst ||
	    !(v[0] == '/' || (v[0] == '~' && (v[1] == '/' || v[1] == ':'))) ||
	    dst[1] != '/')
		return "must be host:container[:ro|:rw] with an absolute or ~ host path and an absolute container path";
	mode = strchr(dst + 1, ':');
	if (mode && strcmp(mode, ":ro") && strcmp(mode, ":rw"))
		return "mode must be ro or rw";
	return NULL;
}

/* A path in the caller's home, "~/" and a relative path without "." or
 * ".." parts; with ini, ":ini" may follow. */
static const char *home_path(const char *v, int ini)
{
	size_t n = strlen(v);

	if (ini && n > 4 && !strcmp(v + n - 4, ":ini"))
		n -= 4;
	if (strncmp(v, "~/", 2) || n == 2 || memchr(v, ':', n))
		return ini ? "must be ~/<path>, with :ini after an INI file whose ~/ paths are settings too"
			   : "must be ~/<path>";
	for (const char *c = v + 1; c < v + n; c++)
		if (*c == '/' && (c[1] == '/' || c + 1 == v + n ||
				  (c[1] == '.' &&
				   (c[2] == '/' || !c[2] ||
				    (c[2] == '.' && (c[3] == '/' || !c[3]))))))
			return "must name a path with no empty, '.' or '..' part";
	return NULL;
}

static const char *check_setting(const char *v)
{
	return home_path(v, 1);
}

static const char *check_cache(const char *v)
{
	return home_path(v, 0);
}

static const char *check_network(const char *v)
{
	if (!*v)
		return "must not be empty";
	if (strchr("._:-", *v))
		return "must start with a letter or digit";
	for (const char *c = v; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("._:-", *c)))
			return "must be a network name (letters, digits, '.', '_', ':', '-')";
	return NULL;
}

static const char *check_entrypoint(const char *v)
{
	return strpbrk(v, "\n\r") ? "must be one line" : NULL;
}

static const char *check_warm(const char *v)
{
	return duration_seconds(v) < 0 ? DURATION_HELP : NULL;
}

static const char *check_bool(const char *v)
{
	return strcmp(v, "true") && strcmp(v, "false") ? "must be true or false"
						       : NULL;
}

static const char *check_host(const char *v)
{
	return hostcall_allow_bit(v)
		       ? NULL
		       : "must be a host program: " HOSTCALL_ALLOW_NAMES;
}

/* Whether s is letters, digits and the bytes of extra. */
static int charset_is(const char *s, const char *extra)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr(extra, *s)))
			return 0;
	return 1;
}

static const char *check_version_file(const char *v)
{
	static const char *const every[] = {".toolbox", "mise.toml",
					    ".mise.toml", ".tool-versions"};

	for (size_t i = 0; i < sizeof(every) / sizeof(every[0]); i++)
		if (!strcmp(v, every[i]))
			return "is read for every tool: leave it out";
	if (!*v || strlen(v) > 64 || !strcmp(v, ".") || !strcmp(v, "..") ||
	    !charset_is(v, "_.+-"))
		return "must be a file name (letters, digits, '_', '.', '+', '-')";
	return NULL;
}

/* "from=to": '*' once on both sides, or on neither. */
static const char *check_version_map(const char *v)
{
	const char *eq = strchr(v, '='), *star = strchr(v, '*');
	int stars = 0;

	for (const char *c = v; *c; c++)
		stars += *c == '*';
	if (!eq || eq == v || !eq[1] || strchr(eq + 1, '='))
		return "must be from=to";
	if (stars == 2 && star < eq && strchr(eq + 1, '*'))
		return NULL;
	if (strchr(eq + 1, '*') || (stars && !(stars == 1 && star < eq)))
		return "must have '*' once on each side, or only in from, taken literally";
	return NULL;
}

#define OFF(field) offsetof(struct tool, field)
static const struct key_def keys[] = {
	{"name", K_STR, 1, OFF(name), check_name},
	{"description", K_STR, 1, OFF(description), check_description},
	{"image", K_STR, 1, OFF(image), check_image},
	{"version", K_STR, 1, OFF(version), version_invalid},
	{"tag", K_STR, 0, OFF(tag), check_tag},
	{"commands", K_LIST, 1, OFF(commands), check_name},
	{"home", K_STR, 0, OFF(home), check_path},
	{"env", K_MAP, 0, OFF(env), check_env_name},
	{"passenv", K_LIST, 0, OFF(passenv), check_env_name},
	{"mounts", K_LIST, 0, OFF(mounts), check_mount},
	{"network", K_STR, 0, OFF(network), check_network},
	{"entrypoint", K_STR, 0, OFF(entrypoint), check_entrypoint},
	{"sockets", K_LIST, 0, OFF(sockets), check_env_name},
	{"passwd", K_STR, 0, OFF(passwd), check_bool},
	{"warm", K_STR, 0, OFF(warm), check_warm},
	{"settings", K_LIST, 0, OFF(settings), check_setting},
	{"caches", K_LIST, 0, OFF(caches), check_cache},
	{"remotes", K_STR, 0, OFF(remotes), check_bool},
	{"gitconfig", K_STR, 0, OFF(gitconfig), check_bool},
	{"host", K_LIST, 0, OFF(host), check_host},
	{"aliases", K_LIST, 0, OFF(aliases), check_name},
	{"version_files", K_LIST, 0, OFF(version_files), check_version_file},
	{"version_map", K_LIST, 0, OFF(version_map), check_version_map},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

int name_valid(const char *name)
{
	size_t len = strlen(name);

	return len && len <= 64 && name[0] != '.' && name[0] != '-' &&
	       charset_is(name, "_.+-");
}

struct loader {
	const char *path;
	yaml_document_t *doc;
	struct tbx_err *e;
};

static int fail_at(struct loader *ld, const yaml_node_t *n, const char *what,
		   const char *why)
{
	return err_set(ld->e, TBX_EXIT_FAIL, "%s:%zu:%zu: %s %s", ld->path,
		       n->start_mark.line + 1, n->start_mark.column + 1, what,
		       why);
}

/* A scalar's text as an owned string; plain nulls and NUL bytes refused. */
static int scalar(struct loader *ld, const yaml_node_t *n, const char *what,
		  char **out)
{
	const char *v = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;

	if (n->type != YAML_SCALAR_NODE)
		return fail_at(ld, n, what, "must be a string");
	if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (!len || !strcmp(v, "~") || !strcmp(v, "null") ||
	     !strcmp(v, "Null") || !strcmp(v, "NULL")))
		return fail_at(ld, n, what, "must be a string, not null");
	if (memchr(v, '\0', len))
		return fail_at(ld, n, what, "must not contain a NUL byte");
	*out = xstrdup(v);
	return 0;
}

static int checked(struct loader *ld, const yaml_node_t *n, const char *what,
		   check_fn *check, char **out)
{
	const char *why;

	if (scalar(ld, n, what, out) < 0)
		return -1;
	why = check ? check(*out) : NULL;
	if (!why)
		return 0;
	fail_at(ld, n, what, why);
	free(*out);
	*out = NULL;
	return -1;
}

static int load_list(struct loader *ld, const yaml_node_t *n,
		     const struct key_def *k, struct strv *sv)
{
	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(ld, n, k->name, "must be a list of strings");
	for (yaml_node_item_t *i = n->data.sequence.items.start;
	     i < n->data.sequence.items.top; i++) {
		yaml_node_t *item = yaml_document_get_node(ld->doc, *i);
		char *v;

		if (sv->n == SPEC_MAX_LIST)
			return fail_at(ld, item, k->name, "has too many items");
		if (checked(ld, item, k->name, k->check, &v) < 0)
			return -1;
		for (size_t j = 0; j < sv->n; j++)
			if (!strcmp(sv->v[j], v)) {
				free(v);
				return fail_at(ld, item, k->name,
					       "repeats an item");
			}
		strv_push(sv, v);
	}
	return 0;
}

static int load_map(struct loader *ld, const yaml_node_t *n,
		    const struct key_def *k, struct strv *sv)
{
	if (n->type != YAML_MAPPING_NODE)
		return fail_at(ld, n, k->name,
			       "must be a mapping of NAME: value");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(ld->doc, p->value);
		char *name, *value;

		if (sv->n == SPEC_MAX_LIST)
			return fail_at(ld, kn, k->name, "has too many items");
		if (checked(ld, kn, k->name, k->check, &name) < 0)
			return -1;
		if (vn->type == YAML_SCALAR_NODE && !vn->data.scalar.length)
			value = xstrdup(""); /* NAME: (empty) sets it empty */
		else if (scalar(ld, vn, name, &value) < 0) {
			free(name);
			return -1;
		}
		strv_push(sv, xfmt("%s=%s", name, value));
		free(name);
		free(value);
	}
	return 0;
}

static int load_key(struct loader *ld, struct tool *t, const yaml_node_t *kn,
		    const yaml_node_t *vn, unsigned *seen)
{
	const char *name;
	size_t i;

	if (kn->type != YAML_SCALAR_NODE)
		return fail_at(ld, kn, "key", "must be a string");
	name = (const char *)kn->data.scalar.value;
	for (i = 0; i < NKEYS && strcmp(keys[i].name, name); i++)
		;
	if (i == NKEYS)
		return err_set(ld->e, TBX_EXIT_FAIL,
			       "%s:%zu:%zu: unknown key '%s'", ld->path,
			       kn->start_mark.line + 1,
			       kn->start_mark.column + 1, name);
	if (*seen & (1u << i))
		return fail_at(ld, kn, name, "is given twice");
	*seen |= 1u << i;
	switch (keys[i].kind) {
	case K_STR:
		return checked(ld, vn, name, keys[i].check,
			       (char **)((char *)t + keys[i].off));
	case K_LIST:
		return load_list(ld, vn, &keys[i],
				 (struct strv *)((char *)t + keys[i].off));
	case K_MAP:
		return load_map(ld, vn, &keys[i],
				(struct strv *)((char *)t + keys[i].off));
	}
	return 0;
}

/* Everything that concerns the file as a whole once its keys are read. */
static int finish(struct loader *ld, struct tool *t, const yaml_node_t *root,
		  unsigned seen)
{
	const char *base = strrchr(ld->path, '/');
	size_t len;

	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].required && !(seen & (1u << i)))
			return err_set(ld->e, TBX_EXIT_FAIL,
				       "%s:%zu:%zu: missing required key '%s'",
				       ld->path, root->start_mark.line + 1,
				       root->start_mark.column + 1,
				       keys[i].name);
	base = base ? base + 1 : ld->path;
	len = strlen(base);
	if (len < 6 || strcmp(base + len - 5, ".yaml") ||
	    strncmp(base, t->name, len - 5) || t->name[len - 5])
		return err_set(
			ld->e, TBX_EXIT_FAIL,
			"%s: name '%s' does not match the file name (expected %s.yaml)",
			ld->path, t->name, t->name);
	if (!t->commands.n)
		return fail_at(ld, root, "commands",
			       "must list at least one command");
	if (!t->tag)
		t->tag = xstrdup("{version}");
	if (!t->home)
		t->home = xstrdup("/home/tbx");
	return 0;
}

int catalog_load_file(const char *path, struct tool **out, struct tbx_err *e)
{
	char *text;
	size_t len;
	int r;

	if (read_file(path, CATALOG_MAX_FILE, &text, &len) < 0)
		return err_sys(e, TBX_EXIT_FAIL, "%s", path);
	r = catalog_load_text(path, text, len, out, e);
	free(text);
	return r;
}

int catalog_load_text(const char *path, const char *text, size_t len,
		      struct tool **out, struct tbx_err *e)
{
	struct tool *t = xmalloc(sizeof(*t));
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct loader ld = {path, &doc, e};
	unsigned seen = 0;
	int r = -1;

	memset(t, 0, sizeof(*t));
	t->file = xstrdup(path);
	if (!yaml_parser_initialize(&parser)) {
		err_set(e, TBX_EXIT_FAIL,
			"%s: cannot initialise the YAML parser", path);
		goto out_tool;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		err_set(e, TBX_EXIT_FAIL, "%s:%zu:%zu: %s%s%s", path,
			parser.problem_mark.line + 1,
			parser.problem_mark.column + 1,
			parser.problem ? parser.problem : "invalid YAML",
			parser.context ? " " : "",
			parser.context ? parser.context : "");
		goto out_parser;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		err_set(e, TBX_EXIT_FAIL, "%s: empty file", path);
		goto out_doc;
	}
	if (root->type != YAML_MAPPING_NODE) {
		fail_at(&ld, root, "file", "must be a mapping of keys");
		goto out_doc;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++)
		if (load_key(&ld, t, yaml_document_get_node(&doc, p->key),
			     yaml_document_get_node(&doc, p->value), &seen) < 0)
			goto out_doc;
	r = finish(&ld, t, root, seen);
out_doc:
	yaml_document_delete(&doc);
out_parser:
	yaml_parser_delete(&parser);
out_tool:
	if (r < 0)
		tool_free(t);
	else
		*out = t;
	return r;
}

/* A relative entry would make the catalog whatever the working directory
 * holds: a cloned repository's cat/go.yaml, which may mount anything. */
static void warn_relative(const char *entry, size_t len)
{
	char *raw = xfmt("%.*s", (int)len, entry), *shown = str_printable(raw);

	fprintf(stderr,
		"tbx: warning: TBX_CATALOG_PATH entry '%s' is not an absolute path; ignored\n",
		shown);
	free(shown);
	free(raw);
}

void catalog_dirs(struct strv *dirs)
{
	static int warned; /* once a process: verbs list the dirs often */
	const char *path = getenv("TBX_CATALOG_PATH"), *end;
	char *builtin = paths_builtin_catalog();

	if (path && !*path)
		path = NULL; /* set empty: no directories of the user's */
	while (path) {
		end = strchrnul(path, ':');
		if (*path == '/')
			strv_push(dirs, xfmt("%.*s", (int)(end - path), path));
		else if (!warned)
			warn_relative(path, (size_t)(end - path));
		path = *end ? end + 1 : NULL;
	}
	warned = 1;
	if (builtin)
		strv_push(dirs, builtin);
}

/* catalog_find, an unknown or invalid name an error of that status. */
/* A name that is no tool: one of a tool's commands (mvn, of maven), or
 * a typo of a tool's name. Returns -1 with e. */
static int unknown(const char *name, int status, struct tbx_err *e)
{
	struct strv names = {0};
	char *of = NULL;
	const char *near = NULL;

	catalog_names(&names);
	for (size_t i = 0; !of && i < names.n; i++) {
		struct tool *t = NULL;
		struct tbx_err ignored;

		if (catalog_find(names.v[i], &t, &ignored) < 0)
			continue;
		for (size_t j = 0; !of && j < t->commands.n; j++)
			if (!strcmp(t->commands.v[j], name))
				of = xstrdup(t->name);
		tool_free(t);
	}
	if (!of)
		near = suggest(name, (const char *const *)names.v, names.n);
	if (of)
		err_set(e, status,
			"'%s' is a command of the tool '%s', not a tool: name '%s'",
			name, of, of);
	else if (near)
		err_set(e, status,
			"unknown tool '%s' (not in the catalog); did you mean '%s'? (see 'tbx catalog')",
			name, near);
	else
		err_set(e, status,
			"unknown tool '%s' (not in the catalog; see 'tbx catalog')",
			name);
	free(of);
	strv_free(&names);
	return -1;
}

static int find(const char *name, int status, struct tool **out,
		struct tbx_err *e)
{
	struct strv dirs = {0};
	int r = 1;

	if (!name_valid(name))
		return err_set(e, status, "'%s' is not a valid tool name",
			       name);
	catalog_dirs(&dirs);
	for (size_t i = 0; r > 0 && i < dirs.n; i++) {
		char *path = xfmt("%s/%s.yaml", dirs.v[i], name);

		if (access(path, F_OK) == 0)
			r = catalog_load_file(path, out, e);
		free(path);
	}
	strv_free(&dirs);
	if (r > 0)
		return unknown(name, status, e);
	return r;
}

int catalog_find(const char *name, struct tool **out, struct tbx_err *e)
{
	return find(name, TBX_EXIT_FAIL, out, e);
}

int catalog_find_arg(const char *name, struct tool **out, struct tbx_err *e)
{
	return find(name, TBX_EXIT_USAGE, out, e);
}

void catalog_names(struct strv *names)
{
	struct strv dirs = {0};

	catalog_dirs(&dirs);
	for (size_t i = 0; i < dirs.n; i++) {
		DIR *d = opendir(dirs.v[i]);
		struct dirent *de;

		while (d && (de = readdir(d))) {
			size_t len = strlen(de->d_name), j;

			if (len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
				continue;
			de->d_name[len - 5] = '\0';
			if (!name_valid(de->d_name))
				continue;
			for (j = 0;
			     j < names->n && strcmp(names->v[j], de->d_name);
			     j++)
				;
			if (j == names->n)
				strv_push(names, xstrdup(de->d_name));
		}
		if (d)
			closedir(d);
	}
	strv_free(&dirs);
	strv_sort(names);
}

static void copy_list(struct spec_list *to, const struct strv *from)
{
	to->n = 0;
	for (size_t i = 0; i < from->n && i < SPEC_MAX_LIST; i++)
		to->item[to->n++] = from->v[i];
}

int catalog_spec(const struct tool *t, const char *command, struct spec *s,
		 struct tbx_err *e)
{
	if (!name_valid(command))
		return err_set(e, TBX_EXIT_FAIL,
			       "'%s' is not a valid command name", command);
	memset(s, 0, sizeof(*s));
	s->tool = t->name;
	s->command = command;
	s->image = t->image;
	s->version = t->version;
	s->tag = t->tag;
	s->home = t->home;
	s->network = t->network;
	s->entrypoint = t->entrypoint;
	s->passwd = t->passwd && !strcmp(t->passwd, "true") ? t->passwd : NULL;
	s->warm = t->warm;
	s->remotes =
		t->remotes && !strcmp(t->remotes, "true") ? t->remotes : NULL;
	s->gitconfig = t->gitconfig && !strcmp(t->gitconfig, "true")
			       ? t->gitconfig
			       : NULL;
	copy_list(&s->env, &t->env);
	copy_list(&s->passenv, &t->passenv);
	copy_list(&s->mounts, &t->mounts);
	copy_list(&s->sockets, &t->sockets);
	copy_list(&s->settings, &t->settings);
	copy_list(&s->caches, &t->caches);
	copy_list(&s->host, &t->host);
	copy_list(&s->aliases, &t->aliases);
	copy_list(&s->version_files, &t->version_files);
	copy_list(&s->version_map, &t->version_map);
	return 0;
}

void tool_free(struct tool *t)
{
	if (!t)
		return;
	free(t->file);
	free(t->name);
	free(t->description);
	free(t->image);
	free(t->version);
	free(t->tag);
	free(t->home);
	free(t->network);
	free(t->entrypoint);
	free(t->passwd);
	free(t->warm);
	free(t->remotes);
	free(t->gitconfig);
	strv_free(&t->commands);
	strv_free(&t->env);
	strv_free(&t->passenv);
	strv_free(&t->mounts);
	strv_free(&t->sockets);
	strv_free(&t->settings);
	strv_free(&t->caches);
	strv_free(&t->host);
	strv_free(&t->aliases);
	strv_free(&t->version_files);
	strv_free(&t->version_map);
	free(t);
}
