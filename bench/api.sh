#!/usr/bin/env bash
# usage: api.sh BIN [pg]   runs loadapi's three phases against a fresh serve
# Loopback only, bounded. Build first, from the repository's root:
#   T=$(mktemp -d); go build -o $T/proofdesk ./cmd/proofdesk; go build -o $T/loadapi ./cmd/loadapi; go build -o $T/loadchat ./cmd/loadchat
#   LOADAPI=$T/loadapi LOADCHAT=$T/loadchat bench/api.sh $T/proofdesk ...
# PostgreSQL runs need createdb/dropdb/psql against 127.0.0.1:5432 (user postgres); figures: BENCHMARKS.md.
set -eu
BIN=$1; STORE=${2:-sqlite}
export PROOFDESK_MASTER_KEY=$(head -c32 /dev/urandom | base64); D=$(mktemp -d)
PORT=$((20000 + RANDOM % 20000)); PPROF=$((PORT+1))
DBARG=()
if [ "$STORE" = pg ]; then
  DBN=bench_$RANDOM; createdb -h 127.0.0.1 -U postgres $DBN
  DBARG=(--db "postgres://postgres@127.0.0.1:5432/$DBN?sslmode=disable")
fi
printf 'load-test-password-1\n' | $BIN agent create --data $D "${DBARG[@]}" --email agent@desk.test --name Agent --role agent >/dev/null
TOKEN=$($BIN token create --data $D "${DBARG[@]}" --agent agent@desk.test | tail -1)
ITOKEN=$($BIN token create --data $D "${DBARG[@]}" --integration load | tail -1)
$BIN serve --data $D "${DBARG[@]}" --addr 127.0.0.1:$PORT --api-rate 100000000 --log-level warn --pprof-addr 127.0.0.1:$PPROF >$D/serve.log 2>&1 & SPID=$!
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.2; done
if [ "$STORE" = pg ] && [ -n "${ANALYZE:-}" ]; then
  ${LOADAPI:-loadapi} -url http://127.0.0.1:$PORT -token $TOKEN -integration-token $ITOKEN -phases create -duration 2m >/dev/null
  psql -q -h 127.0.0.1 -U postgres -d $DBN -c 'ANALYZE' && echo "(2,000 conversations created and ANALYZE run before the phases)"
fi
if [ -n "${PROFILE:-}" ]; then (sleep 1; curl -s "http://127.0.0.1:$PPROF/debug/pprof/profile?seconds=4" > $PROFILE) & fi
(${LOADAPI:-loadapi} -url http://127.0.0.1:$PORT -token $TOKEN -integration-token $ITOKEN -pid $SPID -duration 4m) || true
grep -E 'VmHWM' /proc/$SPID/status
kill $SPID; wait $SPID 2>/dev/null || true
[ "$STORE" = pg ] && dropdb -h 127.0.0.1 -U postgres $DBN || true
rm -rf $D
