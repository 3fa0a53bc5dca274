/* The caller's terminal during a warm call that has one: the call runs on
 * a pseudo-terminal of its own in the container, whose master the agent
 * passes to the shim. The shim puts the caller's terminal in raw mode,
 * relays bytes between it and the master, follows window changes, and
 * gives the terminal back as it found it on every way out. */
#ifndef TBX_WARM_TERM_H
#define TBX_WARM_TERM_H

#include <poll.h>
#include <stddef.h>
#include <termios.h>

#include "proto.h"

/* stdin bytes on their way to the master */
#define TERM_BUF 4096

struct term {
	int master;		/* -1 until the agent sends it */
	int raw;		/* the caller's terminal is in raw mode */
	int in_open;		/* stdin is still read */
	int out_open;		/* the master is still read */
	struct termios saved;	/* the caller's settings */
	char pending[TERM_BUF]; /* read from stdin, not yet written */
	size_t npending, sent;
};

#define TERM_INIT                                                              \
	{                                                                      \
		-1, 0, 1, 1, {0}, {0}, 0, 0                                    \
	}

/* The tty bits, window and settings of the caller's terminal, for the
 * hello of a call. */
void term_hello(struct warm_hello *h);

/* The call's master has come: raw mode, and the window size set again
 * (it may have changed since the hello). Returns 0 or -1 with errno. */
int term_start(struct term *t, int master);

/* Give the caller's terminal its settings back, if they were changed. */
void term_restore(struct term *t);

/* After the shim was continued: raw mode again when it is in the
 * foreground of its terminal (a call sent to the background leaves the
 * terminal alone), and the window size. */
void term_resume(struct term *t);

/* The caller's window changed: tell the call's pty. */
void term_winch(struct term *t);

/* Fill pf (at most 2 entries) with what the relay waits for; returns how
 * many. */
int term_poll(const struct term *t, struct pollfd *pf);

/* Move what pf says is ready: stdin to the master, the master to stdout.
 */
void term_move(struct term *t, const struct pollfd *pf, int n);

/* The call has stopped: what it wrote before, until a quiet moment, so
 * that the terminal gets the tool's last word before the shell's. */
void term_flush(struct term *t);

/* The call has ended: the rest of its output, until the pty closes. */
void term_drain(struct term *t);

#endif
