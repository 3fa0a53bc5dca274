/* Relaying the caller's terminal to a call's pty. */
#include "term.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

void term_hello(struct warm_hello *h)
{
	h->tty = (isatty(0) ? WARM_TTY_IN : 0) |
		 (isatty(1) ? WARM_TTY_OUT : 0) |
		 (isatty(2) ? WARM_TTY_ERR : 0);
	if ((h->tty & WARM_TTY) != WARM_TTY)
		return;
	if (ioctl(1, TIOCGWINSZ, &h->ws) < 0)
		ioctl(0, TIOCGWINSZ, &h->ws);
	tcgetattr(0, &h->tio);
}

void term_winch(struct term *t)
{
	struct winsize ws;

	if (t->master >= 0 &&
	    (ioctl(1, TIOCGWINSZ, &ws) == 0 || ioctl(0, TIOCGWINSZ, &ws) == 0))
		ioctl(t->master, TIOCSWINSZ, &ws);
}

static int raw_mode(struct term *t)
{
	struct termios raw = t->saved;

	cfmakeraw(&raw);
	if (tcsetattr(0, TCSADRAIN, &raw) < 0)
		return -1;
	t->raw = 1;
	return 0;
}

int term_start(struct term *t, int master)
{
	t->master = master;
	if (fcntl(master, F_SETFL, O_NONBLOCK) < 0 ||
	    tcgetattr(0, &t->saved) < 0)
		return -1;
	term_winch(t);
	return tcgetpgrp(0) == getpgrp() ? raw_mode(t) : 0;
}

void term_restore(struct term *t)
{
	if (!t->raw)
		return;
	while (tcsetattr(0, TCSADRAIN, &t->saved) < 0 && errno == EINTR)
		;
	t->raw = 0;
}

void term_resume(struct term *t)
{
	if (t->master < 0)
		return;
	term_winch(t);
	if (!t->raw && tcgetpgrp(0) == getpgrp())
		raw_mode(t);
}

int term_poll(const struct term *t, struct pollfd *pf)
{
	if (t->master < 0 || !t->out_open)
		return 0;
	pf[0] = (struct pollfd){t->master, POLLIN, 0};
	if (t->npending)
		pf[0].events |= POLLOUT;
	/* stdin is the call's only while the shim has the terminal: a read
	 * from the background would stop it */
	if (!t->in_open || t->npending || !t->raw)
		return 1;
	pf[1] = (struct pollfd){0, POLLIN, 0};
	return 2;
}

/* Write all of buf to fd 1, waiting as a terminal makes one wait. */
static void out(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(1, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the terminal is gone: the call will be too */
		buf += n;
		len -= (size_t)n;
	}
}

/* Copy what the master has to stdout; 0 once the pty is closed. */
static int from_master(struct term *t)
{
	char buf[16384];
	ssize_t n = read(t->master, buf, sizeof(buf));

	if (n > 0)
		out(buf, (size_t)n);
	return n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR));
}

void term_move(struct term *t, const struct pollfd *pf, int n)
{
	if (n > 1 && pf[1].revents) {
		ssize_t r = read(0, t->pending, sizeof(t->pending));

		if (r > 0) {
			t->npending = (size_t)r;
			t->sent = 0;
		} else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
			t->in_open = 0; /* hung up, or a background read */
		}
	}
	if (n > 0 && (pf[0].revents & (POLLIN | POLLHUP | POLLERR)))
		t->out_open = from_master(t);
	if (t->npending) {
		ssize_t w = write(t->master, t->pending + t->sent,
				  t->npending - t->sent);

		if (w > 0)
			t->sent += (size_t)w;
		else if (w < 0 && errno != EAGAIN && errno != EINTR)
			t->sent = t->npending; /* the pty is gone */
		if (t->sent == t->npending)
			t->npending = t->sent = 0;
	}
}

void term_flush(struct term *t)
{
	struct pollfd pf = {t->master, POLLIN, 0};

	while (t->master >= 0 && t->out_open && poll(&pf, 1, 20) > 0)
		t->out_open = from_master(t);
}

void term_drain(struct term *t)
{
	struct pollfd pf;

	if (t->master < 0)
		return;
	/* the pty reads as closed once every process of the call is gone;
	 * a quiet second ends the wait in any case */
	for (;;) {
		pf = (struct pollfd){t->master, POLLIN, 0};
		if (poll(&pf, 1, 1000) <= 0 || !from_master(t))
			break;
	}
	close(t->master);
	t->master = -1;
}
