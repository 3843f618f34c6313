"""The published schemas are generated from the pandera models and must not drift from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.schemas import MODELS, table_schema

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_schema_matches_the_model(name: str) -> None:
    published = (SCHEMAS / f"{name}.yaml").read_text(encoding="utf-8")
    assert published == MODELS[name].to_schema().to_yaml(), (
        f"schemas/{name}.yaml drifted: run `figures schemas schemas` and review the diff"
    )


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_frictionless_schema_matches_the_model(name: str) -> None:
    published = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert published == table_schema(name), f"schemas/{name}.schema.json drifted"


def test_vocabularies_are_the_contract() -> None:
    yaml = (SCHEMAS / "figures.yaml").read_text(encoding="utf-8")
    for word in ("failed_to_reach", "other_incident", "decoy_drones", "km2", "at_least"):
        assert f"- {word}\n" in yaml
