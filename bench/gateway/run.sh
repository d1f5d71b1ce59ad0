#!/usr/bin/env bash
# The gateway benchmark: the same real endpoint (the ledger's public GET /api/ledger/anchors)
# called directly, through the gateway and through nginx, with wrk, in interleaved rounds so that
# noise on the machine hits all three alike. Started by `./city bench gateway`, which provides
# the infrastructure, the ledger's database and the Release builds; see README.md.
#
# Environment (set by tools/city/bench.sh):
#   BENCH_OUT          folder for this run (configs, logs, raw wrk outputs, report.json)
#   BENCH_LEDGER_DLL   the ledger's Release build     BENCH_GATEWAY_DLL  the gateway's Release build
#   BENCH_POSTGRES     the ledger's connection string BENCH_RABBITMQ     the broker URI
#   BENCH_CHAIN_RPC, BENCH_CHAIN_ID                   the chain (anchoring stays off)
set -euo pipefail

rounds=3 duration=10 connections=16 threads=1 warmup=3
ledger_port=15106 gateway_port=15000 nginx_port=15080
path=/api/ledger/anchors

usage() {
  cat <<USAGE
Usage: ./city bench gateway [--rounds N] [--duration S] [--connections C] [--threads T]
  --rounds N       interleaved rounds (default $rounds)
  --duration S     seconds per wrk run (default $duration)
  --connections C  wrk connections (default $connections)
  --threads T      wrk threads (default $threads; the machine's other cores serve the requests)
Measures $path on the ledger directly, through the gateway and through nginx.
USAGE
}

while (($# > 0)); do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
for value in "$rounds" "$duration" "$connections" "$threads"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "bench: options take positive integers" >&2; exit 2; }
done

: "${BENCH_OUT:?} ${BENCH_LEDGER_DLL:?} ${BENCH_GATEWAY_DLL:?} ${BENCH_POSTGRES:?} ${BENCH_RABBITMQ:?} ${BENCH_CHAIN_RPC:?} ${BENCH_CHAIN_ID:?}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
mkdir -p "$BENCH_OUT/wrk" "$BENCH_OUT/logs" "$BENCH_OUT/nginx"

for port in "$ledger_port" "$gateway_port" "$nginx_port"; do
  if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "bench: port $port is taken; stop what listens there and run again" >&2
    exit 1
  fi
done

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT

start() { # name command...
  local name="$1"
  shift
  setsid "$@" >"$BENCH_OUT/logs/$name.log" 2>&1 </dev/null &
  pids+=("$!")
}

wait_for() { # name url
  local deadline=$((SECONDS + 90))
  until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$2" || true)" == 200 ]]; do
    if ((SECONDS >= deadline)); then
      echo "bench: $1 did not answer $2 within 90 s; its log:" >&2
      tail -n 30 "$BENCH_OUT/logs/$1.log" >&2
      exit 1
    fi
    sleep 0.3
  done
}

# The ledger as ./city up runs it, its own rate limit out of the way and its request logs off:
# its cost is common to all three paths, and only the difference between them is measured.
start ledger env ASPNETCORE_ENVIRONMENT=Development \
  "ConnectionStrings__Postgres=$BENCH_POSTGRES" "ConnectionStrings__RabbitMq=$BENCH_RABBITMQ" \
  Messaging__EntityPrefix=bench-gateway- Authentication__Authority=http://127.0.0.1:9/ \
  Ledger__RunAnchoring=false "Ledger__Chain__RpcUrl=$BENCH_CHAIN_RPC" "Ledger__Chain__ChainId=$BENCH_CHAIN_ID" \
  Ledger__RateLimit__PermitLimit=1000000 Logging__LogLevel__Default=Warning \
  dotnet "$BENCH_LEDGER_DLL" --contentRoot "$(dirname "$BENCH_LEDGER_DLL")" --urls "http://127.0.0.1:$ledger_port"

# The gateway as shipped (Production, appsettings.json), pointed at this ledger, its limits raised.
# The authority is never contacted: the route is anonymous and no token is sent.
start gateway env ASPNETCORE_ENVIRONMENT=Production \
  Authentication__Authority=https://identity.invalid/ \
  "ReverseProxy__Clusters__ledger__Destinations__ledger-1__Address=http://127.0.0.1:$ledger_port/" \
  Gateway__RateLimits__PerIp__PermitLimit=10000000 Gateway__RateLimits__PerClient__PermitLimit=10000000 \
  dotnet "$BENCH_GATEWAY_DLL" --contentRoot "$(dirname "$BENCH_GATEWAY_DLL")" --urls "http://127.0.0.1:$gateway_port"

# nginx as a reference proxy doing the same job: keep-alive upstream, forwarded headers, 1 MB bodies.
cat >"$BENCH_OUT/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $BENCH_OUT/nginx/nginx.pid;
error_log $BENCH_OUT/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $BENCH_OUT/nginx/body;
  proxy_temp_path $BENCH_OUT/nginx/proxy;
  fastcgi_temp_path $BENCH_OUT/nginx/fastcgi;
  uwsgi_temp_path $BENCH_OUT/nginx/uwsgi;
  scgi_temp_path $BENCH_OUT/nginx/scgi;
  upstream ledger { server 127.0.0.1:$ledger_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 1m;
    location / {
      proxy_pass http://ledger;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
}
NGINX
start nginx "$nginx_bin" -p "$BENCH_OUT/nginx" -c "$BENCH_OUT/nginx/nginx.conf" -e "$BENCH_OUT/logs/nginx-error.log" -g 'daemon off;'

declare -A url=(
  [direct]="http://127.0.0.1:$ledger_port$path"
  [gateway]="http://127.0.0.1:$gateway_port$path"
  [nginx]="http://127.0.0.1:$nginx_port$path"
)
wait_for ledger "${url[direct]}"
wait_for gateway "${url[gateway]}"
wait_for nginx "${url[nginx]}"

echo "==> Warming up each path for ${warmup} s"
for target in direct gateway nginx; do
  wrk -t"$threads" -c"$connections" -d"${warmup}s" "${url[$target]}" >/dev/null
done

orders=("direct gateway nginx" "gateway nginx direct" "nginx direct gateway")
echo "==> $rounds rounds x 3 paths x ${duration} s (wrk -t$threads -c$connections), interleaved"
for ((round = 1; round <= rounds; round++)); do
  for target in ${orders[$(((round - 1) % 3))]}; do
    printf '    round %d: %-8s' "$round" "$target"
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${url[$target]}" >"$BENCH_OUT/wrk/round$round-$target.txt"
    grep -E '^Requests/sec' "$BENCH_OUT/wrk/round$round-$target.txt" | tr -s ' ' | sed 's/^/ /'
  done
done

node "$here/report.mjs" "$BENCH_OUT/wrk" "$BENCH_OUT/report.json" \
  "GET $path, wrk -t$threads -c$connections, $rounds x ${duration} s per path, $(nproc) cores"
echo "Raw wrk outputs: $BENCH_OUT/wrk/   logs: $BENCH_OUT/logs/   report: $BENCH_OUT/report.json"
