/* ref: the distribution reference grammar and Docker's normalisation. */
#include <string.h>

#include "base/ref.h"
#include "unit.h"

UNIT_TEST(test_ref)
{
	static const struct {
		const char *in, *out, *api, *why;
	} rows[] = {
		{"maven", "docker.io/library/maven", "registry-1.docker.io",
		 NULL},
		{"maven:3.9.9-eclipse-temurin-21",
		 "docker.io/library/maven:3.9.9-eclipse-temurin-21", NULL,
		 NULL},
		{"alpine/git:v2.45.2", "docker.io/alpine/git:v2.45.2", NULL,
		 NULL},
		{"docker.io/library/golang:1.22",
		 "docker.io/library/golang:1.22", NULL, NULL},
		{"index.docker.io/golang", "docker.io/library/golang", NULL,
		 NULL},
		{"localhost/probe:1", "localhost/probe:1", "localhost", NULL},
		{"localhost:5000/a/b/c", "localhost:5000/a/b/c",
		 "localhost:5000", NULL},
		{"127.0.0.1:5000/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		 "127.0.0.1:5000/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		 NULL, NULL},
		{"[::1]:5000/x:t", "[::1]:5000/x:t", "[::1]:5000", NULL},
		{"ghcr.io/a-b/c__d/e.f/g--h:T_1.x-y",
		 "ghcr.io/a-b/c__d/e.f/g--h:T_1.x-y", "ghcr.io", NULL},
		{"Registry.Example.com/x", "Registry.Example.com/x", NULL,
		 NULL},
		{"", NULL, NULL, "empty reference"},
		{"Maven", NULL, NULL,
		 "repository name must be lowercase 'Maven'"},
		{"a/B", NULL, NULL, "repository name must be lowercase 'a/B'"},
		{"maven:", NULL, NULL, "invalid tag ''"},
		{"maven:-x", NULL, NULL, "invalid tag '-x'"},
		{"maven:a b", NULL, NULL, "invalid tag 'a b'"},
		{"a//b", NULL, NULL, "invalid repository path component ''"},
		{"a/b_", NULL, NULL, "invalid repository path component 'b_'"},
		{"a/b._c", NULL, NULL,
		 "invalid repository path component 'b._c'"},
		{"a/b___c", NULL, NULL,
		 "invalid repository path component 'b___c'"},
		{"-a.io/b", NULL, NULL, "invalid registry host '-a.io'"},
		{"a.io:port/b", NULL, NULL,
		 "invalid registry host 'a.io:port'"},
		{"x@sha256:abc", NULL, NULL, "invalid digest 'sha256:abc'"},
		{"x@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
		 NULL, NULL,
		 "invalid digest 'sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef'"},
	};
	char why_buf[512], out[600];

	for (size_t i = 0; i < ROWS(rows); i++) {
		struct ref r;
		const char *why = "";
		int rc = ref_parse(rows[i].in, &r, why_buf, sizeof(why_buf),
				   &why);

		if (rows[i].out) {
			CHECK(rc == 0 &&
				      ref_format(&r, out, sizeof(out)) == 0 &&
				      !strcmp(out, rows[i].out),
			      "ref '%s': %d %s / %s", rows[i].in, rc, why, out);
			if (rows[i].api)
				CHECK(!strcmp(ref_api_host(&r), rows[i].api),
				      "api host of %s", rows[i].in);
		} else {
			CHECK(rc < 0 && !strcmp(why, rows[i].why),
			      "ref '%s': got '%s'", rows[i].in,
			      rc < 0 ? why : "success");
		}
	}
	{
		char long_name[300];
		struct ref r;
		const char *why = "";

		memset(long_name, 'a', 256);
		long_name[256] = '\0';
		CHECK(ref_parse(long_name, &r, why_buf, sizeof(why_buf), &why) <
				      0 &&
			      !strcmp(why, "name longer than 255 characters"),
		      "long name: %s", why);
	}
}
