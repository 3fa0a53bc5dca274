/* A host call's request, as the host decodes what any process that reaches
 * the socket sends: decoding never reads past the bytes, a decoded request
 * is one the host can check (a name, an absolute cwd, few arguments), and
 * it encodes back to the same bytes. */
#include "fuzz.h"
#include "hostcall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char again[HOSTCALL_REQUEST_MAX];
	/* an exact copy: past the end is the sanitizer's */
	char *buf = malloc(size ? size : 1);
	struct hostcall_request r;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	if (hostcall_decode(buf, size, &r) == 0 &&
	    (!*r.name || r.cwd[0] != '/' || r.nargs > HOSTCALL_ARGS_MAX ||
	     hostcall_encode(&r, NULL) != size ||
	     (size <= sizeof(again) &&
	      (hostcall_encode(&r, again), memcmp(again, buf, size)))))
		abort();
	free(buf);
	return 0;
}
