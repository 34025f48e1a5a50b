#!/usr/bin/env bash
# A small job on a real Spark standalone cluster: a master and a worker started as separate JVMs from the spark
# module's jars (spark/target/lib), and 'sersic4j spark fit' on a few simulated stamps through them, its executor a
# third JVM launched by the worker. Checks that every stamp has its catalogue row, then stops the cluster.
# Needs: ./mvnw -B -Pspark -DskipTests install (or package) first. Usage: spark/ci/standalone.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
lib="$root/spark/target/lib"
jar="$(ls "$root"/spark/target/sersic4j-spark-*.jar | grep -v -e '-sources' -e '-tests' | head -1)"
cli="$(ls "$root"/cli/target/sersic4j-cli-*.jar | grep -v -e '-sources' -e '-tests' | head -1)"
[ -d "$lib" ] && [ -f "$jar" ] && [ -f "$cli" ] || { echo "standalone: build first (./mvnw -B -Pspark -DskipTests install)" >&2; exit 2; }

# The worker launches executors with SPARK_HOME/jars on their class path: a home whose jars are the module's.
home="$work/spark-home"
mkdir -p "$home"
ln -sfn "$lib" "$home/jars"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOG_DIR="$work"
port=$((17000 + RANDOM % 2000))
master_url="spark://127.0.0.1:$port"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

java -cp "$lib/*" -Xmx256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$work/master.log" 2>&1 &
pids+=($!)
java -cp "$lib/*" -Xmx256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 2g \
  --webui-port 0 --work-dir "$work/worker" "$master_url" >"$work/worker.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "$work/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$work/worker.log" || { echo "standalone: the worker did not register" >&2; tail -20 "$work"/*.log >&2; exit 1; }
echo "standalone: master $master_url and a worker are up (pids ${pids[*]})"

cat >"$work/sim.yaml" <<'YAML'
count: 8
seed: 42
size: 64
pixelScale: 0.2
noise: {sky: 100, gain: 1.0, rdnoise: 5.0}
psf: {mode: fixed, type: moffat, fwhm: 0.8, beta: 3.5, ell: 0, pa: 0, size: 25}
device: java
YAML
java -jar "$cli" simulate --config "$work/sim.yaml" --out "$work/stamps" >/dev/null

java -jar "$jar" spark fit --images "$work/stamps" --out "$work/out" --master "$master_url" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.executor.memory=1g \
  --conf spark.cores.max=2

rows=$(($(grep -vc '^#' "$work/out/catalog.csv") - 1))
grep -q "Asked to launch executor" "$work/worker.log" || { echo "standalone: the worker launched no executor" >&2; exit 1; }
if [ "$rows" -ne 8 ]; then echo "standalone: expected 8 catalogue rows, got $rows" >&2; exit 1; fi
echo "standalone: 8 stamps fitted on $master_url by an executor the worker launched; catalogue $work/out/catalog.csv"
