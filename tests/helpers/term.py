#!/usr/bin/env python3
"""A terminal for the tests: runs a command on a new pseudo-terminal and
plays a script against it, as a person at a terminal would.

  term.py [-s ROWSxCOLS] [-o FILE] [STEP...] -- COMMAND [ARG...]

Steps, in order: expect:TEXT (wait for TEXT in the output), send:TEXT
(type it; \\x03 and the like are escapes), resize:ROWSxCOLS, sleep:SECONDS.
All output goes to FILE (default: stdout), raw. On stderr: "status N"
(the command's exit status as a shell gives it) and "termios same" or
"termios changed" (the terminal's settings after the command, against
before). Fails (status 3) when an expect is not met within 20 s."""
import fcntl, os, select, signal, struct, sys, termios, time


def winsize(fd, spec):
    rows, cols = (int(x) for x in spec.split("x"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    args, size, out_path = sys.argv[1:], "24x80", None
    while args and args[0] in ("-s", "-o"):
        if args[0] == "-s":
            size = args[1]
        else:
            out_path = args[1]
        args = args[2:]
    sep = args.index("--")
    steps, cmd = args[:sep], args[sep + 1:]
    master, slave = os.openpty()
    winsize(slave, size)
    before = termios.tcgetattr(slave)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.execvp(cmd[0], cmd)
    out = open(out_path, "wb") if out_path else sys.stdout.buffer
    seen = bytearray()
    status = None

    def pump(timeout):
        nonlocal status
        r, _, _ = select.select([master], [], [], timeout)
        if r:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            seen.extend(data)
            out.write(data)
            return bool(data)
        return True

    signal.alarm(120)
    for step in steps:
        kind, _, arg = step.partition(":")
        if kind == "expect":
            want = arg.encode()
            deadline = time.time() + 20
            while want not in seen:
                if time.time() > deadline or not pump(0.1):
                    out.flush()
                    sys.stderr.write("term.py: never saw %r\n" % arg)
                    os.kill(pid, signal.SIGKILL)
                    sys.exit(3)
            del seen[: seen.index(want) + len(want)]
        elif kind == "send":
            os.write(master, arg.encode().decode("unicode_escape").encode("latin-1"))
        elif kind == "resize":
            winsize(master, arg)
        elif kind == "sleep":
            end = time.time() + float(arg)
            while time.time() < end:
                pump(end - time.time())
    # the rest of the output, until the command ends and the pty closes
    while True:
        if status is None:
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)
        if not pump(0.2) or (status is not None and not select.select([master], [], [], 0.2)[0]):
            if status is not None:
                break
    after = termios.tcgetattr(slave)
    out.flush()
    sys.stderr.write("status %d\n" % (status if status >= 0 else 128 - status))
    sys.stderr.write("termios %s\n" % ("same" if after == before else "changed"))
    sys.exit(0)


main()
