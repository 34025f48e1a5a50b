#!/usr/bin/env bash
# A small job on a real Spark standalone cluster, submitted as a cluster runs it: a master and a worker started as
# separate JVMs from the jars of a Spark installation (Spark's own dependencies at Spark's versions, spark/ci/spark-jars,
# nothing of sersic4j), and the application jar spark/target/sersic4j-spark-VERSION-app.jar submitted through Spark's
# own submit (org.apache.spark.deploy.SparkSubmit --master spark://…): 'simulate --format parquet' writes a store of
# eight stamps from the executors, then 'spark fit' fits them there. The executors (JVMs the worker launches) find
# sersic4j in the application jar alone. Checks that every stamp has its catalogue row, then stops the cluster.
# Needs: ./mvnw -B -Pspark -DskipTests package (or install) first. Usage: spark/ci/standalone.sh [WORKDIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
app="$(ls "$root"/spark/target/sersic4j-spark-*-app.jar 2>/dev/null | head -1 || true)"
[ -n "$app" ] && [ -f "$app" ] || { echo "standalone: build first (./mvnw -B -Pspark -DskipTests package)" >&2; exit 2; }

# SPARK_HOME: a home whose jars/ are a Spark installation's; the worker launches executors with them on their class path.
home="$work/spark-home"
spark_version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/pom.xml" | head -1)"
mkdir -p "$home"
"$root/mvnw" -B -q -f "$root/spark/ci/spark-jars/pom.xml" -Dspark.version="$spark_version" -Djars="$home/jars" package
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOG_DIR="$work"
port=$((17000 + RANDOM % 2000))
master_url="spark://127.0.0.1:$port"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

java -cp "$home/jars/*" -Xmx256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$work/master.log" 2>&1 &
pids+=($!)
java -cp "$home/jars/*" -Xmx256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 2g \
  --webui-port 0 --work-dir "$work/worker" "$master_url" >"$work/worker.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "$work/worker.log" 2>/dev/null && break
  sleep 1
done
grep -q "Successfully registered with master" "$work/worker.log" || { echo "standalone: the worker did not register" >&2; tail -20 "$work"/*.log >&2; exit 1; }
echo "standalone: master $master_url and a worker are up (pids ${pids[*]}); application jar $app ($(du -m "$app" | cut -f1) MB)"

# spark-submit, as Spark's launcher script runs it (client mode: the driver is this JVM, with Spark's jars alone)
submit() {
  java -cp "$home/jars/*" -Xmx1g -Dlog4j2.configurationFile="$root/spark/src/main/resources/log4j2.properties" \
    org.apache.spark.deploy.SparkSubmit --master "$master_url" \
    --class org.sersic4j.spark.SparkMain --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=1g --conf spark.cores.max=2 "$app" "$@"
}

cat >"$work/sim.yaml" <<'YAML'
count: 8
seed: 42
size: 64
pixelScale: 0.2
noise: {sky: 100, gain: 1.0, rdnoise: 5.0}
psf: {mode: fixed, type: moffat, fwhm: 0.8, beta: 3.5, ell: 0, pa: 0, size: 25}
device: java
YAML
submit simulate --format parquet --config "$work/sim.yaml" --shards 2 --out "$work/store"
[ -f "$work/store/_STORE" ] || { echo "standalone: simulate --format parquet wrote no complete store" >&2; exit 1; }
submit spark fit --store "$work/store" --out "$work/out"

rows=$(($(grep -vc '^#' "$work/out/catalog.csv") - 1))
grep -q "Asked to launch executor" "$work/worker.log" || { echo "standalone: the worker launched no executor" >&2; exit 1; }
grep -q -- "-app.jar to class loader" "$work"/worker/app-*/*/stderr \
  || { echo "standalone: no executor loaded the application jar" >&2; exit 1; }
if [ "$rows" -ne 8 ]; then echo "standalone: expected 8 catalogue rows, got $rows" >&2; exit 1; fi
echo "standalone: 8 stamps simulated and fitted on $master_url through spark-submit of the application jar, by executors the worker launched; catalogue $work/out/catalog.csv"
