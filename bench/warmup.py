"""Tracker CPU per message early and steady, from bench/ws-vs-bittorrent-tracker.sh's warmup runs.

Usage: python3 bench/warmup.py OUT_DIR WARMUP_RUN_SECONDS

Per run OUT_DIR/warmup-ours-REP.cpu holds "seconds since measuring started<TAB>tracker CPU
seconds" samples, and OUT_DIR/warmup-ours-REP.load.log the load tester's progress lines, one a
second ("[  13.0s] sent/s=... responses/s=..."; responses are the messages the tracker sent). The
early window is seconds 3-13 of the load, the steady one the last 10 s. Writes OUT_DIR/warmup.tsv
and prints a markdown table with the medians.
"""
import glob
import os
import re
import statistics
import sys

PROGRESS = re.compile(r"^\[\s*([0-9.]+)s\] sent/s=\S+ responses/s=([0-9.]+)")


def cpu_at(samples, t):
    """Tracker CPU seconds at time t, linearly between the samples around it."""
    for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
        if t0 <= t <= t1:
            return c0 if t1 == t0 else c0 + (c1 - c0) * (t - t0) / (t1 - t0)
    raise ValueError(f"no CPU sample around {t} s")


def messages_between(progress, start, end):
    """Messages the tracker sent in (start, end]: each progress line covers the second before it."""
    return sum(rate for at, rate in progress if start < at <= end + 0.5 and at - 1 >= start - 0.5)


def window(samples, progress, start, end):
    cpu = cpu_at(samples, end) - cpu_at(samples, start)
    messages = messages_between(progress, start, end)
    return messages, (cpu * 1e6 / messages if messages else float("nan"))


def main(out, run_seconds):
    rows = []
    for cpu_file in sorted(glob.glob(os.path.join(out, "warmup-ours-*.cpu"))):
        rep = cpu_file.rsplit("-", 1)[1].split(".")[0]
        with open(cpu_file) as f:
            samples = [tuple(map(float, line.split("\t"))) for line in f if line.strip()]
        with open(cpu_file[: -len(".cpu")] + ".load.log") as f:
            progress = [(float(m.group(1)), float(m.group(2))) for m in map(PROGRESS.match, f) if m]
        early = window(samples, progress, 3, 13)
        steady = window(samples, progress, run_seconds - 10, run_seconds)
        rows.append((rep, early, steady, early[1] / steady[1]))
    with open(os.path.join(out, "warmup.tsv"), "w") as f:
        f.write("rep\tmessages_early\tcpu_us_per_message_early\tmessages_steady\tcpu_us_per_message_steady\tearly_over_steady\n")
        for rep, early, steady, ratio in rows:
            f.write(f"{rep}\t{early[0]:.0f}\t{early[1]:.2f}\t{steady[0]:.0f}\t{steady[1]:.2f}\t{ratio:.2f}\n")
    if not rows:
        return
    print(f"\n### warmup, ours (median of {len(rows)} runs)\n")
    print("| window | messages sent by the tracker | tracker CPU µs/message |")
    print("|---|---|---|")
    print(f"| seconds 3-13 of the load | {statistics.median(r[1][0] for r in rows):,.0f} | {statistics.median(r[1][1] for r in rows):.2f} |")
    print(f"| last 10 s ({run_seconds - 10}-{run_seconds}) | {statistics.median(r[2][0] for r in rows):,.0f} | {statistics.median(r[2][1] for r in rows):.2f} |")
    ratio = statistics.median(r[3] for r in rows)
    verdict = "met" if ratio <= 1.2 else "MISSED"
    print(f"\n- target: WebSocket warm-up: within 10 s of start, within 20% of the steady-state CPU per message: {ratio:.2f}x, {verdict}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
