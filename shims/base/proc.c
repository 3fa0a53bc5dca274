/* fork, exec, read what it says, wait. */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"

struct proc_out proc_to_stderr;

static _Noreturn void child(char *const argv[], const char *path, int out,
			    int err)
{
	sigset_t none;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (null < 0 || dup2(null, 0) < 0 ||
	    dup2(out < 0 ? null : out, 1) < 0 ||
	    dup2(err < 0 ? null : err, 2) < 0)
		_exit(TBX_EXIT_FAIL);
	execv(path, argv);
	_exit(errno == ENOENT ? TBX_EXIT_NOT_FOUND : TBX_EXIT_CANNOT_EXEC);
}

/* Read what the pipe has into o (thrown away once full, or when o is
 * NULL); 0 at its end. */
static int drain(int fd, struct proc_out *o)
{
	char spill[4096];
	size_t room = o && o->len + 1 < o->size ? o->size - 1 - o->len : 0;
	ssize_t n = room ? read(fd, o->buf + o->len, room)
			 : read(fd, spill, sizeof(spill));

	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0)
		return 0;
	if (room) {
		o->len += (size_t)n;
		o->buf[o->len] = '\0';
	}
	return 1;
}

int proc_capture(char *const argv[], const char *path, struct proc_out *out,
		 struct proc_out *err)
{
	int passed = out == &proc_to_stderr;
	struct proc_out *to[2] = {passed ? NULL : out, err};
	int p[2][2] = {{-1, -1}, {-1, -1}}, st;
	pid_t pid;

	for (int i = 0; i < 2; i++)
		if (to[i]) {
			to[i]->len = 0;
			to[i]->buf[0] = '\0';
		}
	for (int i = passed; i < 2; i++)
		if (pipe2(p[i], O_CLOEXEC) < 0)
			goto fail;
	pid = fork();
	if (pid == 0)
		child(argv, path, passed ? 2 : p[0][1], p[1][1]);
	if (!passed)
		close(p[0][1]);
	close(p[1][1]);
	p[0][1] = p[1][1] = -1;
	if (pid < 0)
		goto fail;
	for (int open_ = 2 - passed; open_;) {
		struct pollfd pf[2] = {{p[0][0], POLLIN, 0},
				       {p[1][0], POLLIN, 0}};

		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++)
			if (pf[i].fd >= 0 && pf[i].revents &&
			    !drain(p[i][0], to[i])) {
				close(p[i][0]);
				p[i][0] = -1;
				open_--;
			}
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			goto fail;
	for (int i = 0; i < 2; i++)
		if (p[i][0] >= 0)
			close(p[i][0]);
	return proc_status(st);
fail:
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			if (p[i][j] >= 0)
				close(p[i][j]);
	return TBX_EXIT_FAIL;
}

int proc_status(int wstatus)
{
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				  : 128 + WTERMSIG(wstatus);
}
