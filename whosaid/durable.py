"""The database file as written: under a temporary name, durably renamed into place, and what failed.

The build writes with `synchronous = OFF`, which is safe only because the
file is complete before anyone can see it. A rename is not a write of the
data, though: after a power cut the new name can point at a file whose last pages
never reached the disk. So the file is flushed to disk first, then renamed,
then its folder is flushed so the rename itself is kept.
"""

import errno
import os
import re
import secrets

from .problems import Problem


def fsync_file(path):
    with open(path, "rb") as file:
        os.fsync(file.fileno())


def fsync_folder(path):
    """Flush a folder's entries (new names, renames); a no-op where folders cannot be opened (Windows)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace_durably(source, target):
    """Rename `source` to `target` so that after a crash `target` is either the old file or all of the new."""
    fsync_file(source)
    os.replace(source, target)
    fsync_folder(os.path.dirname(os.path.abspath(target)))


# SQLite's words for a database it cannot write: the folder, the file system or the disk.
WRITE_FAILURE = re.compile(r"unable to open|readonly|read-only|disk is full|disk I/O|database or disk", re.IGNORECASE)


def unwritable(db_path, error):
    """The problem of a database that could not be written: the folder, the disk, or the file system."""
    reason = getattr(error, "strerror", None) or str(error)
    if "full" in reason.lower() or getattr(error, "errno", None) == errno.ENOSPC:
        fix = f"free space on the disk that holds {db_path.parent}, or give --db a path on another disk"
    else:
        fix = f"give --db a path in a folder you can write, or let this user write {db_path.parent}"
    return Problem(str(db_path), f"cannot be written: {reason}", fix=fix)


def temporary_name(db_path):
    """".ukraine.db.<pid>.<random>.tmp": unique per process and per build, and telling whose it is."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def remove_stale_temporaries(db_path):
    """Delete temporary files that builds killed mid-write left beside the target (their process is gone)."""
    ours = re.compile(rf"^\.{re.escape(db_path.name)}\.([0-9]+)\.[0-9a-f]+\.tmp(?:-journal|-wal|-shm|\.inspect\.json)?$")
    for leftover in db_path.parent.iterdir():
        match = ours.match(leftover.name)
        if match and not process_is_alive(int(match.group(1))):
            leftover.unlink(missing_ok=True)


def process_is_alive(pid):
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process: leave its file alone
    return True
