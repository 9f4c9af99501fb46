#!/usr/bin/env bash
# The figures that need a real terminal: start-up against vim and nano, and typing with 20,000
# words loaded against nano. Called by `make bench` after the in-process benchmarks.
set -euo pipefail
bin="${1:-.build/release/mlsd}"
echo "== terminal (pseudo-terminal, release build)"
python3 "$(dirname "$0")/termbench.py" startup "$bin"
python3 "$(dirname "$0")/termbench.py" typing "$bin"
