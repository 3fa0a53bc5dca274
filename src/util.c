/* Checked allocation, formatted strings, string arrays, whole-file reads. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void *oom(void)
{
	fputs("tbx: out of memory\n", stderr);
	exit(125);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : oom();
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	return p ? p : oom();
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	return d ? d : oom();
}

char *xfmt(const char *format, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, format);
	n = vasprintf(&s, format, ap);
	va_end(ap);
	return n < 0 ? oom() : s;
}

void strv_push(struct strv *sv, char *owned)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 8;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = owned;
	sv->v[sv->n] = NULL;
}

void strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strv_sort(struct strv *sv)
{
	if (sv->n)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

int read_file(const char *path, size_t max, char **out, size_t *len)
{
	/* O_NONBLOCK: a FIFO must not hang us; regular files ignore it */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), saved;
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if ((size_t)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	if (len)
		*len = got;
	return 0;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return -1;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd); /* a failure here loses nothing already renamed */
		close(fd);
	}
}

int write_atomic(const char *path, const void *data, size_t len, unsigned mode,
		 struct tbx_err *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xfmt("%.*s",
				 (int)(slash == path ? 1 : slash - path), path)
			  : xstrdup(".");
	char *tmp = xfmt("%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
	int fd = mkstemp(tmp), r = -1;

	if (fd < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot create a file in %s", dir);
		goto out;
	}
	if (fchmod(fd, (mode_t)mode) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot write %s", tmp);
		close(fd);
		goto fail;
	}
	if (close(fd) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot write %s", tmp);
		goto fail;
	}
	if (rename(tmp, path) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot rename %s to %s", tmp, path);
		goto fail;
	}
	sync_dir(dir);
	r = 0;
	goto out;
fail:
	unlink(tmp);
out:
	free(tmp);
	free(dir);
	return r;
}
