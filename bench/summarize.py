"""Medians and ours/opentracker ratios of bench/udp-vs-opentracker.sh results, as markdown.

Usage: python3 bench/summarize.py OUT_DIR/results.tsv
"""
import csv
import statistics
import sys
from collections import defaultdict

METRICS = [
    ("responses_per_s", "responses/s", "{:,.0f}"),
    ("cpu_us_per_response", "tracker CPU µs/response", "{:.2f}"),
    ("responses_per_cpu_s", "responses per tracker CPU-s", "{:,.0f}"),
    ("tracker_cpu_s", "tracker CPU s", "{:.2f}"),
    ("rss_kib", "RSS after run (MiB)", "{:.0f}"),
    ("p99_us", "p99 µs", "{:,.0f}"),
    ("lost", "lost", "{:,.0f}"),
    ("other_cpu_s", "rest of box CPU s", "{:.2f}"),
]


def main(path):
    groups = defaultdict(lambda: defaultdict(list))
    order = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["scenario"], row["tracker"] if row["scenario"] != "transports" else row["transport"])
            if key not in groups:
                order.append(key)
            for name, _, _ in METRICS:
                value = float(row[name])
                groups[key][name].append(value / 1024 if name == "rss_kib" else value)
    scenarios = []
    for scenario, _ in order:
        if scenario not in scenarios:
            scenarios.append(scenario)
    for scenario in scenarios:
        columns = [k for k in order if k[0] == scenario]
        runs = len(groups[columns[0]]["responses_per_s"])
        print(f"\n### {scenario} (median of {runs} runs)\n")
        header = "| metric | " + " | ".join(c[1] for c in columns)
        has_ratio = [c[1] for c in columns] == ["ours", "opentracker"]
        print(header + (" | ours / opentracker |" if has_ratio else " |"))
        print("|---" * (len(columns) + 1 + (1 if has_ratio else 0)) + "|")
        for name, label, fmt in METRICS:
            medians = [statistics.median(groups[c][name]) for c in columns]
            cells = " | ".join(fmt.format(m) for m in medians)
            ratio = ""
            if has_ratio:
                ratio = " | " + (f"{medians[0] / medians[1]:.2f}x" if medians[1] else "-")
            print(f"| {label} | {cells}{ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
