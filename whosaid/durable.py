"""Files that survive a power cut: fsync the data before it is renamed into place, and the folder after.

The build writes with `synchronous = OFF`, which is safe only because the file
is complete before anyone can see it. A rename is not a write of the data,
though: after a power cut the new name can point at a file whose last pages
never reached the disk. So the file is flushed to disk first, then renamed,
then its folder is flushed so the rename itself is kept.
"""

import os


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
