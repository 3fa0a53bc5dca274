/* A token server for the reference registry's token auth, as the test
 * suite's own: GET /token?service=S&scope=repository:NAME:ACTIONS answers
 * {"token": JWT}, RS256-signed with KEY, CERT in the x5c header, granting
 * what is asked. Requests are appended to LOG ("GET <query> <auth>").
 *
 *   tokensrv PORT KEY.pem CERT.pem ISSUER LOG */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static EVP_PKEY *key;
static char x5c[8192], issuer[256];

static void b64url(const unsigned char *in, size_t len, char *out)
{
	int n = EVP_EncodeBlock((unsigned char *)out, in, (int)len);

	while (n > 0 && out[n - 1] == '=')
		n--;
	out[n] = '\0';
	for (char *c = out; *c; c++)
		*c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
}

static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++, o++) {
		if (*s == '%' && s[1] && s[2]) {
			char hex[3] = {s[1], s[2], 0};

			*o = (char)strtol(hex, NULL, 16);
			s += 2;
		} else {
			*o = *s == '+' ? ' ' : *s;
		}
	}
	*o = '\0';
}

/* The "access" claim for every scope=repository:NAME:ACTIONS of query. */
static void access_claim(const char *query, char *out, size_t size)
{
	char buf[4096], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", query);
	snprintf(out, size, "[");
	for (char *p = strtok_r(buf, "&", &save); p;
	     p = strtok_r(NULL, "&", &save)) {
		char name[512], actions[256], list[512] = "", *a, *s2 = NULL;

		if (strncmp(p, "scope=", 6))
			continue;
		unescape(p + 6);
		if (sscanf(p + 6, "repository:%511[^:]:%255s", name, actions) !=
		    2)
			continue;
		for (a = strtok_r(actions, ",", &s2); a;
		     a = strtok_r(NULL, ",", &s2))
			snprintf(list + strlen(list),
				 sizeof(list) - strlen(list), "%s\"%s\"",
				 list[0] ? "," : "", a);
		snprintf(
			out + strlen(out), size - strlen(out),
			"%s{\"type\":\"repository\",\"name\":\"%s\",\"actions\":[%s]}",
			out[1] ? "," : "", name, list);
	}
	snprintf(out + strlen(out), size - strlen(out), "]");
}

static void token(const char *query, char *out, size_t size)
{
	char header[9000], claims[8192], access[4096],
		service[256] = "", h64[12000], c64[11000], signing[24000],
		sig64[1024];
	unsigned char sig[512];
	size_t siglen = sizeof(sig);
	const char *sv = strstr(query, "service=");
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	long now = (long)time(NULL);

	if (sv) {
		snprintf(service, sizeof(service), "%.*s",
			 (int)strcspn(sv + 8, "&"), sv + 8);
		unescape(service);
	}
	access_claim(query, access, sizeof(access));
	snprintf(header, sizeof(header),
		 "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\"%s\"]}", x5c);
	snprintf(
		claims, sizeof(claims),
		"{\"iss\":\"%s\",\"sub\":\"\",\"aud\":\"%s\",\"exp\":%ld,\"nbf\":%ld,\"iat\":%ld,\"jti\":\"%ld-%d\",\"access\":%s}",
		issuer, service, now + 300, now - 10, now, now, rand(), access);
	b64url((unsigned char *)header, strlen(header), h64);
	b64url((unsigned char *)claims, strlen(claims), c64);
	snprintf(signing, sizeof(signing), "%s.%s", h64, c64);
	EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
	EVP_DigestSign(md, sig, &siglen, (unsigned char *)signing,
		       strlen(signing));
	EVP_MD_CTX_free(md);
	b64url(sig, siglen, sig64);
	snprintf(out, size, "{\"token\":\"%s.%s\",\"expires_in\":300}", signing,
		 sig64);
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	int s, one = 1;
	FILE *f, *log;
	X509 *cert;
	unsigned char *der = NULL;
	int dlen;

	if (argc != 6) {
		fputs("usage: tokensrv PORT KEY CERT ISSUER LOG\n", stderr);
		return 2;
	}
	f = fopen(argv[2], "r");
	key = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	f = fopen(argv[3], "r");
	cert = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
	if (f)
		fclose(f);
	log = fopen(argv[5], "a");
	if (!key || !cert || !log) {
		fputs("tokensrv: cannot read the key, the certificate or the log\n",
		      stderr);
		return 1;
	}
	dlen = i2d_X509(cert, &der);
	EVP_EncodeBlock((unsigned char *)x5c, der, dlen);
	snprintf(issuer, sizeof(issuer), "%s", argv[4]);
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s, 64) < 0) {
		perror("tokensrv");
		return 1;
	}
	for (;;) {
		char req[8192] = "", path[4096] = "", body[32768], resp[40000];
		int fd = accept(s, NULL, NULL);
		size_t len = 0;
		ssize_t n;

		if (fd < 0)
			continue;
		while (!strstr(req, "\r\n\r\n") && len < sizeof(req) - 1 &&
		       (n = read(fd, req + len, sizeof(req) - 1 - len)) > 0)
			req[len += (size_t)n] = '\0';
		if (sscanf(req, "GET %4095s", path) == 1 &&
		    !strncmp(path, "/token", 6)) {
			const char *q = strchr(path, '?');

			fprintf(log, "GET %s %s\n", q ? q + 1 : "",
				strstr(req, "Authorization: Basic") ? "basic"
								    : "none");
			fflush(log);
			token(q ? q + 1 : "", body, sizeof(body));
			n = snprintf(
				resp, sizeof(resp),
				"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
				strlen(body), body);
		} else {
			n = snprintf(
				resp, sizeof(resp),
				"HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
		}
		if (write(fd, resp, (size_t)n) < 0)
			perror("tokensrv: write");
		close(fd);
	}
}
