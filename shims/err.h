/* Exit statuses, and errors carried as values from where the facts are to
 * the one place that prints them as "tbx: <context>: <message>". */
#ifndef TBX_ERR_H
#define TBX_ERR_H

enum {
	TBX_EXIT_USAGE = 2,	    /* bad command line */
	TBX_EXIT_FAIL = 125,	    /* tbx's own failure, as docker run's */
	TBX_EXIT_CANNOT_EXEC = 126, /* the engine exists but cannot run */
	TBX_EXIT_NOT_FOUND = 127,   /* the engine is not found */
};

#define TBX_ERR_MSG_SIZE 1024

struct tbx_err {
	int status;
	char msg[TBX_ERR_MSG_SIZE];
};

/* Record an error and return -1, so that callers can "return err_set(...)". */
int err_set(struct tbx_err *e, int status, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Print "tbx: <context>: <msg>" on stderr. */
void err_print(const char *context, const struct tbx_err *e);

#endif
