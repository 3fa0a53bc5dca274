/* The warm protocol's request, as the agent decodes what any process that
 * reaches the socket sends: decoding never reads past the bytes, and a
 * decoded request encodes back to the same bytes. */
#include "fuzz.h"
#include "warm/proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy: past the end is the sanitizer's */
	char *buf = malloc(size ? size : 1), *again;
	size_t items;
	const char **env, **argv;
	struct warm_request r;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	items = warm_decode_items(buf, size);
	env = calloc(items + 1, sizeof(*env));
	argv = calloc(items + 1, sizeof(*argv));
	if (!env || !argv)
		abort();
	if (warm_decode(buf, size, &r, env, argv) == 0) {
		if (warm_encode(&r, NULL) != size)
			abort();
		again = malloc(size);
		if (!again)
			abort();
		warm_encode(&r, again);
		if (memcmp(again, buf, size))
			abort();
		free(again);
	}
	free(env);
	free(argv);
	free(buf);
	return 0;
}
