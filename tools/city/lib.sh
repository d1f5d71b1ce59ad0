# shellcheck shell=bash disable=SC2034 # the constants here are read by the other tools/city/*.sh
# Shared helpers for ./city: paths, ports, output, processes. Sourced, never run.
# CITY_ROOT is set by ./city before this file is sourced.

readonly CITY_STATE="$CITY_ROOT/.city"
readonly CITY_LOGS="$CITY_STATE/logs"
readonly CITY_PIDS="$CITY_STATE/pids"
readonly CITY_TOOLS="$CITY_ROOT/tools"
readonly CITY_DEPLOYABLES="$CITY_ROOT/tools/city/deployables"

# Fixed loopback ports (docs/architecture.md, "Local run and ports"); nothing of ours listens elsewhere.
readonly POSTGRES_PORT=55432
readonly RABBITMQ_PORT=55672
# Erlang distribution needs two more ports; the defaults (AMQP port + 20000, epmd on 4369)
# are invalid here or clash with a system RabbitMQ, so they sit next to the AMQP port.
readonly RABBITMQ_DIST_PORT=55673
readonly EPMD_PORT=55674
# rabbitmqctl itself joins the Erlang cluster briefly and needs a port from this range.
readonly RABBITMQ_CLI_PORT_MIN=55675
readonly RABBITMQ_CLI_PORT_MAX=55679
readonly ANVIL_PORT=58545
readonly CHAIN_ID=31337

# The CITY_* contract read by services and by the test fixture.
readonly CITY_POSTGRES="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=city;Database=city"
readonly CITY_RABBITMQ="amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/"
readonly CITY_CHAIN_RPC="http://127.0.0.1:$ANVIL_PORT"

# Commands register themselves here (see city_command) so `./city help` lists them.
CITY_COMMANDS=()
declare -A CITY_COMMAND_HELP=()

city_command() { # name usage description
  CITY_COMMANDS+=("$1")
  CITY_COMMAND_HELP[$1]="$(printf '%-34s %s' "$2" "$3")"
}

say() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf 'city: %s\n' "$*" >&2; }
die() {
  warn "$*"
  exit 1
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

ensure_state_dirs() {
  mkdir -p "$CITY_LOGS" "$CITY_PIDS"
}

# Serialises commands that start or stop things, so two terminals cannot race.
take_lock() {
  ensure_state_dirs
  exec 9>"$CITY_STATE/lock"
  flock -w 300 9 || die "another ./city command has held $CITY_STATE/lock for 5 minutes"
}

release_lock() {
  flock -u 9 2>/dev/null || true
}

# Runs a noisy command with its output appended to .city/logs/<log>.log; on failure shows the tail.
run_logged() { # log-name command...
  local log="$CITY_LOGS/$1.log"
  shift
  # 9>&-: daemons started here must not inherit the lock (take_lock) and hold it forever.
  if ! "$@" >>"$log" 2>&1 9>&-; then
    warn "failed: $* (last lines of $log):"
    tail -n 30 "$log" >&2
    return 1
  fi
}

show_log_tail() { # log-name
  local log="$CITY_LOGS/$1.log"
  [[ -f "$log" ]] || return 0
  warn "last lines of $log:"
  tail -n 30 "$log" >&2
}

pid_file() { printf '%s/%s.pid' "$CITY_PIDS" "$1"; }

read_pid() { # name -> prints the recorded PID, fails when none
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  # RabbitMQ writes its PID without a trailing newline, which makes `read` report EOF.
  read -r pid <"$file" || [[ -n "${pid:-}" ]] || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s' "$pid"
}

# A recorded PID may have been reused by an unrelated process after a reboot or crash, so a
# process counts as ours only when its command line still names what we started it with.
pid_is_ours() { # pid marker
  local cmdline
  [[ -r "/proc/$1/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$2"* ]]
}

running_pid() { # name marker -> prints the PID when our process is alive
  local pid
  pid="$(read_pid "$1")" || return 1
  pid_is_ours "$pid" "$2" || return 1
  printf '%s' "$pid"
}

# Every process we start names a path inside this checkout on its command line.
readonly OUR_MARKER="$CITY_ROOT/"

# Stops our process by its recorded PID: TERM, a grace period, then KILL. Never touches a
# process whose command line does not carry the marker.
stop_recorded() { # name marker [grace-seconds]
  local name="$1" marker="$2" grace="${3:-20}" pid tick
  if ! pid="$(read_pid "$name")"; then
    return 0
  fi
  if ! pid_is_ours "$pid" "$marker"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((tick = 0; tick < grace * 5; tick++)); do
    pid_is_ours "$pid" "$marker" || break
    sleep 0.2
  done
  if pid_is_ours "$pid" "$marker"; then
    warn "$name (PID $pid) ignored SIGTERM for ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  rm -f "$(pid_file "$name")"
  note "stopped $name (PID $pid)"
}

# Starts a long-running process detached from this terminal (own session, no stdin), with
# output appended to its log, and records its PID.
start_background() { # name command...
  local name="$1"
  shift
  setsid "$@" >>"$CITY_LOGS/$name.log" 2>&1 </dev/null 9>&- &
  printf '%s\n' "$!" >"$(pid_file "$name")"
}

port_is_bound() { # port
  (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_status() { # url -> prints the HTTP status, 000 when nothing answers
  curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true
}

# Polls a check until it succeeds or the timeout passes.
wait_until() { # timeout-seconds command...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.3
  done
}

# Single-quotes a value for `eval`.
shell_quote() {
  printf "'%s'" "${1//\'/\'\\\'\'}"
}

# Exports the CITY_* contract into this process, for the test run and the services.
export_city_env() {
  export CITY_ROOT CITY_POSTGRES CITY_RABBITMQ CITY_CHAIN_RPC
  export CITY_CHAIN_ID="$CHAIN_ID"
  CITY_ANVIL="$(anvil_binary)"
  CITY_SOLC="$CITY_TOOLS/node_modules/solc/solc.js"
  export CITY_ANVIL CITY_SOLC
}
