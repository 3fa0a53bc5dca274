/* fork, exec, wait. */
#include "proc.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"

pid_t proc_spawn(char *const argv[], const char *path, int out,
		 const sigset_t *mask)
{
	pid_t pid = fork();

	if (pid)
		return pid;
	sigprocmask(SIG_SETMASK, mask, NULL);
	if (out >= 0 && dup2(out, 1) < 0)
		_exit(TBX_EXIT_FAIL);
	execv(path, argv);
	_exit(errno == ENOENT ? TBX_EXIT_NOT_FOUND : TBX_EXIT_CANNOT_EXEC);
}

int proc_wait(pid_t pid)
{
	int st;

	if (pid < 0)
		return TBX_EXIT_FAIL;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return TBX_EXIT_FAIL;
	return proc_status(st);
}

int proc_status(int wstatus)
{
	return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
				  : 128 + WTERMSIG(wstatus);
}
