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

/* The bytes shimfile_write writes for s, *size of them; NULL with e. */
static unsigned char *shim_image(const struct spec *s, size_t *size,
				 struct tbx_err *e)
{
	long at;
	unsigned char *img;
	const char *why;

	*size = shimfile_stub_size();
	at = spec_find(tbx_stub_start, *size);
	if (at < 0 ||
	    spec_find(tbx_stub_start + at + 1, *size - (size_t)at - 1) >= 0) {
		err_set(e, TBX_EXIT_FAIL,
			"the embedded shim stub has no single spec region (broken build)");
		return NULL;
	}
	img = xmalloc(*size);
	memcpy(img, tbx_stub_start, *size);
	if (spec_encode(s, img + at, SPEC_REGION_SIZE, &why) < 0) {
		free(img);
		err_set(e, TBX_EXIT_FAIL, "%s: %s", s->command, why);
		return NULL;
	}
	return img;
}

int shimfile_write(const char *dir, const struct spec *s, struct tbx_err *e)
{
	size_t size;
	unsigned char *img = shim_image(s, &size, e);
	char *path;
	int r;

	if (!img)
		return -1;
	path = xfmt("%s/%s", dir, s->command);
	r = write_atomic(path, img, size, 0755, e);
	free(path);
	free(img);
	return r;
}

int shimfile_current(const char *path, const struct spec *s)
{
	struct tbx_err e;
	size_t size, len;
	unsigned char *img = shim_image(s, &size, &e);
	char *bytes = NULL;
	int r;

	if (!img)
		return 0;
	r = read_file(path, SHIM_MAX_SIZE, &bytes, &len) == 0 && len == size &&
	    !memcmp(bytes, img, size);
	free(bytes);
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
		return err_sys(e, TBX_EXIT_FAIL, "%s", path);
	}
	at = spec_find(out->bytes, len);
	if (at < 0 || spec_decode(out->bytes + at, SPEC_REGION_SIZE, &out->spec,
				  &why) < 0) {
		shimfile_free(out);
		return 0;
	}
	return 1;
}

int shimfile_other_version(const char *path)
{
	char *bytes = NULL;
	size_t len;
	int r;

	if (read_file(path, SHIM_MAX_SIZE, &bytes, &len) < 0)
		return 0;
	/* the magic, whatever version follows it */
	r = memmem(bytes, len, SPEC_MAGIC, SPEC_MAGIC_LEN) != NULL;
	free(bytes);
	return r;
}

void shimfile_free(struct shim *sh)
{
	free(sh->bytes);
	sh->bytes = NULL;
}
