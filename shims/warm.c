/* Warm mode on the host: choosing it, the key, the lease, and creating the
 * kept container. warm_call.c runs the call. */
#include "warm.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fmt.h"
#include "mkdirs.h"
#include "owner.h"
#include "sha256.h"
#include "warm_call.h"

/* A kept container takes this long at most to start its watcher. */
#define WARM_START_MS 20000

long warm_seconds(const char *s)
{
	static const char unit[] = "smhd";
	static const long mult[] = {1, 60, 3600, 86400};
	long n = 0;
	const char *c = s, *u;

	if (*c < '0' || *c > '9')
		return -1;
	for (; *c >= '0' && *c <= '9'; c++)
		if ((n = n * 10 + (*c - '0')) > 7 * 86400)
			return -1;
	if (!*c)
		return n;
	u = strchr(unit, *c);
	if (!u || c[1] || n > 7 * 86400 / mult[u - unit])
		return -1;
	return n * mult[u - unit];
}

/* Whether the engine shares this kernel and file system, as warm mode's
 * socket and locks need: not one named by a TCP or SSH DOCKER_HOST, a
 * docker context (Docker Desktop's is a VM) or CONTAINER_HOST. */
static int engine_local(void)
{
	const char *host = getenv("DOCKER_HOST"),
		   *ctx = getenv("DOCKER_CONTEXT");

	if (host && *host)
		return !strncmp(host, "unix://", 7);
	return !(ctx && *ctx && strcmp(ctx, "default")) &&
	       !getenv("CONTAINER_HOST") && !rt_docker_context_set();
}

int warm_choose(struct rt_plan *p, struct tbx_err *e)
{
	const char *env = getenv("TBX_WARM"), *v = p->spec.warm, *from;
	long n;

	from = "the catalog's warm";
	if (p->ov.warm[0]) {
		v = p->ov.warm;
		from = p->project.toolbox;
	}
	if (env && *env) {
		v = env;
		from = "TBX_WARM";
	}
	p->warm = 0;
	if (!v || !engine_local())
		return 0;
	n = warm_seconds(v);
	if (n < 0)
		return err_set(e, TBX_EXIT_FAIL, "%s '%s' " WARM_SECONDS_HELP,
			       from, v);
	p->warm = (unsigned)n;
	return 0;
}

/* Whether a watcher holds byte 0, that is, whether a kept container for
 * this lease is running. */
static int alive(int fd)
{
	struct flock l = {.l_type = F_RDLCK,
			  .l_whence = SEEK_SET,
			  .l_start = 0,
			  .l_len = 1};

	return fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
}

static int run_quiet(struct rt_plan *p, char *const argv[], int out)
{
	sigset_t none;

	sigemptyset(&none);
	return warm_wait(warm_spawn(argv, p->engine_path, out, &none));
}

/* Remove a kept container this shim started but cannot use. */
static void discard(struct rt_plan *p, const char *name)
{
	char *rm[] = {(char *)p->engine, "rm", "-f", (char *)name, NULL};
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	run_quiet(p, rm, null);
	close(null);
}

/* The key: the engine, the image and every option of the container that
 * no call changes. A kept container is never shared across keys. */
static void warm_key(const struct rt_plan *p, char key[65])
{
	static char buf[RT_STRINGS_SIZE + 2 * PATH_MAX];
	size_t n = 0;
	char dirs[64] = "";
	const char *part[] = {"tbx-warm-2", p->engine_path, p->image_ref,
			      p->stamps, dirs};
	struct stat r, h;

	/* a project or HOME removed and made anew is another directory */
	if (stat(p->project.root, &r) == 0 && stat(p->host_home, &h) == 0)
		fmt(dirs, sizeof(dirs), "%lx:%lx:%lx:%lx",
		    (unsigned long)r.st_dev, (unsigned long)r.st_ino,
		    (unsigned long)h.st_dev, (unsigned long)h.st_ino);
	for (int i = 0; i < 5 + p->argc; i++) {
		const char *s = i < 5 ? part[i] : p->argv[i - 5];
		size_t len = strlen(s) + 1;

		if (n + len > sizeof(buf))
			break; /* cannot happen: argv lives in p->strings */
		memcpy(buf + n, s, len);
		n += len;
	}
	sha256_hex(buf, n, key);
}

/* Start the kept container, record its name and entrypoint in the lease
 * and wait for its watcher. Called with byte 2 write-locked. */
static int create(struct rt_plan *p, int fd, const char *dir, const char *self,
		  const char *key, struct tbx_err *e)
{
	char name[128], idle[16], **v;
	const char *ep = p->spec.entrypoint;
	struct timespec t;
	int n = 0, st;

	clock_gettime(CLOCK_REALTIME, &t);
	fmt(name, sizeof(name), "tbx-%.*s-%x", 12, key,
	    (unsigned)(t.tv_nsec ^ getpid()));
	fmt(idle, sizeof(idle), "%u", p->warm);
	v = calloc((size_t)p->argc + 32, sizeof(*v));
	if (!v)
		return err_set(e, TBX_EXIT_FAIL, "out of memory");
	for (int i = 0; i < p->argc; i++)
		v[n++] = p->argv[i];
	free(p->argv);
	p->argv = v; /* freed with the plan */
#define ADD(x)                                                                 \
	do {                                                                   \
		if (!(v[n++] = (x)))                                           \
			return err_set(e, TBX_EXIT_FAIL,                       \
				       "engine arguments too long");           \
	} while (0)
	ADD("-d");
	ADD("--rm");
	ADD("--init");
	ADD("--name");
	ADD(name);
	ADD("--label");
	ADD(rt_store(p, "tbx.tool=%s", p->spec.tool));
	ADD("--label");
	ADD(rt_store(p, "tbx.warm=%s", key));
	ADD("--label");
	ADD(rt_store(p, "tbx.project=%s", p->project.root));
	ADD("--label");
	ADD(rt_store(p, "tbx.idle=%s", idle));
	ADD("--mount");
	ADD(rt_mount_arg(p, dir, WARM_DIR, 0));
	ADD("--mount");
	ADD(rt_mount_arg(p, self, WARM_AGENT, 1));
	ADD("--entrypoint=" WARM_AGENT);
	ADD((char *)p->image_ref);
	ADD("-w");
	ADD(idle);
	ADD(name);
	v[n] = NULL;
#undef ADD
	if (ftruncate(fd, 0) < 0)
		return err_set(e, TBX_EXIT_FAIL, "cannot write %s/lease: %s",
			       dir, strerror(errno));
	st = open("/dev/null", O_WRONLY | O_CLOEXEC);
	n = run_quiet(p, v, st);
	close(st);
	if (n)
		return err_set(e, n, "cannot start a kept container for %s",
			       p->image_ref);
	/* the image's entrypoint, which calls run as a cold run would */
	if (!ep) {
		char *q[] = {
			(char *)p->engine,
			"image",
			"inspect",
			"--format",
			"{{range .Config.Entrypoint}}{{.}}{{\"\\x00\"}}{{end}}",
			(char *)p->image_ref,
			NULL};

		if (run_quiet(p, q, fd)) {
			discard(p, name);
			return err_set(e, TBX_EXIT_FAIL,
				       "cannot read the entrypoint of %s",
				       p->image_ref);
		}
	} else if (*ep && write(fd, ep, strlen(ep) + 1) < 0) {
		return err_set(e, TBX_EXIT_FAIL, "cannot write %s/lease: %s",
			       dir, strerror(errno));
	}
	for (int ms = 0; !alive(fd); ms += 2) {
		struct timespec two = {0, 2000000};

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

/* Take the lease of p's key, starting its container when none lives, and
 * read the container's name and entrypoint into c. Returns the lease's
 * descriptor, which holds byte 1 until closed, or -1 with e. */
static int take_lease(struct rt_plan *p, const char *self, struct warm_call *c,
		      struct tbx_err *e)
{
	char key[65], *dir = c->dir;
	struct stat st;
	int fd;

	warm_key(p, key);
	if ((size_t)fmt(dir, sizeof(c->dir), "%s/warm/%.*s", p->tool_dir, 16,
			key) >= sizeof(c->dir) - 8)
		return err_set(e, TBX_EXIT_FAIL, "%s: path too long", dir);
	if (mkdirs(dir, 0700, e) < 0)
		return -1;
	fmt(c->lease, sizeof(c->lease), "%s/lease", dir);
	/* the container can replace the file: never follow it elsewhere */
	fd = open(c->lease, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_nlink != 1) {
		if (fd >= 0)
			close(fd);
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: not a lease file; run 'tbx stop %s' and remove it",
			c->lease, p->spec.tool);
	}
	/* a call holds byte 1 before it looks for the watcher, which can
	 * then not leave under it */
	if (warm_lock(fd, 1, F_RDLCK, 1) < 0 ||
	    warm_lock(fd, 2, F_RDLCK, 1) < 0)
		goto lock_failed;
	if (!alive(fd)) {
		if (warm_lock(fd, 2, F_UNLCK, 0) < 0 ||
		    warm_lock(fd, 2, F_WRLCK, 1) < 0)
			goto lock_failed;
		if (!alive(fd) && create(p, fd, dir, self, key, e) < 0) {
			close(fd);
			return -1;
		}
	}
	if (read_lease(fd, c, key) < 0 || warm_lock(fd, 2, F_UNLCK, 0) < 0) {
		close(fd);
		return err_set(
			e, TBX_EXIT_FAIL,
			"%s: not a kept container's lease; run 'tbx stop %s'",
			c->lease, p->spec.tool);
	}
	return fd;
lock_failed:
	close(fd);
	return err_set(e, TBX_EXIT_FAIL, "cannot lock %s: %s", c->lease,
		       strerror(errno));
}

int warm_run(struct rt_plan *p, const struct rt_request *req, struct tbx_err *e)
{
	static struct warm_call c;
	int fd = take_lease(p, req->self, &c, e), st;

	if (fd < 0)
		return -1;
	futimens(fd, NULL);
	st = warm_call(p, req, &c, fd, e);
	futimens(fd, NULL);
	close(fd);
	return st;
}
