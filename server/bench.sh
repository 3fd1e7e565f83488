#!/usr/bin/env bash
# make bench-server: Spotcheck's server against nginx (Debian) serving the same files, each
# measured with wrk for $DURATION (30 s) at $CONNS (64) connections on the app's page and on
# app.wasm in brotli. Both log every request to a file, both send the same security headers.
# Prints requests/s, p99 latency and errors, and keeps wrk's output in build/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30s}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
OUT=build/bench
GO=${GO:-go}
rm -rf "$OUT"; mkdir -p "$OUT"

$GO build -o "$OUT/server" ./server
WEB=${WEB:-build/web}
"$OUT/server" static "$OUT/static" -dir "$WEB" >/dev/null

# nginx: the static export, its .br/.gz files through gzip_static (Debian's nginx has no brotli
# module: the wasm request asks for gzip from both servers), the server's headers.
root=$(realpath "$OUT/static")
{
  echo "worker_processes auto; pid $(realpath "$OUT")/nginx.pid; error_log $(realpath "$OUT")/nginx-error.log;"
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

"$OUT/server" serve -addr 127.0.0.1:8181 -dir "$WEB" 2>"$OUT/server-access.log" &
spid=$!
nginx -c "$(realpath "$OUT/nginx.conf")" -g 'daemon off;' &
npid=$!
trap 'kill $spid $npid 2>/dev/null || true' EXIT
for i in $(seq 50); do
  curl -sf -o /dev/null http://127.0.0.1:8181/healthz && curl -sf -o /dev/null http://127.0.0.1:8182/ && break
  sleep 0.2
done

bench() { # name url [header]
  local name=$1 url=$2 hdr=${3:-}
  local out="$OUT/$name.txt"
  if [ -n "$hdr" ]; then
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -H "$hdr" "$url" > "$out"
  else
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$url" > "$out"
  fi
  local rps p99 errs non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errs=$(awk '/Socket errors/ {print $0}' "$out" | sed 's/.*Socket errors: //')
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out")
  printf '%-22s %12s req/s   p99 %9s   socket errors: %s   non-2xx: %s\n' "$name" "$rps" "$p99" "${errs:-none}" "${non2xx:-0}"
}

echo "wrk -t$THREADS -c$CONNS -d$DURATION, $(nproc) cores"
bench spotcheck-page http://127.0.0.1:8181/
bench nginx-page http://127.0.0.1:8182/
bench spotcheck-wasm-gzip http://127.0.0.1:8181/web/app.wasm "Accept-Encoding: gzip"
bench nginx-wasm-gzip http://127.0.0.1:8182/web/app.wasm "Accept-Encoding: gzip"
