/* Times two commands run alternately (so that drift hits both alike):
 *
 *   timeit N cmdA args... --vs cmdB args...
 *
 * prints the median, 10th and 90th percentile wall time of each in ms and
 * the ratio of the medians. Both commands' output goes to /dev/null. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double run_once(char **argv)
{
	struct timespec a, b;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		exit(1);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "timeit: %s failed (status %d)\n", argv[0], status);
		exit(1);
	}
	return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

static int cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static double pct(double *v, int n, int p)
{
	return v[(n - 1) * p / 100];
}

int main(int argc, char **argv)
{
	int n, split = 0;
	double *ta, *tb;

	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--vs"))
			split = i;
	if (argc < 5 || !split || (n = atoi(argv[1])) < 1) {
		fputs("usage: timeit N cmdA... --vs cmdB...\n", stderr);
		return 2;
	}
	argv[split] = NULL;
	ta = calloc((size_t)n, sizeof(*ta));
	tb = calloc((size_t)n, sizeof(*tb));
	run_once(argv + 2); /* warm caches for both */
	run_once(argv + split + 1);
	for (int i = 0; i < n; i++) {
		ta[i] = run_once(argv + 2);
		tb[i] = run_once(argv + split + 1);
	}
	qsort(ta, (size_t)n, sizeof(*ta), cmp);
	qsort(tb, (size_t)n, sizeof(*tb), cmp);
	printf("A median %.3f ms (p10 %.3f, p90 %.3f)\n", pct(ta, n, 50), pct(ta, n, 10), pct(ta, n, 90));
	printf("B median %.3f ms (p10 %.3f, p90 %.3f)\n", pct(tb, n, 50), pct(tb, n, 10), pct(tb, n, 90));
	printf("A-B %.3f ms, A/B %.4f\n", pct(ta, n, 50) - pct(tb, n, 50), pct(ta, n, 50) / pct(tb, n, 50));
	free(ta);
	free(tb);
	return 0;
}
