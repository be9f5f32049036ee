"""Medians and ours/peer ratios of a bench/*-vs-*.sh results.tsv, as markdown tables.

Usage: python3 bench/summarize.py OUT_DIR/results.tsv

One table per scenario, one column per tracker (or per transport in the UDP script's
`transports` scenario, which runs ours only). When a scenario has exactly ours and one peer, a
last column gives ours / peer.
"""
import csv
import statistics
import sys
from collections import defaultdict

METRICS = [
    ("replies_per_s", "replies/s", "{:,.0f}"),
    ("cpu_us_per_reply", "tracker CPU µs/reply", "{:.2f}"),
    ("replies_per_cpu_s", "replies per tracker CPU-s", "{:,.0f}"),
    ("tracker_cpu_s", "tracker CPU s", "{:.2f}"),
    ("rss_kib", "RSS after run (MiB)", "{:.0f}"),
    ("p99_us", "p99 µs", "{:,.0f}"),
    ("malformed", "malformed replies", "{:,.0f}"),
    ("errors", "error replies", "{:,.0f}"),
    ("lost", "lost", "{:,.0f}"),
    ("other_cpu_s", "rest of box CPU s", "{:.2f}"),
]


def read_medians(path):
    """{scenario: {column: {metric: median}}} in first-seen order, and runs per column."""
    values = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            scenario = row["scenario"]
            column = row["transport"] if scenario == "transports" else row["tracker"]
            for name, _, _ in METRICS:
                value = float(row[name])
                values[scenario][column][name].append(value / 1024 if name == "rss_kib" else value)
    medians = {}
    runs = {}
    for scenario, columns in values.items():
        medians[scenario] = {
            column: {name: statistics.median(v) for name, v in metrics.items()}
            for column, metrics in columns.items()
        }
        runs[scenario] = min(len(m["replies_per_s"]) for m in columns.values())
    return medians, runs


def peer_of(columns):
    """The peer's name when the columns are exactly ours and one peer, else None."""
    names = list(columns)
    return names[1] if len(names) == 2 and names[0] == "ours" else None


def main(path):
    medians, runs = read_medians(path)
    for scenario, columns in medians.items():
        peer = peer_of(columns)
        print(f"\n### {scenario} (median of {runs[scenario]} runs)\n")
        print("| metric | " + " | ".join(columns) + (f" | ours / {peer} |" if peer else " |"))
        print("|---" * (len(columns) + 1 + (1 if peer else 0)) + "|")
        for name, label, fmt in METRICS:
            cells = " | ".join(fmt.format(columns[c][name]) for c in columns)
            ratio = ""
            if peer:
                ours, theirs = columns["ours"][name], columns[peer][name]
                ratio = " | " + (f"{ours / theirs:.2f}x" if theirs else "-")
            print(f"| {label} | {cells}{ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
