/* Shim files: the stub embedded in tbx with a spec written into it. */
#ifndef TBX_SHIMFILE_H
#define TBX_SHIMFILE_H

#include "base/err.h"
#include "base/spec.h"

/* A shim read back from disk; spec borrows from bytes. */
struct shim {
	unsigned char *bytes;
	struct spec spec;
};

/* Write dir/<s->command> atomically (temp file, fsync, rename), mode 0755.
 * Equal specs give equal bytes. */
int shimfile_write(const char *dir, const struct spec *s, struct tbx_err *e);

/* Whether path holds what shimfile_write would write for s now: not when
 * the catalog entry or the stub (another tbx) changed since. */
int shimfile_current(const char *path, const struct spec *s);

/* Read a shim's spec. Returns 1 for a tbx shim, 0 for any other file,
 * -1 with e when it cannot be read. Caller frees with shimfile_free. */
int shimfile_read(const char *path, struct shim *out, struct tbx_err *e);

/* Whether path carries the spec's magic, whatever version follows it: a
 * shim of another tbx (a newer one wrote it), which this one cannot read
 * but may replace. */
int shimfile_other_version(const char *path);

void shimfile_free(struct shim *sh);

/* The embedded stub's size, for `tbx version`. */
unsigned long shimfile_stub_size(void);

#endif
