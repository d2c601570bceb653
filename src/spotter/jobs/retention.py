"""How long clip storage keeps what it holds, and the pruning that applies it.

The policy (the README's worker section says the same):

* **An uploaded clip** is kept while a check that uses it is queued or running, and for
  :data:`DEFAULT_DAYS` days (``SPOTTER_CLIP_RETENTION_DAYS``; ``never`` keeps clips for good)
  after the last check using it finished, done or failed. Then it is deleted; the checks keep
  their report and annotated video. Clips are stored by content, so one file may serve several
  checks (the same bytes uploaded twice): it stays until every check using it is past the
  retention period or deleted.
* **An annotated video** is kept as long as its check: it is the report's picture.
* **A deleted check** takes its annotated video with it at once, and its clip too unless
  another check still uses the same file.
* **Files no check refers to** (an upload refused after it was stored, the part-written file
  of a writer that was killed, the video of a check deleted while it ran) are deleted once
  they are older than :data:`GRACE`; a younger one may belong to an upload whose check is
  being recorded at this moment. Files whose names clip storage does not give are left alone.

Pruning runs every :data:`PRUNE_EVERY_S` seconds in ``spotter worker`` (PostgreSQL; one worker
at a time, under an advisory lock) and in ``spotter serve`` (SQLite), and on demand with
``spotter form-checks prune``. One clip folder belongs to one database: pruning deletes what
that database does not refer to.

:func:`to_delete` decides (a pure function of the files and what the database keeps);
:func:`prune` reads both and deletes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from spotter.errors import ValidationError

if TYPE_CHECKING:
    from spotter.compose import Runtime
    from spotter.jobs.storage import ClipStore

log = logging.getLogger("spotter.jobs")

#: Days an uploaded clip is kept after the last check using it finished.
DEFAULT_DAYS = 30
#: The longest retention in days (a hundred years; ``never`` keeps clips for good).
MAX_DAYS = 36500
#: The environment variable setting those days (a whole number, or ``never``).
DAYS_ENV = "SPOTTER_CLIP_RETENTION_DAYS"
#: How old a file no check refers to must be before it is deleted.
GRACE = dt.timedelta(hours=1)
#: Seconds between two prunings by a running worker or server.
PRUNE_EVERY_S = 3600.0
#: Seconds after a worker or server starts before it prunes for the first time.
FIRST_PRUNE_S = 60.0

_CLIP = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{2,5}")
_ANNOTATED = re.compile(r"annotated/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.mp4")
_PART = re.compile(r"(?:[0-9a-f]{2}|annotated)/\.[^/]+\.[0-9a-f]{12}\.part\.[a-z0-9]{2,5}")


class Kind(StrEnum):
    """What a file in clip storage is, by its name."""

    CLIP = "clip"  #: an upload, ``<sha[:2]>/<sha>.<ext>``
    ANNOTATED = "annotated"  #: ``annotated/<check uuid>.mp4``
    PART = "part"  #: a temporary file of a write in progress (or of a killed writer)


def kind_of(relative: str) -> Kind | None:
    """The kind of a file by its path relative to clip storage; None for a name clip storage
    never gives (left alone).

    >>> sha = "ab" * 32
    >>> kind_of(f"ab/{sha}.mp4"), kind_of("annotated/0b7c1e7e-2d5a-4c1e-9a57-3c1f0c9d7e21.mp4")
    (<Kind.CLIP: 'clip'>, <Kind.ANNOTATED: 'annotated'>)
    >>> kind_of(f"ab/.{sha}.0123456789ab.part.mp4")
    <Kind.PART: 'part'>
    >>> kind_of("notes.txt"), kind_of(f"cd/{sha}.mp4/x")
    (None, None)
    """
    if _CLIP.fullmatch(relative):
        return Kind.CLIP
    if _ANNOTATED.fullmatch(relative):
        return Kind.ANNOTATED
    if _PART.fullmatch(relative):
        return Kind.PART
    return None


def retention_days(env: Mapping[str, str] | None = None) -> int | None:
    """The days clips are kept: ``SPOTTER_CLIP_RETENTION_DAYS``, else :data:`DEFAULT_DAYS`;
    None for ``never``.

    >>> retention_days({}), retention_days({DAYS_ENV: " 7 "}), retention_days({DAYS_ENV: "never"})
    (30, 7, None)
    >>> retention_days({DAYS_ENV: "a week"})
    Traceback (most recent call last):
    ...
    spotter.errors.ValidationError: SPOTTER_CLIP_RETENTION_DAYS='a week': expected a whole number of days (0 to 36500) or never
    """
    env = os.environ if env is None else env
    text = env.get(DAYS_ENV, "").strip()
    if not text:
        return DEFAULT_DAYS
    return parse_days(text, DAYS_ENV)


def parse_days(text: str, where: str) -> int | None:
    """Days of retention as written (a whole number of 0 or more, or ``never``)."""
    value = text.strip().lower()
    if value == "never":
        return None
    if value.isdigit() and int(value) <= MAX_DAYS:
        return int(value)
    raise ValidationError(
        f"{where}={text!r}: expected a whole number of days (0 to {MAX_DAYS}) or never",
        field=where,
    )


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file in clip storage: its path relative to the folder, and when it was last written."""

    path: str
    modified: dt.datetime


def to_delete(
    files: Iterable[StoredFile],
    keep: Iterable[str],
    *,
    now: dt.datetime,
    grace: dt.timedelta = GRACE,
) -> list[str]:
    """The files to delete: those of a kind clip storage makes, not in ``keep`` (what the
    database still refers to under the policy), and older than ``grace``.

    >>> now = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)
    >>> old, new = now - dt.timedelta(days=2), now - dt.timedelta(minutes=5)
    >>> sha, other = "ab" * 32, "cd" * 32
    >>> files = [StoredFile(f"ab/{sha}.mp4", old), StoredFile(f"cd/{other}.mov", old),
    ...          StoredFile(f"cd/{'cd' * 31}ee.mp4", new), StoredFile("README", old)]
    >>> to_delete(files, {f"ab/{sha}.mp4"}, now=now)
    ['cd/cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd.mov']
    """
    kept = set(keep)
    cutoff = now - grace
    return sorted(
        f.path
        for f in files
        if kind_of(f.path) is not None and f.path not in kept and f.modified < cutoff
    )


def stored_files(root: Path) -> list[StoredFile]:
    """Every file under the clip storage folder (empty when it does not exist yet)."""
    if not root.is_dir():
        return []
    found: list[StoredFile] = []
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            try:
                mtime = path.stat().st_mtime
            except OSError:  # deleted meanwhile
                continue
            found.append(StoredFile(
                path.relative_to(root).as_posix(), dt.datetime.fromtimestamp(mtime, dt.UTC)
            ))
    return found


@dataclass(frozen=True, slots=True)
class Pruned:
    """What a pruning deleted (or would delete, on a dry run)."""

    clips: int
    annotated: int
    parts: int
    bytes: int
    paths: tuple[str, ...]


def delete_files(store: ClipStore, paths: Iterable[str], *, now: dt.datetime,
                 grace: dt.timedelta = GRACE, dry_run: bool = False) -> Pruned:
    """Delete these files of clip storage, each looked at again just before: one written
    within ``grace`` meanwhile (the same clip uploaded again) is kept."""
    counts = dict.fromkeys(Kind, 0)
    freed = 0
    done: list[str] = []
    for relative in paths:
        kind = kind_of(relative)
        if kind is None:
            continue
        path = store.path(relative)
        try:
            info = path.stat()
        except OSError:
            continue
        if dt.datetime.fromtimestamp(info.st_mtime, dt.UTC) >= now - grace:
            continue
        if not dry_run:
            try:
                path.unlink()
            except FileNotFoundError:
                continue
        counts[kind] += 1
        freed += info.st_size
        done.append(relative)
    return Pruned(counts[Kind.CLIP], counts[Kind.ANNOTATED], counts[Kind.PART], freed,
                  tuple(done))


def prune(
    rt: Runtime,
    *,
    days: int | None,
    now: dt.datetime | None = None,
    grace: dt.timedelta = GRACE,
    dry_run: bool = False,
) -> Pruned:
    """Apply the policy to the runtime's clip storage: ``days`` of retention (None: clips are
    kept for good; what no check refers to still goes)."""
    from spotter.jobs.storage import ClipStore
    from spotter.store.form_check_repo import kept_files

    now = rt.now() if now is None else now
    cutoff = None if days is None else now - dt.timedelta(days=days)
    with rt.engine.connect() as conn:
        keep = kept_files(conn, clips_finished_since=cutoff)  # before the files are listed
    store = ClipStore.of(rt.settings)
    doomed = to_delete(stored_files(store.root), keep, now=now, grace=grace)
    pruned = delete_files(store, doomed, now=now, grace=grace, dry_run=dry_run)
    if pruned.paths and not dry_run:
        log.info(
            "clip storage pruned: %d clips, %d annotated videos, %d partial files (%.1f MB)",
            pruned.clips, pruned.annotated, pruned.parts, pruned.bytes / 1e6,
        )
    return pruned
