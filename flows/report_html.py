"""The `newsetl report --html` page: one self-contained HTML file, charts drawn as inline SVG, no network."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Sequence
from html import escape

import pandas as pd

from flows.report import Report, column_text, page_dates

FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif'
)
BLUE, ORANGE, GREEN, RED, GREY = "#3b6ea8", "#e08a2e", "#3f9a5a", "#c0463c", "#8a8f98"
UNKNOWN_DATE = "date unknown"

CSS = f"""
body {{ font-family: {FONTS}; margin: 24px auto; max-width: 1200px; color: #1f2328; background: #f6f7f9; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }}
h2 {{ font-size: 17px; margin: 0 0 8px; }}
p.lead {{ color: #57606a; margin: 0 0 16px; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 16px; grid-auto-flow: dense; align-items: start; }}
.card {{ background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 14px 16px; }}
.wide {{ grid-column: 1 / -1; }}
.kpis {{ display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }}
.kpi {{ background: #fff; border: 1px solid #d8dee4; border-radius: 6px; padding: 8px 14px; }}
.kpi b {{ display: block; font-size: 22px; }}
svg {{ width: 100%; height: auto; font-family: {FONTS}; }}
svg text {{ font-size: 12px; fill: #1f2328; }}
svg .muted {{ fill: #57606a; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
th, td {{ border-bottom: 1px solid #eaeef2; padding: 4px 6px; text-align: left; vertical-align: top; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.empty {{ color: #57606a; font-style: italic; }}
@media (max-width: 900px) {{ body {{ padding: 0 12px; }} .grid {{ grid-template-columns: 1fr; }} }}
"""


def text_width(text: str, size: float = 12) -> float:
    """Approximate rendered width of text in px: wide (CJK) characters one em, others 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def shorten(text: str, max_px: float, size: float = 12) -> str:
    """The text cut with an ellipsis so that it fits max_px."""
    if text_width(text, size) <= max_px:
        return text
    while text and text_width(text + "…", size) > max_px:
        text = text[:-1]
    return text + "…"


def nice_ticks(low: float, high: float, n: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    return ticks


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    """An inline SVG element."""
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">{"".join(body)}</svg>'
    )


def bar_chart(
    items: Sequence[tuple[str, float, str]], label: str, color: str = BLUE, width: int = 560
) -> str:
    """Horizontal bars: one (label, value, value text) per bar, largest value sets the scale."""
    if not items:
        return '<p class="empty">No data yet.</p>'
    label_px = min(220, max(text_width(name) for name, _, _ in items) + 8)
    value_px = max(text_width(text) for _, _, text in items) + 10
    plot = width - label_px - value_px - 8
    top = max(value for _, value, _ in items) or 1
    row = 24
    body = []
    for i, (name, value, text) in enumerate(items):
        y = i * row + 4
        bar = max(1.0, plot * value / top)
        body.append(
            f"<g><title>{escape(name)}: {escape(text)}</title>"
            f'<text x="{label_px - 6:.0f}" y="{y + 15}" text-anchor="end">{escape(shorten(name, label_px - 8))}</text>'
            f'<rect x="{label_px:.0f}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" fill="{color}" rx="2"/>'
            f'<text x="{label_px + bar + 5:.1f}" y="{y + 15}" class="muted">{escape(text)}</text></g>'
        )
    return _svg(width, len(items) * row + 8, body, label)


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions as close to wanted (sorted ascending) as possible, at least gap apart, within [low, high]."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, low, placed[-1] + gap if placed else low))
    for i in range(len(placed) - 1, -1, -1):
        limit = high if i == len(placed) - 1 else placed[i + 1] - gap
        placed[i] = min(placed[i], limit)
    return placed


def _date_label(value: object) -> str:
    """A page date as a column label."""
    return value.isoformat() if isinstance(value, dt.date) else UNKNOWN_DATE


def growth_dates(growth: pd.DataFrame) -> list[str]:
    """The page-date columns of the growth chart, in date order, unknown last."""
    labels = {_date_label(d) for d in growth.dropna(subset=["change_pct"])["page_date"]}
    return sorted(labels, key=lambda d: (d == UNKNOWN_DATE, d))


def growth_chart(growth: pd.DataFrame, width: int = 1140) -> str:
    """Growth rates (percent) of indicators, one column per page date, each dot labelled with its indicator."""
    rows = growth.dropna(subset=["change_pct"])
    if rows.empty:
        return '<p class="empty">No growth rates yet.</p>'
    rows = rows.assign(date_label=[_date_label(d) for d in rows["page_date"]])
    dates = growth_dates(growth)
    ticks = nice_ticks(min(0.0, rows["change_pct"].min()), max(0.0, rows["change_pct"].max()))
    left, top = 48, 16
    height = max(240, 16 * int(rows["date_label"].value_counts().max()) + 24)
    col = (width - left - 8) / len(dates)
    y_of = lambda v: top + height * (ticks[-1] - v) / (ticks[-1] - ticks[0])  # noqa: E731
    body = []
    for t in ticks:
        stroke = "#57606a" if t == 0 else "#eaeef2"
        body.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y_of(t):.1f}" y2="{y_of(t):.1f}" stroke="{stroke}"/>'
            f'<text x="{left - 6}" y="{y_of(t) + 4:.1f}" text-anchor="end" class="muted">{t:g}%</text>'
        )
    for i, date in enumerate(dates):
        x = left + i * col + 14
        body.append(f'<text x="{x - 6:.1f}" y="{top + height + 22}" class="muted">{escape(date)}</text>')
        points = rows[rows["date_label"] == date].sort_values("change_pct", ascending=False)
        wanted = [y_of(v) for v in points["change_pct"]]
        placed = _spread(wanted, 15, top + 4, top + height)
        for (_, p), y, ly in zip(points.iterrows(), wanted, placed, strict=True):
            color = GREEN if p["change_pct"] >= 0 else RED
            name = " ".join(str(v) for v in (p["indicator"], p["period"]) if isinstance(v, str))
            text = f"{shorten(str(p['indicator']), col - 90)} {p['change_pct']:+g}%"
            body.append(
                f"<g><title>{escape(name)}: {escape(str(p['change_text']))} {p['change_pct']:g}%</title>"
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}" fill-opacity="0.8"/>'
                f'<line x1="{x + 6:.1f}" y1="{y:.1f}" x2="{x + 22:.1f}" y2="{ly:.1f}" stroke="{GREY}"/>'
                f'<text x="{x + 25:.1f}" y="{ly + 4:.1f}">{escape(text)}</text></g>'
            )
    return _svg(width, top + height + 32, body, "Growth indicators by page date")


def day_chart(days: pd.DataFrame, width: int = 560) -> str:
    """Articles and metrics per page date, as paired columns."""
    if days.empty:
        return '<p class="empty">No pages yet.</p>'
    series = [("n_articles", "articles", BLUE), ("n_metrics", "metrics", ORANGE)]
    ticks = nice_ticks(0, float(max(days["n_articles"].max(), days["n_metrics"].max())))
    left, top, height = 40, 26, 220
    col = (width - left - 8) / len(days)
    bar = min(28.0, col / 3)
    y_of = lambda v: top + height * (1 - v / ticks[-1])  # noqa: E731
    body = []
    for i, (_, name, color) in enumerate(series):
        body.append(
            f'<rect x="{left + i * 90}" y="2" width="12" height="12" fill="{color}"/>'
            f'<text x="{left + i * 90 + 16}" y="12">{name}</text>'
        )
    for t in ticks:
        body.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y_of(t):.1f}" y2="{y_of(t):.1f}" stroke="#eaeef2"/>'
            f'<text x="{left - 6}" y="{y_of(t) + 4:.1f}" text-anchor="end" class="muted">{t:g}</text>'
        )
    for i, day in enumerate(days.itertuples(index=False)):
        x = left + i * col + col / 2
        for j, (key, name, color) in enumerate(series):
            value = float(getattr(day, key))
            bx = x - bar + j * bar
            body.append(
                f"<g><title>{_date_label(day.page_date)}: {value:g} {name}</title>"
                f'<rect x="{bx:.1f}" y="{y_of(value):.1f}" width="{bar - 2:.1f}" '
                f'height="{top + height - y_of(value):.1f}" fill="{color}"/>'
                f'<text x="{bx + bar / 2 - 1:.1f}" y="{y_of(value) - 4:.1f}" text-anchor="middle" '
                f'class="muted">{value:g}</text></g>'
            )
        body.append(
            f'<text x="{x:.1f}" y="{top + height + 18}" text-anchor="middle" class="muted">'
            f"{_date_label(day.page_date)}</text>"
        )
    return _svg(width, top + height + 28, body, "Articles and metrics by page date")


def html_table(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    """An HTML table of some columns of a frame."""
    if frame.empty:
        return '<p class="empty">Nothing to show.</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in columns.values())
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in columns]
    rows = []
    for values in zip(*(column_text(frame[c]) for c in columns), strict=True):
        cells = "".join(
            f'<td class="num">{escape(v)}</td>' if is_num else f"<td>{escape(v)}</td>"
            for v, is_num in zip(values, numeric, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _card(title: str, body: str, wide: bool = False) -> str:
    """A titled box of the page."""
    return f'<section class="card{" wide" if wide else ""}"><h2>{escape(title)}</h2>{body}</section>'


def render_html(report: Report) -> str:
    """The whole report as one HTML page that needs nothing from the network."""
    t = report.totals
    kpis = [
        ("files loaded", f"{t['n_loaded']} / {t['n_files']}"),
        ("articles", t["n_articles"]),
        ("metrics", t["n_metrics"]),
        ("investment amounts", t["n_investments"]),
        ("metrics to review", t["n_unnormalised"]),
    ]
    investments = [
        (str(r.project), float(r.amount_100m_cny), f"{r.amount_100m_cny:,.2f} 亿元")
        for r in report.investments.head(15).itertuples()
    ]
    sections = [
        (str(r.section), float(r.n_articles), f"{r.n_articles:g} ({r.share_of_articles_pct:g}%)")
        for r in report.sections.itertuples()
    ]
    wide_growth = len(growth_dates(report.growth)) > 2
    cards = [
        _card("Investment by project (亿元)", bar_chart(investments, "Investment by project")),
        _card("Articles by section", bar_chart(sections, "Articles by section", color=ORANGE)),
        _card(
            "Growth indicators over page dates (% change)",
            growth_chart(report.growth, width=1140 if wide_growth else 560),
            wide=wide_growth,
        ),
        _card("Articles and metrics by page date", day_chart(report.days)),
        _card(
            "Top keywords",
            html_table(
                report.keywords.head(12),
                {
                    "term": "keyword",
                    "n_articles": "articles",
                    "share_of_articles_pct": "share %",
                    "share_by_date": "share by page date",
                },
            ),
        ),
        _card(
            "Growth indicators",
            html_table(
                report.growth,
                {
                    "indicator": "indicator",
                    "subject": "subject",
                    "period": "period",
                    "change_text": "change",
                    "change_pct": "%",
                    "level_value": "level",
                    "level_unit": "unit",
                    "page_date": "page date",
                    "headline": "article",
                },
            ),
            wide=True,
        ),
        _card(
            "Files not loaded",
            html_table(report.failures, {"path": "path", "status": "status", "reason": "reason"}),
            wide=True,
        ),
    ]
    kpi_html = "".join(f'<div class="kpi"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in kpis)
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M %Z")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsetl report</title><style>{CSS}</style></head><body>"
        "<h1>newsetl report</h1>"
        f'<p class="lead">The warehouse as of {escape(generated)}; {escape(page_dates(t))}. '
        "Every figure comes from the report views; see sql/reports/ for the queries.</p>"
        f'<div class="kpis">{kpi_html}</div><div class="grid">{"".join(cards)}</div></body></html>\n'
    )
