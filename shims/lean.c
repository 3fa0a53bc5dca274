/* Smaller stand-ins for libc functions whose general versions would weigh
 * more than the shim's own code; linked into the shim only, where they
 * replace libc's. The shim is one thread that runs for milliseconds (or
 * sleeps, as a watcher) and never needs what the general versions add.
 *
 * The allocator bumps through a static arena: a shim allocates a few
 * kilobytes, then execs or exits. free gives back only the latest block,
 * which is how inih grows its line buffer. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Room for an argv as long as the kernel takes (2 MiB of strings, 8 bytes
 * a pointer) and its copy in a warm call's request, inih's buffers and one
 * DIR. Untouched pages of .bss cost nothing. */
#define ARENA_SIZE (16 * 1024 * 1024)

struct block {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static _Alignas(16) unsigned char arena[ARENA_SIZE];
static size_t used;

static size_t rounded(size_t n);

void *malloc(size_t n)
{
	struct block *b = (struct block *)(arena + used);
	size_t need = sizeof(*b) + rounded(n);

	if (n > ARENA_SIZE || need > ARENA_SIZE - used) {
		errno = ENOMEM;
		return NULL;
	}
	b->size = n;
	used += need;
	return b + 1;
}

static size_t rounded(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static int latest(struct block *b)
{
	return (unsigned char *)(b + 1) + rounded(b->size) == arena + used;
}

void free(void *p)
{
	struct block *b = (struct block *)p - 1;

	if (p && latest(b))
		used = (size_t)((unsigned char *)b - arena);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > ARENA_SIZE / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	return p ? memset(p, 0, n * size) : NULL;
}

void *realloc(void *p, size_t n)
{
	struct block *b = (struct block *)p - 1;
	size_t start = (size_t)((unsigned char *)(b + 1) - arena);
	void *q;

	if (!p)
		return malloc(n);
	if (n <= b->size)
		return p;
	if (latest(b)) {
		if (n > ARENA_SIZE - start) {
			errno = ENOMEM;
			return NULL;
		}
		b->size = n;
		used = start + rounded(n);
		return p;
	}
	q = malloc(n);
	return q ? memcpy(q, p, b->size) : NULL;
}

char *strstr(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncmp(s, needle, n))
			return (char *)s;
	return n ? NULL : (char *)s;
}

/* Without at-fork handlers and their locks: there is one thread. clone
 * with SIGCHLD is fork on every architecture (aarch64 has no fork call).
 * musl's idea of the thread id is the parent's in the child, which only
 * raise() and pthread functions would use; children here exec or exit. */
pid_t fork(void)
{
	return (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

/* Without the vDSO lookup: the shim reads the clock a few times. */
int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return (int)syscall(SYS_clock_gettime, clock, ts);
}

int futimens(int fd, const struct timespec times[2])
{
	return (int)syscall(SYS_utimensat, fd, NULL, times, 0);
}

/* inih's ini_parse and ini_parse_file come with the ini_parse_stream the
 * shim uses (the object is not split into sections) and would bring libc's
 * FILE reading (it asks for fopen64, an alias of fopen). The shim never
 * calls them: it reads files itself (inifile.c), bounded. */
#undef fopen64 /* <stdio.h> maps it to fopen */
FILE *fopen64(const char *path, const char *mode);

FILE *fopen64(const char *path, const char *mode)
{
	(void)path;
	(void)mode;
	errno = ENOSYS;
	return NULL;
}

char *fgets(char *s, int size, FILE *f)
{
	(void)s;
	(void)size;
	(void)f;
	return NULL;
}

int fclose(FILE *f)
{
	(void)f;
	return EOF;
}
