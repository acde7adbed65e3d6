#!/usr/bin/env bash
# Submits the distributed job with the cluster jar (Spark and Hadoop provided by the cluster).
#   mvn -DskipTests package                    # builds target/classsr-spark-*-cluster.jar
#   submit/spark-submit.sh standalone spark://host:7077 --model models/classsr-fsrcnn --output s3a://b/hr s3a://b/lr
#   submit/spark-submit.sh yarn       yarn              --model models/classsr-fsrcnn --output hdfs:///hr hdfs:///lr
#   submit/spark-submit.sh k8s        k8s://https://api:6443 --model /opt/models/classsr-fsrcnn --output s3a://b/hr s3a://b/lr
# Extra spark-submit options: SPARK_SUBMIT_OPTS_EXTRA="--conf spark.executor.memory=4g". Needs
# SPARK_HOME (Spark 4.0.x, Scala 2.13) and, for s3a://, hadoop-aws 3.4.1 + the AWS SDK v2 in the
# cluster's classpath (or --packages org.apache.hadoop:hadoop-aws:3.4.1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:?mode: standalone|yarn|k8s}"; MASTER="${2:?master URL}"; shift 2
JAR="$(ls "$ROOT"/target/classsr-spark-*-cluster.jar 2>/dev/null | head -1 || true)"
[ -n "$JAR" ] || { echo "no cluster jar: run  mvn -DskipTests package" >&2; exit 2; }
JAVA_OPTS="-Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1"
case "$MODE" in
  standalone) DEPLOY=(--deploy-mode client) ;;
  yarn)       DEPLOY=(--deploy-mode cluster) ;;
  k8s)        DEPLOY=(--deploy-mode cluster --conf spark.kubernetes.file.upload.path="${K8S_UPLOAD_PATH:-s3a://classsr/upload}") ;;
  *) echo "mode must be standalone, yarn or k8s" >&2; exit 2 ;;
esac
exec "${SPARK_HOME:?set SPARK_HOME}/bin/spark-submit" \
  --master "$MASTER" "${DEPLOY[@]}" \
  --class org.classsr.cli.Main \
  --conf spark.driver.extraJavaOptions="$JAVA_OPTS" \
  --conf spark.executor.extraJavaOptions="$JAVA_OPTS" \
  --conf spark.executorEnv.OPT_OUT_TRACKING=true \
  ${SPARK_SUBMIT_OPTS_EXTRA:-} \
  "$JAR" spark-upscale "$@"
