/* The shim stub, built by make from shims/, embedded so that tbx can write
 * shims without a compiler or any file beside it. */
	.section .rodata.tbx_stub, "a"
	.balign 16
	.globl tbx_stub_start
tbx_stub_start:
	.incbin TBX_STUB_PATH
	.globl tbx_stub_end
tbx_stub_end:
	.section .note.GNU-stack, "", @progbits
