"""The line classifier the reader uses: the packaged model, or the one it is pointed at."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from flows import evaluate_pages
from transforms import line_kinds
from transforms.clean import clean_page
from transforms.lines import line_features, page_lines

PAGE = "一个标题\n\n第一段正文，我们自己写的句子，讲述一件小事。\n\n第二段正文，也是我们写的。"


def _tiny_model(path: Path) -> Path:
    """A model trained in a moment on one page of ours, whose lines are all B but the first."""
    lines = page_lines(clean_page(PAGE))
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append(line_features(lines), ["H"] + ["B"] * (len(lines) - 1))
    trainer.set_params({"max_iterations": 5})
    trainer.train(str(path))
    return path


def test_the_reader_opens_the_model_it_is_pointed_at(monkeypatch, tmp_path: Path) -> None:
    line_kinds.read_lines(clean_page(PAGE))
    packaged = line_kinds._tagger()
    monkeypatch.setattr(line_kinds, "MODEL_PATH", _tiny_model(tmp_path / "m.crfsuite"))
    assert line_kinds._tagger() is not packaged
    assert [line.role for line in line_kinds.read_lines(clean_page(PAGE))][0] == "H"


def test_eval_pages_reads_with_the_model_it_is_given(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(line_kinds, "MODEL_PATH", line_kinds.MODEL_PATH)
    monkeypatch.setattr(evaluate_pages, "DEV_DATA", tmp_path / "absent.jsonl.gz")
    model = _tiny_model(tmp_path / "m.crfsuite")
    assert evaluate_pages.main(["--model", str(model)]) == 0
    assert model == line_kinds.MODEL_PATH
