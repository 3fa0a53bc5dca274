/* Writing and reading shim files. */
#include "shimfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

extern const unsigned char tbx_stub_start[], tbx_stub_end[];

/* A file larger than this is not a shim. */
#define SHIM_MAX_SIZE (1024 * 1024)

unsigned long shimfile_stub_size(void)
{
	return (unsigned long)(tbx_stub_end - tbx_stub_start);
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

/* Make a rename durable; a failure here loses nothing already written. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int shimfile_write(const char *dir, const struct spec *s, struct tbx_err *e)
{
	size_t size = shimfile_stub_size();
	long at = spec_find(tbx_stub_start, size);
	unsigned char *img = NULL;
	char *tmp = NULL, *path = NULL;
	const char *why;
	int fd = -1, r = -1, created = 0;

	if (at < 0 ||
	    spec_find(tbx_stub_start + at + 1, size - (size_t)at - 1) >= 0)
		return err_set(
			e, TBX_EXIT_FAIL,
			"the embedded shim stub has no single spec region (broken build)");
	img = xmalloc(size);
	memcpy(img, tbx_stub_start, size);
	if (spec_encode(s, img + at, SPEC_REGION_SIZE, &why) < 0) {
		err_set(e, TBX_EXIT_FAIL, "%s: %s", s->command, why);
		goto out;
	}
	path = xfmt("%s/%s", dir, s->command);
	tmp = xfmt("%s/.%s.XXXXXX", dir, s->command);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_set(e, TBX_EXIT_FAIL, "cannot create a file in %s: %s", dir,
			strerror(errno));
		goto out;
	}
	created = 1;
	if (fchmod(fd, 0755) < 0 || write_all(fd, img, size) < 0 ||
	    fsync(fd) < 0) {
		err_set(e, TBX_EXIT_FAIL, "cannot write %s: %s", tmp,
			strerror(errno));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		err_set(e, TBX_EXIT_FAIL, "cannot write %s: %s", tmp,
			strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		err_set(e, TBX_EXIT_FAIL, "cannot rename %s to %s: %s", tmp,
			path, strerror(errno));
		goto out;
	}
	created = 0;
	sync_dir(dir);
	r = 0;
out:
	if (fd >= 0)
		close(fd);
	if (r < 0 && created)
		unlink(tmp);
	free(tmp);
	free(path);
	free(img);
	return r;
}

int shimfile_read(const char *path, struct shim *out, struct tbx_err *e)
{
	const char *why;
	size_t len;
	long at;

	out->bytes = NULL;
	if (read_file(path, SHIM_MAX_SIZE, (char **)&out->bytes, &len) < 0) {
		if (errno == EFBIG || errno == EISDIR || errno == EINVAL ||
		    errno == ENOENT || errno == ELOOP || errno == EACCES)
			return 0;
		return err_set(e, TBX_EXIT_FAIL, "%s: %s", path,
			       strerror(errno));
	}
	at = spec_find(out->bytes, len);
	if (at < 0 || spec_decode(out->bytes + at, SPEC_REGION_SIZE, &out->spec,
				  &why) < 0) {
		shimfile_free(out);
		return 0;
	}
	return 1;
}

void shimfile_free(struct shim *sh)
{
	free(sh->bytes);
	sh->bytes = NULL;
}
