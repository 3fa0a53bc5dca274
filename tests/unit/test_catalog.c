/* catalog: loading, defaults, and errors that name file:line:column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "unit.h"

#define OK_HEAD "name: t\ndescription: d\nimage: docker.io/library/t\n"

UNIT_TEST(test_catalog)
{
	static const struct {
		const char *file, *text, *err;
	} rows[] = {
		{"t.yaml", OK_HEAD "version: \"1\"\ncommands: [t]\n", NULL},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nfoo: bar\n",
		 "t.yaml:6:1: unknown key 'foo'"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: t\n",
		 "t.yaml:5:11: commands must be a list of strings"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nenv: [A]\n",
		 "t.yaml:6:6: env must be a mapping of NAME: value"},
		{"t.yaml", OK_HEAD "commands: [t]\n",
		 "t.yaml:1:1: missing required key 'version'"},
		{"t.yaml", "name: t\n  bad: [\n",
		 "t.yaml:2:6: mapping values are not allowed in this context"},
		{"t.yaml", "- a\n- b\n",
		 "t.yaml:1:1: file must be a mapping of keys"},
		{"t.yaml", "", "t.yaml: empty file"},
		{"u.yaml", OK_HEAD "version: 1\ncommands: [t]\n",
		 "u.yaml: name 't' does not match the file name (expected t.yaml)"},
		{"t.yaml", OK_HEAD "version: 1 2\ncommands: [t]\n",
		 "t.yaml:4:10: version has characters other than letters, digits, '.', '_' and '-'"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t, 'a b']\n",
		 "t.yaml:5:15: commands must be 1 to 64 of letters, digits, '_', '.', '+', '-', not starting with '.' or '-'"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t, t]\n",
		 "t.yaml:5:15: commands repeats an item"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: []\n",
		 "t.yaml:1:1: commands must list at least one command"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\ntag: \"{major}\"\n",
		 "t.yaml:6:6: tag may use only the placeholder {version}"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nhome: rel\n",
		 "t.yaml:6:7: home must be an absolute path other than /"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nmounts: [\"/a:b\"]\n",
		 "t.yaml:6:10: mounts must be host:container[:ro|:rw] with an absolute or ~ host path and an absolute container path"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nmounts: [\"/a:/b:rx\"]\n",
		 "t.yaml:6:10: mounts mode must be ro or rw"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nenv: {\"A-B\": x}\n",
		 "t.yaml:6:7: env must be a variable name ([A-Za-z_][A-Za-z0-9_]*)"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nnetwork:\n",
		 "t.yaml:6:9: network must be a string, not null"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nnetwork: --privileged\n",
		 "t.yaml:6:10: network must start with a letter or digit"},
		{"t.yaml", "name: t\nname: t\n",
		 "t.yaml:2:1: name is given twice"},
		{"t.yaml",
		 "name: t\ndescription: d\nimage: Docker.io/x/T\nversion: 1\ncommands: [t]\n",
		 "t.yaml:3:8: image repository name must be lowercase 'x/T'"},
		{"t.yaml",
		 "name: t\ndescription: d\nimage: x/t:1\nversion: 1\ncommands: [t]\n",
		 "t.yaml:3:8: image must be a repository without tag or digest (the tag comes from 'tag' and 'version')"},
		{"t.yaml",
		 "name: t\ndescription: d\nimage: \"-efoo\"\nversion: 1\ncommands: [t]\n",
		 "t.yaml:3:8: image invalid repository path component '-efoo'"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nmounts: [\"~foo:/x\"]\n",
		 "t.yaml:6:10: mounts must be host:container[:ro|:rw] with an absolute or ~ host path and an absolute container path"},
		{"t.yaml",
		 "name: t\ndescription: d\nimage: localhost:5000/t\nversion: 1\ncommands: [t]\n",
		 NULL},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nentrypoint: \"a\\nb\"\n",
		 "t.yaml:6:13: entrypoint must be one line"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\npasswd: yes\n",
		 "t.yaml:6:9: passwd must be true or false"},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nsockets: [SSH-AUTH]\n",
		 "t.yaml:6:11: sockets must be a variable name ([A-Za-z_][A-Za-z0-9_]*)"},
		{"t.yaml",
		 OK_HEAD
		 "version: 1\ncommands: [t]\nsockets: [SSH_AUTH_SOCK]\npasswd: false\n",
		 NULL},
		{"t.yaml",
		 OK_HEAD "version: 1\ncommands: [t]\nhost: [editor]\n", NULL},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nhost: [sh]\n",
		 "t.yaml:6:8: host must be a host program: editor, gpg, askpass, credential"},
		{"t.yaml", OK_HEAD "version: 1\ncommands: [t]\nhost: editor\n",
		 "t.yaml:6:7: host must be a list of strings"},
	};
	char dir[] = "/tmp/tbx-unit.XXXXXX";

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	for (size_t i = 0; i < ROWS(rows); i++) {
		char *path = xfmt("%s/%s", dir, rows[i].file), *want = NULL;
		FILE *f = fopen(path, "w");
		struct tbx_err e = {0, 0, ""};
		struct tool *t = NULL;
		int r;

		fputs(rows[i].text, f);
		fclose(f);
		r = catalog_load_file(path, &t, &e);
		if (rows[i].err)
			want = xfmt("%s/%s", dir, rows[i].err);
		CHECK(want ? r < 0 && !strcmp(e.msg, want) : r == 0,
		      "row %zu: got %d '%s', want '%s'", i, r, e.msg,
		      want ? want : "success");
		if (r == 0 && i == 0)
			CHECK(!strcmp(t->tag, "{version}") &&
				      !strcmp(t->home, "/home/tbx") &&
				      !t->network && !t->entrypoint,
			      "defaults for tag and home");
		tool_free(t);
		unlink(path);
		free(path);
		free(want);
	}
	rmdir(dir);
}
