/* Image references: a parsed reference formats to one that parses to the
 * same parts. */
#include <stdio.h>

#include "fuzz.h"
#include "base/ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), why_buf[512], out[1024];
	const char *why;
	struct ref r, again;

	if (ref_parse(s, &r, why_buf, sizeof(why_buf), &why) == 0) {
		ref_api_host(&r);
		if (ref_format(&r, out, sizeof(out)) == 0) {
			if (ref_parse(out, &again, why_buf, sizeof(why_buf),
				      &why) < 0 ||
			    strcmp(r.domain, again.domain) ||
			    strcmp(r.path, again.path) ||
			    strcmp(r.tag, again.tag) ||
			    strcmp(r.digest, again.digest)) {
				fprintf(stderr,
					"'%s' -> '%s' does not round-trip\n", s,
					out);
				abort();
			}
		}
	}
	free(s);
	return 0;
}
