#!/usr/bin/env bash
# One training job with every core against one 1-thread job per core side by side: the measurement behind the
# trainer's thread rule (benchmarks/README.md, "Cores"). Runs the engine's TrainingBenchmark main on Fashion-MNIST
# at batch 32 and 64 for about IMAGES timed images each: first one process with OMP_NUM_THREADS=<cores>, then
# <cores> processes with OMP_NUM_THREADS=1 at the same time. Prints each process's line and, per batch,
#   batch=<b> one_job_img_per_s=<x> side_by_side_img_per_s=<sum> ratio=<sum/x>
# Environment: IMAGES (9600), DATA (/usr/share/datasets/fashion-mnist), SKIP_BUILD=1 to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGES=${IMAGES:-9600}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
CORES=$(nproc)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
OFFLINE=()
[[ "${SKIP_BUILD:-0}" == 1 ]] && OFFLINE=(-o)
mvn -B -q "${OFFLINE[@]}" -pl services/trainer -am compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="services/trainer/target/classes:$(cat "$OUT/cp.txt")"

run() { # threads batch
  OMP_NUM_THREADS=$1 java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4G -cp "$CP" \
    io.transferlab.trainer.engine.bench.TrainingBenchmark --data "$DATA" --batch "$2" --warmup 10 \
    --iterations $((IMAGES / $2)) 2>/dev/null | grep '^dl4j batch'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

echo "cores=$CORES images=$IMAGES load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for b in 32 64; do
  run "$CORES" "$b" | tee "$OUT/one-$b"
  for i in $(seq "$CORES"); do run 1 "$b" > "$OUT/side-$b-$i" & done
  wait
  cat "$OUT"/side-"$b"-*
  one=$(field img_per_s < "$OUT/one-$b")
  sum=$(cat "$OUT"/side-"$b"-* | field img_per_s | awk '{s+=$1} END {printf "%.1f", s}')
  echo "batch=$b one_job_img_per_s=$one side_by_side_img_per_s=$sum ratio=$(awk -v x="$sum" -v y="$one" 'BEGIN{printf "%.2f", x/y}')"
done
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
