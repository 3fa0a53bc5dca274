/* toolbox: version pins from .toolbox text, and their errors. */
#include <string.h>

#include "base/toolbox.h"
#include "unit.h"

UNIT_TEST(test_toolbox)
{
	static const struct {
		const char *text, *tool;
		int r;
		const char *out; /* the version, or the error message */
	} rows[] = {
		{"[tools]\nmaven = 3.9.6\n", "maven", 1, "3.9.6"},
		{"[tools]\ngo=1.22\nmaven = 3\n", "go", 1, "1.22"},
		{"; comment\n# another\n[tools]\n  go = 1.22 ; inline\n", "go",
		 1, "1.22"},
		{"[tools]\nmaven = 3.9.6\n", "go", 0, ""},
		{"[other]\ngo = 1.22\n", "go", 0, ""},
		{"", "go", 0, ""},
		{"\xef\xbb\xbf[tools]\ngo = 1.21\n", "go", 1, "1.21"},
		{"[tools]\r\ngo = 1.20\r\n", "go", 1, "1.20"},
		{"[tools]\ngo = 1.22 beta\n", "go", -1,
		 "f:2: version '1.22 beta' for 'go' has characters other than letters, digits, '.', '_' and '-'"},
		{"[tools]\ngo = $(reboot)\n", "go", -1,
		 "f:2: version '$(reboot)' for 'go' has characters other than letters, digits, '.', '_' and '-'"},
		{"[tools]\ngo =\n", "go", -1,
		 "f:2: version '' for 'go' is empty"},
		{"[tools]\ngo = -rm\n", "go", -1,
		 "f:2: version '-rm' for 'go' must not start with '.' or '-'"},
		{"[tools]\ngo = 1\ngo = 2\n", "go", -1,
		 "f:3: 'go' is given twice in [tools]"},
		{"[tools]\nthis is not ini\n", "go", -1,
		 "f:2: expected '[section]' or 'name = value'"},
		{"[tools\ngo = 1\n", "go", -1,
		 "f:1: expected '[section]' or 'name = value'"},
		{"[tools]\nbad line\ngo = 1 2\n", "go", -1,
		 "f:2: expected '[section]' or 'name = value'"},
		/* indented lines are pins, not continuations of the line above
		 */
		{"[tools]\n  maven = 3.9.6\n  go = 1.21\n", "go", 1, "1.21"},
		{"[tools]\n\tgo = 1.21\n", "go", 1, "1.21"},
	};
	char v[129];

	for (size_t i = 0; i < ROWS(rows); i++) {
		struct tbx_err e = {0, 0, ""};
		int r;

		v[0] = '\0';
		r = toolbox_pin_text(rows[i].text, "f", rows[i].tool, v,
				     sizeof(v), NULL, &e);
		CHECK(r == rows[i].r && !strcmp(r < 0 ? e.msg : v, rows[i].out),
		      "row %zu: got %d '%s', want %d '%s'", i, r,
		      r < 0 ? e.msg : v, rows[i].r, rows[i].out);
	}
	{
		static char long_line[1200];
		struct tbx_err e = {0, 0, ""};

		strcpy(long_line, "[tools]\ngo = ");
		memset(long_line + strlen(long_line), '1', 1000);
		CHECK(toolbox_pin_text(long_line, "f", "go", v, sizeof(v), NULL,
				       &e) < 0 &&
			      !strcmp(e.msg, "f:2: line too long"),
		      "long line: %s", e.msg);
	}
}
