#!/usr/bin/env python
"""Train warta's Stanza models for Indonesian from the shared data, offline, in one command.

    pip install -e ".[stanza]" gensim
    OMP_NUM_THREADS=1 python scripts/train_stanza.py            # every step: prepare ... evaluate
    python scripts/train_stanza.py --help

See ``warta.stanza_training`` and ``models/stanza/MODEL_CARD.md``.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from warta.stanza_training import main  # noqa: E402

if __name__ == "__main__":
    main()
