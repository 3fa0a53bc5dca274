/* Version resolution against a registry, one thread per tool. */
#include "resolve.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "version.h"

int resolve_best(const struct strv *tags, const char *tmpl, const char *request,
		 char *out, size_t size)
{
	char v[256];
	int found = 0;

	for (size_t i = 0; i < tags->n; i++) {
		if (version_from_tag(tmpl, tags->v[i], v, sizeof(v)) < 0 ||
		    !version_is_release(v) ||
		    (*request && !version_matches(request, v)) ||
		    strlen(v) >= size)
			continue;
		if (!found || version_cmp(v, out) > 0)
			strcpy(out, v);
		found = 1;
	}
	return found ? 0 : -1;
}

static void resolve_one(struct registry *rg, struct resolution *rs)
{
	const struct tool *t = rs->tool;
	struct lock_entry *le = &rs->out;
	struct strv tags = {0};
	char why_buf[512];
	const char *why;
	struct ref r;

	memset(le, 0, sizeof(*le));
	snprintf(le->request, sizeof(le->request), "%s", rs->request);
	snprintf(le->repository, sizeof(le->repository), "%s", t->image);
	if (ref_parse(t->image, &r, why_buf, sizeof(why_buf), &why) < 0) {
		err_set(&rs->err, TBX_EXIT_FAIL, "image %s: %s", t->image, why);
		goto fail;
	}
	if (version_is_release(rs->request)) {
		if (registry_tags(rg, &r, &tags, &rs->err) < 0)
			goto fail;
		if (resolve_best(&tags, t->tag, rs->request, le->version,
				 sizeof(le->version)) == 0)
			snprintf(rs->how, sizeof(rs->how),
				 "highest release tag of %zu matching %s",
				 tags.n, rs->request);
	}
	if (!le->version[0]) {
		snprintf(le->version, sizeof(le->version), "%s", rs->request);
		snprintf(rs->how, sizeof(rs->how), "the tag itself");
	}
	if (plan_expand_tag(t->tag, le->version, le->tag, sizeof(le->tag)) <
	    0) {
		err_set(&rs->err, TBX_EXIT_FAIL, "no valid tag for version %s",
			le->version);
		goto fail;
	}
	if (registry_digest(rg, &r, le->tag, le->digest, &rs->err) < 0)
		goto fail;
	strv_free(&tags);
	return;
fail:
	rs->failed = 1;
	strv_free(&tags);
}

struct work {
	struct registry *rg;
	struct resolution *v;
	size_t n, next;
	pthread_mutex_t mu;
};

static void *worker(void *arg)
{
	struct work *w = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&w->mu);
		i = w->next++;
		pthread_mutex_unlock(&w->mu);
		if (i >= w->n) {
			registry_thread_done();
			return NULL;
		}
		resolve_one(w->rg, &w->v[i]);
	}
}

size_t resolve_all(struct registry *rg, struct resolution *v, size_t n)
{
	struct work w = {rg, v, n, 0, PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[RESOLVE_THREADS];
	size_t nth = n < RESOLVE_THREADS ? n : RESOLVE_THREADS, started = 0;
	size_t failed = 0;

	for (; started < nth; started++)
		if (pthread_create(&th[started], NULL, worker, &w))
			break;
	if (!started)
		worker(&w);
	for (size_t i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (size_t i = 0; i < n; i++)
		failed += (size_t)v[i].failed;
	return failed;
}
