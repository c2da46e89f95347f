#!/usr/bin/env bash
# Overhead of the whole system around the training: runs a fixed 30-job experiment (benchmarks/experiment-30.json:
# Fashion-MNIST, both bases, four arms at every cut 1..7, direction a-to-b, one seed) through the real stack
# (./transferlab demo --request: Kafka, S3, coordinator, trainer, analytics as separate processes) and prints, as
# its last line,
#   wall_s=<w> compute_s=<c> overhead_ratio=<w/c>
# where w is the experiment's wall time from acceptance to completion (the coordinator's ExperimentCompleted) and
# c the jobs' summed training-step and evaluation time (their JobCompleted results). Everything else (job start,
# dataset decoding, network building, checkpoint I/O, hand-offs, idle) is overhead. Target: overhead_ratio <= 1.05.
# The line before it splits the overhead (slot-seconds) into the part inside the jobs (job time on the trainer
# minus compute) and the part between them (hand-offs, a slot idle at the DAG's start and tail).
# Environment: REQUEST (another request file), DEMO_ARGS (more ./transferlab demo options).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUEST=${REQUEST:-benchmarks/experiment-30.json}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "request=$REQUEST cores=$(nproc) load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
# shellcheck disable=SC2086
./transferlab demo --request "$REQUEST" --out "$OUT/report" ${DEMO_ARGS:-} | tee "$OUT/demo.txt"
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
line=$(grep -o 'wall_s=[^ ]* compute_s=[^ ]* overhead_ratio=[^ ]* slots=[^ ]*' "$OUT/demo.txt" | tail -1 || true)
if [[ -z "$line" ]]; then
  echo "experiment.sh: the demo printed no compute share (a trainer without stepMillis/evalMillis?)" >&2
  exit 1
fi
grep -o 'overhead_s=[^ ]* inside_jobs_s=[^ ]* between_jobs_s=[^ ]*' "$OUT/demo.txt" | tail -1 || true
echo "$line"
