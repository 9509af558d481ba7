#!/usr/bin/env bash
# Runs Fairwise on this machine with a real PostgreSQL server and a real Kafka broker on localhost, loads
# the demo campaigns and prints URLs and tokens. Needs only JDK 17. Ctrl-C stops everything it started.
# Data (PostgreSQL, Kafka, the dev signing keys) is kept in .fairwise-local/ between runs; delete that
# folder to start afresh.
set -euo pipefail
cd "$(dirname "$0")/../.."

echo "[local] building (tests skipped; run ./mvnw verify for those)"
./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:$(cat target/local-classpath.txt)" dev.fairwise.local.LocalStack "$@"
