#!/usr/bin/env bash
# Serve the dashboard with N Streamlit worker processes behind HAProxy (Debian's), for many analysts at once.
#
#   bash scripts/serve.sh --workers N [--port P] [--address A]
#
# One Streamlit process runs every session's script on one core (the GIL): about 8 reruns a second in total.
# This starts N workers on 127.0.0.1:P+1..P+N and HAProxy on A:P (default 0.0.0.0:8501) in front of them:
# - session affinity: the first response sets the cookie SW_WORKER (round robin picks the worker); the page's
#   websocket (/_stcore/stream), which carries every rerun of the session, and later requests follow it;
# - health checks: HAProxy asks each worker's /_stcore/health every 2 s, takes a failing one out and sends
#   its sessions elsewhere (they reconnect; Streamlit restores the page from the URL);
# - one data folder for all: STRAIT_WATCH_DATA (default data/), mounted read-only for the workers when run as
#   root (a private mount namespace per worker; nothing changes outside them).
# The response header X-SW-Worker names the worker that answered. Ctrl-C (or SIGTERM) stops everything.
# Installs haproxy with apt-get if missing, as setup.sh does for chromium. Extra environment is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

workers=2
port=8501
address=0.0.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown option '$1' (use --workers N, --port P, --address A)" >&2; exit 2 ;;
  esac
done
case "$workers" in ''|*[!0-9]*) echo "serve.sh: --workers needs a whole number, got '$workers'" >&2; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) echo "serve.sh: --port needs a whole number, got '$port'" >&2; exit 2 ;; esac
if [ "$workers" -lt 1 ] || [ "$workers" -gt 64 ]; then echo "serve.sh: --workers must be 1 to 64" >&2; exit 2; fi

bash scripts/setup.sh
if ! command -v haproxy >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y haproxy
fi

# The same data folder for every worker, as an absolute path (each worker reads it; none writes).
data="${STRAIT_WATCH_DATA:-$ROOT/data}"
case "$data" in /*) ;; *) data="$ROOT/$data" ;; esac
if [ ! -r "$data/datapackage.json" ]; then echo "serve.sh: no readable data package at $data" >&2; exit 1; fi
export STRAIT_WATCH_DATA="$data"
# Read-only for the workers where the system allows it: as root, each worker runs in a private mount namespace
# with the data folder bind-mounted read-only (nothing outside changes). Elsewhere the app still only reads it.
readonly_data=()
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 \
   && unshare --mount --propagation private mount --bind "$data" "$data" 2>/dev/null; then
  readonly_data=(unshare --mount --propagation private sh -c \
    'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' sh "$data")
else
  echo "serve.sh: data folder $data is shared but not mounted read-only (needs root and unshare)" >&2
fi

run_dir="$(mktemp -d "${TMPDIR:-/tmp}/strait-watch-serve.XXXXXX")"
pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

servers=""
for i in $(seq 1 "$workers"); do
  p=$((port + i))
  "${readonly_data[@]}" .venv/bin/python -m streamlit run app.py --server.headless true --server.address 127.0.0.1 --server.port "$p" \
    --browser.gatherUsageStats false --server.fileWatcherType none > "$run_dir/worker-$i.log" 2>&1 &
  pids+=("$!")
  servers+="    server w$i 127.0.0.1:$p check inter 2s fall 2 rise 1 cookie w$i"$'\n'
done

cat > "$run_dir/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
frontend strait_watch
    bind $address:$port
    default_backend workers
backend workers
    balance roundrobin
    option redispatch
    cookie SW_WORKER insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect string ok
    http-response set-header X-SW-Worker %s
$servers
EOF
haproxy -c -q -f "$run_dir/haproxy.cfg"

# Wait until every worker answers its health check (a cold start imports plotly, pandas...).
for i in $(seq 1 "$workers"); do
  p=$((port + i))
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      echo "serve.sh: worker $i (port $p) exited:" >&2; tail -20 "$run_dir/worker-$i.log" >&2; exit 1
    fi
    sleep 0.3
  done
done

haproxy -db -f "$run_dir/haproxy.cfg" &
pids+=("$!")
echo "Strait Watch: http://$address:$port/ -> $workers worker(s) on 127.0.0.1:$((port + 1))..$((port + workers)) (logs in $run_dir)"
wait "${pids[-1]}"
