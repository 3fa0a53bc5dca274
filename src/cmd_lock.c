/* tbx lock, tbx outdated, tbx pull: pinning .toolbox's tools to digests,
 * and using those pins. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "cmds.h"
#include "project_pins.h"
#include "base/endpoint.h"
#include "base/engine.h"
#include "base/engine_api.h"
#include "base/flag.h"
#include "paths.h"
#include "registry.h"
#include "runprog.h"
#include "resolve.h"
#include "plan.h"

extern char **environ;

static int in_pins(const struct pins *p, const char *tool)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].tool, tool))
			return 1;
	return 0;
}

/* What the project pins, loaded: none is an error to say, not a silent
 * success (a CI job in the wrong directory). */
static int load_pinned(struct project_pins *pp, const char **context,
		       struct tbx_err *e)
{
	if (pp_load(pp, 0, context, e) < 0)
		return -1;
	if (!pp->pins.n)
		return err_set(
			e, TBX_EXIT_FAIL,
			"nothing pins a tool within the project %s (a pin above it is not the project's); pin one with 'tbx add <tool>@<version>'",
			pp->project.root[0] ? pp->project.root
					    : pp->project.cwd);
	return 0;
}

static int frozen_check(const struct project_pins *pp)
{
	int bad = 0;

	for (size_t i = 0; i < pp->pins.n; i++) {
		const char *why = pp_mismatch(pp, i);
		const struct lock_entry *le =
			lockset_get(&pp->lock, pp->pins.v[i].tool);

		if (!why)
			continue;
		if (!bad++)
			printf("%s does not match the pins:\n", pp->lock_path);
		printf("  %s %s = %s (%s:%u): %s%s%s\n", le ? "~" : "+",
		       pp->pins.v[i].tool, pp->pins.v[i].request,
		       pp->where[i].file, pp->where[i].line, why,
		       le ? ", locked request " : "", le ? le->request : "");
	}
	if (!bad)
		return 0;
	fflush(stdout);
	fprintf(stderr,
		"tbx: lock: %s is out of date; run 'tbx lock' and commit it\n",
		pp->lock_path);
	return 1;
}

/* Hold the directory of the project's lock: two 'tbx lock' runs take
 * turns rather than interleave, and the second sees what the first wrote.
 * Returns the descriptor that holds it, -2 with no place for a lock
 * (cmd_lock says so), or -1 with e. */
static int hold_project(struct tbx_err *e)
{
	struct project p;
	char path[PATH_MAX];
	int fd;

	if (project_find(getenv("HOME"), &p, e) < 0)
		return -1;
	if (project_lock_path(&p, path) < 0)
		return -2;
	*strrchr(path, '/') = '\0';
	if (!path[0])
		strcpy(path, "/");
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return err_sys(e, TBX_EXIT_FAIL, "cannot open %s", path);
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR) {
			err_sys(e, TBX_EXIT_FAIL, "cannot lock %s", path);
			close(fd);
			return -1;
		}
	return fd;
}

int cmd_lock(int argc, char **argv)
{
	struct project_pins pp = {0};
	struct resolution *res = NULL;
	struct registry *rg = NULL;
	struct lockset next = {0};
	const char *context = "lock";
	int frozen = 0, update = 0, status = TBX_EXIT_FAIL, held = -2;
	size_t n = 0, failed;
	struct tbx_err e;

	for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		if (!strcmp(argv[0], "--frozen"))
			frozen = 1;
		else if (!strcmp(argv[0], "--update"))
			update = 1;
		else
			return cmd_usage("lock");
	}
	if ((argc && !update) || (frozen && update))
		return cmd_usage("lock");
	if (!frozen && (held = hold_project(&e)) == -1)
		goto fail;
	if (pp_load(&pp, !frozen && !(flag_on("CI") && !update), &context, &e) <
	    0)
		goto fail;
	if (!pp.lock_path[0]) {
		err_set(&e, TBX_EXIT_FAIL,
			"%s is no project directory: a lock has no place here; run tbx from the project",
			pp.project.cwd);
		goto fail;
	}
	if (!pp.pins.n && !pp.lock.n) {
		err_set(&e, TBX_EXIT_FAIL,
			"nothing pins a tool within the project %s (a pin above it is not the project's); pin one with 'tbx add <tool>@<version>'",
			pp.project.root);
		goto fail;
	}
	for (int i = 0; i < argc; i++)
		if (!in_pins(&pp.pins, argv[i])) {
			err_set(&e, TBX_EXIT_FAIL,
				"'%s' is pinned nowhere in %s or above",
				argv[i], pp.project.cwd);
			goto fail;
		}
	if (frozen || (flag_on("CI") && !update)) {
		status = frozen_check(&pp);
		goto out;
	}
	pp_note(&pp);
	res = xmalloc((pp.pins.n ? pp.pins.n : 1) * sizeof(*res));
	for (size_t i = 0; i < pp.pins.n; i++) {
		int named = !argc;

		for (int j = 0; j < argc; j++)
			named |= !strcmp(argv[j], pp.pins.v[i].tool);
		if (pp_mismatch(&pp, i) || (update && named)) {
			memset(&res[n], 0, sizeof(res[n]));
			res[n].tool = pp.tools[i];
			res[n++].request = pp.pins.v[i].request;
		}
	}
	if (n) {
		rg = registry_new(&e);
		if (!rg)
			goto fail;
		failed = resolve_all(rg, res, n);
		for (size_t i = 0; i < n; i++)
			if (res[i].failed)
				cmd_fail(res[i].tool->name, &res[i].err);
		if (failed)
			goto out; /* each failure said its line; no lock written
				   */
	}
	for (size_t i = 0; i < pp.pins.n; i++) {
		const struct lock_entry *le =
			lockset_get(&pp.lock, pp.pins.v[i].tool);

		for (size_t j = 0; j < n; j++)
			if (res[j].tool == pp.tools[i]) {
				const struct lock_entry *o = &res[j].out;

				printf("%s %s -> %s (%s), %s@%s%s\n",
				       pp.pins.v[i].tool, o->request,
				       o->version, res[j].how, o->tag,
				       o->digest,
				       le && !strcmp(le->digest, o->digest)
					       ? " (unchanged)"
					       : "");
				le = o;
			}
		lockset_put(&next, pp.pins.v[i].tool, le);
	}
	/* what no pin seen from here asks for stays: another directory of
	 * the project may pin it (a service's .nvmrc) */
	for (size_t i = 0; i < pp.lock.n; i++)
		if (!in_pins(&pp.pins, pp.lock.v[i].tool))
			lockset_put(&next, pp.lock.v[i].tool, &pp.lock.v[i].e);
	if (!n) {
		status = 0; /* nothing to change: leave the file as it is */
		goto out;
	}
	if (lockset_write(pp.lock_path, &next, &e) < 0)
		goto fail;
	status = 0;
	goto out;
fail:
	status = cmd_fail(context, &e);
out:
	registry_free(rg);
	free(res);
	lockset_free(&next);
	pp_free(&pp);
	if (held >= 0)
		close(held);
	return status;
}

int cmd_outdated(int argc, char **argv)
{
	struct project_pins pp;
	struct registry *rg = NULL;
	const char *context = "outdated";
	struct tbx_err e;
	int status = 0;

	(void)argv;
	if (argc)
		return cmd_usage("outdated");
	if (load_pinned(&pp, &context, &e) < 0 || !(rg = registry_new(&e))) {
		status = cmd_fail(context, &e);
		goto out;
	}
	printf("%-12s %-10s %-14s %-14s %s\n", "TOOL", "REQUEST", "LOCKED",
	       "NEWEST MATCH", "NEWEST");
	for (size_t i = 0; i < pp.pins.n; i++) {
		const struct lock_entry *le =
			lockset_get(&pp.lock, pp.pins.v[i].tool);
		const struct tool *t = pp.tools[i];
		char match[256] = "-", any[256] = "-", why_buf[256];
		struct strv tags = {0};
		const char *why = NULL;
		struct ref r;

		if (ref_parse(t->image, &r, why_buf, sizeof(why_buf), &why) < 0)
			err_set(&e, TBX_EXIT_FAIL, "image %s: %s", t->image,
				why);
		else
			why = NULL;
		if (why || registry_tags(rg, &r, &tags, &e) < 0) {
			status = cmd_fail(t->name, &e);
			strv_free(&tags);
			continue;
		}
		resolve_best(&tags, t->tag, pp.pins.v[i].request, match,
			     sizeof(match));
		resolve_best(&tags, t->tag, "", any, sizeof(any));
		printf("%-12s %-10s %-14s %-14s %s\n", t->name,
		       pp.pins.v[i].request, le ? le->version : "(not locked)",
		       match, any);
		strv_free(&tags);
	}
out:
	registry_free(rg);
	pp_free(&pp);
	return status;
}

/* Run the engine with args, output passing through; its exit status. */
static int engine_run(char *const args[], struct tbx_err *e)
{
	pid_t pid;
	int status;

	errno = posix_spawnp(&pid, args[0], NULL, NULL, args, environ);
	if (errno)
		return err_sys(e,
			       errno == ENOENT ? TBX_EXIT_NOT_FOUND
					       : TBX_EXIT_CANNOT_EXEC,
			       "cannot run engine %s", args[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_sys(e, TBX_EXIT_FAIL, "waitpid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return err_set(e, TBX_EXIT_FAIL, "%s %s %s failed", args[0], args[1],
		       args[2]);
}

/* The engine's client, as a shim would find it. */
static int find_cli(char *path, struct tbx_err *e)
{
	char *shims = paths_shims_dir(e);
	const char *name;
	int r = shims ? engine_find(shims, &name, path, e) : -1;

	free(shims);
	return r;
}

/* Pull ref with the engine's client at engine, saying so first. */
static int pull_with(const char *engine, const char *tool, const char *ref,
		     int missing, struct tbx_err *e)
{
	const struct endpoint *ep = endpoint_get();
	char id[ENGINE_IMAGE_ID_SIZE];

	if (missing && ep->socket && endpoint_local(ep) &&
	    engine_image_id(ep->socket, ref, id) == 1) {
		printf("%s: %s is here\n", tool, ref);
		return 0;
	}
	printf("%s: pulling %s\n", tool, ref);
	fflush(stdout);
	return engine_run((char *[]){(char *)engine, "pull", (char *)ref, NULL},
			  e);
}

int engine_pull(const char *tool, const char *ref, int missing,
		struct tbx_err *e)
{
	char engine[PATH_MAX];

	return find_cli(engine, e) < 0
		       ? -1
		       : pull_with(engine, tool, ref, missing, e);
}

/* The lock entry for pin i, or NULL with e when the lock does not serve
 * it. */
static const struct lock_entry *locked(const struct project_pins *pp, size_t i,
				       struct tbx_err *e)
{
	const struct lock_entry *le =
		lockset_get(&pp->lock, pp->pins.v[i].tool);

	if (le && !pp_mismatch(pp, i))
		return le;
	err_set(e, TBX_EXIT_FAIL, "not locked for %s = %s; run 'tbx lock'",
		pp->pins.v[i].tool, pp->pins.v[i].request);
	return NULL;
}

int cmd_pull(int argc, char **argv)
{
	struct project_pins pp = {0};
	const char *context = "pull";
	char engine[PATH_MAX];
	struct tbx_err e;
	int status = 0;

	(void)argv;
	if (argc)
		return cmd_usage("pull");
	if (find_cli(engine, &e) < 0 || load_pinned(&pp, &context, &e) < 0) {
		status = cmd_fail(context, &e);
		goto out;
	}
	if (!flag_on("CI"))
		pp_note(&pp);
	for (size_t i = 0; i < pp.pins.n && !status; i++) {
		const struct lock_entry *le = locked(&pp, i, &e);
		char *ref;

		if (!le) {
			status = cmd_fail(pp.pins.v[i].tool, &e);
			break;
		}
		ref = xfmt("%s@%s", le->repository, le->digest);
		if (pull_with(engine, pp.pins.v[i].tool, ref, 0, &e) < 0)
			status = cmd_fail(pp.pins.v[i].tool, &e);
		free(ref);
	}
out:
	pp_free(&pp);
	return status;
}

int cmd_verify(int argc, char **argv)
{
	struct project_pins pp = {0};
	const char *context = "verify";
	char engine[PATH_MAX], out[64 * 1024];
	struct tbx_err e;
	size_t bad = 0;

	(void)argv;
	if (argc)
		return cmd_usage("verify");
	if (find_cli(engine, &e) < 0 || load_pinned(&pp, &context, &e) < 0) {
		pp_free(&pp);
		return cmd_fail(context, &e);
	}
	for (size_t i = 0; i < pp.pins.n; i++) {
		const struct lock_entry *le = locked(&pp, i, &e);
		char *ref;
		int status;

		if (!le) {
			printf("FAIL  %s: %s\n", pp.pins.v[i].tool, e.msg);
			bad++;
			continue;
		}
		ref = xfmt("%s@%s", le->repository, le->digest);
		/* present under its digest: the engine checked the content
		 * against it when it pulled */
		status = spawn_capture(
			(char *[]){engine, "image", "inspect", "--format",
				   "{{json .RepoDigests}}", ref, NULL},
			NULL, out, sizeof(out), 60);
		if (status == 0 && strstr(out, le->digest))
			printf("ok    %s: %s\n", pp.pins.v[i].tool, ref);
		else {
			printf("FAIL  %s: %s is not present here; run 'tbx pull'\n",
			       pp.pins.v[i].tool, ref);
			bad++;
		}
		free(ref);
	}
	pp_free(&pp);
	return bad ? 1 : 0;
}
