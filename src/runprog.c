/* spawn_capture: posix_spawn with pipes, a deadline, and no shell. */
#include "runprog.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read fd into out until EOF or the deadline; returns 0, or -1 on timeout. */
static int drain(int fd, char *out, size_t size, long deadline)
{
	size_t len = 0;
	char sink[4096];

	for (;;) {
		struct pollfd p = {fd, POLLIN, 0};
		long left = deadline - now_ms();
		ssize_t n;

		int ready;

		if (left <= 0)
			break;
		ready = poll(&p, 1, (int)left);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			break; /* the deadline, or poll failed */
		if (len < size - 1)
			n = read(fd, out + len, size - 1 - len);
		else
			n = read(fd, sink, sizeof(sink));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			out[len] = '\0';
			return n == 0 ? 0 : -1;
		}
		if (len < size - 1)
			len += (size_t)n;
	}
	out[len] = '\0';
	return -1;
}

int spawn_capture(char *const argv[], const char *input, char *out, size_t size,
		  int timeout)
{
	int in[2], pipe_out[2], status = 0, r, saved;
	long deadline;
	posix_spawn_file_actions_t fa;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pipe_out, O_CLOEXEC) < 0) {
		saved = errno;
		close(in[0]);
		close(in[1]);
		errno = saved;
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, pipe_out[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	r = strchr(argv[0], '/')
		    ? posix_spawn(&pid, argv[0], &fa, NULL, argv, environ)
		    : posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(pipe_out[1]);
	if (r) {
		close(in[1]);
		close(pipe_out[0]);
		errno = r;
		return -1;
	}
	if (input) {
		/* a program that exits before reading its input is no error
		 * here: its status tells */
		void (*was)(int) = signal(SIGPIPE, SIG_IGN);
		ssize_t w = write(in[1], input, strlen(input));

		(void)w;
		signal(SIGPIPE, was);
	}
	close(in[1]);
	deadline = now_ms() + timeout * 1000L;
	if (drain(pipe_out[0], out, size, deadline) < 0)
		kill(pid, SIGKILL);
	close(pipe_out[0]);
	/* one that closed its output but goes on is stopped at the deadline */
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 && now_ms() < deadline)
		usleep(10000);
	if (r == 0)
		kill(pid, SIGKILL);
	while (r <= 0 && waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int spawn_listing(char *const argv[], const char *name, char *out, size_t size,
		  int timeout, struct tbx_err *e)
{
	int status = spawn_capture(argv, NULL, out, size, timeout);

	if (status)
		return err_set(e, TBX_EXIT_FAIL, "'%s %s' failed (%s)", name,
			       argv[1],
			       status < 0 ? strerror(errno)
					  : "is the engine running?");
	if (strlen(out) >= size - 1)
		return err_set(
			e, TBX_EXIT_FAIL,
			"'%s %s' listed more than tbx reads; nothing was done",
			name, argv[1]);
	return 0;
}
