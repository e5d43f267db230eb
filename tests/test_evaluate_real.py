"""The real-text tables: references only, scored against the development data when it is there."""

import gzip
import json
from pathlib import Path

import pytest

from flows.evaluate_real import (
    DEV_DATA,
    REAL_DEV_GOLD,
    REAL_SECOND_GOLD,
    body_paragraphs,
    evaluate_real_table,
    load_articles,
    missing_data_message,
)

_REFERENCE_KEYS = {"date", "page", "article", "paragraph", "metrics"}
_METRIC_KEYS = {"value", "value_high", "unit", "value_base", "value_base_high", "unit_base"}
_METRIC_KEYS |= {"qualifier", "indicator", "change_text"}


@pytest.mark.parametrize("table", [REAL_DEV_GOLD, REAL_SECOND_GOLD], ids=["dev", "second"])
def test_real_tables_hold_references_not_text(table: Path) -> None:
    entries = json.loads(table.read_text(encoding="utf-8"))["paragraphs"]
    assert len(entries) >= 40
    for entry in entries:
        assert set(entry) == _REFERENCE_KEYS
        for row in entry["metrics"]:
            assert set(row) == _METRIC_KEYS
            assert row["indicator"] is None or len(row["indicator"]) <= 24


def test_a_table_is_scored_from_the_data_file(tmp_path: Path) -> None:
    text = "\r\n标题\r\n\r\n\u3000\u3000全县投资12亿元，同比增长5%。\r\n\u3000\u3000招商引资项目30个。"
    data = tmp_path / "dev.jsonl.gz"
    with gzip.open(data, "wt", encoding="utf-8") as f:
        f.write(
            json.dumps({"date": "20240101", "page": "02", "seq": 3, "text": text}, ensure_ascii=False) + "\n"
        )
    row = dict.fromkeys(_METRIC_KEYS)
    gold = [
        {**row, "value": 12, "unit": "亿元", "value_base": 1.2e9, "unit_base": "CNY", "indicator": "投资"},
        {**row, "value": 5, "unit": "%", "value_base": 5, "unit_base": "percent", "change_text": "同比增长"},
        {**row, "value": 7, "unit": "个", "value_base": 7, "unit_base": "个"},
    ]
    table = tmp_path / "table.json"
    entry = {"date": "20240101", "page": "02", "article": 3, "paragraph": 0, "metrics": gold}
    table.write_text(json.dumps({"paragraphs": [entry]}, ensure_ascii=False), encoding="utf-8")
    articles = load_articles(data)
    assert body_paragraphs(articles[("20240101", "02", 3)])[0] == "全县投资12亿元，同比增长5%。"
    scores = evaluate_real_table(table, articles)
    assert (scores.n_gold, scores.n_extracted, scores.matched) == (3, 2, 2)
    assert scores.field_ok["change"] == 2 and scores.field_ok["indicator"] == 1
    assert len(scores.misses) == 1


def test_missing_data_is_said_plainly(tmp_path: Path) -> None:
    message = missing_data_message(tmp_path / "absent.jsonl.gz")
    assert "missing" in message and "absent.jsonl.gz" in message


@pytest.mark.skipif(not DEV_DATA.exists(), reason="the development data ../shared/data is not here")
def test_development_table_meets_target() -> None:
    scores = evaluate_real_table(REAL_DEV_GOLD, load_articles())
    assert scores.n_gold >= 300
    assert scores.f1 >= 0.97
