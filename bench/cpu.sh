#!/usr/bin/env bash
# usage: cpu.sh BIN PHASES [pg]  server and client CPU per request of loadapi phases
# Loopback only, bounded. Build first, from the repository's root:
#   T=$(mktemp -d); go build -o $T/proofdesk ./cmd/proofdesk; go build -o $T/loadapi ./cmd/loadapi; go build -o $T/loadchat ./cmd/loadchat
#   LOADAPI=$T/loadapi LOADCHAT=$T/loadchat bench/cpu.sh $T/proofdesk ...
# PostgreSQL runs need createdb/dropdb/psql against 127.0.0.1:5432 (user postgres); figures: BENCHMARKS.md.
set -eu
BIN=$1; PH=$2; STORE=${3:-sqlite}
export PROOFDESK_MASTER_KEY=$(head -c32 /dev/urandom | base64); D=$(mktemp -d)
PORT=$((20000 + RANDOM % 20000)); DBARG=()
if [ "$STORE" = pg ]; then DBN=bench_$RANDOM; createdb -h 127.0.0.1 -U postgres $DBN; DBARG=(--db "postgres://postgres@127.0.0.1:5432/$DBN?sslmode=disable"); fi
printf 'load-test-password-1\n' | $BIN agent create --data $D "${DBARG[@]}" --email agent@desk.test --name Agent --role agent >/dev/null
TOKEN=$($BIN token create --data $D "${DBARG[@]}" --agent agent@desk.test | tail -1)
ITOKEN=$($BIN token create --data $D "${DBARG[@]}" --integration load | tail -1)
$BIN serve --data $D "${DBARG[@]}" --addr 127.0.0.1:$PORT --api-rate 100000000 --log-level warn >$D/serve.log 2>&1 & SPID=$!
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.2; done
pgcpu() { for p in $(pgrep -x postgres); do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}'; }
t0=$(awk '{print $14+$15}' /proc/$SPID/stat); p0=$(pgcpu)
/usr/bin/time -f "client CPU %U+%S s" ${LOADAPI:-loadapi} -url http://127.0.0.1:$PORT -token $TOKEN -integration-token $ITOKEN -phases $PH -duration 3m
t1=$(awk '{print $14+$15}' /proc/$SPID/stat); p1=$(pgcpu)
echo "server CPU $(( (t1-t0) )) cs; postgres CPU $((p1-p0)) cs"
kill $SPID; wait $SPID 2>/dev/null || true
[ "$STORE" = pg ] && dropdb -h 127.0.0.1 -U postgres $DBN || true
rm -rf $D
