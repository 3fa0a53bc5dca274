/* hostcall: the request a stub sends, round trip and refusals; which
 * arguments are paths; what the catalog and TBX_HOST allow; the
 * container's variables. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fdpass.h"
#include "gitsettings.h"
#include "hostcall.h"
#include "unit.h"

/* Whether two requests are alike: their bytes are. */
static int same(const struct hostcall_request *a,
		const struct hostcall_request *b)
{
	static char x[512], y[512];
	size_t n = hostcall_encode(a, NULL);

	return n <= sizeof(x) && n == hostcall_encode(b, NULL) &&
	       hostcall_encode(a, x) == hostcall_encode(b, y) &&
	       !memcmp(x, y, n) && !strcmp(a->name, b->name);
}

UNIT_TEST(test_hostcall_request)
{
	static const struct hostcall_request calls[] = {
		{"git-editor", "/w", {"/w/.git/COMMIT_EDITMSG"}, 1},
		{"editor", "/w/sub dir", {"+12", "a\nb", ""}, 3},
		{"editor", "/", {0}, 0},
	};
	static const struct {
		const char *bytes;
		size_t len;
	} bad[] = {
		{"", 0},
		{"\001", 1},
		{"\002editor\0/w\0", 11},  /* another version */
		{"\001editor\0/w", 10},	   /* no final NUL */
		{"\001\0/w\0", 5},	   /* no name */
		{"\001editor\0", 8},	   /* no cwd */
		{"\001editor\0w\0", 10},   /* a cwd not absolute */
		{"\001editor\0\0a\0", 11}, /* an empty cwd */
	};
	char buf[512], many[HOSTCALL_ARGS_MAX * 2 + 16];
	size_t n;

	for (size_t i = 0; i < ROWS(calls); i++) {
		struct hostcall_request r;

		n = hostcall_encode(&calls[i], NULL);
		CHECK(n < sizeof(buf) && hostcall_encode(&calls[i], buf) == n &&
			      buf[0] == HOSTCALL_VERSION,
		      "call %zu: length %zu", i, n);
		CHECK(hostcall_decode(buf, n, &r) == 0 && same(&r, &calls[i]),
		      "call %zu: round trip", i);
	}
	for (size_t i = 0; i < ROWS(bad); i++) {
		struct hostcall_request r;

		CHECK(hostcall_decode(bad[i].bytes, bad[i].len, &r) < 0,
		      "bad %zu is refused", i);
	}
	/* one argument more than the most */
	n = (size_t)(stpcpy(stpcpy(many, "\001e") + 1, "/") - many) + 1;
	for (int i = 0; i <= HOSTCALL_ARGS_MAX; i++) {
		many[n++] = 'a';
		many[n++] = '\0';
	}
	{
		struct hostcall_request r;

		CHECK(hostcall_decode(many, n, &r) < 0, "too many arguments");
		CHECK(hostcall_decode(many, n - 2, &r) == 0 &&
			      r.nargs == HOSTCALL_ARGS_MAX,
		      "the most arguments");
	}
}

UNIT_TEST(test_hostcall_paths)
{
	static const struct {
		const char *prog, *args;
		int ok;
		unsigned long mask;
	} rows[] = {
		{"editor", "/w/a a + +1a +-1 -n +12", 1, 0x3f},
		{"git-editor", "+0 /w/.git/COMMIT_EDITMSG", 1, 0x2},
		{"gpg", "--status-fd=2 -bsau tess@example.com", 1, 0},
		{"gpg", "--status-fd=2 -bsau ABCDEF0123456789!", 1, 0},
		{"gpg",
		 "--keyid-format=long --status-fd=1 --verify /tmp/.git_vtag_tmpX -",
		 1, 0x8},
		{"gpg", "--status-fd=1 --verify /tmp/.git_vtag_tmpX -", 1, 0x4},
		{"gpg", "--status-fd=2 -bsau --export-secret-keys", 0, 0},
		{"gpg", "--export-secret-keys tess", 0, 0},
		{"gpg", "--decrypt /w/secret.gpg", 0, 0},
		{"gpg", "--status-fd=2 -bsau key extra", 0, 0},
		{"gpg", "--status-fd=1 --verify --import -", 0, 0},
		{"gpg", "--status-fd=1 --verify /tmp/x /w/other", 0, 0},
		{"gpg", "", 0, 0},
		{"askpass", "Password_for_'https://x':", 1, 0},
		{"askpass", "", 1, 0},
		{"askpass", "a b", 0, 0},
		{"credential", "get", 1, 0},
		{"credential", "store", 1, 0},
		{"credential", "erase", 1, 0},
		{"credential", "list", 0, 0},
		{"credential", "get extra", 0, 0},
		{"credential", "", 0, 0},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		char buf[256], *args[8];
		unsigned long mask = 99;
		unsigned n = (unsigned)unit_words(rows[i].args, buf,
						  sizeof(buf), args, 8);
		int r = hostcall_paths(hostcall_prog(rows[i].prog), n,
				       (const char *const *)args, &mask);

		CHECK((r == 0) == rows[i].ok && (r < 0 || mask == rows[i].mask),
		      "%s %s: %d, paths %lx", rows[i].prog, rows[i].args, r,
		      mask);
	}
}

UNIT_TEST(test_hostcall_plan)
{
	static const struct {
		const char *catalog; /* one item, or NULL */
		const char *env;     /* TBX_HOST, or NULL */
		int ok;
		unsigned host;
	} rows[] = {
		{"editor", NULL, 1, HOSTCALL_EDITOR},
		{"editor", "", 1, HOSTCALL_EDITOR},
		{"editor", "editor", 1, HOSTCALL_EDITOR},
		{"editor", "none", 1, 0},
		{"editor", "editor,editor", 1, HOSTCALL_EDITOR},
		{NULL, "editor", 1, 0}, /* the user cannot add to the catalog */
		{NULL, NULL, 1, 0},
		{"editor", "gpg", 1, 0},
		{"gpg", "gpg,askpass", 1, HOSTCALL_GPG},
		{"editor", "vim", 0, 0},
		{"editor", "editor,", 1, HOSTCALL_EDITOR},
		{"editor", ",", 0, 0},
		{"editor", "EDITOR", 0, 0},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		static struct plan p;
		struct tbx_err e = {0, 0, ""};
		int r;

		memset(&p, 0, sizeof(p));
		if (rows[i].catalog)
			p.spec.host.item[p.spec.host.n++] = rows[i].catalog;
		if (rows[i].env)
			setenv("TBX_HOST", rows[i].env, 1);
		else
			unsetenv("TBX_HOST");
		r = hostcall_plan(&p, &e);
		CHECK((r == 0) == rows[i].ok &&
			      (!r ? p.host == rows[i].host
				  : strstr(e.msg, "TBX_HOST=") != NULL),
		      "row %zu: %d, host %u, %s", i, r, p.host, e.msg);
		CHECK(!p.host_socket, "row %zu: no socket without a launcher",
		      i);
	}
	unsetenv("TBX_HOST");
}

UNIT_TEST(test_hostcall_env)
{
	static const char *const want[] = {
		"TBX_HOST_SOCKET=/run/tbx/w/h-1",
		"VISUAL=/run/tbx/warm --host editor",
		"EDITOR=/run/tbx/warm --host editor",
		"GIT_EDITOR=/run/tbx/warm --host git-editor",
		"GIT_SEQUENCE_EDITOR=/run/tbx/warm --host git-sequence-editor",
		"GIT_ASKPASS=/run/tbx/bin/askpass",
		"SSH_ASKPASS=/run/tbx/bin/askpass",
		"GIT_CONFIG_COUNT=1",
		"GIT_CONFIG_KEY_0=gpg.program",
		"GIT_CONFIG_VALUE_0=/run/tbx/bin/gpg",
	};
	static struct plan p;
	const char *env[HOSTCALL_VARS_MAX], *bins[HOSTCALL_BINS_MAX];
	unsigned n;

	const char *was = getenv("HOME");
	char *home = was ? strdup(was) : NULL;

	/* no git settings of whoever runs the tests */
	setenv("HOME", "/nonexistent/tbx-unit", 1);
	unsetenv("GIT_ASKPASS");
	unsetenv("SSH_ASKPASS");
	memset(&p, 0, sizeof(p));
	CHECK(hostcall_env(&p, "/run/tbx/warm", "/run/tbx/w/h-1", env) == 0 &&
		      !hostcall_sets(&p, "EDITOR") && !hostcall_bins(&p, bins),
	      "no host calls, no variables");
	p.host = HOSTCALL_EDITOR;
	n = hostcall_env(&p, "/run/tbx/warm", "/run/tbx/w/h-1", env);
	CHECK(n == 5, "%u variables", n);
	for (unsigned i = 0; i < n && i < ROWS(want); i++)
		CHECK(env[i] && !strcmp(env[i], want[i]), "%s, not %s", env[i],
		      want[i]);
	CHECK(hostcall_sets(&p, "GIT_EDITOR") && hostcall_sets(&p, "VISUAL") &&
		      !hostcall_sets(&p, "PAGER") &&
		      !hostcall_sets(&p, "GIT_CONFIG_COUNT") &&
		      !hostcall_sets(&p, HOSTCALL_SOCKET_VAR),
	      "the variables host calls set over passed ones");
	/* askpass only when the host has one; gpg by git's setting */
	p.host = HOSTCALL_EDITOR | HOSTCALL_GPG | HOSTCALL_ASKPASS;
	n = hostcall_env(&p, "/run/tbx/warm", "/run/tbx/w/h-1", env);
	CHECK(n == 8 && !strcmp(env[5], "GIT_CONFIG_COUNT=1") &&
		      !hostcall_sets(&p, "SSH_ASKPASS") &&
		      hostcall_sets(&p, "GIT_CONFIG_KEY_0"),
	      "no host askpass: %u variables", n);
	setenv("SSH_ASKPASS", "/usr/bin/ssh-askpass", 1);
	n = hostcall_env(&p, "/run/tbx/warm", "/run/tbx/w/h-1", env);
	CHECK(n == ROWS(want), "%u variables", n);
	for (unsigned i = 0; i < n && i < ROWS(want); i++)
		CHECK(env[i] && !strcmp(env[i], want[i]), "%s, not %s", env[i],
		      want[i]);
	CHECK(hostcall_sets(&p, "GIT_ASKPASS") &&
		      !strcmp(hostcall_command(hostcall_prog("askpass")),
			      "/usr/bin/ssh-askpass"),
	      "the host's askpass");
	unsetenv("SSH_ASKPASS");
	CHECK(hostcall_bins(&p, bins) == 2 &&
		      !strcmp(bins[0], "/run/tbx/bin/gpg") &&
		      !strcmp(bins[1], "/run/tbx/bin/askpass"),
	      "the stub's paths for programs run by path");
	/* the host's credential helper, over the user's in the image */
	p.host |= HOSTCALL_CREDENTIAL;
	setenv("SSH_ASKPASS", "/usr/bin/ssh-askpass", 1);
	setenv("TBX_GIT_CREDENTIAL_HELPER", "gh auth git-credential", 1);
	n = hostcall_env(&p, "/run/tbx/warm", "/run/tbx/w/h-1", env);
	CHECK(n == 14 && n <= HOSTCALL_VARS_MAX &&
		      !strcmp(env[7], "GIT_CONFIG_COUNT=3") &&
		      !strcmp(env[10], "GIT_CONFIG_KEY_1=credential.helper") &&
		      !strcmp(env[11], "GIT_CONFIG_VALUE_1=") &&
		      !strcmp(env[13],
			      "GIT_CONFIG_VALUE_2=/run/tbx/bin/credential"),
	      "all: %u variables", n);
	unsetenv("SSH_ASKPASS");
	unsetenv("TBX_GIT_CREDENTIAL_HELPER");
	CHECK(hostcall_prog("git-editor") &&
		      !strcmp(hostcall_prog("git-editor")->reads[0],
			      "GIT_EDITOR") &&
		      !strcmp(hostcall_command(hostcall_prog("gpg")), "gpg") &&
		      !hostcall_prog("sh") && !hostcall_prog(""),
	      "the list of programs");
	arena_free(&p.arena);
	if (home)
		setenv("HOME", home, 1);
	free(home);
}

/* Write text to dir/name, making its directory. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/.config/git", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

UNIT_TEST(test_hostcall_git_settings)
{
	char dir[] = "/tmp/tbx-unit.XXXXXX", cmd[600], v[64];
	const char *home = getenv("HOME"), *xdg_was = getenv("XDG_CONFIG_HOME");
	char *saved = home ? strdup(home) : NULL;
	char *xdg = xdg_was ? strdup(xdg_was) : NULL;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s/.config", dir);
	mkdir(cmd, 0700);
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("GIT_EDITOR");
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	CHECK(gitsettings_get("core.editor", v, sizeof(v)) < 0 &&
		      !strcmp(hostcall_command(hostcall_prog("git-editor")),
			      "vi"),
	      "no files: none, and vi");
	put(dir, ".config/git/config",
	    "[core]\n\teditor = xdg\n[sequence]\n\teditor = seq\n");
	put(dir, ".gitconfig",
	    "[user]\n\tname = x\n[Core]\n\tEditor = \"emacs -nw\"\n"
	    "[remote \"core\"]\n\teditor = no\n"
	    "[gpg \"openpgp\"]\n\tprogram = gpg2 # mine\n"
	    "[gpg \"OpenPGP\"]\n\tprogram = not-this-one\n"
	    "[alias]\n\tq = \"!echo \\\"a;b\\\"\" ; said\n\tlong = x\n");
	CHECK(gitsettings_get("core.editor", v, sizeof(v)) == 0 &&
		      !strcmp(v, "emacs -nw"),
	      "~/.gitconfig last, quotes off, any case: %s", v);
	CHECK(gitsettings_get("sequence.editor", v, sizeof(v)) == 0 &&
		      !strcmp(v, "seq"),
	      "the XDG file: %s", v);
	CHECK(gitsettings_get("gpg.openpgp.program", v, sizeof(v)) == 0 &&
		      !strcmp(v, "gpg2"),
	      "a subsection, its case, a comment: %s", v);
	CHECK(gitsettings_get("alias.q", v, sizeof(v)) == 0 &&
		      !strcmp(v, "!echo \"a;b\""),
	      "quotes and escapes: %s", v);
	CHECK(gitsettings_get("gpg.program", v, sizeof(v)) < 0 &&
		      gitsettings_get("editor", v, sizeof(v)) < 0,
	      "what is not set, and a name with no section");
	setenv("GIT_EDITOR", "from-env", 1);
	CHECK(!strcmp(hostcall_command(hostcall_prog("git-editor")),
		      "from-env") &&
		      !strcmp(hostcall_command(hostcall_prog("editor")), "vi"),
	      "GIT_EDITOR over core.editor; other tools read no git file");
	unsetenv("GIT_EDITOR");
	CHECK(!strcmp(hostcall_command(hostcall_prog("git-editor")),
		      "emacs -nw"),
	      "core.editor over VISUAL");
	{
		char text[400] = "[sequence]\n\teditor = ";

		memset(text + strlen(text), 'x', 250);
		strcat(text, "\n");
		put(dir, ".gitconfig", text);
		CHECK(gitsettings_get("sequence.editor", v, sizeof(v)) < 0,
		      "a line cut short: the setting is not known, not %.20s",
		      v);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0, "cleanup");
	if (saved)
		setenv("HOME", saved, 1);
	if (xdg)
		setenv("XDG_CONFIG_HOME", xdg, 1);
	free(saved);
	free(xdg);
}

/* The descriptors this process has open. */
static int open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

UNIT_TEST(test_hostcall_fdpass_room)
{
	static const struct {
		unsigned sent, room;
		int ok;
	} rows[] = {
		{2, 2, 1},   {3, 2, 0},	  {2, 1, 0}, {38, 37, 0},
		{37, 37, 1}, {40, 40, 1}, {0, 1, 1},
	};

	for (size_t i = 0; i < ROWS(rows); i++) {
		int sv[2], fds[FDPASS_MAX], got[FDPASS_MAX + 8], before;
		unsigned n = 99;
		char b = 'x';
		ssize_t r;

		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0) {
			CHECK(0, "socketpair");
			return;
		}
		for (unsigned k = 0; k < rows[i].sent; k++)
			fds[k] = 0;
		before = open_fds();
		CHECK(fdpass_send(sv[0], &b, 1, fds, rows[i].sent) == 0,
		      "%u sent", rows[i].sent);
		r = fdpass_recv(sv[1], &b, 1, 0, got, rows[i].room, &n);
		CHECK(rows[i].ok ? r == 1 && n == rows[i].sent
				 : r < 0 && errno == EMSGSIZE &&
					   open_fds() == before,
		      "%u sent, room for %u: %zd, %u taken", rows[i].sent,
		      rows[i].room, r, n);
		for (unsigned k = 0; r == 1 && k < n; k++)
			close(got[k]);
		close(sv[0]);
		close(sv[1]);
	}
}
