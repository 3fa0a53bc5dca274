/* Version ordering and matching: lines are request, candidate, template,
 * tag. The order must be antisymmetric. */
#include "fuzz.h"
#include "base/toolbox.h"
#include "version.h"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), *f[4] = {s, "", "", ""}, out[256];

	for (int i = 1; i < 4; i++) {
		char *nl = strchr(f[i - 1], '\n');

		if (!nl)
			break;
		*nl = '\0';
		f[i] = nl + 1;
	}
	if (sign(version_cmp(f[0], f[1])) != -sign(version_cmp(f[1], f[0])))
		abort();
	version_is_release(f[0]);
	version_invalid(f[0]);
	version_matches(f[0], f[1]);
	version_from_tag(f[2], f[3], out, sizeof(out));
	free(s);
	return 0;
}
