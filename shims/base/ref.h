/* Image references, parsed and normalised as the distribution reference
 * grammar defines them: [domain[:port]/]path[:tag][@digest]. */
#ifndef TBX_REF_H
#define TBX_REF_H

/* The grammar's limits: a name is at most 255 characters, a tag 128. */
#define REF_NAME_MAX   255
#define REF_TAG_MAX    128
#define REF_DIGEST_MAX 160

struct ref {
	char domain[REF_NAME_MAX + 1];	 /* "docker.io" when none is given */
	char path[REF_NAME_MAX + 1];	 /* "library/x" for docker.io's x */
	char tag[REF_TAG_MAX + 1];	 /* "" when none */
	char digest[REF_DIGEST_MAX + 1]; /* "" when none */
};

/* Parse s. Returns 0, or -1 with *why naming the part that is wrong (a
 * static string, or one in why_buf of why_size bytes). */
int ref_parse(const char *s, struct ref *r, char *why_buf, unsigned why_size,
	      const char **why);

/* Why s is not a repository (a reference without tag or digest), NULL
 * when it is one: REF_HAS_TAG, or a reason in a static buffer. */
#define REF_HAS_TAG "has a tag or digest"
const char *ref_repository_invalid(const char *s);

/* The host to send API requests to: registry-1.docker.io for docker.io. */
const char *ref_api_host(const struct ref *r);

/* The normalised form, domain/path[:tag][@digest], into out. Returns 0, or
 * -1 when it does not fit. */
int ref_format(const struct ref *r, char *out, unsigned size);

#endif
