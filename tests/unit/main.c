/* Runs the unit tests and records one result per check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static int passed, failed;
static struct unit_test *tests;

/* Kept in order of name, so that every run reports alike. */
void unit_register(struct unit_test *t)
{
	struct unit_test **at = &tests;

	while (*at && strcmp((*at)->name, t->name) < 0)
		at = &(*at)->next;
	t->next = *at;
	*at = t;
}

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
	int ran = 0;

	for (struct unit_test *t = tests; t; t = t->next, ran++)
		t->fn();
	/* a broken registration must not pass as an empty run */
	CHECK(ran > 0, "no unit test registered itself");
	printf("%s - unit: %d tests, %d checks passed, %d failed\n",
	       failed ? "not ok" : "ok", ran, passed, failed);
	if (results && (f = fopen(results, "a"))) {
		for (int i = 0; i < passed; i++)
			fputs("pass\n", f);
		for (int i = 0; i < failed; i++)
			fputs("fail\n", f);
		fclose(f);
	}
	return failed != 0;
}

int unit_words(const char *text, char *buf, unsigned long size, char **args,
	       int max)
{
	int n = 0;

	snprintf(buf, size, "%s", text);
	for (char *t = strtok(buf, " "); t && n < max; t = strtok(NULL, " "))
		args[n++] = t;
	return n;
}
