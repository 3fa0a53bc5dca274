/* A registry double for the cases the reference registry cannot show:
 * paginated tags, 429/500 before success, a registry that never answers,
 * manifests without or with a wrong digest header, bearer token auth, and
 * (mode "slow") 50 ms of latency per request with connections in parallel,
 * for the benchmark.
 *
 *   fakereg PORT MODE LOG
 *
 * One request per connection (Connection: close). Every request is
 * appended to LOG as "METHOD PATH AUTH" (AUTH: none, basic or bearer). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *mode;
static int port, manifest_hits, generation = 1; /* "expiring": tokens good<N> */

static void sha256(const char *s, char out[72])
{
	unsigned char md[32];
	unsigned n;

	EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL);
	strcpy(out, "sha256:");
	for (unsigned i = 0; i < n; i++)
		sprintf(out + 7 + 2 * i, "%02x", md[i]);
}

static void reply(int fd, int status, const char *headers, const char *body,
		  int head)
{
	char buf[16384];
	int n = snprintf(
		buf, sizeof(buf),
		"HTTP/1.1 %d X\r\nConnection: close\r\nContent-Length: %zu\r\n%s\r\n%s",
		status, strlen(body), headers, head ? "" : body);

	if (write(fd, buf, (size_t)n) < 0)
		perror("fakereg: write");
}

/* Tags t00..t24 and 1.0.0..1.0.4, in pages of n after "last". */
static void tags(int fd, const char *query)
{
	static const char *all[] = {"1.0.0",  "1.0.1",	"1.0.2", "1.0.3",
				    "1.0.4",  "1.0.10", "1.1.0", "2.0.0",
				    "latest", "zeta"};
	const char *q = strstr(query, "n="), *l = strstr(query, "last=");
	int n = q ? atoi(q + 2) : 100, start = 0, count = 0, total = 10;
	char body[4096] = "{\"name\":\"x\",\"tags\":[", hdr[512] = "";

	if (l)
		for (int i = 0; i < total; i++)
			if (!strncmp(l + 5, all[i], strcspn(l + 5, "&")) &&
			    strlen(all[i]) == strcspn(l + 5, "&"))
				start = i + 1;
	for (int i = start; i < total && count < n; i++, count++)
		sprintf(body + strlen(body), "%s\"%s\"", count ? "," : "",
			all[i]);
	strcat(body, "]}");
	if (start + count < total)
		snprintf(
			hdr, sizeof(hdr),
			"Link: </v2/x/tags/list?n=%d>; rel=\"first\", </v2/x/tags/list?last=%s&n=%d>; rel=\"next\"\r\n",
			n, all[start + count - 1], n);
	reply(fd, 200, hdr, body, 0);
}

static void manifest(int fd, const char *path, int head)
{
	char body[4200], digest[72], hdr[256];

	snprintf(body, sizeof(body),
		 "{\"schemaVersion\":2,\"path\":\"%.4096s\"}", path);
	sha256(body, digest);
	if (!strcmp(mode, "baddigest"))
		digest[10] ^= 1;
	if (!strcmp(mode, "nodigest") || (!strcmp(mode, "baddigest") && head))
		hdr[0] = '\0';
	else
		snprintf(hdr, sizeof(hdr), "Docker-Content-Digest: %s\r\n",
			 digest);
	strcat(hdr,
	       "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n");
	reply(fd, 200, hdr, body, head);
}

static void serve(int fd, FILE *log)
{
	char req[8192] = "", method[16], path[4096], hdr[512];
	size_t len = 0;
	ssize_t n;
	const char *auth;
	int head;

	while (!strstr(req, "\r\n\r\n") && !(len && req[0] == 0x16) &&
	       len < sizeof(req) - 1 &&
	       (n = read(fd, req + len, sizeof(req) - 1 - len)) > 0) {
		len += (size_t)n;
		req[len] = '\0';
	}
	if (len && req[0] == 0x16)
		return; /* a TLS handshake: plain HTTP only, as a plain server
			 */
	if (sscanf(req, "%15s %4095s", method, path) != 2)
		return;
	{
		char want[64];

		snprintf(want, sizeof(want), "Authorization: Bearer good%d\r",
			 generation);
		if (!strcmp(mode, "expiring") &&
		    strstr(req, "Authorization: Bearer good") &&
		    !strstr(req, want))
			strstr(req, "Authorization: Bearer good")[22] =
				'X'; /* expired */
	}
	auth = strstr(req, "Authorization: Bearer good") ? "bearer"
	       : strstr(req, "Authorization: Basic")	 ? "basic"
	       : strstr(req, "Authorization: Bearer")	 ? "bearer-bad"
							 : "none";
	fprintf(log, "%s %s %s\n", method, path, auth);
	fflush(log);
	head = !strcmp(method, "HEAD");
	if (strstr(path, "/manifests/"))
		manifest_hits++;
	if (!strcmp(mode, "hang")) {
		sleep(3600);
		return;
	}
	if (!strcmp(mode, "flaky") && strstr(path, "/manifests/") &&
	    manifest_hits % 3 == 1) {
		reply(fd, 429, "Retry-After: 1\r\n",
		      "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}",
		      head);
		return;
	}
	if (!strcmp(mode, "flaky") && strstr(path, "/manifests/") &&
	    manifest_hits % 3 == 2) {
		reply(fd, 500, "",
		      "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"oops\"}]}",
		      head);
		return;
	}
	if (!strcmp(mode, "down")) {
		reply(fd, 503, "",
		      "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}",
		      head);
		return;
	}
	if (!strncmp(path, "/token", 6)) {
		if (strstr(path, "service=fake") &&
		    strstr(path, "scope=repository%3Ax%3Apull")) {
			char tok[64];

			snprintf(tok, sizeof(tok),
				 "{\"access_token\":\"good%d\"}", generation);
			reply(fd, 200, "", tok, head);
		} else
			reply(fd, 400, "",
			      "{\"errors\":[{\"code\":\"DENIED\"}]}", head);
		return;
	}
	if ((!strcmp(mode, "token") || !strcmp(mode, "expiring")) &&
	    strcmp(auth, "bearer")) {
		snprintf(
			hdr, sizeof(hdr),
			"WWW-Authenticate: Bearer realm=\"http://127.0.0.1:%d/token\",service=\"fake\",scope=\"repository:x:pull\"\r\n",
			port);
		reply(fd, 401, hdr,
		      "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}", head);
		return;
	}
	if (!strcmp(mode, "slow"))
		usleep(50 * 1000);
	if (!strcmp(mode, "expiring") && strstr(path, "/manifests/"))
		generation++; /* the token just used expires */
	if (!strcmp(path, "/v2/") || !strcmp(path, "/v2"))
		reply(fd, 200, "", "{}", head);
	else if (strstr(path, "/tags/list"))
		tags(fd, path);
	else if (strstr(path, "/manifests/"))
		manifest(fd, path, head);
	else
		reply(fd, 404, "", "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}",
		      head);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int s, one = 1;
	FILE *log;

	if (argc != 4) {
		fputs("usage: fakereg PORT MODE LOG\n", stderr);
		return 2;
	}
	port = atoi(argv[1]);
	mode = argv[2];
	log = fopen(argv[3], "a");
	signal(SIGCHLD, SIG_IGN); /* children of "slow" reap themselves */
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (!log || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s, 64) < 0) {
		perror("fakereg");
		return 1;
	}
	for (;;) {
		int fd = accept(s, NULL, NULL);

		if (fd < 0)
			continue;
		if (!strcmp(mode, "slow")) {
			if (fork() == 0) {
				serve(fd, log);
				_exit(0);
			}
		} else {
			serve(fd, log);
		}
		close(fd);
	}
}
