#!/usr/bin/env bash
# Runs a benchmark against the local run (start deploy/local/run.sh in another terminal first).
#   deploy/bench/run.sh ingest [COMPLETIONS] [RUNS]
#   deploy/bench/run.sh rating [RATERS] [SECONDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
source .fairwise-local/tokens.env
if [ ! -f target/local-classpath.txt ] || [ ! -d target/test-classes ]; then
  ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/local-classpath.txt
fi
what="${1:-ingest}"; shift || true
case "$what" in
  ingest) main=dev.fairwise.bench.IngestBench ;;
  rating) main=dev.fairwise.bench.RatingBench ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
exec java -cp "target/test-classes:$(cat target/local-classpath.txt)" "$main" "$@"
