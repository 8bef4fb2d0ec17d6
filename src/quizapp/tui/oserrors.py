"""The operating system's reasons, in the interface language.

`OSError.strerror` is the C library's English ("No such file or directory"); a dialog in
Bahasa Indonesia says it in Indonesian. Reasons without a wording here are shown as the
system gives them.
"""

from __future__ import annotations

import errno

REASONS: dict[int, dict[str, str]] = {
    errno.ENOENT: {"id": "folder atau berkas tidak ada", "en": "no such file or folder"},
    errno.EACCES: {"id": "tidak ada izin", "en": "permission denied"},
    errno.EPERM: {"id": "tidak diizinkan", "en": "not permitted"},
    errno.EEXIST: {"id": "berkas sudah ada", "en": "the file already exists"},
    errno.EISDIR: {"id": "itu sebuah folder", "en": "it is a folder"},
    errno.ENOTDIR: {"id": "bagian jalurnya bukan folder", "en": "part of the path is not a folder"},
    errno.ENOSPC: {"id": "disk penuh", "en": "the disk is full"},
    errno.EROFS: {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    errno.ENAMETOOLONG: {"id": "nama berkas terlalu panjang", "en": "the file name is too long"},
    errno.EDQUOT: {"id": "kuota disk habis", "en": "the disk quota is used up"},
    errno.ELOOP: {"id": "terlalu banyak tautan simbolik", "en": "too many symbolic links"},
}


def os_reason(exc: OSError, lang: str) -> str:
    """Why `exc` happened, in `lang` (the system's own words when not listed here)."""
    words = REASONS.get(exc.errno) if exc.errno is not None else None
    if words is not None:
        return words.get(lang) or words["en"]
    return str(exc.strerror or exc)
