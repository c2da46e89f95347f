#!/usr/bin/env bash
# Training throughput of the default 28x28 network on Fashion-MNIST: DL4J (nd4j-native with oneDNN) against a
# PyTorch reference of the very same network, same thread count, back to back in one run (timings on a shared
# machine only mean something as ratios). Each repeat runs DL4J then PyTorch at batch 64 and 128; the summary
# lines use the median over the repeats. The last line is
#   dl4j_img_per_s=<x> pytorch_img_per_s=<y> ratio=<x/y>      (batch 64, wall clock)
# and the line before it gives the same per second of process CPU time (cpu_ratio), which a busy machine
# disturbs far less than wall time.
# Environment: THREADS (2), WARMUP (10 mini-batches), ITERATIONS (60), REPEATS (1),
# DATA (/usr/share/datasets/fashion-mnist), PYTHON (/usr/bin/python3, Debian's python3-torch),
# SKIP_BUILD=1 to build offline from what is already compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
ITERATIONS=${ITERATIONS:-60}
REPEATS=${REPEATS:-1}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "training.sh: the PyTorch reference needs torch for $PYTHON: sudo apt-get install python3-torch (Debian/Ubuntu)" >&2
  exit 1
fi
# A reactor build (no install into the local repository); the trainer module comes last, so its class path wins.
OFFLINE=()
[[ "${SKIP_BUILD:-0}" == 1 ]] && OFFLINE=(-o)
mvn -B -q "${OFFLINE[@]}" -pl services/trainer -am compile dependency:build-classpath \
  -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="services/trainer/target/classes:$(cat "$OUT/cp.txt")"

dl4j() {
  OMP_NUM_THREADS=$THREADS java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4G -cp "$CP" \
    io.transferlab.trainer.engine.bench.TrainingBenchmark --data "$DATA" --batch "$1" --warmup "$WARMUP" \
    --iterations "$ITERATIONS" 2>/dev/null | grep '^dl4j'
}
torch_ref() {
  "$PYTHON" benchmarks/pytorch_reference.py --data "$DATA" --batch "$1" --threads "$THREADS" --warmup "$WARMUP" \
    --iterations "$ITERATIONS"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN{printf "%.2f", x/y}'; }

echo "threads=$THREADS warmup=$WARMUP iterations=$ITERATIONS repeats=$REPEATS" \
  "cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\" cores=$(nproc)" \
  "load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for r in $(seq "$REPEATS"); do
  for b in 64 128; do
    dl4j "$b" | tee -a "$OUT/dl4j-$b"
    torch_ref "$b" | tee -a "$OUT/torch-$b"
  done
  echo "repeat=$r load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
done
D128=$(field img_per_s < "$OUT/dl4j-128" | median); T128=$(field img_per_s < "$OUT/torch-128" | median)
echo "batch=128 dl4j_img_per_s=$D128 pytorch_img_per_s=$T128 ratio=$(ratio "$D128" "$T128")" \
  "heap_peak_mib=$(field heap_peak_mib < "$OUT/dl4j-128" | sort -g | tail -1)" \
  "offheap_peak_mib=$(field offheap_peak_mib < "$OUT/dl4j-128" | sort -g | tail -1)" \
  "rss_peak_mib=$(field rss_peak_mib < "$OUT/dl4j-128" | sort -g | tail -1)"
DC64=$(field img_per_cpu_s < "$OUT/dl4j-64" | median); TC64=$(field img_per_cpu_s < "$OUT/torch-64" | median)
echo "batch=64 dl4j_img_per_cpu_s=$DC64 pytorch_img_per_cpu_s=$TC64 cpu_ratio=$(ratio "$DC64" "$TC64")"
D64=$(field img_per_s < "$OUT/dl4j-64" | median); T64=$(field img_per_s < "$OUT/torch-64" | median)
echo "dl4j_img_per_s=$D64 pytorch_img_per_s=$T64 ratio=$(ratio "$D64" "$T64")"
