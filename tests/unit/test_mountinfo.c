/* incontainer: a CI container's id and its mounts, from mountinfo text. */
#include <string.h>

#include "base/incontainer.h"
#include "unit.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

UNIT_TEST(test_mountinfo)
{
	static const char docker[] =
		"600 500 0:50 / / rw,relatime - overlay overlay rw,lowerdir=x\n"
		"601 600 0:52 / /proc rw - proc proc rw\n"
		"602 600 0:53 / /tmp rw - tmpfs tmpfs rw\n"
		"603 600 8:1 /var/lib/docker/containers/" ID
		"/hostname /etc/hostname rw - ext4 /dev/sda1 rw\n"
		"604 600 8:1 /srv/ws /builds/my\\040project rw - ext4 /dev/sda1 rw\n"
		"605 600 8:1 /var/lib/docker/volumes/v/_data /cache rw - ext4 "
		"/dev/sda1 rw\n";
	static const char podman[] =
		"1 0 0:1 / / rw - overlay overlay rw\n"
		"2 1 0:2 /overlay-containers/" ID
		"/userdata/hostname /etc/hostname rw - tmpfs tmpfs rw\n";
	static const char host[] =
		"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
		"23 22 0:5 / /etc/hostname rw - ext4 /dev/sda1 rw\n";
	static const struct {
		const char *path;
		int on_mount;
	} paths[] = {
		{"/builds/my project", 1}, {"/builds/my project/src", 1},
		{"/builds/my", 0},	   {"/builds/my projects", 0},
		{"/cache/m2", 1},	   {"/tmp/x", 0}, /* a tmpfs */
		{"/usr/src", 0},	   {"/", 0},
	};
	char id[128];

	CHECK(mountinfo_container_id(docker, id, sizeof(id)) == 1 &&
		      !strcmp(id, ID),
	      "docker's id");
	CHECK(mountinfo_container_id(podman, id, sizeof(id)) == 1 &&
		      !strcmp(id, ID),
	      "podman's id");
	CHECK(mountinfo_container_id(host, id, sizeof(id)) == 0, "a host");
	CHECK(mountinfo_container_id(docker, id, 64) == 0, "no room");
	CHECK(mountinfo_container_id("", id, sizeof(id)) == 0, "empty");
	for (size_t i = 0; i < ROWS(paths); i++)
		CHECK(mountinfo_on_mount(docker, paths[i].path) ==
			      paths[i].on_mount,
		      "%s on a mount: %d", paths[i].path, !paths[i].on_mount);
}

UNIT_TEST(workspace_mounts)
{
	char lines[] =
		"bind\t\t/var/run/docker.sock\t/var/run/docker.sock\ttrue\n"
		"volume\tcache\t/var/lib/docker/volumes/cache/_data\t/ws/p/cache\ttrue\n"
		"bind\t\t/srv/ci/ws\t/ws\tfalse\n"
		"bind\t\t/srv/other\t/other\ttrue\n"
		"tmpfs\t\t\t/ws/p/tmp\ttrue\n"
		"bind\tshort line\n";
	struct incontainer_mount m[8];
	size_t n = incontainer_workspace(lines, "/ws/p", m, 8);

	CHECK(n == 2, "%zu mounts hold the project", n);
	CHECK(n > 0 && !m[0].volume && !strcmp(m[0].src, "/srv/ci/ws") &&
		      !strcmp(m[0].dst, "/ws") && m[0].ro,
	      "the workspace's bind mount first, read-only");
	CHECK(n > 1 && m[1].volume && !strcmp(m[1].src, "cache") &&
		      !strcmp(m[1].dst, "/ws/p/cache") && !m[1].ro,
	      "then the volume inside it, by name");
	CHECK(incontainer_workspace((char[]){"bind\t\t/a\t/a\ttrue\n"}, "/b", m,
				    8) == 0,
	      "no mount holds /b");
	CHECK(incontainer_workspace((char[]){""}, "/b", m, 8) == 0,
	      "no mounts");
	CHECK(incontainer_workspace((char[]){"volume\tc\t/x\t/ws/c\ttrue\n"
					     "bind\t\t/srv\t/ws/\ttrue\n"},
				    "/ws/p", m, 1) == 1 &&
		      !strcmp(m[0].src, "/srv"),
	      "the workspace kept first when the room is short: %s", m[0].src);
}

UNIT_TEST(mount_below)
{
	static const char info[] =
		"22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
		"30 22 0:5 / /srv/outer/in\\040side rw - proc proc rw\n"
		"31 22 0:6 / /srv/outer-b rw - tmpfs tmpfs rw\n";
	char out[256];

	CHECK(mountinfo_mount_below(info, "/srv/outer", out, sizeof(out)) ==
			      1 &&
		      !strcmp(out, "/srv/outer/in side"),
	      "a mount below, unescaped: %s", out);
	CHECK(mountinfo_mount_below(info, "/srv/outer/", out, sizeof(out)) == 1,
	      "a trailing slash");
	CHECK(mountinfo_mount_below(info, "/srv/outer/in side", out,
				    sizeof(out)) == 0,
	      "the mount point itself is not below");
	CHECK(mountinfo_mount_below(info, "/srv/out", out, sizeof(out)) == 0,
	      "a name that only starts the same");
}
