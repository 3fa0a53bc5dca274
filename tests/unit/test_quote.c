/* quote: shell words that a shell reads back as the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "unit.h"

UNIT_TEST(test_quote)
{
	static const struct {
		const char *in, *out;
	} rows[] = {
		{"plain", "plain"},
		{"a/b-c_d.e:f,g=h+i@j%k", "a/b-c_d.e:f,g=h+i@j%k"},
		{"", "''"},
		{"two words", "'two words'"},
		{"it's", "'it'\\''s'"},
		{"$(rm -rf /)", "'$(rm -rf /)'"},
		{"`x` \"y\" *z? ~ # ; & | < >",
		 "'`x` \"y\" *z? ~ # ; & | < >'"},
		{"line\nbreak", "$'line\\nbreak'"},
		{"tab\there", "$'tab\\there'"},
		{"esc\033[0m 'q' \\", "$'esc\\x1b[0m \\'q\\' \\\\'"},
		{"caf\xc3\xa9", "'caf\xc3\xa9'"},
		{"-n", "-n"},
		{"=ls", "'=ls'"},
		{"HOME=/h", "HOME=/h"},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		quote_word(f, rows[i].in);
		fclose(f);
		CHECK(!strcmp(buf, rows[i].out), "quote(%s) = %s, want %s",
		      rows[i].in, buf, rows[i].out);
		free(buf);
	}
}
