#!/usr/bin/env bash
# usage: chat.sh BIN VISITORS MESSAGES RATE   loadchat against a fresh SQLite serve; prints CPU/msg
# Loopback only, bounded. Build first, from the repository's root:
#   T=$(mktemp -d); go build -o $T/proofdesk ./cmd/proofdesk; go build -o $T/loadapi ./cmd/loadapi; go build -o $T/loadchat ./cmd/loadchat
#   LOADAPI=$T/loadapi LOADCHAT=$T/loadchat bench/chat.sh $T/proofdesk ...
# PostgreSQL runs need createdb/dropdb/psql against 127.0.0.1:5432 (user postgres); figures: BENCHMARKS.md.
set -eu
BIN=$1; V=${2:-10000}; M=${3:-3}; R=${4:-1000}
ulimit -n 20000 2>/dev/null || true
export PROOFDESK_MASTER_KEY=$(head -c32 /dev/urandom | base64); D=$(mktemp -d)
PORT=$((20000 + RANDOM % 20000)); PPROF=$((PORT+1))
printf 'load-test-password-1\n' | $BIN agent create --data $D --email agent@desk.test --name Agent --role agent >/dev/null
TOKEN=$($BIN token create --data $D --agent agent@desk.test | tail -1)
$BIN serve --data $D --addr 127.0.0.1:$PORT --widget-rate 100000 --log-level warn --pprof-addr 127.0.0.1:$PPROF >$D/serve.log 2>&1 & SPID=$!
for i in $(seq 50); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.2; done
t0=$(awk '{print $14+$15}' /proc/$SPID/stat)
${LOADCHAT:-loadchat} -url http://127.0.0.1:$PORT -token $TOKEN -visitors $V -messages $M -rate $R -duration 6m || echo "loadchat exit $?"
t1=$(awk '{print $14+$15}' /proc/$SPID/stat)
echo "server CPU s: $(( (t1-t0)/100 )) ; msgs $((V*(M+1)))"
grep -E 'VmHWM' /proc/$SPID/status; grep -c ERROR $D/serve.log || true
kill $SPID; wait $SPID 2>/dev/null || true
rm -rf $D
