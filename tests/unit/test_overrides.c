/* overrides: what a .toolbox's [tool.<name>] section asks beyond a
 * version, and the errors that name its line. */
#include <stdio.h>
#include <string.h>

#include "base/overrides.h"
#include "unit.h"

UNIT_TEST(test_overrides)
{
	static const struct {
		const char *text;
		int r;
		const char *out; /* what, then the values; or the message */
	} rows[] = {
		{"[tools]\ngo = 1.22\n", 0, "|||||"},
		{"[tool.other]\nimage = x/y\n", 0, "|||||"},
		{"[tool.go]\nwarm = 10m\n", 0, "|||||10m"},
		{"[tool.go]\nimage = registry.example.com:5000/team/golang\n",
		 0, "image|registry.example.com:5000/team/golang||||"},
		{"[tool.go]\nnetwork = bridge\nenv.GOPRIVATE = example.com\n",
		 0, "network, env||bridge||GOPRIVATE=example.com|"},
		{"[tool.go]\nmounts = ~/.netrc:/root/.netrc:ro /srv/d:/d\n", 0,
		 "mounts|||~/.netrc:/root/.netrc:ro /srv/d:/d||"},
		{"[tool.go]\nimage = golang:1.22\n", -1,
		 "f:2: image 'golang:1.22' must be a repository, without a tag (has a tag or digest)"},
		{"[tool.go]\nimage = Golang\n", -1,
		 "f:2: image 'Golang' must be a repository, without a tag (repository name must be lowercase 'Golang')"},
		/* values that would be engine options */
		{"[tool.go]\nimage = -v/:/hostroot/x\n", -1,
		 "f:2: image '-v/:/hostroot/x' must be a repository, without a tag (invalid repository path component '-v')"},
		{"[tool.go]\nimage = -u0\n", -1,
		 "f:2: image '-u0' must be a repository, without a tag (invalid repository path component '-u0')"},
		{"[tool.go]\nnetwork = --privileged\n", -1,
		 "f:2: network must be a network name"},
		{"[tool.go]\nnetwork = a b\n", -1,
		 "f:2: network must be a network name"},
		{"[tool.go]\nmounts = relative:/x\n", -1,
		 "f:2: mount 'relative:/x' must be host:container[:ro|:rw] with an absolute or ~/ host path"},
		{"[tool.go]\nmounts = /a:/b:rx\n", -1,
		 "f:2: mount '/a:/b:rx' must be host:container[:ro|:rw] with an absolute or ~/ host path"},
		{"[tool.go]\nmounts = /a:b\n", -1,
		 "f:2: mount '/a:b' must be host:container[:ro|:rw] with an absolute or ~/ host path"},
		{"[tool.go]\nenv.1X = y\n", -1,
		 "f:2: env.NAME needs a variable name"},
		{"[tool.go]\nenv.A-B = y\n", -1,
		 "f:2: env.NAME needs a variable name"},
		{"[tool.go]\nwarm = 8d\n", -1,
		 "f:2: warm must be a duration such as 90s, 10m or 1h (at most 7d), or 0"},
		{"[tool.go]\nvolumes = /a:/b\n", -1,
		 "f:2: unknown key 'volumes' (image, network, mounts, env.NAME, warm)"},
	};
	struct overrides ov;
	char got[2048];

	for (size_t i = 0; i < ROWS(rows); i++) {
		struct tbx_err e = {0, 0, ""};
		int r = overrides_read(rows[i].text, "f", "go", &ov, &e);

		if (r == 0) {
			size_t n = 0;

			n += (size_t)snprintf(got + n, sizeof(got) - n,
					      "%s|%s|%s|", ov.what, ov.image,
					      ov.network);
			for (unsigned m = 0; m < ov.nmounts; m++)
				n += (size_t)snprintf(got + n, sizeof(got) - n,
						      "%s%s", m ? " " : "",
						      ov.mount[m]);
			n += (size_t)snprintf(got + n, sizeof(got) - n, "|");
			for (unsigned v = 0; v < ov.nenv; v++)
				n += (size_t)snprintf(got + n, sizeof(got) - n,
						      "%s%s", v ? " " : "",
						      ov.env[v]);
			snprintf(got + n, sizeof(got) - n, "|%s", ov.warm);
		} else {
			snprintf(got, sizeof(got), "%s", e.msg);
		}
		CHECK(r == rows[i].r && !strcmp(got, rows[i].out),
		      "row %zu: %d %s", i, r, got);
	}
}
