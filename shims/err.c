/* Error values: recording and the single place they are printed. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

#include "fmt.h"

int err_set(struct tbx_err *e, int status, const char *format, ...)
{
	va_list ap;

	e->status = status;
	va_start(ap, format);
	fmt_v(e->msg, sizeof(e->msg), format, ap);
	va_end(ap);
	return -1;
}

void err_print(const char *context, const struct tbx_err *e)
{
	fputs("tbx: ", stderr);
	fputs(context, stderr);
	fputs(": ", stderr);
	/* one line, whatever bytes a value quoted in the message holds */
	for (const unsigned char *c = (const unsigned char *)e->msg; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			fputs("\\x", stderr);
			fputc("0123456789abcdef"[*c >> 4], stderr);
			fputc("0123456789abcdef"[*c & 15], stderr);
		} else {
			fputc(*c, stderr);
		}
	}
	fputc('\n', stderr);
}
