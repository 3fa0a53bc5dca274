/* Exit statuses, and errors carried as values from where the facts are to
 * the one place that prints them as "tbx: <context>: <message>". An error
 * keeps the errno it was made from, and callers on the way up can put
 * their context in front of its message. */
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
	int errnum; /* the errno behind it, 0 when none */
	char msg[TBX_ERR_MSG_SIZE];
};

/* Record an error and return -1, so that callers can "return err_set(...)". */
int err_set(struct tbx_err *e, int status, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* The same for a failed system call: errno is kept in e->errnum and its
 * description ends the message ("cannot open x: No such file or
 * directory"). */
int err_sys(struct tbx_err *e, int status, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Put "<context>: " in front of e's message; returns -1. */
int err_wrap(struct tbx_err *e, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Print "tbx: <context>: <msg>" on stderr. */
void err_print(const char *context, const struct tbx_err *e);

#endif
