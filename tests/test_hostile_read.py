"""Text is text: pages full of Unicode spaces (U+00A0, U+3000 …) are read, binary data is still refused."""

from __future__ import annotations

import pytest

from flows.read import ReadError, decode_page

PARAGRAPH = "本报讯 10月17日,开发区召开重点项目推进会,全年完成投资3.5亿元。"


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f", "\x0b", "\x0c"]
)
def test_a_page_mostly_of_unicode_spaces_is_text(space: str) -> None:
    # e-paper pages indent with U+3000 and space with U+00A0: here more spaces than letters
    page = "\r\n".join(space * 40 + PARAGRAPH for _ in range(20))
    text, encoding = decode_page(page.encode("utf-8"))
    assert text == page and encoding == "utf-8"


def test_a_page_with_spaces_and_control_bytes_is_still_binary() -> None:
    page = (
        "\u3000" * 200
        + PARAGRAPH
        + "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f") * 40
    )
    with pytest.raises(ReadError, match="binary data"):
        decode_page(page.encode("utf-8"))
