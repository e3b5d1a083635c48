"""`make train`: train every learned component from the DEV split gold, reproducibly.

Nothing is downloaded; artefacts are written next to their code with a model card.
"""
from __future__ import annotations

from models.person_filter.train import main as train_person_filter


def main() -> None:
    train_person_filter()


if __name__ == "__main__":
    main()
