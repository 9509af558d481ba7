#!/usr/bin/env bash
# The whole benchmark, self-contained (starts its own PostgreSQL, Kafka and service; ~15 min on 2 cores;
# needs pgbench from postgresql-client); the table goes to target/bench/results.md:
#   deploy/bench/run.sh all
# Single benchmarks against the local run (start deploy/local/run.sh in another terminal first):
#   deploy/bench/run.sh ingest [COMPLETIONS] [RUNS]
#   [FAIRWISE_PID=<service pid>] deploy/bench/run.sh rating [RATERS] [SECONDS] [RUNS]
#                                        the service's CPU per cycle needs its PID, e.g.
#                                        FAIRWISE_PID=$(pgrep -f quarkus-app/quarkus-run.jar); n/a without
#   deploy/bench/run.sh baselines        pgbench (TPC-B-like and simple-update, 16 clients) against the local
#                                        PostgreSQL and Kafka's ProducerPerformance (1 KB, acks=all) against
#                                        the local broker; median of 3 each. Needs pgbench (postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" = all ]; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt
  # BENCH_OPTS, e.g. "-Dfairwise.bench.runs=1 -Dfairwise.bench.seconds=5" for a quick try
  exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${BENCH_OPTS:-} \
    -cp "target/test-classes:$(cat target/local-classpath.txt)" dev.fairwise.bench.BenchSuite
fi
source .fairwise-local/tokens.env
if [ ! -f target/local-classpath.txt ] || [ ! -d target/test-classes ]; then
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt
fi
what="${1:-ingest}"; shift || true
if [ "$what" = baselines ]; then
  pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
  if [ -z "$pgbench" ]; then echo "pgbench not found: apt-get install postgresql-client" >&2; exit 2; fi
  export PGPASSWORD=postgres
  pg="-h localhost -p ${FAIRWISE_LOCAL_PG_PORT:-15432} -U postgres"
  psql $pg -d postgres -qc "drop database if exists pgbench" -c "create database pgbench"
  "$pgbench" $pg -i -s 10 -q pgbench >/dev/null 2>&1
  for mode in tpcb simple-update; do
    flag=""; [ "$mode" = simple-update ] && flag="-N"
    for run in 1 2 3; do
      "$pgbench" $pg -c 16 -j 2 -T 15 $flag pgbench 2>/dev/null | awk -v m="$mode" -v r="$run" '/^tps/ {print "pgbench " m " run " r ": " $3 " TPS"}'
    done
  done
  for run in 1 2 3; do
    java -cp "target/test-classes:$(cat target/local-classpath.txt)" org.apache.kafka.tools.ProducerPerformance \
      --topic fairwise.bench.producer-perf --num-records 200000 --record-size 1024 --throughput -1 \
      --producer-props bootstrap.servers="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}" acks=all 2>/dev/null \
      | tail -1 | sed "s/^/ProducerPerformance run $run: /"
  done
  exit 0
fi
case "$what" in
  ingest) main=dev.fairwise.bench.IngestBench ;;
  rating) main=dev.fairwise.bench.RatingBench ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
exec java -cp "target/test-classes:$(cat target/local-classpath.txt)" "$main" "$@"
