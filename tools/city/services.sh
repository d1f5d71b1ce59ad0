# shellcheck shell=bash
# The deployables (services and gateway) listed in tools/city/deployables, run from their
# Release build output as background processes.

# Prints the table's rows as "name port project-dir database", checked.
deployables() {
  local name port dir database extra line_number=0
  [[ -f "$CITY_DEPLOYABLES" ]] || return 0
  while read -r name port dir database extra || [[ -n "$name" ]]; do
    line_number=$((line_number + 1))
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ ! "$name" =~ ^[a-z][a-z0-9-]*$ || ! "$port" =~ ^[0-9]+$ || -z "$dir" ||
      ! "$database" =~ ^(-|[A-Za-z0-9_-]+)$ || -n "$extra" ]]; then
      die "tools/city/deployables line $line_number: expected 'name port project-dir database'"
    fi
    case "$name" in
      postgres | rabbitmq | epmd | anvil | install | build | test)
        die "tools/city/deployables line $line_number: '$name' is a reserved name"
        ;;
    esac
    printf '%s %s %s %s\n' "$name" "$port" "$dir" "$database"
  done <"$CITY_DEPLOYABLES"
}

# Reads the whole table in this shell, so a malformed line stops the command here.
check_deployables() {
  deployables >/dev/null
}

deployable_dll() { # project-dir
  printf '%s/%s/bin/Release/net10.0/%s.dll' "$CITY_ROOT" "$1" "$(basename "$1")"
}

deployable_pid() { # name project-dir
  running_pid "$1" "$(deployable_dll "$2")"
}

deployable_healthy() { # port
  [[ "$(http_status "http://127.0.0.1:$1/health/ready")" == 200 ]]
}

# The rows as an array: loops over them then keep stdin for the commands they run.
deployable_rows() {
  mapfile -t DEPLOYABLE_ROWS < <(deployables)
}

any_deployable_running() {
  local row name port dir database
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port dir database <<<"$row"
    deployable_pid "$name" "$dir" >/dev/null && return 0
  done
  return 1
}

deployable_start() { # name port project-dir database
  local name="$1" port="$2" dir="$3" database="$4" dll
  deployable_pid "$name" "$dir" >/dev/null && return 0
  dll="$(deployable_dll "$dir")"
  [[ -f "$dll" ]] || die "$name: $dll is missing (did the Release build include $dir?)"
  port_is_bound "$port" && die "$name: port $port is taken by a process ./city did not start"
  # Tokens are issued by the identity service, on its fixed port (ARCHITECTURE.md).
  local environment=(
    ASPNETCORE_ENVIRONMENT=Development
    "ASPNETCORE_URLS=http://127.0.0.1:$port"
    "ConnectionStrings__RabbitMq=$CITY_RABBITMQ"
    "Chain__RpcUrl=$CITY_CHAIN_RPC"
    "Chain__ChainId=$CHAIN_ID"
    "Authentication__Authority=http://127.0.0.1:5101"
  )
  # What one deployable needs of the others, on their fixed local ports.
  case "$name" in
    identity) environment+=("Identity__DevSeed__CredentialsFile=$CITY_STATE/dev-credentials.json") ;;
    health-records) environment+=("Ledger__BaseUrl=http://127.0.0.1:5106") ;;
  esac
  if [[ "$database" != - ]]; then
    postgres_ensure_database "$database"
    environment+=("ConnectionStrings__Postgres=${CITY_POSTGRES/Database=city/Database=$database}")
  fi
  start_background "$name" env "${environment[@]}" dotnet "$dll" --contentRoot "$(dirname "$dll")"
}

# Fails with the tail of the log when the process dies or stays unready for 90 s.
deployable_wait_ready() { # name port project-dir
  local name="$1" port="$2" dir="$3" deadline=$((SECONDS + 90))
  until deployable_healthy "$port"; do
    if ! deployable_pid "$name" "$dir" >/dev/null; then
      show_log_tail "$name"
      die "$name exited before it answered GET http://127.0.0.1:$port/health/ready"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail "$name"
      die "$name did not answer GET http://127.0.0.1:$port/health/ready with 200 within 90 s"
    fi
    sleep 0.5
  done
}

deployables_start() {
  local row name port dir database
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port dir database <<<"$row"
    deployable_start "$name" "$port" "$dir" "$database"
  done
  # Started together, waited for together: the services warm up in parallel.
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port dir database <<<"$row"
    deployable_wait_ready "$name" "$port" "$dir"
    note "$name ready on http://127.0.0.1:$port (PID $(read_pid "$name"))"
  done
}

# Stops every deployable PID recorded under .city/pids, listed in the table or not (the table
# may have changed since `up`); a process counts as ours when its command line names this checkout.
deployables_stop() {
  local file name
  for file in "$CITY_PIDS"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    case "$name" in
      postgres | rabbitmq | epmd | anvil) continue ;;
    esac
    stop_recorded "$name" "$OUR_MARKER" 20
  done
}

deployables_status() {
  local row name port dir database pid
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port dir database <<<"$row"
    pid="$(deployable_pid "$name" "$dir" || true)"
    status_line "$name" "$pid" "127.0.0.1:$port" "$(health_word deployable_healthy "$port")"
  done
}
