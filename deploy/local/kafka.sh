#!/usr/bin/env bash
# A small Kafka client for the local run, so no Kafka distribution is needed:
#   deploy/local/kafka.sh produce fairwise.completions.v1 my-completions.jsonl   (key = prompt_id)
#   deploy/local/kafka.sh consume fairwise.preferences.v1 [IDLE_SECONDS]          (from the beginning)
# Uses KAFKA_BOOTSTRAP_SERVERS (default localhost:9092). Run deploy/local/run.sh once first (it builds).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f target/local-classpath.txt ]; then
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(cat target/local-classpath.txt)" dev.fairwise.local.KafkaTool "$@"
