/* .toolbox and .toolbox.lock as the shim and tbx read them, the edits of
 * tbx add/remove (an edited file must read back with the edit made), and
 * every version file's format (what is read must be a version). */
#include <stdio.h>

#include "fuzz.h"
#include "base/lock.h"
#include "base/overrides.h"
#include "base/pinfile.h"
#include "pins.h"
#include "tbedit.h"
#include "base/toolbox.h"

static const char *pinned(const struct pins *p, const char *tool)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].tool, tool))
			return p->v[i].request;
	return NULL;
}

static void version_files(const char *text)
{
	static const char *const files[] = {
		".toolbox", "mise.toml",      ".tool-versions", ".sdkmanrc",
		"go.mod",   "rust-toolchain", ".nvmrc"};
	struct spec s = {0};
	struct pinned pin;
	struct tbx_err e;

	s.tool = "go";
	s.version = "1";
	s.aliases.item[s.aliases.n++] = "golang";
	s.version_map.item[s.version_map.n++] = "lts/*=lts";
	s.version_map.item[s.version_map.n++] = "a*b=x*y";
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (pinfile_parse(files[i], text, &s, &pin, &e) > 0 &&
		    (version_invalid(pin.version) || !pin.line)) {
			fprintf(stderr, "%s gave '%s'\n", files[i],
				pin.version);
			abort();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size), version[129], *edited;
	struct tbx_err e;
	struct lock_entry le;
	struct lockset ls;
	struct pins p, q;

	static struct overrides ov;

	toolbox_pin_text(text, "f", "go", version, sizeof(version), NULL, &e);
	version_files(text);
	if (overrides_read(text, "f", "go", &ov, &e) == 0)
		for (unsigned i = 0; i < ov.nmounts; i++)
			if (!ov.mount[i][0] || strchr(ov.mount[i], ' '))
				abort(); /* items are split on blanks */
	lock_lookup_text(text, "f", "go", &le, &e);
	if (lockset_parse(text, "f", &ls, &e) == 0)
		lockset_free(&ls);
	if (pins_parse(text, "f", &p, &e) == 0) {
		/* a file that reads well reads the same after an edit, but
		 * for the edited tool */
		edited = tbedit_set(text, "go", "1.22");
		if (pins_parse(edited, "f", &q, &e) < 0 ||
		    strcmp(pinned(&q, "go") ? pinned(&q, "go") : "", "1.22")) {
			fprintf(stderr, "edit broke the file: %s\n---\n%s\n",
				e.msg, edited);
			abort();
		}
		pins_free(&q);
		free(edited);
		edited = tbedit_remove(text, "go");
		if (edited) {
			if (pins_parse(edited, "f", &q, &e) < 0 ||
			    pinned(&q, "go")) {
				fprintf(stderr, "remove broke the file\n");
				abort();
			}
			pins_free(&q);
		}
		free(edited);
		pins_free(&p);
	}
	free(text);
	return 0;
}
