"""Where Spotter keeps its files, resolved once by the CLI callback (never at import time).

Precedence for the database: ``--db URL``, then ``SPOTTER_DB``, then a SQLite file in the user's
data directory. ``SPOTTER_DATA_DIR`` and ``SPOTTER_CACHE_DIR`` move the data and cache folders
(the tests use them to stay out of the real home directory).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str
    data_dir: Path
    cache_dir: Path

    @property
    def user_catalog_dir(self) -> Path:
        """The user's own exercise entries, next to the built-in catalog."""
        return self.data_dir / "exercises"


def resolve_settings(db: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the command line and the environment."""
    import platformdirs

    env = os.environ if env is None else env
    data_dir = Path(env.get("SPOTTER_DATA_DIR") or platformdirs.user_data_dir("spotter"))
    cache_dir = Path(env.get("SPOTTER_CACHE_DIR") or platformdirs.user_cache_dir("spotter"))
    url = db or env.get("SPOTTER_DB") or f"sqlite:///{data_dir / 'spotter.db'}"
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return Settings(db_url=url, data_dir=data_dir, cache_dir=cache_dir)
