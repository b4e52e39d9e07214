#!/usr/bin/env bash
# ./scim test: installs the test tools into .venv (once), lints template.yaml, starts moto's server on a free
# loopback port, runs every Maven test against it, and stops it again.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/scripts/java-home.sh"

VENV="$ROOT/.venv"
STAMP="$VENV/.installed-$(sha256sum requirements-dev.txt | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo "==> installing test tools into .venv (moto, cfn-lint)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt
  touch "$STAMP"
fi

echo "==> cfn-lint template.yaml"
"$VENV/bin/cfn-lint" template.yaml

if [ "${SCIM_TEST_EMULATOR:-moto}" = localstack ]; then
  echo "==> mvn verify against LocalStack (Testcontainers; needs a Docker engine)"
  exec ./mvnw -B -ntp verify "$@"
fi

PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p target
"$VENV/bin/python" scripts/moto_serial.py "$PORT" >target/moto.log 2>&1 &
MOTO_PID=$!
trap 'kill $MOTO_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/moto-api/" >/dev/null 2>&1; then break; fi
  kill -0 $MOTO_PID 2>/dev/null || { echo "moto failed to start:"; cat target/moto.log; exit 1; }
  sleep 0.1
done
echo "==> moto server on 127.0.0.1:$PORT"

echo "==> mvn verify (unit + emulator integration + Okta conversation tests)"
./mvnw -B -ntp verify -Dscim.test.endpoint="http://127.0.0.1:$PORT" "$@"
