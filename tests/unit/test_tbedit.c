/* tbedit: .toolbox edits keep everything but the one line they change. */
#include <stdlib.h>
#include <string.h>

#include "tbedit.h"
#include "unit.h"

UNIT_TEST(test_tbedit)
{
	static const struct {
		const char *text, *tool, *version, *want;
	} set[] = {
		{"", "go", "1.22", "[tools]\ngo = 1.22\n"},
		{"# mine\n", "go", "1.22", "# mine\n\n[tools]\ngo = 1.22\n"},
		{"# mine", "go", "1.22", "# mine\n\n[tools]\ngo = 1.22\n"},
		{"[tools]\n", "go", "1.22", "[tools]\ngo = 1.22\n"},
		{"[tools]", "go", "1.22", "[tools]\ngo = 1.22\n"},
		{"[tools]\n# first\nmaven = 3.9\n\n[other]\nx = 1\n", "go", "1",
		 "[tools]\n# first\nmaven = 3.9\ngo = 1\n\n[other]\nx = 1\n"},
		{"[tools]\n  go=1.21   ; old\nmaven = 3\n", "go", "1.22",
		 "[tools]\n  go = 1.22   ; old\nmaven = 3\n"},
		{"  [tools]\ngo : 1.21\n", "go", "1.22",
		 "  [tools]\ngo = 1.22\n"},
		{"[ tools ]\ngo = 1\n", "go", "2",
		 "[ tools ]\ngo = 1\n\n[tools]\ngo = 2\n"},
		{"[a]\nk = v\n\f[tools]\n", "go", "2",
		 "[a]\nk = v\n\f[tools]\n\n[tools]\ngo = 2\n"},
		{"\xEF\xBB\xBF[tools]\ngo = 1\n", "go", "2",
		 "\xEF\xBB\xBF[tools]\ngo = 2\n"},
		{"[tools]\n\v[x]\n", "go", "2",
		 "[tools]\n\v[x]\n\n[tools]\ngo = 2\n"},
		{"[a]\nk = v\n  [tools]\n", "go", "2",
		 "[a]\nk = v\n  [tools]\ngo = 2\n"},
		{"[other]\ngo = 1\n", "go", "2",
		 "[other]\ngo = 1\n\n[tools]\ngo = 2\n"},
		{"[tools]\ngopher = 1\n", "go", "2",
		 "[tools]\ngopher = 1\ngo = 2\n"},
		/* a CRLF file stays CRLF, in lines changed and added */
		{"[tools]\r\ngo = 1\r\n", "go", "2", "[tools]\r\ngo = 2\r\n"},
		{"[tools]\r\n  go=1 ; old\r\n", "go", "2",
		 "[tools]\r\n  go = 2 ; old\r\n"},
		{"[tools]\r\nmaven = 3\r\n", "go", "1",
		 "[tools]\r\nmaven = 3\r\ngo = 1\r\n"},
		{"[tools]\r\nmaven = 3", "go", "1",
		 "[tools]\r\nmaven = 3\r\ngo = 1\r\n"},
		{"# mine\r\n", "go", "1",
		 "# mine\r\n\r\n[tools]\r\ngo = 1\r\n"},
		{"# mine\r\n# more", "go", "1",
		 "# mine\r\n# more\r\n\r\n[tools]\r\ngo = 1\r\n"},
	};
	static const struct {
		const char *text, *tool, *want;
	} rm[] = {
		{"[tools]\ngo = 1\nmaven = 3 # keep\n", "go",
		 "[tools]\nmaven = 3 # keep\n"},
		{"[tools]\nmaven = 3\ngo = 1", "go", "[tools]\nmaven = 3\n"},
		{"[tools]\ngopher = 1\n", "go", NULL},
		{"[other]\ngo = 1\n", "go", NULL},
		{"# go = 1\n[tools]\n", "go", NULL},
		{"[tools]\r\ngo = 1\r\nmaven = 3\r\n", "go",
		 "[tools]\r\nmaven = 3\r\n"},
		{"[tools]\r\nmaven = 3\r\ngo = 1", "go",
		 "[tools]\r\nmaven = 3\r\n"},
	};

	for (size_t i = 0; i < ROWS(set); i++) {
		char *got =
			tbedit_set(set[i].text, set[i].tool, set[i].version);

		CHECK(!strcmp(got, set[i].want), "set row %zu: got '%s'", i,
		      got);
		free(got);
	}
	for (size_t i = 0; i < ROWS(rm); i++) {
		char *got = tbedit_remove(rm[i].text, rm[i].tool);

		CHECK(rm[i].want ? got && !strcmp(got, rm[i].want) : !got,
		      "remove row %zu: got '%s'", i, got ? got : "(none)");
		free(got);
	}
}
