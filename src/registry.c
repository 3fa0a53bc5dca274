/* The registry client: requests with retries, authentication, digests and
 * tag lists over libcurl; JSON with jansson; sha256 from libcrypto. */
#include "registry.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <pthread.h>
#include <signal.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "creds.h"
#include "regparse.h"

#define ATTEMPTS                                                               \
	5 /* tries per request on 429/5xx/network; TBX_REGISTRY_ATTEMPTS */
#define BODY_MAX	(4 * 1024 * 1024) /* a manifest or a page of tags */
#define RETRY_AFTER_MAX 30		  /* seconds we wait when told to */

static const char accept_manifests[] =
	"Accept: application/vnd.oci.image.index.v1+json, "
	"application/vnd.docker.distribution.manifest.list.v2+json, "
	"application/vnd.oci.image.manifest.v1+json, "
	"application/vnd.docker.distribution.manifest.v2+json";

struct token {
	char *key; /* realm, service and scope */
	char *value;
};

struct host {
	char *name;
	int insecure; /* loopback or listed: plain HTTP allowed */
	int plain;    /* TLS failed there, HTTP worked */
	char *basic;  /* base64 user:secret, once needed */
	int creds_read;
	char *realm, *service; /* of its last bearer challenge, under mu */
	/* The CAs, parsed once per run and shared by every TLS handshake with
	 * this host (libcurl would parse the bundle for each connection). */
	X509_STORE *store;
};

struct registry {
	CURLSH *share;
	pthread_mutex_t share_mu[CURL_LOCK_DATA_LAST];
	pthread_mutex_t mu;	  /* tokens and hosts */
	pthread_mutex_t token_mu; /* one token fetch at a time: later ones hit
				     the cache */
	struct token *tokens;
	size_t ntokens;
	struct host **hosts;
	size_t nhosts;
	long timeout;
	int attempts;
	int debug;
};

struct resp {
	long status;
	char *body;
	size_t len;
	char digest[DIGEST_SIZE];
	char *www_auth, *link;
	long retry_after;
	CURLcode code;
	char errbuf[CURL_ERROR_SIZE];
};

static void share_lock(CURL *h, curl_lock_data d, curl_lock_access a, void *u)
{
	(void)h;
	(void)a;
	pthread_mutex_lock(&((struct registry *)u)->share_mu[d]);
}

static void share_unlock(CURL *h, curl_lock_data d, void *u)
{
	(void)h;
	pthread_mutex_unlock(&((struct registry *)u)->share_mu[d]);
}

struct registry *registry_new(struct tbx_err *e)
{
	struct registry *rg;
	const char *t = getenv("TBX_REGISTRY_TIMEOUT");

	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		err_set(e, TBX_EXIT_FAIL, "cannot initialise libcurl");
		return NULL;
	}
	/* with CURLOPT_NOSIGNAL, a peer closing a TLS connection (or a
	 * credential helper exiting early) must not kill tbx */
	signal(SIGPIPE, SIG_IGN);
	rg = xmalloc(sizeof(*rg));
	memset(rg, 0, sizeof(*rg));
	for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
		pthread_mutex_init(&rg->share_mu[i], NULL);
	pthread_mutex_init(&rg->mu, NULL);
	pthread_mutex_init(&rg->token_mu, NULL);
	rg->share = curl_share_init();
	curl_share_setopt(rg->share, CURLSHOPT_LOCKFUNC, share_lock);
	curl_share_setopt(rg->share, CURLSHOPT_UNLOCKFUNC, share_unlock);
	curl_share_setopt(rg->share, CURLSHOPT_USERDATA, rg);
	curl_share_setopt(rg->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	curl_share_setopt(rg->share, CURLSHOPT_SHARE,
			  CURL_LOCK_DATA_SSL_SESSION);
	rg->timeout = t && atol(t) > 0 ? atol(t) : 60;
	t = getenv("TBX_REGISTRY_ATTEMPTS");
	rg->attempts = t && atoi(t) > 0 ? atoi(t) : ATTEMPTS;
	rg->debug = getenv("TBX_DEBUG") && strcmp(getenv("TBX_DEBUG"), "0");
	return rg;
}

void registry_free(struct registry *rg)
{
	if (!rg)
		return;
	registry_thread_done();
	curl_share_cleanup(rg->share);
	for (size_t i = 0; i < rg->ntokens; i++) {
		free(rg->tokens[i].key);
		memset(rg->tokens[i].value, 0, strlen(rg->tokens[i].value));
		free(rg->tokens[i].value);
	}
	free(rg->tokens);
	for (size_t i = 0; i < rg->nhosts; i++) {
		struct host *h = rg->hosts[i];

		free(h->name);
		free(h->realm);
		free(h->service);
		if (h->basic)
			memset(h->basic, 0, strlen(h->basic));
		free(h->basic);
		X509_STORE_free(h->store);
		free(h);
	}
	free(rg->hosts);
	for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
		pthread_mutex_destroy(&rg->share_mu[i]);
	pthread_mutex_destroy(&rg->mu);
	pthread_mutex_destroy(&rg->token_mu);
	free(rg);
	curl_global_cleanup();
}

/* localhost, 127.0.0.0/8 or [::1], with or without a port */
static int is_loopback(const char *host)
{
	unsigned char addr[16];
	char name[64];
	size_t n = host[0] == '[' ? strcspn(host, "]") + 1 : strcspn(host, ":");

	if (n >= sizeof(name))
		return 0;
	memcpy(name, host, n);
	name[n] = '\0';
	if (!strcmp(name, "localhost"))
		return 1;
	if (name[0] == '[') {
		name[n - 1] = '\0';
		return inet_pton(AF_INET6, name + 1, addr) == 1 &&
		       !memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16);
	}
	return inet_pton(AF_INET, name, addr) == 1 && addr[0] == 127;
}

/* TBX_INSECURE_REGISTRIES: comma-separated hosts allowed plain HTTP. */
static int listed_insecure(const char *host)
{
	const char *l = getenv("TBX_INSECURE_REGISTRIES");
	size_t n = strlen(host);

	for (; l && *l; l += strcspn(l, ",") + (l[strcspn(l, ",")] ? 1 : 0))
		if (strcspn(l, ",") == n && !strncmp(l, host, n))
			return 1;
	return 0;
}

/* The CAs for a host: SSL_CERT_FILE or the system's bundle, plus
 * <certs dir>/<host>/ca.crt when there is one. NULL leaves it to libcurl. */
static X509_STORE *load_store(const char *host)
{
	const char *dir = getenv("TBX_CERTS_DIR"),
		   *base = getenv("SSL_CERT_FILE");
	char *extra = xfmt("%s/%s/ca.crt",
			   dir && *dir ? dir : "/etc/docker/certs.d", host);
	X509_STORE *st = X509_STORE_new();

	if (!base || !*base)
		base = X509_get_default_cert_file();
	if (st && X509_STORE_load_file(st, base) != 1) {
		X509_STORE_free(st);
		st = NULL;
	}
	if (st && access(extra, R_OK) == 0 &&
	    X509_STORE_load_file(st, extra) != 1) {
		X509_STORE_free(st);
		st = NULL;
	}
	free(extra);
	return st;
}

static CURLcode use_store(CURL *c, void *ssl_ctx, void *store)
{
	(void)c;
	SSL_CTX_set1_cert_store(ssl_ctx, store);
	return CURLE_OK;
}

static struct host *host_get(struct registry *rg, const char *name)
{
	struct host *h = NULL;

	pthread_mutex_lock(&rg->mu);
	for (size_t i = 0; i < rg->nhosts && !h; i++)
		if (!strcmp(rg->hosts[i]->name, name))
			h = rg->hosts[i];
	if (!h) {
		h = xmalloc(sizeof(*h));
		memset(h, 0, sizeof(*h));
		h->name = xstrdup(name);
		h->insecure = is_loopback(name) || listed_insecure(name);
		h->store = load_store(name);
		rg->hosts = xrealloc(rg->hosts,
				     (rg->nhosts + 1) * sizeof(*rg->hosts));
		rg->hosts[rg->nhosts++] = h;
	}
	pthread_mutex_unlock(&rg->mu);
	return h;
}

static size_t on_body(char *data, size_t size, size_t n, void *u)
{
	struct resp *rs = u;
	size_t add = size * n;

	if (rs->len + add > BODY_MAX)
		return 0; /* curl reports a write error */
	rs->body = xrealloc(rs->body, rs->len + add + 1);
	memcpy(rs->body + rs->len, data, add);
	rs->len += add;
	rs->body[rs->len] = '\0';
	return add;
}

static char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *v;

	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return NULL;
	v = line + n + 1;
	while (v < line + len && (*v == ' ' || *v == '\t'))
		v++;
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
		len--;
	return v <= line + len ? xfmt("%.*s", (int)(line + len - v), v) : NULL;
}

static size_t on_header(char *line, size_t size, size_t n, void *u)
{
	struct resp *rs = u;
	size_t len = size * n;
	char *v;

	if (len > 5 && !strncmp(line, "HTTP/", 5)) { /* a new response */
		free(rs->www_auth);
		free(rs->link);
		rs->www_auth = rs->link = NULL;
		rs->digest[0] = '\0';
		rs->retry_after = -1;
	} else if ((v = header_value(line, len, "Docker-Content-Digest"))) {
		snprintf(rs->digest, sizeof(rs->digest), "%s", v);
		free(v);
	} else if ((v = header_value(line, len, "WWW-Authenticate"))) {
		free(rs->www_auth);
		rs->www_auth = v;
	} else if ((v = header_value(line, len, "Link"))) {
		char *all = rs->link ? xfmt("%s, %s", rs->link, v) : xstrdup(v);

		free(rs->link);
		free(v);
		rs->link = all;
	} else if ((v = header_value(line, len, "Retry-After"))) {
		/* delay-seconds or an HTTP date */
		if (v[0] >= '0' && v[0] <= '9') {
			rs->retry_after = atol(v);
		} else {
			time_t at = curl_getdate(v, NULL);

			rs->retry_after =
				at > time(NULL) ? (long)(at - time(NULL)) : 0;
		}
		free(v);
	}
	return len;
}

static void resp_reset(struct resp *rs)
{
	free(rs->body);
	free(rs->www_auth);
	free(rs->link);
	memset(rs, 0, sizeof(*rs));
	rs->retry_after = -1;
}

static void debug(struct registry *rg, const char *method, const char *url,
		  const struct resp *rs)
{
	if (rg->debug)
		fprintf(stderr, "tbx: debug: %s %s: %ld%s%s\n", method, url,
			rs->status, rs->code ? " " : "",
			rs->code ? rs->errbuf : "");
}

/* libcurl's connection cache must not be shared between threads at once,
 * so each thread keeps one easy handle, and with it its connections. */
static __thread CURL *handle;

static CURL *thread_handle(void)
{
	if (handle)
		curl_easy_reset(handle);
	else
		handle = curl_easy_init();
	return handle;
}

void registry_thread_done(void)
{
	curl_easy_cleanup(handle);
	handle = NULL;
}

/* One HTTP exchange. Secrets go only into the Authorization header, which
 * the debug output never shows. */
static void perform(struct registry *rg, struct host *h, const char *method,
		    const char *url, const char *accept, const char *auth,
		    struct resp *rs)
{
	CURL *c = thread_handle();
	struct curl_slist *hdrs = NULL;
	const char *cafile = getenv("SSL_CERT_FILE");

	resp_reset(rs);
	if (!c) {
		rs->code = CURLE_OUT_OF_MEMORY;
		snprintf(rs->errbuf, sizeof(rs->errbuf), "out of memory");
		return;
	}
	if (accept)
		hdrs = curl_slist_append(hdrs, accept);
	if (auth)
		hdrs = curl_slist_append(hdrs, auth);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_SHARE, rg->share);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "tbx/" TBX_VERSION);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	/* a registry reached over TLS never hands us over to plain HTTP */
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR,
			 strncmp(url, "https:", 6) ? "http,https" : "https");
	curl_easy_setopt(c, CURLOPT_TIMEOUT, rg->timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
			 rg->timeout < 10 ? rg->timeout : 10L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, rs->errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, rs);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, rs);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (h && h->store) {
		curl_easy_setopt(c, CURLOPT_CAINFO, NULL);
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
		curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, use_store);
		curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, h->store);
	} else if (cafile && *cafile) {
		curl_easy_setopt(c, CURLOPT_CAINFO, cafile);
	}
	rs->code = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rs->status);
	if (rs->code && !rs->errbuf[0])
		snprintf(rs->errbuf, sizeof(rs->errbuf), "%s",
			 curl_easy_strerror(rs->code));
	debug(rg, method, url, rs);
	for (struct curl_slist *l = hdrs; l; l = l->next)
		memset(l->data, 0,
		       strlen(l->data)); /* the Authorization line */
	curl_slist_free_all(hdrs);
}

static int transient(CURLcode code)
{
	return code == CURLE_COULDNT_CONNECT ||
	       code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
	       code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING ||
	       code == CURLE_PARTIAL_FILE;
}

/* Exponential backoff with jitter, or what Retry-After asks (capped). */
static void pause_before(int attempt, long retry_after)
{
	static __thread unsigned seed;
	double s;

	if (!seed)
		seed = (unsigned)time(NULL) ^ (unsigned)(size_t)&seed;
	if (retry_after >= 0)
		s = (double)(retry_after < RETRY_AFTER_MAX ? retry_after
							   : RETRY_AFTER_MAX);
	else
		s = 0.25 * (double)(1 << (attempt < 5 ? attempt : 5)) *
		    (0.5 + (rand_r(&seed) % 1000) / 2000.0);
	usleep((useconds_t)(s * 1e6));
}

/* perform, again on network errors, 429 and 5xx while attempts remain. */
static void perform_retry(struct registry *rg, struct host *h,
			  const char *method, const char *url,
			  const char *accept, const char *auth, struct resp *rs)
{
	for (int attempt = 0;; attempt++) {
		perform(rg, h, method, url, accept, auth, rs);
		if (attempt + 1 >= rg->attempts ||
		    !(rs->code ? transient(rs->code)
			       : rs->status == 429 || rs->status >= 500))
			return;
		pause_before(attempt, rs->code ? -1 : rs->retry_after);
	}
}

static int http_fail(struct tbx_err *e, const char *host, const char *what,
		     const struct resp *rs)
{
	char detail[512];

	regparse_error(rs->body, detail, sizeof(detail));
	return err_set(e, TBX_EXIT_FAIL, "registry %s: %s: HTTP %ld%s", host,
		       what, rs->status, detail);
}

static int load_basic(struct registry *rg, struct host *h, struct tbx_err *e)
{
	char *user = NULL, *secret = NULL;
	int r;

	pthread_mutex_lock(&rg->mu);
	if (h->creds_read) {
		r = h->basic != NULL;
		goto out;
	}
	r = creds_lookup(h->name, &user, &secret, e);
	if (r < 0)
		goto out;
	if (r > 0) {
		h->basic = auth_basic(user, secret);
		memset(secret, 0, strlen(secret));
	}
	h->creds_read = 1;
out:
	pthread_mutex_unlock(&rg->mu);
	free(user);
	free(secret);
	return r;
}

static char *url_escape(const char *s)
{
	char *esc = curl_easy_escape(NULL, s, 0),
	     *out = xstrdup(esc ? esc : "");

	curl_free(esc);
	return out;
}

/* The host state of a token realm URL's host. */
static struct host *realm_host(struct registry *rg, const char *realm)
{
	const char *start = strstr(realm, "://") + 3;
	char *name = xfmt("%.*s", (int)strcspn(start, "/?#"), start);
	struct host *h = host_get(rg, name);

	free(name);
	return h;
}

/* A bearer token for a challenge, from the cache or the token server. */
static int fetch_bearer(struct registry *rg, struct host *h,
			const struct challenge *c, const char *scope, int fresh,
			char **token, struct tbx_err *e)
{
	char *key = xfmt("%s\n%s\n%s", c->realm, c->service, scope), *url;
	char *svc, *sc, *auth = NULL;
	struct resp rs = {0};
	int r = -1;

	pthread_mutex_lock(&rg->mu);
	for (size_t i = 0; i < rg->ntokens; i++) {
		if (strcmp(rg->tokens[i].key, key))
			continue;
		if (fresh) { /* refused: it expired */
			free(rg->tokens[i].key);
			memset(rg->tokens[i].value, 0,
			       strlen(rg->tokens[i].value));
			free(rg->tokens[i].value);
			rg->tokens[i] = rg->tokens[--rg->ntokens];
			break;
		}
		*token = xstrdup(rg->tokens[i].value);
		r = 0;
	}
	pthread_mutex_unlock(&rg->mu);
	if (r == 0)
		goto out;
	if (strncmp(c->realm, "https://", 8) &&
	    (strncmp(c->realm, "http://", 7) ||
	     !realm_host(rg, c->realm)->insecure)) {
		err_set(e, TBX_EXIT_FAIL,
			"registry %s: token realm '%s' is not an HTTPS URL (plain HTTP only for loopback or TBX_INSECURE_REGISTRIES)",
			h->name, c->realm);
		goto out;
	}
	svc = url_escape(c->service);
	sc = url_escape(scope);
	url = xfmt("%s%cservice=%s&scope=%s", c->realm,
		   strchr(c->realm, '?') ? '&' : '?', svc, sc);
	free(svc);
	free(sc);
	if (load_basic(rg, h, e) < 0) {
		free(url);
		goto out;
	}
	if (h->basic)
		auth = xfmt("Authorization: Basic %s", h->basic);
	perform_retry(rg, realm_host(rg, c->realm), "GET", url, NULL, auth,
		      &rs);
	free(url);
	if (rs.code) {
		err_set(e, TBX_EXIT_FAIL, "registry %s: token server: %s",
			h->name, rs.errbuf);
		goto out;
	}
	if (rs.status != 200) {
		http_fail(e, h->name,
			  h->basic ? "token server refused the credentials"
				   : "token server refused anonymous access",
			  &rs);
		goto out;
	}
	*token = regparse_token(rs.body);
	if (!*token) {
		err_set(e, TBX_EXIT_FAIL,
			"registry %s: token server sent no token", h->name);
		goto out;
	}
	pthread_mutex_lock(&rg->mu);
	rg->tokens =
		xrealloc(rg->tokens, (rg->ntokens + 1) * sizeof(*rg->tokens));
	rg->tokens[rg->ntokens].key = key;
	rg->tokens[rg->ntokens++].value = xstrdup(*token);
	key = NULL;
	pthread_mutex_unlock(&rg->mu);
	r = 0;
out:
	if (auth)
		memset(auth, 0, strlen(auth));
	free(auth);
	resp_reset(&rs);
	free(key);
	return r;
}

/* "Authorization: Bearer ..." with a token the host's last challenge got
 * for this scope, so that a run pays the 401 round trip once; or NULL. */
static char *cached_bearer(struct registry *rg, struct host *h,
			   const char *scope)
{
	char *auth = NULL, *key;

	pthread_mutex_lock(&rg->mu);
	if (h->realm) {
		key = xfmt("%s\n%s\n%s", h->realm, h->service, scope);
		for (size_t i = 0; i < rg->ntokens && !auth; i++)
			if (!strcmp(rg->tokens[i].key, key))
				auth = xfmt("Authorization: Bearer %s",
					    rg->tokens[i].value);
		free(key);
	}
	pthread_mutex_unlock(&rg->mu);
	return auth;
}

static void remember_challenge(struct registry *rg, struct host *h,
			       const struct challenge *c)
{
	pthread_mutex_lock(&rg->mu);
	if (!h->realm || strcmp(h->realm, c->realm) ||
	    strcmp(h->service, c->service)) {
		free(h->realm);
		free(h->service);
		h->realm = xstrdup(c->realm);
		h->service = xstrdup(c->service);
	}
	pthread_mutex_unlock(&rg->mu);
}

static int bearer(struct registry *rg, struct host *h,
		  const struct challenge *c, const char *scope, int fresh,
		  char **token, struct tbx_err *e)
{
	int r;

	pthread_mutex_lock(&rg->token_mu);
	r = fetch_bearer(rg, h, c, scope, fresh, token, e);
	pthread_mutex_unlock(&rg->token_mu);
	return r;
}

/* A request to the registry API with TLS fallback for insecure hosts and
 * one round of authentication when challenged. */
static int request(struct registry *rg, const struct ref *r, const char *method,
		   const char *path, const char *accept, struct resp *rs,
		   struct tbx_err *e)
{
	const char *api = ref_api_host(r);
	struct host *h = host_get(rg, r->domain);
	char *scope = xfmt("repository:%s:pull", r->path), *auth = NULL, *url;
	int authed = 0, bearer_used = 0, ret = -1;

	auth = cached_bearer(rg, h, scope);
	if (auth)
		authed = bearer_used = 1;
	for (;;) {
		int plain = __atomic_load_n(&h->plain, __ATOMIC_RELAXED);

		url = xfmt("%s://%s%s", plain ? "http" : "https", api, path);
		perform_retry(rg, h, method, url, accept, auth, rs);
		free(url);
		if (rs->code == CURLE_SSL_CONNECT_ERROR && h->insecure &&
		    !plain) {
			__atomic_store_n(&h->plain, 1, __ATOMIC_RELAXED);
			continue;
		}
		if (rs->code) {
			err_set(e, TBX_EXIT_FAIL, "registry %s: %s", r->domain,
				rs->errbuf);
			break;
		}
		/* a second round only to replace a cached token that expired */
		if (rs->status == 401 && rs->www_auth &&
		    (!authed || (authed == 1 && bearer_used))) {
			struct challenge c;
			char *token = NULL;

			authed++;
			if (auth_parse(rs->www_auth, &c) < 0) {
				err_set(e, TBX_EXIT_FAIL,
					"registry %s: cannot read its authentication challenge",
					r->domain);
				break;
			}
			if (!strcasecmp(c.scheme, "Bearer")) {
				if (bearer(rg, h, &c,
					   c.scope[0] ? c.scope : scope,
					   authed > 1, &token, e) < 0)
					break;
				bearer_used = 1;
				remember_challenge(rg, h, &c);
				if (auth)
					memset(auth, 0, strlen(auth));
				free(auth);
				auth = xfmt("Authorization: Bearer %s", token);
				memset(token, 0, strlen(token));
				free(token);
				continue;
			}
			if (!strcasecmp(c.scheme, "Basic")) {
				int got = load_basic(rg, h, e);

				if (got < 0)
					break;
				if (!got) {
					err_set(e, TBX_EXIT_FAIL,
						"registry %s: authentication required; log in with 'docker login %s'",
						r->domain, r->domain);
					break;
				}
				auth = xfmt("Authorization: Basic %s",
					    h->basic);
				continue;
			}
			err_set(e, TBX_EXIT_FAIL,
				"registry %s: unknown authentication scheme '%s'",
				r->domain, c.scheme);
			break;
		}
		ret = 0;
		break;
	}
	if (auth)
		memset(auth, 0, strlen(auth));
	free(auth);
	free(scope);
	return ret;
}

static void sha256_digest(const char *data, size_t len, char out[DIGEST_SIZE])
{
	unsigned char md[32];
	unsigned int n = 0;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	strcpy(out, "sha256:");
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", md[i]);
}

static int digest_ok(const char *d)
{
	return !strncmp(d, "sha256:", 7) &&
	       strspn(d + 7, "0123456789abcdef") == 64 && !d[71];
}

int registry_digest(struct registry *rg, const struct ref *r, const char *tag,
		    char digest[DIGEST_SIZE], struct tbx_err *e)
{
	char *path = xfmt("/v2/%s/manifests/%s", r->path, tag);
	char *what = xfmt("%s:%s", r->path, tag), computed[DIGEST_SIZE];
	struct resp rs = {0};
	int ret = -1;

	if (request(rg, r, "HEAD", path, accept_manifests, &rs, e) < 0)
		goto out;
	if (rs.status == 200 && digest_ok(rs.digest)) {
		strcpy(digest, rs.digest);
		ret = 0;
		goto out;
	}
	/* No digest, or an error without a body to explain it: GET. */
	if (request(rg, r, "GET", path, accept_manifests, &rs, e) < 0)
		goto out;
	if (rs.status != 200) {
		http_fail(e, r->domain, what, &rs);
		goto out;
	}
	sha256_digest(rs.body ? rs.body : "", rs.len, computed);
	if (rs.digest[0] && strcmp(rs.digest, computed)) {
		err_set(e, TBX_EXIT_FAIL,
			"registry %s: %s: the manifest hashes to %s, not the %s the registry sent",
			r->domain, what, computed, rs.digest);
		goto out;
	}
	strcpy(digest, computed);
	ret = 0;
out:
	resp_reset(&rs);
	free(path);
	free(what);
	return ret;
}

int registry_tags(struct registry *rg, const struct ref *r, struct strv *tags,
		  struct tbx_err *e)
{
	const char *page = getenv("TBX_REGISTRY_PAGE");
	char *path = xfmt("/v2/%s/tags/list?n=%ld", r->path,
			  page && atol(page) > 0 ? atol(page) : 1000L);
	struct resp rs = {0};
	int ret = -1, pages = 0;

	while (path) {
		if (++pages > 10000) {
			err_set(e, TBX_EXIT_FAIL,
				"registry %s: endless tag list", r->domain);
			goto out;
		}
		if (request(rg, r, "GET", path, NULL, &rs, e) < 0)
			goto out;
		if (rs.status != 200) {
			http_fail(e, r->domain, r->path, &rs);
			goto out;
		}
		if (regparse_tags(rs.body, tags) < 0) {
			err_set(e, TBX_EXIT_FAIL,
				"registry %s: %s: the tag list is not JSON of the API's shape",
				r->domain, r->path);
			goto out;
		}
		free(path);
		path = regparse_next_page(rs.link);
	}
	ret = 0;
out:
	free(path);
	resp_reset(&rs);
	return ret;
}
