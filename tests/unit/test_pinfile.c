/* pinfile: a version read from each format of version file, its line, and
 * the one-line refusal of what is no version. */
#include <string.h>

#include "base/pinfile.h"
#include "unit.h"

UNIT_TEST(test_pinfile)
{
	static const struct {
		const char *file, *text, *tool;
		int r;
		unsigned line;
		const char *out; /* the version, or the error message */
	} rows[] = {
		/* .toolbox: quotes and '#' comments */
		{".toolbox", "[tools]\ngo = \"1.22\"  # team\n", "go", 1, 2,
		 "1.22"},
		{".toolbox", "[tools]\ngo = '1.21'\n", "go", 1, 2, "1.21"},
		{".toolbox", "[tools]\ngo = 1.20 # why\nnode=20#x\n", "go", 1,
		 2, "1.20"},
		{".toolbox", "[tools]\nnode = 20#x\n", "node", -1, 0,
		 ".toolbox:2: version '20#x' for 'node' has characters other than letters, digits, '.', '_' and '-'"},
		{".toolbox", "[tools]\ngo = \"1.22\n", "go", -1, 0,
		 ".toolbox:2: the value of 'go' has a quote not closed, or text after its closing quote"},
		{".toolbox", "[tools]\ngo = \"1.22\" x\n", "go", -1, 0,
		 ".toolbox:2: the value of 'go' has a quote not closed, or text after its closing quote"},
		/* asdf: the tool's name or an alias, the first version */
		{"d/.tool-versions",
		 "# team\nnodejs 20.11.0\ngolang 1.22.3 1.21 # two\n", "go", 1,
		 3, "1.22.3"},
		{".tool-versions", "go v1.22\n", "go", 1, 1, "1.22"},
		{".tool-versions", "gopher 1\ngolangx 2\n", "go", 0, 0, ""},
		{".tool-versions", "golang\n", "go", -1, 0,
		 ".tool-versions:1: go '' is not a version tbx can run: write digits and dots, as in 1.23"},
		{".tool-versions", "golang ref:abc\n", "go", -1, 0,
		 ".tool-versions:1: go 'ref:abc' is not a version tbx can run: write digits and dots, as in 1.23"},
		{".tool-versions", "nodejs lts/iron\n", "node", 1, 1, "iron"},
		/* mise.toml: [tools] strings only, other sections unread */
		{"mise.toml",
		 "[env]\nX = \"\"\"\n[tools]\ngo = 1\n\"\"\"\n[tools]\n\"go\" = \"1.22\" # c\n",
		 "go", 1, 7, "1.22"},
		{".mise.toml", "[tools]\nnode = [\"20\", \"18\"]\n", "node", 1,
		 2, "20"},
		{"mise.toml", "[ tools ]\n'node' = { version = \"18\" } # x\n",
		 "node", 1, 2, "18"},
		{"mise.toml",
		 "[tools]\nnode = {xversion = \"1\", os=\"linux\",version=\"19\"}\n",
		 "node", 1, 2, "19"},
		{"mise.toml",
		 "[tools]\nnode = [ # two\n\n  # lts first\n  \"20\",\n  \"18\",\n]\n",
		 "node", 1, 5, "20"},
		{"mise.toml", "[tools]\nnode = [\n  20,\n]\n", "node", -1, 0,
		 "mise.toml:3: node's version is not a string; write node = \"<version>\""},
		{"mise.toml", "# don't \"\"\" here\n[tools]\nnode = \"16\"\n",
		 "node", 1, 3, "16"},
		{"mise.toml", "[tools]\nnode = 20\n", "node", -1, 0,
		 "mise.toml:2: node's version is not a string; write node = \"<version>\""},
		{"mise.toml",
		 "[tools.go]\nversion = \"1\"\n[[tasks]]\ngo = \"2\"\n", "go",
		 0, 0, ""},
		{"mise.toml", "[tools]\nnodejs = 'lts/*'\n", "node", 1, 2,
		 "lts"},
		/* .sdkmanrc: name=version, the vendor mapped for java */
		{".sdkmanrc", "# sdk env\njava=21.0.2-tem\nmaven = 3.9.6\n",
		 "java", 1, 2, "21.0.2"},
		{".sdkmanrc", "java=21.0.2-zulu\n", "java", -1, 0,
		 ".sdkmanrc:1: java '21.0.2-zulu' is not a version tbx can run: write digits and dots, as in 25"},
		{".sdkmanrc", "java 21\n", "java", 0, 0, ""},
		/* go.mod: toolchain over go */
		{"go.mod", "module x\n\ngo 1.21\n\ntoolchain go1.22.3 // why\n",
		 "go", 1, 5, "1.22.3"},
		{"go.mod", "module x\ngo 1.24.1 // min\nrequire y v1.2.3\n",
		 "go", 1, 2, "1.24"},
		/* a minimum that the catalog's release meets pins that */
		{"go.mod", "module x\ngo 1.21 // min\n", "go", 1, 2, "1.23"},
		{"go.mod", "module x\n", "go", 0, 0, ""},
		{"go.mod", "go 1.23.4\n", "go", 1, 1, "1.23"},
		{"go.mod", "go 1.30rc1\n", "go", -1, 0,
		 "go.mod:1: go '1.30rc1' is not a version tbx can run: write digits and dots, as in 1.23"},
		/* rust-toolchain(.toml) */
		{"rust-toolchain.toml",
		 "[toolchain]\nchannel = \"1.75.0\"\ncomponents = [\"clippy\"]\n",
		 "rust", 1, 2, "1.75.0"},
		{"rust-toolchain", "stable\n", "rust", 1, 1, "latest"},
		{"rust-toolchain",
		 "[toolchain]\nchannel = 'nightly-2024-01-01'\n", "rust", -1, 0,
		 "rust-toolchain:2: rust 'nightly-2024-01-01' is not a version tbx can run: write digits and dots, as in 1.98"},
		/* one version, a leading v dropped */
		{".nvmrc", "\n# x\nv20.11.0\r\n", "node", 1, 3, "20.11.0"},
		{".nvmrc", "lts/*\n", "node", 1, 1, "lts"},
		{".nvmrc", "node\n", "node", 1, 1, "current"},
		{".nvmrc", "system\n", "node", 0, 0, ""},
		{".tool-versions", "\xef\xbb\xbfnodejs 21 # bom\n", "node", 1,
		 1, "21"},
		{".nvmrc", "20 # mine\n", "node", 1, 1, "20"},
		{".nvmrc", "latest:20\n", "node", -1, 0,
		 ".nvmrc:1: node 'latest:20' is not a version tbx can run: write digits and dots, as in 26"},
		{".nvmrc", "lts/$(x)\n", "node", -1, 0,
		 ".nvmrc:1: node 'lts/$(x)' is not a version tbx can run: write digits and dots, as in 26"},
		{".python-version", "3.12.1\n3.11\n", "python", 1, 1, "3.12.1"},
		{".python-version", "3.12..1\n", "python", -1, 0,
		 ".python-version:1: python '3.12..1' is not a version tbx can run: write digits and dots, as in 3.14"},
		{".python-version", "", "python", 0, 0, ""},
	};
	static const char *const go_alias[] = {"golang"};
	static const char *const node_alias[] = {"nodejs"};
	static const char *const node_map[] = {"lts/*=lts", "lts/*=*",
					       "node=current"};
	static const char *const java_map[] = {"*-tem=*"};
	static const char *const rust_map[] = {"stable=latest"};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct spec s = {0};
		struct pinned pin;
		struct tbx_err e = {0};
		const char *tool = rows[i].tool;
		int r;

		s.tool = tool;
		s.version = !strcmp(tool, "go")	    ? "1.23"
			    : !strcmp(tool, "node") ? "26"
			    : !strcmp(tool, "java") ? "25"
			    : !strcmp(tool, "rust") ? "1.98"
						    : "3.14";
		if (!strcmp(tool, "go")) {
			s.aliases.item[0] = go_alias[0];
			s.aliases.n = 1;
		} else if (!strcmp(tool, "node")) {
			s.aliases.item[0] = node_alias[0];
			s.aliases.n = 1;
			for (unsigned k = 0; k < 3; k++)
				s.version_map.item[k] = node_map[k];
			s.version_map.n = 3;
		} else if (!strcmp(tool, "java")) {
			s.version_map.item[0] = java_map[0];
			s.version_map.n = 1;
		} else if (!strcmp(tool, "rust")) {
			s.version_map.item[0] = rust_map[0];
			s.version_map.n = 1;
		}
		r = pinfile_parse(rows[i].file, rows[i].text, &s, &pin, &e);
		CHECK(r == rows[i].r &&
			      (r < 0 ? !strcmp(e.msg, rows[i].out)
				     : r == 0 || (!strcmp(pin.version,
							  rows[i].out) &&
						  pin.line == rows[i].line)),
		      "row %zu (%s): %d %s line %u", i, rows[i].file, r,
		      r < 0 ? e.msg
		      : r   ? pin.version
			    : "",
		      r > 0 ? pin.line : 0);
	}
}
