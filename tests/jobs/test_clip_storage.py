"""Clip storage: uploads are checked before anything is written, kept under the SHA-256 of their
bytes, written whole or not at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from spotter.config import Settings
from spotter.errors import ValidationError
from spotter.jobs.storage import (
    MAX_CLIP_BYTES,
    ClipStore,
    check_video,
    clips_dir,
    read_upload,
    sniff,
)

#: A box header as every ISO base media file starts (size, 'ftyp', brand): no frames follow.
MP4_HEAD = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"


def test_the_clip_limit_is_the_apis_upload_limit() -> None:
    from spotter.api.limits import UPLOAD_LIMIT_BYTES

    assert MAX_CLIP_BYTES == UPLOAD_LIMIT_BYTES == 20_000_000


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (MP4_HEAD, "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x20\x05\x03\x00qt  ", "video/quicktime"),
        (b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", "video/quicktime"),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x88matroska", "video/x-matroska"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87", "video/webm"),
        (b"RIFF\xf0\x10\x00\x00AVI LIST\x00\x00", "video/x-msvideo"),
    ],
)
def test_each_container_is_known_by_its_first_bytes(head: bytes, media_type: str) -> None:
    assert sniff(head) == media_type
    assert check_video(head + b"\x00" * 100) == media_type


@pytest.mark.parametrize(
    "body",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image
        b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00",  # RIFF, but audio
        b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 8,  # an MP3
        b"PK\x03\x04" + b"\x00" * 20,  # a zip
        b"workout_start,exercise\n",  # a CSV named .mp4
        b"\x00\x00\x00",  # too short to tell
    ],
)
def test_anything_else_is_refused_naming_the_file_field(body: bytes) -> None:
    with pytest.raises(ValidationError) as err:
        check_video(body, "set.mp4")
    assert err.value.field == "file"
    assert "set.mp4" in str(err.value) and "MP4, MOV, WebM, MKV or AVI" in str(err.value)


def test_a_clip_over_the_limit_or_empty_is_refused_before_it_is_read_whole() -> None:
    import io

    stream = io.BytesIO(b"\x00" * 5000)
    with pytest.raises(ValidationError, match=r"larger than 0\.001 MB") as err:
        read_upload(stream, limit=1000)
    assert err.value.field == "file"
    assert stream.tell() == 1001  # read one byte past the limit, no more
    with pytest.raises(ValidationError, match="empty"):
        read_upload(b"")


def test_a_clip_is_stored_once_under_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    store = ClipStore(tmp_path / "clips")
    body = MP4_HEAD + b"frames" * 100
    digest = hashlib.sha256(body).hexdigest()
    first = store.put(body, "video/mp4")
    again = store.put(body, "video/mp4")
    assert first == again
    assert first.path == f"{digest[:2]}/{digest}.mp4" and first.sha256 == digest
    assert store.path(first.path).read_bytes() == body
    files = [p for p in (tmp_path / "clips").rglob("*") if p.is_file()]
    assert files == [store.path(first.path)]  # no temporary file left behind


def test_a_failed_write_leaves_neither_a_part_file_nor_a_clip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    store = ClipStore(tmp_path / "clips")

    def broken_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_disk)
    with pytest.raises(OSError, match="No space"):
        store.put(MP4_HEAD + b"x" * 50, "video/mp4")
    assert [p for p in (tmp_path / "clips").rglob("*") if p.is_file()] == []


def test_a_stored_path_cannot_leave_clip_storage(tmp_path: Path) -> None:
    store = ClipStore(tmp_path / "clips")
    with pytest.raises(ValueError, match="outside"):
        store.path("../spotter.db")


def test_clip_storage_is_in_the_data_folder_unless_spotter_clips_names_a_shared_one(
    tmp_path: Path,
) -> None:
    settings = Settings(db_url="sqlite://", data_dir=tmp_path / "data", cache_dir=tmp_path / "c")
    assert clips_dir(settings, env={}) == tmp_path / "data" / "clips"
    shared = tmp_path / "nfs" / "clips"
    assert clips_dir(settings, env={"SPOTTER_CLIPS": str(shared)}) == shared
