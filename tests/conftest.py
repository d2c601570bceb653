"""Shared fixtures: every test runs with its own data, cache and database folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Spotter's data, cache and database at a temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("SPOTTER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SPOTTER_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("SPOTTER_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def catalog():  # type: ignore[no-untyped-def]
    """The built-in catalog, loaded once."""
    from spotter.services.catalog import load_catalog

    return load_catalog(None)


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, skipping the test when it is absent."""
    path = SHARED.joinpath("data", *parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (shared data is optional)")
    return path
