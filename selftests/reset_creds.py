#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""/proc/net/igmpguard/reset judges the credentials of who opened it.

As every procfs file that checks privilege should (file_ns_capable()), the
reset file asks whether its opener had CAP_NET_ADMIN over the namespace,
not whether the process that writes has:

  root opens, then drops to nobody (setresuid) and writes "0": the reset
      happens; nobody could not have opened the file itself (EACCES)
  a uid 0 process without CAP_NET_ADMIN opens it and hands the descriptor
      to a fully privileged process (SCM_RIGHTS), which writes "0": EPERM,
      and the counters keep their values

Whether the counters were reset is read from the stats file.
"""

import ctypes
import errno
import os
import socket

import igg

NOBODY = 65534
CAP_NET_ADMIN = 12
SYS_CAPGET, SYS_CAPSET = 125, 126       # x86_64
CAP_V3 = 0x20080522


def drop_cap(cap):
    """Take @cap out of this process's effective and permitted sets."""
    hdr = (ctypes.c_uint32 * 2)(CAP_V3, 0)
    data = (ctypes.c_uint32 * 6)()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.syscall(SYS_CAPGET, hdr, data):
        raise OSError(ctypes.get_errno(), "capget")
    word, bit = cap // 32, 1 << (cap % 32)
    data[3 * word] &= ~bit          # effective
    data[3 * word + 1] &= ~bit      # permitted
    if libc.syscall(SYS_CAPSET, hdr, data):
        raise OSError(ctypes.get_errno(), "capset")


def bump(ns):
    """Make packets_seen move: a UDP datagram over the namespace's lo."""
    with ns.enter():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with s:
        s.sendto(b"x", ("127.0.0.1", 9))


def in_child(fn):
    """Run @fn() in a forked child; return its exit status (0..255)."""
    pid = os.fork()
    if pid == 0:
        try:
            os._exit(fn())
        except BaseException:       # never return into the parent's code
            os._exit(255)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def err_code(e):
    return e.errno if e.errno < 255 else 254


def opened_then_dropped(ns):
    """Child: open as root, become nobody, check nobody cannot open the
    file (of its own namespace; nobody cannot setns), write. Exit 0 on a
    successful write, else the errno."""
    with ns.enter():
        fd = os.open(igg.RESET, os.O_WRONLY)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
    try:
        os.close(os.open(igg.RESET, os.O_WRONLY))
        return 253                  # nobody opened it: no test
    except OSError as e:
        if e.errno != errno.EACCES:
            return 252
    try:
        os.write(fd, b"0")
        return 0
    except OSError as e:
        return err_code(e)


def run(t):
    igg.preflight(t)
    igg.load()
    ns = igg.Netns("reset")
    stats = igg.Stats(ns)

    bump(ns)
    before = stats.read()["packets_seen"]
    rc = in_child(lambda: opened_then_dropped(ns))
    after = stats.read()["packets_seen"]
    t.result(rc == 0 and before > 0 and after < before,
             "opened by root, written after dropping to nobody: reset",
             ["child exit %d (%s), packets_seen %d -> %d" %
              (rc, errno.errorcode.get(rc, "-"), before, after)])

    # The unprivileged opener hands its descriptor to us, root.
    parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)

    def unprivileged_opener():
        parent.close()
        drop_cap(CAP_NET_ADMIN)
        with ns.enter():
            fd = os.open(igg.RESET, os.O_WRONLY)
        # Its own write is refused, before and after the fix alike.
        try:
            os.write(fd, b"0")
            own = 0
        except OSError as e:
            own = err_code(e)
        socket.send_fds(child, [bytes([own])], [fd])
        return 0

    bump(ns)
    before = stats.read()["packets_seen"]
    rc = in_child(unprivileged_opener)
    child.close()
    msg, fds, _, _ = socket.recv_fds(parent, 1, 1)
    parent.close()
    own = msg[0] if msg else -1
    if rc or len(fds) != 1:
        t.bail("the opener without CAP_NET_ADMIN failed (exit %d)" % rc)
    try:
        os.write(fds[0], b"0")
        got = 0
    except OSError as e:
        got = e.errno
    finally:
        os.close(fds[0])
    after = stats.read()["packets_seen"]
    t.result(own == errno.EPERM,
             "uid 0 without CAP_NET_ADMIN cannot reset (EPERM)",
             ["its write: %s" % errno.errorcode.get(own, own)])
    t.result(got == errno.EPERM and after >= before > 0,
             "opened without CAP_NET_ADMIN, written by root: EPERM, "
             "counters kept",
             ["root's write: %s, packets_seen %d -> %d" %
              (errno.errorcode.get(got, got) if got else "success",
               before, after)])

    stats.close()
    ns.delete()
    igg.unload()
    return t.finish()


if __name__ == "__main__":
    igg.main_guard(run)
