/* Warm mode on the host: the key, the lease, and creating the kept
 * container; call.c runs the call. */
#include "client.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/endpoint.h"
#include "base/engine.h"
#include "base/engine_api.h"
#include "base/fmt.h"
#include "base/labels.h"
#include "base/mkdirs.h"
#include "base/proc.h"
#include "base/sha256.h"
#include "call.h"
#include "proto.h"
#include "render.h"

/* A kept container takes this long at most to start its watcher. */
#define WARM_START_MS 20000

/* The version of what the key covers and of the protocol (proto.h, and
 * hostcall.h which the agent serves as a stub): bump
 * when either changes, so that no shim calls an agent of another. */
#define WARM_KEY_VERSION "tbx-warm-6"

/* The hash of the runtime's sources (the Makefile's SHIM_ID): a kept
 * container's agent is the shim that made it, so a shim of other code,
 * after an upgrade, makes its own. */
#ifndef TBX_SHIM_ID
#define TBX_SHIM_ID "unknown"
#endif

/* One part of the key, its length first, so that no two lists of parts
 * hash alike. */
static void part(struct sha256 *h, const void *data, size_t len)
{
	uint64_t n = len;

	sha256_update(h, &n, sizeof(n));
	sha256_update(h, data, len);
}

static void part_str(struct sha256 *h, const char *s)
{
	part(h, s, strlen(s));
}

/* A directory removed and made anew is another directory. */
static void part_dir(struct sha256 *h, const char *path)
{
	struct stat st;
	struct plan_stamp id = {0, 0};

	if (stat(path, &st) == 0)
		id = (struct plan_stamp){(unsigned long)st.st_dev,
					 (unsigned long)st.st_ino};
	part(h, &id, sizeof(id));
}

void warm_key(const struct plan *p, const struct args *shared, char key[65])
{
	struct sha256 h;

	sha256_init(&h);
	part_str(&h, WARM_KEY_VERSION);
	part_str(&h, "tbx-shim-id:" TBX_SHIM_ID);
	part_str(&h, p->engine_path);
	part_str(&h, p->image_ref);
	part_str(&h, p->image_id);
	part(&h, p->stamp, p->nstamps * sizeof(p->stamp[0]));
	part_dir(&h, p->project.root);
	part_dir(&h, p->host_home);
	for (unsigned i = 0; i < p->nmounts; i++)
		if (p->mount[i].make)
			part_dir(&h, p->mount[i].src);
	for (size_t i = 0; i < shared->n; i++)
		part_str(&h, shared->v[i]);
	sha256_final_hex(&h, key);
}

int warm_image(struct plan *p)
{
	const struct endpoint *ep = endpoint_get();

	if (p->locked)
		return 1;
	if (p->kind != ENGINE_DOCKER || ep->context || !ep->socket)
		return -1;
	return engine_image_id(ep->socket, p->image_ref, p->image_id);
}

/* Remove a kept container this shim started but cannot use. */
static void discard(struct plan *p, const char *name)
{
	char *rm[] = {(char *)p->engine, "rm", "-f", (char *)name, NULL};

	proc_capture(rm, p->engine_path, NULL, NULL);
}

/* Kept containers of this tool, project, user and cache that no call can
 * reach any more: one of this key (its watcher left the lease, or the
 * lease was made anew), or one whose key's directory is gone (rm -rf
 * ~/.cache under it). They go before the new one comes. */
static void remove_strays(struct plan *p, const char *key)
{
	char tool[96], project[PATH_MAX + 16], user[48], cache[PATH_MAX + 16];
	char list[8192];
	char *ps[] = {(char *)p->engine,
		      "ps",
		      "--filter",
		      tool,
		      "--filter",
		      project,
		      "--filter",
		      user,
		      "--filter",
		      cache,
		      "--format",
		      "{{.Names}} {{.Label \"" LABEL_WARM "\"}}",
		      NULL};
	struct proc_out out = {list, sizeof(list), 0};

	fmt(tool, sizeof(tool), "label=" LABEL_TOOL "=%s", p->spec.tool);
	fmt(project, sizeof(project), "label=" LABEL_PROJECT "=%s",
	    p->project.root);
	fmt(user, sizeof(user), "label=" LABEL_USER "=%u", (unsigned)getuid());
	fmt(cache, sizeof(cache), "label=" LABEL_CACHE "=%s", p->tool_dir);
	if (proc_capture(ps, p->engine_path, &out, NULL) != 0 ||
	    out.len + 1 >= sizeof(list))
		return; /* a list cut short names no container for sure */
	for (char *l = strtok(list, "\n"); l; l = strtok(NULL, "\n")) {
		char *k = strchr(l, ' '), lease[PATH_MAX];
		struct stat st;

		if (!k || strlen(k + 1) != 64 ||
		    strspn(k + 1, "0123456789abcdef") != 64)
			continue;
		*k++ = '\0';
		fmt(lease, sizeof(lease), "%s/warm/%.*s/lease", p->tool_dir, 16,
		    k);
		if (!strcmp(k, key) || lstat(lease, &st) < 0)
			discard(p, l);
	}
}

/* Write all of buf to the lease at fd and make it stay: a full disk is
 * an error here, never a lease that silently lacks the entrypoint. */
static int write_lease(int fd, const char *buf, size_t len, const char *dir,
		       struct tbx_err *e)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_sys(e, TBX_EXIT_FAIL,
				       "cannot write %s/lease", dir);
		buf += n;
		len -= (size_t)n;
	}
	return fsync(fd) < 0
		       ? err_sys(e, TBX_EXIT_FAIL, "cannot write %s/lease", dir)
		       : 0;
}

/* Record the image's entrypoint in the lease at fd, before the container
 * starts: the one calls run through, as a cold run would. */
static int record_entrypoint(struct plan *p, int fd, const char *dir,
			     struct tbx_err *e)
{
	const char *ep = p->spec.entrypoint;
	char items[4096], why[1024];
	char *q[] = {(char *)p->engine,
		     "image",
		     "inspect",
		     "--format",
		     "{{range .Config.Entrypoint}}{{.}}{{\"\\x00\"}}{{end}}",
		     (char *)(p->image_id[0] ? p->image_id : p->image_ref),
		     NULL};
	struct proc_out out = {items, sizeof(items), 0},
			err = {why, sizeof(why), 0};

	if (ep)
		return *ep ? write_lease(fd, ep, strlen(ep) + 1, dir, e) : 0;
	if (proc_capture(q, p->engine_path, &out, &err) != 0)
		return err_set(e, TBX_EXIT_FAIL,
			       "cannot read the entrypoint of %s: %s",
			       p->image_ref, engine_says(why));
	return write_lease(fd, items, out.len, dir, e);
}

/* Wait for the container's watcher to hold the lease. The container's
 * state is asked on docker's API socket as it goes, so that one that
 * ended (its agent could not start: a full disk, say) is seen at once. */
static int wait_watcher(struct plan *p, int fd, const char *dir,
			const char *name, struct tbx_err *e)
{
	const struct endpoint *ep = endpoint_get();
	int ask = p->kind == ENGINE_DOCKER && !ep->context && ep->socket;
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int round = 0; !warm_alive(fd); round++) {
		struct timespec two = {0, 2000000};
		long ms;

		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - start.tv_sec) * 1000 +
		     (now.tv_nsec - start.tv_nsec) / 1000000;
		if (ask && round % 25 == 24 &&
		    engine_container_running(ep->socket, name) == 0) {
			/* --rm removes it: until it is gone, rm -f only
			 * says removal is in progress */
			discard(p, name);
			engine_container_gone(ep->socket, name);
			return err_set(
				e, TBX_EXIT_FAIL,
				"kept container %s ended before its agent served a call (is %s writable, its disk not full?)",
				name, dir);
		}
		if (ms >= WARM_START_MS) {
			discard(p, name);
			return err_set(
				e, TBX_EXIT_FAIL,
				"kept container %s did not start its watcher in %d s; removed it",
				name, WARM_START_MS / 1000);
		}
		nanosleep(&two, NULL);
	}
	return 0;
}

/* Start the kept container, its entrypoint recorded in the lease first,
 * and wait for its watcher. Called with byte 2 write-locked. */
static int create(struct plan *p, int fd, const char *dir, const char *key,
		  const struct args *shared, struct tbx_err *e)
{
	struct args a = ARGS_INIT;
	char name[128], why[2048];
	struct proc_out err = {why, sizeof(why), 0};
	struct timespec t;
	int st, r = -1;

	clock_gettime(CLOCK_REALTIME, &t);
	fmt(name, sizeof(name), "tbx-%.*s-%x", 12, key,
	    (unsigned)(t.tv_nsec ^ getpid()));
	struct render_kept k = {name, key, dir, p->req->self};

	args_add_all(&a, shared->v, shared->n);
	if (render_create(p, &k, &a, e) < 0)
		goto out;
	if (ftruncate(fd, 0) < 0) {
		err_sys(e, TBX_EXIT_FAIL, "cannot write %s/lease", dir);
		goto out;
	}
	if (record_entrypoint(p, fd, dir, e) < 0)
		goto out;
	remove_strays(p, key);
	st = proc_capture(a.v, p->engine_path, NULL, &err);
	if (st) {
		err_set(e, st, "cannot start a kept container for %s: %s",
			p->image_ref, engine_says(why));
		goto out;
	}
	r = wait_watcher(p, fd, dir, name, e);
out:
	args_free(&a);
	return r;
}

/* The lease holds the entrypoint items; the watcher of the living
 * container wrote its name beside it. The container can write both: only
 * a name this key gives is taken, so that no call is ever sent to another
 * container. */
static int read_lease(int fd, struct warm_call *c, const char *key)
{
	ssize_t len = pread(fd, c->buf, sizeof(c->buf) - 1, 0), n;
	char path[PATH_MAX + 8];
	int nfd;

	if (len < 0)
		return -1;
	c->buf[len] = '\0';
	c->nep = 0;
	for (char *x = c->buf; x < c->buf + len && *x != '\n';
	     x += strlen(x) + 1)
		if (c->nep < WARM_EP_MAX)
			c->ep[c->nep++] = x;
	fmt(path, sizeof(path), "%s/name", c->dir);
	nfd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	n = nfd < 0 ? -1 : read(nfd, c->name, sizeof(c->name) - 1);
	if (nfd >= 0)
		close(nfd);
	if (n < 17)
		return -1;
	c->name[n] = '\0';
	return strncmp(c->name, "tbx-", 4) || strncmp(c->name + 4, key, 12) ||
			       c->name[16] != '-' ||
			       strcspn(c->name, "\n/") != (size_t)n
		       ? -1
		       : 0;
}

/* The lease file of directory dir, which the container can replace: never
 * followed elsewhere, one regular file. */
static int open_lease(struct plan *p, struct warm_call *c, struct tbx_err *e)
{
	struct stat st;
	int fd;

	fmt(c->lease, sizeof(c->lease), "%s/lease", c->dir);
	fd = open(c->lease, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_nlink == 1)
		return fd;
	if (fd >= 0)
		close(fd);
	return err_set(e, TBX_EXIT_FAIL,
		       "%s: not a lease file; run 'tbx stop %s' and remove it",
		       c->lease, p->spec.tool);
}

/* Take the lease of p's key, starting its container when none lives, and
 * read the container's name and entrypoint into c. Returns the lease's
 * descriptor, which holds byte 1 until closed, or -1 with e. */
static int take_lease(struct plan *p, const struct args *shared,
		      struct warm_call *c, struct tbx_err *e)
{
	char key[65];
	int fd = -1;

	warm_key(p, shared, key);
	if ((size_t)fmt(c->dir, sizeof(c->dir), "%s/warm/%.*s", p->tool_dir, 16,
			key) >= sizeof(c->dir) - 8) {
		err_set(e, TBX_EXIT_FAIL, "%s: path too long", c->dir);
		goto fail;
	}
	if (mkdirs_private(c->dir, p->tool_dir, e) < 0 ||
	    (fd = open_lease(p, c, e)) < 0)
		goto fail;
	/* a call holds byte 1 before it looks for the watcher, which can
	 * then not leave under it */
	if (warm_lock(fd, WARM_BYTE_CALL, F_RDLCK, 1) < 0 ||
	    warm_lock(fd, WARM_BYTE_CREATE, F_RDLCK, 1) < 0)
		goto lock_failed;
	if (!warm_alive(fd)) {
		if (warm_lock(fd, WARM_BYTE_CREATE, F_UNLCK, 0) < 0 ||
		    warm_lock(fd, WARM_BYTE_CREATE, F_WRLCK, 1) < 0)
			goto lock_failed;
		if (!warm_alive(fd) &&
		    create(p, fd, c->dir, key, shared, e) < 0)
			goto fail;
	}
	if (read_lease(fd, c, key) < 0 ||
	    warm_lock(fd, WARM_BYTE_CREATE, F_UNLCK, 0) < 0) {
		err_set(e, TBX_EXIT_FAIL,
			"%s: not a kept container's lease; run 'tbx stop %s'",
			c->lease, p->spec.tool);
		goto fail;
	}
	return fd;
lock_failed:
	err_sys(e, TBX_EXIT_FAIL, "cannot lock %s", c->lease);
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

int warm_running(struct plan *p, char *name, size_t size)
{
	struct args shared = ARGS_INIT;
	static struct warm_call c;
	char key[65];
	int fd, r = 0;

	if (warm_image(p) == 0 ||
	    render_shared(p, &shared, &(struct tbx_err){0, 0, ""}) < 0)
		goto out;
	warm_key(p, &shared, key);
	fmt(c.dir, sizeof(c.dir), "%s/warm/%.*s", p->tool_dir, 16, key);
	fmt(c.lease, sizeof(c.lease), "%s/lease", c.dir);
	fd = open(c.lease, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		r = warm_alive(fd) && read_lease(fd, &c, key) == 0;
		close(fd);
	}
	if (r)
		fmt(name, size, "%s", c.name);
out:
	args_free(&shared);
	return r;
}

int warm_run(struct plan *p, const struct args *shared, struct tbx_err *e)
{
	static struct warm_call c;
	int fd = take_lease(p, shared, &c, e), st;

	/* what failed before the call is warm mode's, which the user can
	 * turn off */
	if (fd < 0)
		return err_wrap(e, "warm mode (TBX_WARM=0 runs cold)");
	futimens(fd, NULL);
	st = warm_call(p, &c, e);
	futimens(fd, NULL);
	close(fd);
	return st;
}
