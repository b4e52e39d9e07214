#!/usr/bin/env bash
# ./scim bench: deployment jar size, cold-start proxy (median of 5 new JVMs handling GET /Users with the DynamoDB
# client initialised), warm create/get latency (p50/p99), all against moto on loopback. Prints figures; asserts
# nothing. The emulator's latency is not DynamoDB's: compare runs with each other, not with production.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/java-home.sh"
[ -x .venv/bin/python ] || { echo "run ./scim test once first (it installs moto into .venv)"; exit 1; }

./mvnw -q -B -DskipTests package test-compile -pl functions -am
JAR=functions/target/scim-functions.jar
echo "jar: $JAR $(stat -c %s "$JAR") bytes ($(unzip -l "$JAR" | tail -1 | awk '{print $2}') entries)"

PORT=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p target
.venv/bin/python scripts/moto_serial.py "$PORT" >target/bench-moto.log 2>&1 &
MOTO=$!
trap 'kill $MOTO 2>/dev/null || true' EXIT
until curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1; do sleep 0.1; done

export AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
export TABLE_NAME=bench AWS_LAMBDA_FUNCTION_NAME=bench
CP="$JAR:functions/target/test-classes"
# The same JVM flags as the functions get from template.yaml.
JOPTS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
"$JAVA_HOME/bin/java" $JOPTS -cp "$CP" dev.scim.functions.bench.BenchTable

for i in 1 2 3 4 5; do
  "$JAVA_HOME/bin/java" $JOPTS -cp "$CP" dev.scim.functions.bench.ColdStartProbe
done | grep '^cold ' | tee target/bench-cold.txt
.venv/bin/python - target/bench-cold.txt <<'PY'
import statistics, sys
rows = [dict(f.split("=") for f in line.split()[1:]) for line in open(sys.argv[1])]
print("cold-start median of %d (ms): " % len(rows) + " ".join(
    "%s=%d" % (k, statistics.median(int(r[k]) for r in rows)) for k in rows[0]))
PY

"$JAVA_HOME/bin/java" $JOPTS -cp "$CP" dev.scim.functions.bench.WarmLatency
