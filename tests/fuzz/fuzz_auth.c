/* WWW-Authenticate challenges, as registries send them. */
#include "auth.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size);
	struct challenge c;

	auth_parse(s, &c);
	free(s);
	return 0;
}
