"""Shared plumbing for warta's rule components: settings serialized as ``cfg.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Union

from spacy import util


class SettingsComponent:
    """Base for components whose state is a few JSON settings (data stays in ``warta/data``)."""

    name: str
    settings: dict[str, Any]

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = util.ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps(self.settings, ensure_ascii=False, indent=2), encoding="utf-8")

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "SettingsComponent":
        cfg = util.ensure_path(path) / "cfg.json"
        if cfg.exists():
            self.settings.update(json.loads(cfg.read_text(encoding="utf-8")))
            self.configure()
        return self

    def configure(self) -> None:
        """Rebuild derived state after settings change; override when needed."""
