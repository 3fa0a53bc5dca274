/* Error values: recording, wrapping and the single place they are printed. */
#include "err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

int err_set(struct tbx_err *e, int status, const char *format, ...)
{
	va_list ap;

	e->status = status;
	e->errnum = 0;
	va_start(ap, format);
	fmt_v(e->msg, sizeof(e->msg), format, ap);
	va_end(ap);
	return -1;
}

int err_sys(struct tbx_err *e, int status, const char *format, ...)
{
	int saved = errno;
	va_list ap;
	size_t n;

	e->status = status;
	e->errnum = saved;
	va_start(ap, format);
	fmt_v(e->msg, sizeof(e->msg), format, ap);
	va_end(ap);
	n = strlen(e->msg);
	fmt(e->msg + n, sizeof(e->msg) - n, ": %s", strerror(saved));
	errno = saved;
	return -1;
}

int err_wrap(struct tbx_err *e, const char *format, ...)
{
	char context[TBX_ERR_MSG_SIZE], msg[TBX_ERR_MSG_SIZE];
	va_list ap;

	va_start(ap, format);
	fmt_v(context, sizeof(context), format, ap);
	va_end(ap);
	memcpy(msg, e->msg, sizeof(msg));
	fmt(e->msg, sizeof(e->msg), "%s: %s", context, msg);
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
