#!/usr/bin/env python3
"""Runs a command under the seccomp part of a systemd unit's sandbox, without systemd.

    python3 sandbox.py UNIT_FILE -- COMMAND [ARGS...]

Reads the unit's SystemCallFilter= (allow list, then ~deny lists), SystemCallErrorNumber=,
SystemCallArchitectures=native, MemoryDenyWriteExecute= and RestrictAddressFamilies=, expands the
syscall groups with `systemd-analyze syscall-filter`, installs the equivalent seccomp BPF filter
(x86-64 only) and execs the command. It lets a test prove that the binary runs with the unit's
hardening (no writable+executable mappings, no syscall outside the lists) on a machine where
systemd is not PID 1. Namespaces, mounts and users are not emulated.
"""

import ctypes
import errno
import os
import re
import struct
import subprocess
import sys

AUDIT_ARCH_X86_64 = 0xC000003E
X32_SYSCALL_BIT = 0x40000000
RET_ALLOW = 0x7FFF0000
RET_KILL_PROCESS = 0x80000000
LD_W_ABS, JEQ_K, JSET_K, RET_K = 0x20, 0x15, 0x45, 0x06
PROT_WRITE, PROT_EXEC = 0x2, 0x4
FAMILIES = {"AF_UNIX": 1, "AF_INET": 2, "AF_INET6": 10, "AF_NETLINK": 16, "AF_PACKET": 17}


def ret_errno(e):
    return 0x00050000 | (e & 0xFFFF)


def syscall_numbers():
    numbers = {}
    with open("/usr/include/x86_64-linux-gnu/asm/unistd_64.h") as f:
        for m in re.finditer(r"#define __NR_(\w+)\s+(\d+)", f.read()):
            numbers[m.group(1)] = int(m.group(2))
    return numbers


def syscall_groups():
    out = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True, check=True).stdout
    groups, current = {}, None
    for line in out.splitlines():
        if line.startswith("@"):
            current = line.split()[0]
            groups[current] = []
        elif current and line.strip() and not line.strip().startswith("#"):
            groups[current].append(line.strip())
    return groups


def expand(names, groups, seen=None):
    seen = set() if seen is None else seen
    out = set()
    for name in names:
        if name.startswith("@"):
            if name not in seen:
                seen.add(name)
                out |= expand(groups.get(name, []), groups, seen)
        else:
            out.add(name)
    return out


def unit_settings(path):
    settings = {}
    for line in open(path):
        line = line.strip()
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def build_filter(unit_path):
    s = unit_settings(unit_path)
    groups = syscall_groups()
    allow, deny = set(), set()
    for value in s.get("SystemCallFilter", []):
        if value.startswith("~"):
            deny |= expand(value[1:].split(), groups)
        else:
            allow |= expand(value.split(), groups)
    allowed = allow - deny
    error = getattr(errno, s.get("SystemCallErrorNumber", ["EPERM"])[-1])
    default = ret_errno(error) if "SystemCallErrorNumber" in s else RET_KILL_PROCESS
    mdwe = s.get("MemoryDenyWriteExecute", ["no"])[-1] in ("yes", "true", "1")
    families = None
    if "RestrictAddressFamilies" in s:
        families = {FAMILIES[f] for f in s["RestrictAddressFamilies"][-1].split()}
    numbers = syscall_numbers()

    prog = []

    def ins(code, k, jt=0, jf=0):
        prog.append(struct.pack("HBBI", code, jt, jf, k))

    ins(LD_W_ABS, 4)                                 # arch
    ins(JEQ_K, AUDIT_ARCH_X86_64, 1, 0)
    ins(RET_K, RET_KILL_PROCESS)                     # SystemCallArchitectures=native
    ins(LD_W_ABS, 0)                                 # nr
    ins(JSET_K, X32_SYSCALL_BIT, 0, 1)
    ins(RET_K, ret_errno(error))
    arg_low = lambda i: 16 + 8 * i  # noqa: E731  (little-endian low word of args[i])
    if mdwe:
        # mmap with PROT_WRITE|PROT_EXEC, mprotect/pkey_mprotect adding PROT_EXEC: EPERM (as systemd does).
        ins(JEQ_K, numbers["mmap"], 0, 4)
        ins(LD_W_ABS, arg_low(2))
        ins(0x54, PROT_WRITE | PROT_EXEC)            # A &= W|X
        ins(JEQ_K, PROT_WRITE | PROT_EXEC, 0, 1)
        ins(RET_K, ret_errno(errno.EPERM))
        ins(LD_W_ABS, 0)
        for name in ("mprotect", "pkey_mprotect"):
            ins(JEQ_K, numbers[name], 0, 3)
            ins(LD_W_ABS, arg_low(2))
            ins(JSET_K, PROT_EXEC, 0, 1)
            ins(RET_K, ret_errno(errno.EPERM))
            ins(LD_W_ABS, 0)
    if families is not None and "socket" in allowed:
        ins(JEQ_K, numbers["socket"], 0, 3 + len(families))
        ins(LD_W_ABS, arg_low(0))
        for i, fam in enumerate(sorted(families)):
            ins(JEQ_K, fam, len(families) - i, 0)
        ins(RET_K, ret_errno(errno.EAFNOSUPPORT))
        ins(RET_K, RET_ALLOW)
    for name in sorted(allowed):
        if name in numbers:
            ins(JEQ_K, numbers[name], 0, 1)
            ins(RET_K, RET_ALLOW)
    ins(RET_K, default)
    return b"".join(prog), len(prog)


def main():
    if "--" not in sys.argv or len(sys.argv) < 4:
        sys.exit(__doc__)
    sep = sys.argv.index("--")
    unit, command = sys.argv[1], sys.argv[sep + 1:]
    code, length = build_filter(unit)
    buf = ctypes.create_string_buffer(code, len(code))

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = Prog(length, ctypes.addressof(buf))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        sys.exit(f"prctl(NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}")
    if libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        sys.exit(f"prctl(SECCOMP): {os.strerror(ctypes.get_errno())}")
    os.execvp(command[0], command)


if __name__ == "__main__":
    main()
