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
	fputs(e->msg, stderr);
	fputc('\n', stderr);
}
