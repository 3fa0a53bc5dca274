/* runtime: tag templates, version names, TBX_<TOOL>_VERSION. */
#include <string.h>

#include "plan.h"
#include "base/toolbox.h"
#include "unit.h"

void test_runtime(void)
{
	static const struct {
		const char *tmpl, *version, *out;
	} tags[] = {
		{"{version}", "1.22", "1.22"},
		{"{version}-eclipse-temurin-21", "3.9.9",
		 "3.9.9-eclipse-temurin-21"},
		{"v{version}", "2.45.2", "v2.45.2"},
		{"{version}-{version}", "a", "a-a"},
		{"fixed", "1", "fixed"},
		{"{version}", "", NULL},
	};
	static const struct {
		const char *tool, *var;
	} vars[] = {
		{"go", "TBX_GO_VERSION"},
		{"google-java-format", "TBX_GOOGLE_JAVA_FORMAT_VERSION"},
		{"c++.x", "TBX_C___X_VERSION"},
	};
	static const struct {
		const char *v;
		int ok;
	} versions[] = {
		{"1.22", 1}, {"latest", 1},   {"3.9.9-eclipse_1", 1},
		{"", 0},     {".1", 0},	      {"-1", 0},
		{"1 2", 0},  {"1;2", 0},      {"1/2", 0},
		{"a:b", 0},  {"1@sha256", 0}, {"\xc3\xa9", 0},
	};
	char buf[256];

	for (size_t i = 0; i < ROWS(tags); i++) {
		int r = plan_expand_tag(tags[i].tmpl, tags[i].version, buf,
				      sizeof(buf));

		CHECK(tags[i].out ? r == 0 && !strcmp(buf, tags[i].out) : r < 0,
		      "tag %s with %s", tags[i].tmpl, tags[i].version);
	}
	CHECK(plan_expand_tag("{version}", "1.22", buf, 4) < 0,
	      "tag overflow refused");
	for (size_t i = 0; i < ROWS(vars); i++) {
		plan_version_var(vars[i].tool, buf, sizeof(buf));
		CHECK(!strcmp(buf, vars[i].var), "%s -> %s", vars[i].tool, buf);
	}
	for (size_t i = 0; i < ROWS(versions); i++)
		CHECK((version_invalid(versions[i].v) == NULL) ==
			      versions[i].ok,
		      "version '%s'", versions[i].v);
	{
		static char long_v[200];

		memset(long_v, '1', 129);
		CHECK(version_invalid(long_v) != NULL,
		      "129 characters refused");
	}
}
