#!/usr/bin/env bash
# Throughput of 'spark fit' against plain 'fit' on the same stamps and cores.
#
# Simulates COUNT stamps as FITS files (the 64x64 truth set of configs/quickstart.yaml and 'bench fit': the
# conditional-autoencoder paper's ranges, Moffat PSF of FWHM 0.8", sky 100 ADU, gain 1, read noise 5 e-), puts them
# into a stamp store with 'ingest', then times
#   ./sersic4j fit --images STAMPS --device java --threads THREADS           (plain fit: its own 'in X s')
#   ./sersic4j spark fit --store STORE --master local[THREADS]               (the Java path of fit, one stamp per task core)
# Spark's session start, the shards' run and the merge into catalog.csv/catalog.fits are taken from the lines spark
# fit logs, and reported apart; the Spark throughput is COUNT over the shards' time (session start and merge
# excluded), as the README's figures are, and also given with the merge. Writes OUT/throughput.json and prints it.
#
# Usage: [COUNT=10000] [SEED=42] [THREADS=2] [OUT=runs/spark-throughput-COUNT] spark/bench/throughput.sh
# Stamps and store already in OUT (same COUNT and SEED) are reused; the two fits always run afresh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COUNT="${COUNT:-10000}"
SEED="${SEED:-42}"
THREADS="${THREADS:-2}"
OUT="${OUT:-runs/spark-throughput-$COUNT}"
for v in COUNT SEED THREADS; do
  case "${!v}" in ''|*[!0-9]*) echo "throughput: $v must be a whole number (got '${!v}')" >&2; exit 2 ;; esac
done
[ "$COUNT" -ge 1 ] && [ "$THREADS" -ge 1 ] || { echo "throughput: COUNT and THREADS must be 1 or more" >&2; exit 2; }
mkdir -p "$OUT"
out="$(cd "$OUT" && pwd)"
s4j="$root/sersic4j"
stamps="$out/stamps" store="$out/store" logs="$out/logs"
mkdir -p "$logs"

# the first number after PATTERN on the last line of FILE holding it ('stamps (3 failed' → 3)
num() { { grep -F -- "$2" "$1" || true; } | tail -1 | sed -n "s/.*$2[^0-9]*\([0-9][0-9]*\).*/\1/p"; }
# the seconds on the last line of FILE holding PATTERN: the last '… in 12.3 s' of that line
secs() { { grep -F -- "$2" "$1" || true; } | tail -1 | sed -n 's/.* in \([0-9][0-9.]*\) s\([^a-z].*\)\{0,1\}$/\1/p'; }
need() { [ -n "$2" ] || { echo "throughput: could not read $1 from the logs in $logs" >&2; exit 1; }; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# 1. the stamps (FITS)
if [ -f "$stamps/truth.csv" ] && [ "$(($(wc -l <"$stamps/truth.csv") - 1))" -eq "$COUNT" ] \
    && grep -q "^seed: $SEED\$" "$stamps/simulation.yaml" 2>/dev/null; then
  echo "throughput: reusing the $COUNT stamps in $stamps" >&2
  simulate_s=null
else
  rm -rf "$stamps" "$store"
  cat >"$out/simulate.yaml" <<'YAML'
size: 64
pixelScale: 0.2
zeropoint: 30
noise: {sky: 100, gain: 1.0, rdnoise: 5.0}
ranges: {flux: [500, 50000], reArcsec: [0.3, 5], n: [0.5, 4], ell: [0, 0.6], pa: [0, 180], centreOffset: 3}
psf: {mode: fixed, type: moffat, fwhm: 0.8, beta: 3.5, size: 25}
device: auto
oversample: 2
YAML
  "$s4j" simulate --config "$out/simulate.yaml" --count "$COUNT" --seed "$SEED" --out "$stamps" | tee "$logs/simulate.out"
  simulate_s="$(secs "$logs/simulate.out" "simulated")"
  need "simulate's time" "$simulate_s"
fi

# 2. the store
if [ -f "$store/_STORE" ]; then
  echo "throughput: reusing the store $store" >&2
  ingest_s=null ingest_session_s=null
else
  "$s4j" ingest --images "$stamps" --out "$store" --master "local[$THREADS]" >"$logs/ingest.out" 2>"$logs/ingest.err"
  cat "$logs/ingest.out"
  ingest_s="$(secs "$logs/ingest.out" "stored")"
  ingest_session_s="$(secs "$logs/ingest.err" "session on")"
  need "ingest's time" "$ingest_s"
fi

# 3. plain fit, the Java path on THREADS threads
rm -f "$out/fit.csv" "$out/fit.fits"
"$s4j" fit --images "$stamps" --device java --threads "$THREADS" --out "$out/fit.csv" >"$logs/fit.out" 2>"$logs/fit.err"
cat "$logs/fit.out"
fit_s="$(secs "$logs/fit.out" "fitted")"
fit_failed="$(num "$logs/fit.out" "stamps (")"
need "fit's time" "$fit_s"

# 4. spark fit on the store, local[THREADS]
rm -rf "$out/spark-fit"
"$s4j" spark fit --store "$store" --out "$out/spark-fit" --master "local[$THREADS]" \
  --conf spark.ui.showConsoleProgress=false >"$logs/spark-fit.out" 2>"$logs/spark-fit.err"
cat "$logs/spark-fit.out"
session_s="$(secs "$logs/spark-fit.err" "session on")"
shards_s="$(secs "$logs/spark-fit.err" "committed in")"
shards="$(sed -n 's/^sersic4j: \([0-9][0-9]*\) shards\{0,1\} committed in.*/\1/p' "$logs/spark-fit.err" | tail -1)"
merge_s="$(secs "$logs/spark-fit.err" "merged")"
job_s="$(secs "$logs/spark-fit.out" "fitted")"
spark_failed="$(num "$logs/spark-fit.out" "stamps (")"
for v in session_s shards_s shards merge_s job_s; do need "spark fit's $v" "${!v}"; done

json="$(awk -v count="$COUNT" -v seed="$SEED" -v threads="$THREADS" -v fit_s="$fit_s" -v fit_failed="$fit_failed" \
  -v session_s="$session_s" -v shards_s="$shards_s" -v shards="$shards" -v merge_s="$merge_s" -v job_s="$job_s" \
  -v spark_failed="$spark_failed" -v simulate_s="$simulate_s" -v ingest_s="$ingest_s" \
  -v ingest_session_s="$ingest_session_s" -v load="$load_before" -v cores="$(nproc 2>/dev/null || echo 0)" \
  -v date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" 'BEGIN {
  fit_rate = count / fit_s; spark_rate = count / shards_s; spark_merged = count / (shards_s + merge_s)
  printf "{\n"
  printf "  \"date\": \"%s\", \"cores\": %d, \"load_average_before\": \"%s\",\n", date, cores, load
  printf "  \"count\": %d, \"seed\": %d, \"threads\": %d, \"stamp_size\": 64,\n", count, seed, threads
  printf "  \"simulate_s\": %s, \"ingest_s\": %s, \"ingest_session_start_s\": %s,\n", simulate_s, ingest_s, ingest_session_s
  printf "  \"fit\": {\"command\": \"fit --device java --threads %d\", \"seconds\": %s, \"failed\": %s, \"fits_per_s\": %.3f},\n", threads, fit_s, fit_failed, fit_rate
  printf "  \"spark_fit\": {\"command\": \"spark fit --master local[%d]\", \"session_start_s\": %s, \"shards\": %d, \"shards_s\": %s, \"merge_s\": %s, \"job_s\": %s, \"failed\": %s,\n", threads, session_s, shards, shards_s, merge_s, job_s, spark_failed
  printf "                \"fits_per_s\": %.3f, \"fits_per_s_with_merge\": %.3f},\n", spark_rate, spark_merged
  printf "  \"ratio\": %.4f, \"ratio_with_merge\": %.4f\n", spark_rate / fit_rate, spark_merged / fit_rate
  printf "}\n"
}')"
printf '%s\n' "$json" >"$out/throughput.json"
printf '%s\n' "$json"
echo "throughput: wrote $out/throughput.json" >&2
