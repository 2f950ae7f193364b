"""Charts: the year's pages draw HTML bars (rows for templates/_macros.html, scaled here);
the weekly emails get PNG charts (PNG because email clients drop SVG).

matplotlib is imported inside the functions: importing it costs about half a second, which
`import mekar.report` (and every CLI command that only needs the API) should not pay.
Figures are built on an explicit Agg canvas rather than through pyplot, so no global figure
registry fills up and nothing depends on the process's backend setting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mekar.report.formatting import angka, persen

# (label, lowest JP, highest JP or None for open-ended); the last bin is the compliant one.
JP_BINS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0),
    ("1–4", 1, 4),
    ("5–9", 5, 9),
    ("10–14", 10, 14),
    ("15–19", 15, 19),
    ("≥20", 20, None),
)

# Drawn 4 inches wide (400 CSS pixels in an email) at twice the pixels: shown at full width
# on a phone (about 360 px) the 9-point labels stay about 11 px tall, and sharp.
WIDTH_IN = 4.0
HEIGHT_IN = 3.0
DPI = 200
COLOR_MET = "#2e7d32"
COLOR_NOT_MET = "#b0bec5"
COLOR_BAR = "#1565c0"


def jp_bin_counts(jp_counts: Iterable[tuple[int, int]]) -> list[int]:
    """Count ASN per JP_BINS bin from (jp, number of ASN with that jp) pairs."""
    counts = [0] * len(JP_BINS)
    for jp, n in jp_counts:
        counts[_bin_index(jp)] += n
    return counts


def _bin_index(jp: int) -> int:
    for i, (_, low, high) in enumerate(JP_BINS):
        if jp >= low and (high is None or jp <= high):
            return i
    # Negative JP cannot come out of the transform; count it with the zeros rather than crash.
    return 0


# -- HTML bars (the year's pages) -------------------------------------------------------------

# Where an axis of shares may end (x 10^k): the bars fill the width, and the end is a round
# number the caption can name.
_AXIS_STEPS = (1, 2, 2.5, 5, 10)


def share_axis(values: Iterable[float | None]) -> float:
    """Where a chart of percentages ends: the smallest round number (1, 2, 2.5, 5 x 10^k)
    at or above the largest value, at most 100. A 0-100% axis for shares of at most 11,8%
    drew slivers."""
    largest = max((float(v) for v in values if v), default=0.0)
    if largest <= 0:
        return 100.0
    power = 10.0 ** math.floor(math.log10(largest))
    return min(100.0, next(s * power for s in _AXIS_STEPS if s * power >= largest))


def axis_label(top: float) -> str:
    """An axis' end as written in a caption: "20%", "2,5%"."""
    return persen(top, next(d for d in (0, 1, 2, 3) if round(top, d) == top))


def bar_width(value: Any, scale: float) -> str:
    """A bar's length in % of its row; one decimal, so the bytes stay stable."""
    return f"{100 * float(value or 0) / scale:.1f}" if scale else "0.0"


def html_bars(values: list[tuple[str, Any, str]], scale: float, highlight: int | None = None):
    """(label, value, value as shown) -> the rows of templates/_macros.html's bar chart; a
    bar's length is value / scale; the bar at `highlight` gets the highlighted colour."""
    return [
        {"label": label, "nilai": shown, "lebar": bar_width(value, scale), "sorot": i == highlight}
        for i, (label, value, shown) in enumerate(values)
    ]


def _plain(text: str) -> str:
    # matplotlib reads "$...$" as mathtext; labels are data, so keep dollars literal.
    return text.replace("$", r"\$")


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)  # attaches itself: this figure renders with Agg, whatever the backend
    return fig


def _save(fig, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # No "Software" tag (it carries the matplotlib version) and a fixed dpi: same data, same bytes.
    fig.savefig(path, format="png", dpi=DPI, metadata={"Software": None})


@contextmanager
def jp_histograms() -> Iterator[Callable[[Sequence[int], str, Path], None]]:
    """Yield `draw(counts, title, path)`, which writes one OPD's JP histogram as a PNG.

    Every OPD of a render is drawn on one figure, changing only bar heights, labels, title and
    y range: building a figure costs as much as drawing it, so this halves the time of ~50
    charts. Nothing else changes between OPDs, so each PNG depends on its own counts only
    (a test renders one OPD alone and compares the bytes). The '≥20' bar is highlighted.
    """
    import matplotlib.style
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter

    # The default style, not the user's matplotlibrc, so every machine draws the same pixels.
    with matplotlib.style.context("default"):
        fig = _figure(WIDTH_IN, HEIGHT_IN)
        ax = fig.subplots()
        colors = [COLOR_NOT_MET] * (len(JP_BINS) - 1) + [COLOR_MET]
        bars = ax.bar([label for label, _, _ in JP_BINS], [0] * len(JP_BINS), color=colors)
        ax.set_xlabel("JP tahun ini s.d. minggu laporan", fontsize=9)
        ax.set_ylabel("Jumlah ASN", fontsize=9)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: angka(y)))
        ax.legend(
            handles=[
                Patch(color=COLOR_NOT_MET, label="di bawah target"),
                Patch(color=COLOR_MET, label="memenuhi"),
            ],
            fontsize=9,
            # Under the axis label: beside the title it ran into it at a phone's width.
            loc="upper center",
            bbox_to_anchor=(0.5, -0.26),
            ncols=2,
            frameon=False,
        )
        ax.spines[["top", "right"]].set_visible(False)
        # Fixed margins instead of tight_layout: the labels here never change length, and
        # tight_layout would cost ~40% of the drawing time.
        fig.subplots_adjust(left=0.14, right=0.98, top=0.88, bottom=0.33)
        value_labels: list = []

        def draw(counts: Sequence[int], title: str, path: Path) -> None:
            for bar, n in zip(bars, counts, strict=True):
                bar.set_height(n)
            for text in value_labels:
                text.remove()
            value_labels[:] = ax.bar_label(bars, labels=[angka(c) for c in counts], fontsize=9)
            ax.set_title(_plain(title), fontsize=10, loc="left")
            ax.set_ylim(0, max(max(counts, default=0), 1) * 1.2)
            _save(fig, path)

        yield draw


LABEL_MAX = 16  # characters of a label beside a bar (OPD codes); longer would squeeze the bars


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip(" ,") + "…"


def persen_bars(rows: Sequence[tuple[str, float]], title: str, path: Path) -> None:
    """Horizontal bars of % memenuhi per OPD, in the order given (first row drawn on top)."""
    import matplotlib.style
    from matplotlib.ticker import FuncFormatter

    # Grow with the number of OPDs so ~50 labels stay legible; the width stays fixed.
    height = max(HEIGHT_IN, 0.22 * len(rows) + 1.0)
    with matplotlib.style.context("default"):
        fig = _figure(WIDTH_IN, height)
        ax = fig.subplots()
        labels = [_plain(_short(label)) for label, _ in rows]
        values = [float(value or 0) for _, value in rows]
        positions = list(range(len(rows)))
        bars = ax.barh(positions, values, color=COLOR_BAR)
        ax.bar_label(bars, labels=[persen(v) for v in values], fontsize=9, padding=2)
        ax.set_yticks(positions, labels, fontsize=9)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # top row first, no empty band above or below
        ax.set_xlim(0, 110)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: persen(x, 0)))
        ax.set_title(_plain(title), fontsize=10)
        ax.set_xlabel("ASN yang memenuhi target JP", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        _save(fig, path)
