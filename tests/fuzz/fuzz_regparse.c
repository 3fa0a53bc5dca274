/* Registry answers: error bodies, tag lists, token answers, Link headers. */
#include "fuzz.h"
#include "regparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), out[512];
	struct strv tags = {0};

	regparse_error(s, out, sizeof(out));
	if (strchr(out, '\n'))
		abort(); /* an error must stay on one line */
	regparse_tags(s, &tags);
	strv_free(&tags);
	free(regparse_token(s));
	free(regparse_next_page(s));
	free(s);
	return 0;
}
