"""Clip storage: uploaded videos in a folder, each named by the SHA-256 of its content.

The folder is ``clips/`` in Spotter's data folder, or ``SPOTTER_CLIPS`` when set: point every
server and ``spotter worker`` machine at one shared folder (NFS, a mounted volume) so that a clip
uploaded to one is analysed on another. The database keeps paths relative to this folder, so the
machines may mount it at different places.

Layout: ``<sha256[:2]>/<sha256>.<ext>`` for an upload (the same bytes uploaded twice are stored
once) and ``annotated/<check uuid>.mp4`` for the annotated video of a check. Every file is
written to a temporary name in its final folder and renamed into place, so a reader never sees a
half-written file and a writer killed midway leaves only a temporary file behind.

What is kept how long, and what deletes it: :mod:`spotter.jobs.retention`.

Before anything is stored the upload's size and type are checked: at most
:data:`MAX_CLIP_BYTES`, and a video container recognised by its first bytes (:func:`sniff`),
whatever the file name or the declared content type say.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from spotter.config import Settings
from spotter.errors import ValidationError

#: The largest clip accepted: the API's limit for an uploaded file body (20 MB, ``api.limits``;
#: a test keeps the two equal). At phone bitrates of about 8-17 Mbit/s that is 10-20 s of 1080p;
#: a longer set fits when filmed at 720p.
MAX_CLIP_BYTES = 20_000_000
#: The environment variable naming a clip folder shared by several machines.
CLIPS_ENV = "SPOTTER_CLIPS"

#: The containers accepted: media type and the file suffix the clip is stored under.
CONTAINERS: dict[str, str] = {
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
    "video/x-matroska": ".mkv",
    "video/x-msvideo": ".avi",
}
#: QuickTime files from before the ``ftyp`` box begin with one of these atoms.
_QUICKTIME_ATOMS = (b"moov", b"mdat", b"wide")
#: ISO base media brands of QuickTime (the rest are MP4 family: isom, mp41, mp42, avc1, 3gp...).
_QUICKTIME_BRANDS = (b"qt  ",)


def sniff(head: bytes) -> str | None:
    """The media type of a video container from the file's first bytes (at least 12), or None.

    ISO base media (MP4, MOV, 3GP: an ``ftyp`` box first), Matroska and WebM (the EBML magic
    ``1A 45 DF A3``; the ``webm`` doctype tells them apart when it is in view) and AVI (a RIFF
    file of form ``AVI``).

    >>> sniff(b"\\x00\\x00\\x00\\x18ftypmp42\\x00\\x00\\x00\\x00")
    'video/mp4'
    >>> sniff(b"\\x00\\x00\\x00\\x14ftypqt  \\x00\\x00\\x00\\x00")
    'video/quicktime'
    >>> sniff(b"\\x1a\\x45\\xdf\\xa3\\x9f\\x42\\x86\\x81\\x01\\x42\\x82\\x84webm")
    'video/webm'
    >>> sniff(b"RIFF\\x24\\x00\\x00\\x00AVI LIST")
    'video/x-msvideo'
    >>> sniff(b"RIFF\\x24\\x00\\x00\\x00WAVEfmt "), sniff(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\x0d")
    (None, None)
    """
    if len(head) < 12:
        return None
    if head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] in _QUICKTIME_BRANDS else "video/mp4"
    if head[4:8] in _QUICKTIME_ATOMS:
        return "video/quicktime"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video/x-msvideo"
    return None


def clips_dir(settings: Settings, env: Mapping[str, str] | None = None) -> Path:
    """The clip storage folder: ``SPOTTER_CLIPS``, else ``clips`` in the data folder."""
    env = os.environ if env is None else env
    shared = env.get(CLIPS_ENV, "").strip()
    return Path(shared).expanduser() if shared else settings.data_dir / "clips"


@dataclass(frozen=True, slots=True)
class StoredClip:
    """An upload in clip storage."""

    sha256: str
    path: str  #: relative to the storage folder
    media_type: str
    size_bytes: int


def read_upload(data: BinaryIO | bytes, *, limit: int = MAX_CLIP_BYTES) -> bytes:
    """The upload's bytes, refusing one over ``limit`` or empty (field ``file``)."""
    body = data if isinstance(data, bytes) else data.read(limit + 1)
    if len(body) > limit:
        raise ValidationError(
            f"the clip is larger than {limit / 1_000_000:g} MB, the most accepted; trim it or "
            "film at a lower resolution",
            field="file",
        )
    if not body:
        raise ValidationError("the clip is empty", field="file")
    return body


def check_video(body: bytes, filename: str = "") -> str:
    """The media type of the upload's container; :class:`ValidationError` (field ``file``) for
    anything that is not a video container Spotter reads."""
    media_type = sniff(body[:64])
    if media_type is None:
        name = f" {filename!r}" if filename else ""
        raise ValidationError(
            f"the file{name} is not a video Spotter can read: expected MP4, MOV, WebM, MKV or "
            "AVI (its first bytes match none of them)",
            field="file",
        )
    return media_type


class ClipStore:
    """The clip storage folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def of(cls, settings: Settings) -> ClipStore:
        return cls(clips_dir(settings))

    def put(self, body: bytes, media_type: str) -> StoredClip:
        """Store an upload already checked (:func:`check_video`) under its content hash."""
        sha = hashlib.sha256(body).hexdigest()
        relative = f"{sha[:2]}/{sha}{CONTAINERS[media_type]}"
        target = self.root / relative
        try:  # stored already: made fresh again, so that pruning leaves it to this upload
            if target.stat().st_size == len(body):
                os.utime(target)
                return StoredClip(sha, relative, media_type, len(body))
        except FileNotFoundError:
            pass
        write_atomically(target, body)
        return StoredClip(sha, relative, media_type, len(body))

    def path(self, relative: str) -> Path:
        """The file of a stored relative path (refusing one that leaves the folder)."""
        found = (self.root / relative).resolve()
        if not found.is_relative_to(self.root.resolve()):
            raise ValueError(f"{relative!r} is outside clip storage")
        return found

    def annotated_path(self, check_uuid: str) -> str:
        """Where the annotated video of a check goes (relative)."""
        return f"annotated/{check_uuid}.mp4"


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's content, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temporary_beside(target: Path) -> Path:
    """A fresh temporary name in ``target``'s folder (made if missing), for a rename into
    place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(f".{target.stem}.{secrets.token_hex(6)}.part{target.suffix}")


def write_atomically(target: Path, body: bytes) -> None:
    """Write ``body`` to a temporary file beside ``target``, flush it to disk and rename it into
    place (readers see the old file or the whole new one, never a part)."""
    temp = temporary_beside(target)
    try:
        with temp.open("wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
