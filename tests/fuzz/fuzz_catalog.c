/* A catalog file, as YAML bytes, through the loader and into a spec. */
#include "catalog.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tool *t = NULL;
	struct tbx_err e;
	struct spec s;
	static unsigned char region[SPEC_REGION_SIZE];
	const char *why;

	if (catalog_load_text("t.yaml", (const char *)data, size, &t, &e) ==
	    0) {
		if (catalog_spec(t, t->commands.v[0], &s, &e) == 0 &&
		    spec_encode(&s, region, sizeof(region), &why) == 0) {
			struct spec back;

			if (spec_decode(region, sizeof(region), &back, &why) <
			    0)
				abort(); /* what tbx writes, a shim must read */
		}
		tool_free(t);
	}
	return 0;
}
