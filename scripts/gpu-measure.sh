#!/usr/bin/env bash
# The GPU measurements, run on the GPU machine from a bundle made by scripts/gpu-bundle.sh (which copies this script
# to the bundle's bin/):
#
#   OUT=/some/dir bundle/bin/gpu-measure.sh        (OUT defaults to ./out)
#
# Writes into $OUT: machine.txt (date, driver, CUDA and OpenCL devices), bench-render.json, bench-fit.json (100,000
# stamps, two batch sizes), bench-fit-agreement.json (1,000 stamps on the GPU and on the Java path, and how they agree),
# and one .log per step (everything the step printed). Each step has a time limit (60 + 200 + 80 s by default, so the
# whole script stays under 6 minutes even when every step runs out); a step that fails or runs out of time is reported
# and the next one runs. Stamps that the fit benchmarks simulate go to $WORK (default: a new temporary directory,
# removed at the end), never into $OUT. Limits in seconds can be changed with T_RENDER, T_FIT_GPU, T_FIT_JAVA.
set -uo pipefail   # no -e: a failed step must not stop the others

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sersic4j="$here/sersic4j"
OUT="${OUT:-./out}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
if [ -n "${WORK:-}" ]; then
  mkdir -p "$WORK"; keep_work=1
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/sersic4j-measure.XXXXXX")"; keep_work=0
fi
[ "$keep_work" = 1 ] || trap 'rm -rf "$WORK"' EXIT

T_RENDER="${T_RENDER:-60}"
T_FIT_GPU="${T_FIT_GPU:-200}"
T_FIT_JAVA="${T_FIT_JAVA:-80}"

start=$(date +%s)
failed=()

# step NAME LIMIT COMMAND...: runs COMMAND with a time limit (TERM, then KILL 5 s later), its output shown and kept in
# $OUT/NAME.log, and prints its elapsed time and exit status.
step() {
  local name="$1" limit="$2"; shift 2
  local t0 t1 rc
  echo "== $name (limit ${limit} s): $*"
  t0=$(date +%s.%N)
  timeout -k 5 "$limit" "$@" 2>&1 | tee "$OUT/$name.log"
  rc=${PIPESTATUS[0]}
  t1=$(date +%s.%N)
  local how="exit $rc"
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then how="exit $rc: ran past its ${limit} s limit"; fi
  echo "== $name: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s, $how"
  [ "$rc" = 0 ] || failed+=("$name ($how)")
  return 0
}

# The machine: date, GPU driver and CUDA version, OpenCL platforms and devices, what the bundle was built from.
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm)"
  echo "cpu: $(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo 2>/dev/null) ($(nproc) cores visible)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)"
  echo "glibc: $(getconf GNU_LIBC_VERSION 2>/dev/null)"
  echo
  echo "## nvidia-smi"
  if command -v nvidia-smi >/dev/null; then
    timeout 15 nvidia-smi 2>&1
    echo
    timeout 15 nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1
  else
    echo "(no nvidia-smi)"
  fi
  echo
  echo "## clinfo -l"
  if command -v clinfo >/dev/null; then timeout 15 clinfo -l 2>&1; else echo "(no clinfo)"; fi
  echo
  echo "## OpenCL loader and drivers"
  PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -i opencl || echo "(no OpenCL library in the linker cache)"
  ls -l /etc/OpenCL/vendors 2>&1
  for f in /etc/OpenCL/vendors/*.icd; do [ -f "$f" ] && echo "$f: $(cat "$f")"; done
  echo
  echo "## bundle"
  cat "$here/../BUNDLE.txt" 2>/dev/null | head -n 5
  "$sersic4j" --version 2>&1
} > "$OUT/machine.txt" 2>&1
cat "$OUT/machine.txt"
echo

step bench-render "$T_RENDER" "$sersic4j" bench render --devices java,gpu --batches 1000,10000,100000 \
  --out "$OUT/bench-render.json"
step bench-fit "$T_FIT_GPU" "$sersic4j" bench fit --device gpu --count 100000 --batches 1024,4096 \
  --sim-device gpu --methods lm --out "$OUT/bench-fit.json" --work "$WORK/fit-gpu"
step bench-fit-agreement "$T_FIT_JAVA" "$sersic4j" bench fit --device gpu --count 1000 --batches 1000 \
  --methods lm --compare-with-java --out "$OUT/bench-fit-agreement.json" --work "$WORK/fit-agreement"

echo "== all steps: $(( $(date +%s) - start )) s; results in $OUT"
if [ "${#failed[@]}" -gt 0 ]; then
  printf '== failed: %s\n' "${failed[@]}"
  exit 1
fi
