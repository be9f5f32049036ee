"""Medians and ours/peer ratios of a bench/*-vs-*.sh results.tsv, as markdown tables.

Usage: python3 bench/summarize.py OUT_DIR/results.tsv

One table per scenario, one column per tracker (or per transport in the UDP script's
`transports` scenario, which runs ours only). When a scenario has exactly ours (or `all`, in
bench/all-vs-single.sh) and one peer, a last column gives ours / peer, and for ours the project's
targets for that scenario (TARGETS) are checked below the table: met or MISSED.
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

# The performance targets of the load-test and benchmark issue, as minimum ours / peer ratios of
# the medians: (scenario, metric, minimum ratio, what the target says); MAX_TARGETS are maximum
# ratios (ours must use at most that share of the peer's CPU).
MAX_TARGETS = [
    ("fixed-1k", "tracker_cpu_s", 0.25, "WebSocket at a fixed 1,000 announces/s: at most 0.25x bittorrent-tracker's CPU"),
    ("fixed-1k-same", "tracker_cpu_s", 0.25, "WebSocket at a fixed 1,000 announces/s: at most 0.25x bittorrent-tracker's CPU"),
]
TARGETS = [
    ("ref-1w", "replies_per_cpu_s", 1.5, "UDP: at least 1.5x opentracker's responses per tracker CPU-second"),
    ("bencher-1w", "replies_per_cpu_s", 1.5, "UDP: at least 1.5x opentracker's responses per tracker CPU-second"),
    ("ref-2w", "replies_per_cpu_s", 1.5, "UDP: at least 1.5x opentracker's responses per tracker CPU-second"),
    ("ref-1w", "replies_per_s", 1.0, "UDP: higher saturated throughput than opentracker"),
    ("bencher-1w", "replies_per_s", 1.0, "UDP: higher saturated throughput than opentracker"),
    ("ref-2w", "replies_per_s", 1.0, "UDP: higher saturated throughput than opentracker"),
    ("keepalive-1w", "replies_per_s", 2.0, "HTTP with keep-alive: at least 2x opentracker's requests/s"),
    ("close-1w", "replies_per_s", 1.2, "HTTP without keep-alive: at least 1.2x opentracker's requests/s"),
    ("ws-1w", "replies_per_s", 10.0, "WebSocket: at least 10x bittorrent-tracker's messages/s"),
    ("ws-1w", "replies_per_cpu_s", 3.5, "WebSocket closed loop: at least 3.5x bittorrent-tracker's messages per tracker CPU-second"),
    ("close-1w", "replies_per_cpu_s", 1.25, "HTTP, new connection per request: at least 1.25x opentracker per tracker CPU-second"),
    ("tls-ecdsa-1w", "replies_per_cpu_s", 2.0, "TLS (ECDSA P-256), new connection per request: at least 2x nginx + opentracker per CPU-second"),
    ("tls-rsa-1w", "replies_per_cpu_s", 2.0, "TLS (RSA-2048), new connection per request: at least 2x nginx + opentracker per CPU-second"),
]


def target_lines(scenario, ours, theirs):
    """One line per target of the scenario: the ratio reached and met or MISSED."""
    lines = []
    for name, metric, minimum, text in TARGETS:
        if name == scenario and theirs[metric]:
            ratio = ours[metric] / theirs[metric]
            verdict = "met" if ratio >= minimum and (minimum > 1.0 or ratio > 1.0) else "MISSED"
            lines.append(f"- target: {text}: {ratio:.2f}x, {verdict}")
    for name, metric, maximum, text in MAX_TARGETS:
        if name == scenario and theirs[metric]:
            ratio = ours[metric] / theirs[metric]
            lines.append(f"- target: {text}: {ratio:.2f}x, {'met' if ratio <= maximum else 'MISSED'}")
    return lines


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


# The tracker a side-by-side script measures: ours against a peer tracker, `aquatic all` against
# the single-protocol command (bench/all-vs-single.sh), or ours over wss against ours over ws
# (bench/ws-vs-bittorrent-tracker.sh's wss-fixed-1k).
SUBJECTS = ("ours", "all", "wss")


def subject_and_peer(columns):
    """(subject, peer) when the columns are exactly a subject and one peer, else None."""
    names = list(columns)
    if len(names) != 2:
        return None
    for subject in SUBJECTS:
        if subject in names:
            return subject, names[1 - names.index(subject)]
    return None


def main(path):
    medians, runs = read_medians(path)
    for scenario, columns in medians.items():
        pair = subject_and_peer(columns)
        print(f"\n### {scenario} (median of {runs[scenario]} runs)\n")
        print("| metric | " + " | ".join(columns) + (f" | {pair[0]} / {pair[1]} |" if pair else " |"))
        print("|---" * (len(columns) + 1 + (1 if pair else 0)) + "|")
        for name, label, fmt in METRICS:
            cells = " | ".join(fmt.format(columns[c][name]) for c in columns)
            ratio = ""
            if pair:
                ours, theirs = columns[pair[0]][name], columns[pair[1]][name]
                ratio = " | " + (f"{ours / theirs:.2f}x" if theirs else "-")
            print(f"| {label} | {cells}{ratio} |")
        if pair and pair[0] == "ours":
            targets = target_lines(scenario, columns["ours"], columns[pair[1]])
            if targets:
                print()
                print("\n".join(targets))


if __name__ == "__main__":
    main(sys.argv[1])
