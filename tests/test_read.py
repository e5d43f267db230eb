"""Discovering and decoding page files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import DATA

from flows.read import ReadError, check_text, decode_bytes, discover, read_file, read_sidecar_date

INPUTS = DATA / "inputs"
GOOD = [
    "utf8_page.txt",
    "utf8_bom_page.txt",
    "utf16_page.txt",
    "gbk_page.txt",
    "gb18030_page.txt",
    "crlf_page.txt",
]
BAD = {
    "empty.txt": "empty",
    "whitespace.txt": "whitespace",
    "binary.txt": "not UTF-8, UTF-16 or GB18030",
    "latin1.txt": "not UTF-8, UTF-16 or GB18030",
    "no_text.txt": "no text",
}


@pytest.mark.parametrize("name", GOOD)
def test_supported_encodings_decode_to_the_same_page(name: str) -> None:
    text, _ = decode_bytes((INPUTS / name).read_bytes())
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("𠀀", "")
    assert text == (INPUTS / "utf8_page.txt").read_text(encoding="utf-8")


def test_gbk_is_recognised_as_gb18030() -> None:
    _, encoding = decode_bytes((INPUTS / "gbk_page.txt").read_bytes())
    assert encoding == "gb18030"


@pytest.mark.parametrize(("name", "reason"), BAD.items())
def test_unreadable_files_are_rejected_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        text, _ = decode_bytes((INPUTS / name).read_bytes())
        check_text(text)


def test_text_with_nul_bytes_is_binary() -> None:
    with pytest.raises(ReadError, match="binary"):
        check_text("开发区\x00\x00\x00\x01\x02\x03\x04")


def test_discover_takes_only_txt_files_inside_the_source(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "sub").mkdir(parents=True)
    (source / "a.txt").write_text("甲", encoding="utf-8")
    (source / "sub" / "b.txt").write_text("乙", encoding="utf-8")
    (source / "notes.md").write_text("丙", encoding="utf-8")
    (source / ".hidden.txt").write_text("丁", encoding="utf-8")
    (source / "dir.txt").mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("戊", encoding="utf-8")
    os.symlink(outside, source / "escape.txt")
    os.symlink(source / "a.txt", source / "inside-link.txt")
    paths = [f.path for f in discover(source)]
    assert paths == ["a.txt", "inside-link.txt", "sub/b.txt"]


def test_discover_hashes_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"abc")
    [found] = discover(tmp_path)
    assert found.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert found.size_bytes == 3


def test_sidecar_gives_the_page_date(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("开发区", encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text('{"date": "2019-10-18"}', encoding="utf-8")
    assert str(read_sidecar_date(page)) == "2019-10-18"


def test_a_broken_sidecar_is_a_read_error(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("开发区", encoding="utf-8")
    (tmp_path / "page.txt.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ReadError, match="sidecar"):
        read_sidecar_date(page)


def test_a_file_changed_after_discovery_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("开发区讯 10月17日，开发区召开会议。", encoding="utf-8")
    [found] = discover(tmp_path)
    page.write_text("开发区讯 10月18日，开发区召开会议。", encoding="utf-8")
    with pytest.raises(ReadError, match="changed while the run"):
        read_file(found)
