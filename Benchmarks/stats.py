#!/usr/bin/env python3
"""Reads numbers (one a line; lines that are not numbers are ignored) and prints: median p99 min max count."""
import statistics, sys
values = sorted(float(l) for l in sys.stdin if l.strip().replace(".", "", 1).isdigit())
if not values: sys.exit("no numbers")
p99 = values[min(len(values) - 1, int(round(0.99 * (len(values) - 1))))]
print(f"{statistics.median(values):.2f} {p99:.2f} {values[0]:.2f} {values[-1]:.2f} {len(values)}")
