#!/usr/bin/env bash
# Training throughput of the default 28x28 network on Fashion-MNIST: DL4J (nd4j-native with oneDNN) against a
# PyTorch reference of the very same network, same thread count, back to back in one run (timings on a shared
# machine only mean something as ratios). The last line is
#   dl4j_img_per_s=<x> pytorch_img_per_s=<y> ratio=<x/y>      (batch 64)
# Environment: THREADS (2), WARMUP (10 mini-batches), ITERATIONS (60), DATA (/usr/share/datasets/fashion-mnist),
# PYTHON (/usr/bin/python3, Debian's python3-torch), SKIP_BUILD=1 to reuse services/trainer/target/classes.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
ITERATIONS=${ITERATIONS:-60}
DATA=${DATA:-/usr/share/datasets/fashion-mnist}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "training.sh: the PyTorch reference needs torch for $PYTHON: sudo apt-get install python3-torch (Debian/Ubuntu)" >&2
  exit 1
fi
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl services/trainer -am install -DskipTests
fi
mvn -B -q -pl services/trainer dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
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
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" | tail -1; }

echo "threads=$THREADS warmup=$WARMUP iterations=$ITERATIONS cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\"" \
  "cores=$(nproc) load_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for b in 64 128; do
  dl4j "$b" | tee "$OUT/dl4j-$b"
  torch_ref "$b" | tee "$OUT/torch-$b"
done
echo "load_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
D128=$(field img_per_s < "$OUT/dl4j-128"); T128=$(field img_per_s < "$OUT/torch-128")
echo "batch=128 dl4j_img_per_s=$D128 pytorch_img_per_s=$T128 ratio=$(awk -v x="$D128" -v y="$T128" 'BEGIN{printf "%.2f", x/y}')" \
  "heap_peak_mib=$(field heap_peak_mib < "$OUT/dl4j-128") offheap_peak_mib=$(field offheap_peak_mib < "$OUT/dl4j-128")" \
  "rss_peak_mib=$(field rss_peak_mib < "$OUT/dl4j-128")"
D64=$(field img_per_s < "$OUT/dl4j-64"); T64=$(field img_per_s < "$OUT/torch-64")
echo "dl4j_img_per_s=$D64 pytorch_img_per_s=$T64 ratio=$(awk -v x="$D64" -v y="$T64" 'BEGIN{printf "%.2f", x/y}')"
