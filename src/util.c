/* Checked allocation, formatted strings, string arrays, whole-file reads
 * and atomic writes. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fullio.h"

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

int strv_has(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return 1;
	return 0;
}

void strv_sort(struct strv *sv)
{
	if (sv->n)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

/* The whole of the regular file open on fd; closes fd. */
static int read_fd(int fd, size_t max, char **out, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int saved;

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

/* O_NONBLOCK: a FIFO must not hang us; regular files ignore it */
#define READ_FLAGS (O_RDONLY | O_CLOEXEC | O_NONBLOCK)

int read_file(const char *path, size_t max, char **out, size_t *len)
{
	int fd = open(path, READ_FLAGS);

	return fd < 0 ? -1 : read_fd(fd, max, out, len);
}

int read_file_nofollow(const char *path, size_t max, char **out, size_t *len)
{
	int fd = open(path, READ_FLAGS | O_NOFOLLOW);

	return fd < 0 ? -1 : read_fd(fd, max, out, len);
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd); /* a failure here loses nothing already renamed */
		close(fd);
	}
}

int file_replaceable(const char *path, unsigned *mode, struct tbx_err *e)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0
				       : err_sys(e, TBX_EXIT_FAIL,
						 "cannot read %s", path);
	if (S_ISLNK(st.st_mode))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is a symbolic link; tbx never writes through one (replace it with a file)",
			path);
	if (!S_ISREG(st.st_mode))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is %s, not a file; tbx writes only files (move it away)",
			path,
			S_ISDIR(st.st_mode) ? "a directory" : "a special file");
	if (st.st_uid != geteuid() && geteuid() != 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s belongs to uid %u; tbx replaces only your own files (ask its owner)",
			path, (unsigned)st.st_uid);
	/* root may write anything: a file without a write bit was made
	 * read-only on purpose, and rename would replace it all the same */
	if (!(st.st_mode & 0222) || (access(path, W_OK) < 0 && errno != ENOENT))
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s is read-only; tbx leaves it as it is (chmod u+w it to let tbx change it)",
			path);
	if (mode)
		*mode = st.st_mode & 07777;
	return 0;
}

int write_atomic(const char *path, const void *data, size_t len, unsigned mode,
		 struct tbx_err *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xfmt("%.*s",
				 (int)(slash == path ? 1 : slash - path), path)
			  : xstrdup(".");
	char *tmp = xfmt("%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
	int fd = -1, r = -1;

	if (file_replaceable(path, NULL, e) < 0)
		goto out;
	/* O_EXCL (mkostemp's own) and O_NOFOLLOW: never a file someone
	 * else put there, nor through a link */
	fd = mkostemp(tmp, O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot create a file in %s", dir);
		goto out;
	}
	if (fchmod(fd, (mode_t)mode) < 0 || fullio_write(fd, data, len) < 0 ||
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

/* The length of the valid UTF-8 sequence at s that is not a C1 control
 * (U+0080 to U+009F, which terminals may obey), or 0. */
static size_t utf8_printable(const unsigned char *s)
{
	unsigned cp;
	size_t n;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0xa0)
		return 0;
	return n;
}

char *str_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(4 * strlen(s) + 1), *o = out;

	while (*p) {
		size_t n = *p >= 0x80 ? utf8_printable(p) : 0;

		if (n) {
			memcpy(o, p, n);
			o += n;
			p += n;
		} else if (*p < 0x20 || *p == 0x7f || *p >= 0x80 ||
			   *p == '\\') {
			o += sprintf(o, "\\x%02x", *p++);
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}
