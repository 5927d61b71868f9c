#!/usr/bin/env python3
"""Runs a command under a seccomp allow-list made from systemd's own definition of a syscall group,
as SystemCallFilter= does when systemd is not PID 1 (test machines): everything outside the group
kills the process with SIGSYS, and no_new_privs is set (NoNewPrivileges=).

    syscall-filter.py @system-service -- command [args...]
"""
import os
import subprocess
import sys

import seccomp


def expand(group, seen):
    """The syscall names of a group, with its nested @groups expanded (systemd-analyze lists them)."""
    if group in seen:
        return set()
    seen.add(group)
    out = subprocess.run(["systemd-analyze", "syscall-filter", group], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines()[1:]:
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        if item.startswith("@"):
            names |= expand(item, seen)
        else:
            names.add(item)
    return names


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    allowed = expand(sys.argv[1], set())
    flt = seccomp.SyscallFilter(defaction=seccomp.KILL_PROCESS)
    known = 0
    for name in sorted(allowed):
        try:
            flt.add_rule(seccomp.ALLOW, name)
            known += 1
        except (ValueError, RuntimeError, OSError):
            pass  # not a syscall of this architecture (e.g. arm_fadvise64_64 on x86_64)
    print(f"syscall filter {sys.argv[1]}: {known} syscalls allowed", file=sys.stderr)
    flt.load()  # libseccomp sets no_new_privs itself
    os.execvp(sys.argv[3], sys.argv[3:])


main()
