#!/usr/bin/env bash
# Horizontal scaling on one machine: the same `upscale` job on a Spark standalone cluster of
# 1 worker x 1 core, then of 2 workers x 1 core (or the counts in WORKERS), started on 127.0.0.1
# from this project's classpath (no Spark tarball; as StandaloneCluster in the tests), and the
# speed-up of each against the first. One executor per worker, 1 core and 1 PyTorch thread each.
#   submit/scaling-bench.sh --model models/classsr-fsrcnn INPUT...
#   WORKERS="1 2" REPEATS=1 OUT=out/scaling submit/scaling-bench.sh --model M INPUT...
#   PIN=1 submit/scaling-bench.sh --model M INPUT...   # each worker (and its executor) on a core of its own
# With PIN=1 (taskset), worker w and the executor it launches run on CPU w only, and the driver on
# the last CPU when the workers leave it free: "1 core" then means one core, also for the
# executor's JIT, GC, shuffle and PNG threads, which otherwise borrow an idle core on a small host.
# Prints, and writes to $OUT/scaling.tsv: workers, cores, the job's own seconds (report
# seconds.classsr: listing to last output, executors already registered), the command's wall
# seconds (JVM and session start included), the driver's CPU seconds (user + system of the whole
# command: what the driver takes from the executors' cores when it has none of its own), output
# Mpx/s, speed-up of the job seconds, and the host's 1-minute load average before and after the
# run (other work on the host skews the numbers).
# See docs/scaling.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKERS="${WORKERS:-1 2}"
REPEATS="${REPEATS:-1}"
OUT="${OUT:-$ROOT/out/scaling}"
EXECUTOR_MEMORY="${EXECUTOR_MEMORY:-1500m}"
PIN="${PIN:-0}"
CPUS=$(nproc)
[ $# -gt 0 ] || { echo "usage: submit/scaling-bench.sh [upscale options] INPUT..." >&2; exit 2; }

"$ROOT/submit/classsr" --help >/dev/null   # builds target/classes and target/classpath.txt when stale
mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/classsr-scaling.XXXXXX")"
PIDS=()
stop_cluster() {
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
trap 'stop_cluster; rm -rf "$WORK"' EXIT INT TERM

# SPARK_HOME/jars: links to the jars of the project's classpath (Spark, Hadoop, DJL, ...).
mkdir -p "$WORK/spark-home/jars"
tr ':' '\n' < "$ROOT/target/classpath.txt" | while read -r jar; do
  case "$jar" in *.jar) [ -f "$jar" ] && ln -sf "$jar" "$WORK/spark-home/jars/" ;; esac
done
SPARK_JAVA17="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  SPARK_JAVA17="$SPARK_JAVA17 --add-opens=java.base/$p=ALL-UNNAMED"
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# The command prefix that keeps a process on CPU $1 (nothing without PIN=1).
on_cpu() { [ "$PIN" = 1 ] && echo "taskset -c $1" || true; }
daemon() { # name, cpu (or "" for any), main class, args...
  local name=$1 cpu=$2; shift 2
  SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OPT_OUT_TRACKING=true \
    $([ -n "$cpu" ] && on_cpu "$cpu") java -Xmx512m $SPARK_JAVA17 -cp "$WORK/spark-home/jars/*" "$@" > "$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
start_cluster() { # workers
  local port; port=$(free_port)
  daemon master "" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$(free_port)"
  for _ in $(seq 1 180); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 1; done
  for ((w = 0; w < $1; w++)); do
    daemon "worker$w" "$((w % CPUS))" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
      --webui-port "$(free_port)" --work-dir "$WORK/work$w" "spark://127.0.0.1:$port"
  done
  MASTER="spark://127.0.0.1:$port"
}

# Executors: 1 core, 1 PyTorch thread, this checkout's classes; the job waits for every executor.
conf_for() { # workers
  cat > "$WORK/scaling-$1.conf" <<EOF
classsr.spark.conf {
  "spark.executor.cores" = "1"
  "spark.cores.max" = "$1"
  "spark.executor.memory" = "$EXECUTOR_MEMORY"
  "spark.executor.extraClassPath" = "$ROOT/target/classes"
  "spark.executor.extraJavaOptions" = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"
  "spark.executorEnv.OMP_WAIT_POLICY" = "PASSIVE"
  "spark.executorEnv.OPT_OUT_TRACKING" = "true"
  "spark.scheduler.minRegisteredResourcesRatio" = "1.0"
  "spark.scheduler.maxRegisteredResourcesWaitingTime" = "300s"
}
EOF
  echo "$WORK/scaling-$1.conf"
}

load1() { cut -d' ' -f1 /proc/loadavg; }
TIMEFORMAT='%U %S'   # bash's time: user and system CPU seconds of the timed command
echo "pinned to cores: $([ "$PIN" = 1 ] && echo yes || echo no) ($CPUS CPUs)"
printf 'workers\tcores\trepeat\tjob_s\twall_s\tdriver_cpu_s\toutput_mpx_per_s\tspeedup\tload_before\tload_after\n' | tee "$OUT/scaling.tsv"
BASE=""
for n in $WORKERS; do
  start_cluster "$n"
  conf="$(conf_for "$n")"
  for ((r = 1; r <= REPEATS; r++)); do
    before=$(load1)
    t0=$(date +%s.%N)
    driver_cpu=""
    [ "$n" -lt "$CPUS" ] && driver_cpu=$((CPUS - 1))
    { time CLASSSR_THREADS=1 $([ -n "$driver_cpu" ] && on_cpu "$driver_cpu") "$ROOT/submit/classsr" upscale --conf "$conf" \
      --master "$MASTER" --overwrite --output "$OUT/w$n" "$@" > "$OUT/w$n-r$r.log" 2>&1; } 2> "$OUT/w$n-r$r.cpu" \
      || { echo "job failed, see $OUT/w$n-r$r.log" >&2; exit 1; }
    t1=$(date +%s.%N)
    after=$(load1)
    read -r job mpxs < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["seconds"]["classsr"], s["output_megapixels_per_second"])' "$OUT/w$n/_classsr_report.json")
    [ -n "$BASE" ] || BASE=$job
    driver=$(awk '{ print $1 + $2 }' "$OUT/w$n-r$r.cpu")
    printf '%s\t%s\t%s\t%.1f\t%.1f\t%.1f\t%.3f\t%.2f\t%s\t%s\n' "$n" "$n" "$r" "$job" "$(echo "$t1 - $t0" | bc -l)" "$driver" "$mpxs" \
      "$(echo "$BASE / $job" | bc -l)" "$before" "$after" | tee -a "$OUT/scaling.tsv"
  done
  stop_cluster
done
