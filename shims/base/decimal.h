/* Reading a decimal number, without the C library's strtoul and the
 * general scanner it brings into the shim (1.5 KB). */
#ifndef TBX_DECIMAL_H
#define TBX_DECIMAL_H

/* The digits at s into *out: the first byte after them, or NULL when s
 * starts with none or the number overflows. */
const char *decimal_read(const char *s, unsigned long *out);

#endif
