/* A table-driven unit test harness: CHECK counts and reports, main runs
 * every registered test, by name. */
#ifndef TBX_UNIT_H
#define TBX_UNIT_H

#define CHECK(cond, ...) unit_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

void unit_check(int ok, const char *file, int line, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* A row's arguments: text, split at spaces into buf (size bytes) and
 * args (room for max), their number. */
int unit_words(const char *text, char *buf, unsigned long size, char **args,
	       int max);

/* A test registers itself: a file added is a file run.
 *
 *   UNIT_TEST(test_fmt) { CHECK(...); }
 */
struct unit_test {
	const char *name;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);

#define UNIT_TEST(fn_name)                                                     \
	static void fn_name(void);                                             \
	static struct unit_test fn_name##_entry = {#fn_name, fn_name, 0};      \
	__attribute__((constructor)) static void fn_name##_register(void)      \
	{                                                                      \
		unit_register(&fn_name##_entry);                               \
	}                                                                      \
	static void fn_name(void)

#endif
