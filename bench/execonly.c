/* The least a shim can cost: a static executable that only execs its
 * argument. make bench measures the shim's own cost against it. */
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	execv(argv[1], argv + 1);
	return 127;
}
