"""SVG bar chart of ours vs peer from bench/*-vs-*.sh results: throughput and efficiency.

Usage: python3 bench/chart.py OUT.svg [PROTOCOL=]results.tsv [...]

For every scenario with ours and one peer (summarize.py's medians), two bars per panel: median
replies/s (saturated throughput) and median replies per tracker CPU-second. Protocols differ by
orders of magnitude, so each scenario's bars are scaled to the larger of its two; the numbers and
the ratio are printed beside them. Plain SVG, no plotting library needed.
"""
import sys
from html import escape

from summarize import read_medians, subject_and_peer

PANELS = [
    ("replies_per_s", "Replies per second"),
    ("replies_per_cpu_s", "Replies per tracker CPU-second"),
]
OURS_COLOUR = "#1b6ca8"
PEER_COLOUR = "#9a9a9a"
LABEL_WIDTH = 250
BAR_WIDTH = 420
BAR_HEIGHT = 14
ROW_HEIGHT = 2 * BAR_HEIGHT + 14
WIDTH = LABEL_WIDTH + BAR_WIDTH + 150


def rows_of(arguments):
    rows = []
    for argument in arguments:
        protocol, _, path = argument.rpartition("=")
        medians, runs = read_medians(path)
        for scenario, columns in medians.items():
            pair = subject_and_peer(columns)
            if pair and pair[0] == "ours":
                label = f"{protocol} {scenario}".strip()
                rows.append((label, pair[1], columns["ours"], columns[pair[1]], runs[scenario]))
    return rows


def text(x, y, content, anchor="start", size=12, weight="normal"):
    return (f'<text x="{x}" y="{y}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}">{escape(content)}</text>')


def render(rows):
    parts = []
    y = 30
    parts.append(text(10, y, "aquatic-java (ours) vs peer trackers, medians of alternating runs",
                      size=15, weight="bold"))
    y += 22
    parts.append(f'<rect x="10" y="{y - 10}" width="12" height="12" fill="{OURS_COLOUR}"/>')
    parts.append(text(28, y, "ours"))
    parts.append(f'<rect x="80" y="{y - 10}" width="12" height="12" fill="{PEER_COLOUR}"/>')
    parts.append(text(98, y, "peer (opentracker / bittorrent-tracker)"))
    for metric, title in PANELS:
        y += 34
        parts.append(text(10, y, title, size=13, weight="bold"))
        y += 12
        for label, peer, ours, theirs, runs in rows:
            top = max(ours[metric], theirs[metric]) or 1
            parts.append(text(10, y + BAR_HEIGHT, label))
            parts.append(text(10, y + 2 * BAR_HEIGHT + 2, f"vs {peer}, median of {runs} runs", size=10))
            for i, (value, colour) in enumerate(((ours[metric], OURS_COLOUR),
                                                 (theirs[metric], PEER_COLOUR))):
                bar_y = y + i * (BAR_HEIGHT + 2)
                length = max(1, round(BAR_WIDTH * value / top))
                parts.append(f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length}" '
                             f'height="{BAR_HEIGHT}" fill="{colour}"/>')
                parts.append(text(LABEL_WIDTH + length + 4, bar_y + BAR_HEIGHT - 3,
                                  f"{value:,.0f}", size=11))
            ratio = ours[metric] / theirs[metric] if theirs[metric] else float("inf")
            parts.append(text(WIDTH - 10, y + BAR_HEIGHT + 6, f"{ratio:.2f}x", anchor="end",
                              size=13, weight="bold"))
            y += ROW_HEIGHT
    height = y + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
            f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


def main(out, arguments):
    rows = rows_of(arguments)
    if not rows:
        sys.exit("chart: no scenario with ours and a peer in " + " ".join(arguments))
    with open(out, "w") as f:
        f.write(render(rows))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
