/* Runs a command the way a person's terminal or a pipe would give it its
 * stdin, stdout and stderr, so that make bench times both alike:
 *
 *   inpty -t CMD [ARG...]   on a new pseudo-terminal (24x80), its
 *                           controlling terminal
 *   inpty -p CMD [ARG...]   on pipes
 *
 * Reads everything CMD writes and exits with its status. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int open_pty(int *slave)
{
	struct winsize ws = {24, 80, 0, 0};
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 ||
	    (*slave = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0 ||
	    ioctl(*slave, TIOCSWINSZ, &ws) < 0) {
		perror("inpty: pty");
		exit(125);
	}
	return m;
}

int main(int argc, char **argv)
{
	int tty = argc > 2 && !strcmp(argv[1], "-t"), in[2], out[2], st;
	char buf[65536];
	pid_t pid;

	if (argc < 3 || (!tty && strcmp(argv[1], "-p"))) {
		fprintf(stderr, "usage: inpty -t|-p CMD [ARG...]\n");
		return 2;
	}
	if (tty) {
		out[0] = open_pty(&out[1]);
		in[0] = out[1];
		in[1] = -1;
	} else if (pipe(in) < 0 || pipe(out) < 0) {
		perror("inpty: pipe");
		return 125;
	}
	pid = fork();
	if (pid == 0) {
		if (tty && (setsid() < 0 || ioctl(out[1], TIOCSCTTY, 0) < 0))
			_exit(125);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	close(out[1]);
	if (!tty)
		close(in[0]);
	/* no input: a pipe's end, or nothing typed */
	if (in[1] >= 0)
		close(in[1]);
	while (read(out[0], buf, sizeof(buf)) > 0)
		;
	if (waitpid(pid, &st, 0) < 0)
		return 125;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
