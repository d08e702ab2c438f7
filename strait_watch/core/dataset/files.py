"""Layer 1, the file system: a file of the package or the corpus is a plain file inside its folder.

Files are opened without following a symbolic link (a planted link would redirect what the check reads and
what a save writes), folders, pipes and devices are refused by what they are, not by a traceback, and a file
larger than MAX_FILE_BYTES is refused before it is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

# The shipped tables are under 0.1 MB and a 300x synthetic package under 20 MB.
MAX_FILE_BYTES = 64 * 1024 * 1024
LINK = "is a symbolic link; the data package and the corpus must be plain files (put the file itself here)"
MISSING = "missing file"
MAX_WALK = 20_000  # entries looked at for links: a data folder holds a few dozen


def inside(relative: str) -> bool:
    """Whether a path from datapackage.json names a file inside the data folder (relative, no '..')."""
    path = PurePosixPath(relative)
    return (bool(relative) and "\\" not in relative and "\x00" not in relative and not path.is_absolute()
            and ".." not in path.parts and path.parts != ())


def read_plain(folder: Path, relative: str, limit: int = MAX_FILE_BYTES) -> bytes | str:
    """The bytes of `relative` under `folder`, or the sentence saying why they cannot be read."""
    if not inside(relative):
        return f"'{relative}' is not a file inside the folder"
    parts = PurePosixPath(relative).parts
    for depth in range(1, len(parts)):  # the folders on the way: plain folders, not links
        between = folder.joinpath(*parts[:depth])
        if between.is_symlink():
            return LINK
        if not between.is_dir():
            return MISSING
    try:
        handle = os.open(folder.joinpath(*parts), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return MISSING
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return LINK
        if exc.errno == errno.ENOTDIR:
            return MISSING
        return f"cannot read the file: {exc.strerror or exc}"
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            return "is a folder, not a file"
        if not stat.S_ISREG(info.st_mode):
            return "is not a plain file (a pipe, socket or device); put the file itself here"
        if info.st_size > limit:
            return (f"file is {info.st_size / 2**20:,.1f} MB, more than the {limit / 2**20:,.0f} MB the check"
                    " reads: is it the right file?")
        with os.fdopen(handle, "rb", closefd=False) as fh:
            return fh.read(limit + 1)
    except OSError as exc:
        return f"cannot read the file: {exc.strerror or exc}"
    finally:
        os.close(handle)


def links(folder: Path) -> list[str]:
    """Every symbolic link under `folder`, as a path relative to it (links are listed, never followed)."""
    found, seen = [], 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        for name in sorted(dirs + names):
            seen += 1
            if seen > MAX_WALK:
                return found
            path = Path(root, name)
            if path.is_symlink():
                found.append(path.relative_to(folder).as_posix())
        dirs.sort()
    return sorted(found)
