/* Runs the unit tests and records one result per check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

static int passed, failed;

void unit_check(int ok, const char *file, int line, const char *format, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return;
	}
	failed++;
	fprintf(stdout, "not ok - %s:%d: ", file, line);
	va_start(ap, format);
	vfprintf(stdout, format, ap);
	va_end(ap);
	fputc('\n', stdout);
}

int main(void)
{
	const char *results = getenv("TBX_TEST_RESULTS");
	FILE *f;

	test_fmt();
	test_quote();
	test_spec();
	test_toolbox();
	test_runtime();
	test_catalog();
	test_ref();
	test_version();
	test_tbedit();
	test_sha256();
	printf("%s - unit: %d checks passed, %d failed\n",
	       failed ? "not ok" : "ok", passed, failed);
	if (results && (f = fopen(results, "a"))) {
		for (int i = 0; i < passed; i++)
			fputs("pass\n", f);
		for (int i = 0; i < failed; i++)
			fputs("fail\n", f);
		fclose(f);
	}
	return failed != 0;
}
