#!/usr/bin/env bash
# make bench-server: Spotcheck's server against nginx (Debian) serving the same files. wrk runs
# pinned to one core and the server under test to another (taskset), so that on a 2-core
# machine the two do not fight over the same core and the ratio means something. For each of
# the app's page and app.wasm in gzip (Debian's nginx has no brotli module), at $CONNS (64 and
# 256) connections, $ROUNDS (2) rounds alternating which server goes first, wrk runs for
# $DURATION (10 s). Both servers log every request to a file and send the same security
# headers. Prints requests/s of each, the ratio nginx/Spotcheck, p99 latency and errors, and
# the server's resident memory right after start and after the load; wrk's output stays in
# build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64 256}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-1}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
OUT=build/bench
GO=${GO:-go}
rm -rf "$OUT"; mkdir -p "$OUT"

$GO build -o "$OUT/server" ./server
WEB=${WEB:-build/web}
"$OUT/server" static "$OUT/static" -dir "$WEB" >/dev/null

# nginx: the static export, its .gz files through gzip_static, the server's headers; one
# worker, as the server has one core.
root=$(realpath "$OUT/static")
{
  echo "worker_processes 1; pid $(realpath "$OUT")/nginx.pid; error_log $(realpath "$OUT")/nginx-error.log;"
  echo "events { worker_connections 4096; }"
  echo "http { include /etc/nginx/mime.types; types { application/manifest+json webmanifest; }"
  echo "  access_log $(realpath "$OUT")/nginx-access.log; sendfile on; tcp_nopush on; keepalive_requests 100000;"
  echo "  client_body_temp_path $(realpath "$OUT")/nginx-tmp; proxy_temp_path $(realpath "$OUT")/nginx-tmp;"
  echo "  fastcgi_temp_path $(realpath "$OUT")/nginx-tmp; uwsgi_temp_path $(realpath "$OUT")/nginx-tmp; scgi_temp_path $(realpath "$OUT")/nginx-tmp;"
  echo "  server { listen 127.0.0.1:8182; root $root; gzip_static on; etag on;"
  echo "    add_header Cache-Control no-cache always;"
  sed -n 's/^  \([A-Za-z-]*\): \(.*\)$/    add_header \1 "\2" always;/p' "$OUT/static/_headers" | grep -v Cache-Control
  echo "  } }"
} > "$OUT/nginx.conf"
mkdir -p "$OUT/nginx-tmp"

taskset -c "$SERVER_CPU" "$OUT/server" serve -addr 127.0.0.1:8181 -dir "$WEB" 2>"$OUT/server-access.log" &
spid=$!
taskset -c "$SERVER_CPU" nginx -c "$(realpath "$OUT/nginx.conf")" -g 'daemon off;' &
npid=$!
trap 'kill $spid $npid 2>/dev/null || true' EXIT
for i in $(seq 50); do
  curl -sf -o /dev/null http://127.0.0.1:8181/healthz && curl -sf -o /dev/null http://127.0.0.1:8182/ && break
  sleep 0.2
done
rss() { awk '/^VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$1/status"; }
# cpu PID...: CPU time (user + system, in clock ticks) of the processes and their children, so
# that CPU per request can be compared too: unlike requests/s it does not depend on what
# else the machine runs.
cpu() {
  local total=0 p
  for p in "$@" $(pgrep -P "$(IFS=,; echo "$*")" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $total
}
TICK=$(getconf CLK_TCK)
rss_start=$(rss $spid)

# run PID NAME URL CONNS [HEADER]: one wrk run against the server PID; prints "rps p99 errors
# cpu-µs-per-request".
run() {
  local pid=$1 name=$2 url=$3 conns=$4 hdr=${5:-}
  local out="$OUT/$name.txt"
  # wrk's timeout, 10 s rather than 2: a 2.3 MB wasm at 256 connections on one busy core can
  # take more than 2 s without anything being wrong.
  local args=(-t"$THREADS" -c"$conns" -d"$DURATION" --timeout 10s --latency)
  [ -n "$hdr" ] && args+=(-H "$hdr")
  local before after
  before=$(cpu "$pid")
  taskset -c "$WRK_CPU" wrk "${args[@]}" "$url" > "$out"
  after=$(cpu "$pid")
  local rps p99 errs non2xx reqs us
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errs=$(awk '/Socket errors/ {print $0}' "$out" | sed 's/.*Socket errors: //; s/ //g')
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out")
  reqs=$(awk '/requests in/ {print $1}' "$out")
  us=$(awk -v t=$((after - before)) -v n="$reqs" -v hz="$TICK" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')
  echo "$rps $p99 ${errs:-0}/${non2xx:-0} $us"
}

echo "wrk -t$THREADS -d$DURATION on core $WRK_CPU; each server alone on core $SERVER_CPU; $(nproc) cores"
printf '| %-9s | %5s | %5s | %12s | %12s | %5s | %8s | %8s | %9s | %9s | %9s | %s |\n' target conns round "spotcheck/s" "nginx/s" ratio "CPU µs ours" "CPU µs nginx" "CPU ratio" "p99 ours" "p99 nginx" "errors ours, nginx (socket/non-2xx)"
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for round in $(seq "$ROUNDS"); do
  for conns in $CONNS; do
    for target in page wasm-gzip; do
      path=/; hdr=
      if [ "$target" = wasm-gzip ]; then path=/web/app.wasm; hdr="Accept-Encoding: gzip"; fi
      if [ $((round % 2)) = 1 ]; then
        ours=$(run $spid "spotcheck-$target-$conns-$round" "http://127.0.0.1:8181$path" "$conns" "$hdr")
        theirs=$(run $npid "nginx-$target-$conns-$round" "http://127.0.0.1:8182$path" "$conns" "$hdr")
      else
        theirs=$(run $npid "nginx-$target-$conns-$round" "http://127.0.0.1:8182$path" "$conns" "$hdr")
        ours=$(run $spid "spotcheck-$target-$conns-$round" "http://127.0.0.1:8181$path" "$conns" "$hdr")
      fi
      read -r orps op99 oerr ous <<<"$ours"
      read -r nrps np99 nerr nus <<<"$theirs"
      ratio=$(awk -v a="$nrps" -v b="$orps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
      cratio=$(awk -v a="$ous" -v b="$nus" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
      printf '| %-9s | %5s | %5s | %12s | %12s | %5s | %8s | %8s | %9s | %9s | %9s | %s, %s |\n' "$target" "$conns" "$round" "$orps" "$nrps" "$ratio" "$ous" "$nus" "$cratio" "$op99" "$np99" "$oerr" "$nerr"
    done
  done
done
echo "Spotcheck's server: RSS $rss_start after start, $(rss $spid) after the load"
