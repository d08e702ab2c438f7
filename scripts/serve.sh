#!/usr/bin/env bash
# Serve the dashboard with N Streamlit worker processes behind HAProxy (Debian's), for many analysts at once.
#
#   bash scripts/serve.sh --workers N [--port P] [--address A] [--read-only]
#
# One Streamlit process runs every session's script on one core (the GIL): about 8 reruns a second in total.
# This starts N workers on 127.0.0.1:P+1..P+N and HAProxy on A:P (default 0.0.0.0:8501) in front of them:
# - session affinity: the first response sets the cookie SW_WORKER (round robin picks the worker); the page's
#   websocket (/_stcore/stream), which carries every rerun of the session, and later requests follow it;
# - health checks: HAProxy asks each worker's /_stcore/health every 2 s, takes a failing one out and sends
#   its sessions elsewhere (they reconnect; Streamlit restores the page from the URL);
# - one writable data folder and one corpus folder for all (STRAIT_WATCH_DATA, default data/; STRAIT_WATCH_CORPUS):
#   a worker's Add-an-article saves under the save's flock lock (strait_watch/intake/save.py), and every worker
#   sees the new version on its next rerun (the loader's cache is keyed on the files' names, sizes and mtimes);
#   a save that was interrupted is finished (or undone) before the workers start (add_article.py --recover);
# - --read-only: the workers get STRAIT_WATCH_READ_ONLY=1 (the Add-an-article page says saving is off) and, as
#   root, a read-only bind mount of the data folder in a private mount namespace;
# - a worker that dies is started again by its own restart loop after STRAIT_WATCH_RESTART_DELAY seconds
#   (default 1; its log says so); HAProxy's health check takes it out meanwhile and back in when it answers.
# The response header X-SW-Worker names the worker that answered. Ctrl-C (or SIGTERM) stops everything.
# Installs haproxy with apt-get if missing, as setup.sh does for chromium. Extra environment is passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

workers=2
port=8501
address=0.0.0.0
read_only=0
restart_delay="${STRAIT_WATCH_RESTART_DELAY:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --address) address="$2"; shift 2 ;;
    --read-only) read_only=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown option '$1' (use --workers N, --port P, --address A, --read-only)" >&2; exit 2 ;;
  esac
done
case "$workers" in ''|*[!0-9]*) echo "serve.sh: --workers needs a whole number, got '$workers'" >&2; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) echo "serve.sh: --port needs a whole number, got '$port'" >&2; exit 2 ;; esac
case "$restart_delay" in ''|*[!0-9.]*) echo "serve.sh: STRAIT_WATCH_RESTART_DELAY must be seconds, got '$restart_delay'" >&2; exit 2 ;; esac
if [ "$workers" -lt 1 ] || [ "$workers" -gt 64 ]; then echo "serve.sh: --workers must be 1 to 64" >&2; exit 2; fi

bash scripts/setup.sh
if ! command -v haproxy >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y haproxy
fi

# The same data folder for every worker, as an absolute path.
data="${STRAIT_WATCH_DATA:-$ROOT/data}"
case "$data" in /*) ;; *) data="$ROOT/$data" ;; esac
if [ ! -r "$data/datapackage.json" ]; then echo "serve.sh: no readable data package at $data" >&2; exit 1; fi
export STRAIT_WATCH_DATA="$data"
# Finish (or undo) a save that was interrupted, so no worker ever reads half a package.
.venv/bin/python scripts/add_article.py --recover --data "$data"
readonly_data=()
if [ "$read_only" -eq 1 ]; then
  export STRAIT_WATCH_READ_ONLY=1
  # As root, also a read-only bind mount per worker (a private mount namespace; nothing changes outside them).
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 \
     && unshare --mount --propagation private mount --bind "$data" "$data" 2>/dev/null; then
    readonly_data=(unshare --mount --propagation private sh -c \
      'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' sh "$data")
  fi
else
  unset STRAIT_WATCH_READ_ONLY
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

# One worker, started again whenever it exits (a crash, an OOM kill, kill -9) until serve.sh stops it.
worker_loop() {
  local i="$1" p="$2" child="" status
  trap 'kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
  while :; do
    "${readonly_data[@]}" .venv/bin/python -m streamlit run app.py --server.headless true --server.address 127.0.0.1 \
      --server.port "$p" --browser.gatherUsageStats false --server.fileWatcherType none \
      >> "$run_dir/worker-$i.log" 2>&1 &
    child=$!
    echo "$child" > "$run_dir/worker-$i.pid"
    status=0
    wait "$child" || status=$?
    echo "serve.sh: worker $i (port $p) exited with status $status at $(date -u +%FT%TZ); starting it again" \
      >> "$run_dir/worker-$i.log"
    sleep "$restart_delay"
  done
}

servers=""
for i in $(seq 1 "$workers"); do
  p=$((port + i))
  worker_loop "$i" "$p" &
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
  for n in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1; then break; fi
    if [ "$n" -eq 300 ] || grep -q "^serve.sh: worker $i .* exited" "$run_dir/worker-$i.log" 2>/dev/null; then
      echo "serve.sh: worker $i (port $p) did not start:" >&2; tail -20 "$run_dir/worker-$i.log" >&2; exit 1
    fi
    sleep 0.3
  done
done

haproxy -db -f "$run_dir/haproxy.cfg" &
pids+=("$!")
echo "Strait Watch: http://$address:$port/ -> $workers worker(s) on 127.0.0.1:$((port + 1))..$((port + workers)) (logs in $run_dir)"
wait "${pids[-1]}"
