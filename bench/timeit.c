/* Times commands run in turn (so that drift hits all alike):
 *
 *   timeit N cmdA args... --vs cmdB args... [--vs cmdC args...]...
 *
 * For two, prints the median, 10th and 90th percentile wall time of each
 * in ms and the ratio of the medians; for more, a line "k median p10 p90"
 * per command. The commands' output goes to /dev/null. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 16

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
		fprintf(stderr, "timeit: %s failed (status %d)\n", argv[0],
			status);
		exit(1);
	}
	return (double)(b.tv_sec - a.tv_sec) * 1e3 +
	       (double)(b.tv_nsec - a.tv_nsec) / 1e6;
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
	char **cmd[MAX_CMDS];
	double *t[MAX_CMDS];
	int n, k = 0;

	if (argc > 2)
		cmd[k++] = argv + 2;
	for (int i = 2; i < argc && k < MAX_CMDS; i++)
		if (!strcmp(argv[i], "--vs")) {
			argv[i] = NULL;
			cmd[k++] = argv + i + 1;
		}
	if (k < 2 || (n = atoi(argv[1])) < 1) {
		fputs("usage: timeit N cmdA... --vs cmdB... [--vs cmdC...]...\n",
		      stderr);
		return 2;
	}
	for (int c = 0; c < k; c++) {
		t[c] = calloc((size_t)n, sizeof(*t[c]));
		run_once(cmd[c]); /* warm caches for each */
	}
	for (int i = 0; i < n; i++)
		for (int c = 0; c < k; c++)
			t[c][i] = run_once(cmd[c]);
	for (int c = 0; c < k; c++)
		qsort(t[c], (size_t)n, sizeof(*t[c]), cmp);
	if (k == 2) {
		printf("A median %.3f ms (p10 %.3f, p90 %.3f)\n",
		       pct(t[0], n, 50), pct(t[0], n, 10), pct(t[0], n, 90));
		printf("B median %.3f ms (p10 %.3f, p90 %.3f)\n",
		       pct(t[1], n, 50), pct(t[1], n, 10), pct(t[1], n, 90));
		printf("A-B %.3f ms, A/B %.4f\n",
		       pct(t[0], n, 50) - pct(t[1], n, 50),
		       pct(t[0], n, 50) / pct(t[1], n, 50));
	} else {
		for (int c = 0; c < k; c++)
			printf("%d %.3f %.3f %.3f\n", c + 1, pct(t[c], n, 50),
			       pct(t[c], n, 10), pct(t[c], n, 90));
	}
	for (int c = 0; c < k; c++)
		free(t[c]);
	return 0;
}
