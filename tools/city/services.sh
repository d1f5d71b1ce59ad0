# shellcheck shell=bash
# The deployables (services and gateway) listed in tools/city/deployables, run from their
# Release build output as background processes. Nothing here knows a deployable by its name:
# what one needs of the others is in the table's needs column.

# Names the table may not use: the infrastructure's logs and PIDs, the build's log, the trace view's.
readonly CITY_RESERVED_NAMES=" postgres rabbitmq epmd anvil install build test dashboard observe "

is_reserved_name() { # name
  [[ "$CITY_RESERVED_NAMES" == *" $1 "* ]]
}

# Prints the table's rows as "name port project database route policy needs", checked.
deployables() {
  local name port dir database route policy needs extra line_number=0
  [[ -f "$CITY_DEPLOYABLES" ]] || return 0
  while read -r name port dir database route policy needs extra || [[ -n "$name" ]]; do
    line_number=$((line_number + 1))
    [[ -z "$name" || "$name" == \#* ]] && continue
    if [[ ! "$name" =~ ^[a-z][a-z0-9-]*$ || ! "$port" =~ ^[0-9]+$ || -z "$dir" ||
      ! "$database" =~ ^(-|[A-Za-z0-9_-]+)$ || ! "$route" =~ ^(-|(/[a-z0-9-]+)+)$ ||
      ! "$policy" =~ ^(-|[a-z][a-z0-9-]*)$ || -z "$needs" || -n "$extra" ]]; then
      die "tools/city/deployables line $line_number: expected 'name port project database route policy needs'"
    fi
    if is_reserved_name "$name"; then
      die "tools/city/deployables line $line_number: '$name' is a reserved name"
    fi
    if [[ ("$route" == - && "$policy" != -) || ("$route" != - && "$policy" == -) ]]; then
      die "tools/city/deployables line $line_number: a route needs a policy, and a policy a route"
    fi
    printf '%s %s %s %s %s %s %s\n' "$name" "$port" "$dir" "$database" "$route" "$policy" "$needs"
  done <"$CITY_DEPLOYABLES"
}

# Reads the whole table in this shell, so a malformed line or need stops the command here
# (needs are resolved later in subshells, where a failure could not stop it).
check_deployables() {
  local row name needs need names=" "
  deployables >/dev/null
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name _ <<<"$row"
    names+="$name "
  done
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name _ _ _ _ _ needs <<<"$row"
    [[ "$needs" == - ]] && continue
    IFS=, read -ra needs_list <<<"$needs"
    for need in "${needs_list[@]}"; do
      if [[ "$need" =~ ^[A-Za-z0-9_.:-]+=url:([a-z][a-z0-9-]*)$ ]]; then
        [[ "$names" == *" ${BASH_REMATCH[1]} "* ]] ||
          die "tools/city/deployables: $name needs the URL of '${BASH_REMATCH[1]}', which is not listed"
      elif [[ ! "$need" =~ ^[A-Za-z0-9_.:-]+=file:[A-Za-z0-9_.-]+$ && "$need" != routes ]]; then
        die "tools/city/deployables: $name's need '$need' is neither Key=url:<name>, Key=file:<file> nor routes"
      fi
    done
  done
}

# The rows as an array: loops over them then keep stdin for the commands they run.
deployable_rows() {
  mapfile -t DEPLOYABLE_ROWS < <(deployables)
}

# The rows ./city runs: planned deployables (project -) are not built yet.
runnable_rows() {
  local row name port dir
  deployable_rows
  RUNNABLE_ROWS=()
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port dir _ <<<"$row"
    [[ "$dir" != - ]] && RUNNABLE_ROWS+=("$row")
  done
}

deployable_port() { # name -> its port
  local row name port
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port _ <<<"$row"
    [[ "$name" == "$1" ]] && printf '%s' "$port" && return 0
  done
  return 1
}

deployable_url() { # name -> its base URL under ./city
  local port
  port="$(deployable_port "$1")" || die "tools/city/deployables: '$1' is not listed"
  printf 'http://127.0.0.1:%s/' "$port"
}

# The public entry point: the deployable that routes to the others (needs 'routes').
entry_point_port() {
  local row name port needs
  deployable_rows
  for row in "${DEPLOYABLE_ROWS[@]}"; do
    read -r name port _ _ _ _ needs <<<"$row"
    [[ ",$needs," == *,routes,* ]] && printf '%s' "$port" && return 0
  done
  return 1
}

# Prints the settings one deployable's needs column asks for, one "Key=value" a line.
deployable_needs() { # needs
  local need key value row name port route
  [[ "$1" == - ]] && return 0
  IFS=, read -ra needs_list <<<"$1"
  for need in "${needs_list[@]}"; do
    if [[ "$need" == routes ]]; then
      deployable_rows
      for row in "${DEPLOYABLE_ROWS[@]}"; do
        read -r name port _ _ route _ <<<"$row"
        [[ "$route" == - ]] && continue
        printf 'ReverseProxy:Clusters:%s:Destinations:%s-1:Address=http://127.0.0.1:%s/\n' "$name" "$name" "$port"
      done
      continue
    fi
    key="${need%%=*}"
    value="${need#*=}"
    case "$value" in
      url:*) value="$(deployable_url "${value#url:}")" ;;
      file:*) value="$CITY_STATE/${value#file:}" ;;
      *) die "tools/city/deployables: the need '$need' is neither Key=url:<name>, Key=file:<file> nor routes" ;;
    esac
    printf '%s=%s\n' "$key" "$value"
  done
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

any_deployable_running() {
  local row name port dir
  runnable_rows
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port dir _ <<<"$row"
    deployable_pid "$name" "$dir" >/dev/null && return 0
  done
  return 1
}

deployable_start() { # name port project-dir database needs
  local name="$1" port="$2" dir="$3" database="$4" needs="$5" dll setting
  deployable_pid "$name" "$dir" >/dev/null && return 0
  dll="$(deployable_dll "$dir")"
  [[ -f "$dll" ]] || die "$name: $dll is missing (did the Release build include $dir?)"
  port_is_bound "$port" && die "$name: port $port is taken by a process ./city did not start"
  port_is_bound "$(metrics_port "$port")" &&
    die "$name: its metrics port $(metrics_port "$port") is taken by a process ./city did not start"
  local environment=(
    ASPNETCORE_ENVIRONMENT=Development
    "ASPNETCORE_URLS=http://127.0.0.1:$port"
    # Prometheus metrics only on the management port, never on the public one.
    "Metrics__Port=$(metrics_port "$port")"
    # The gateway calls the services from loopback: its X-Forwarded-For names the client.
    "ForwardedHeaders__KnownProxies__0=127.0.0.1"
    "ConnectionStrings__RabbitMq=$CITY_RABBITMQ"
    "Chain__RpcUrl=$CITY_CHAIN_RPC"
    "Chain__ChainId=$CHAIN_ID"
  )
  # Where to send traces, metrics and logs: ./city up --observe or --otlp (tools/city/observe.sh).
  while IFS= read -r setting; do
    environment+=("$setting")
  done < <(observe_service_environment)
  # What it needs of the others (the needs column), as environment variables (":" → "__").
  while IFS= read -r setting; do
    environment+=("$(deployable_setting_variable "$setting")")
  done < <(deployable_needs "$needs")
  if [[ "$database" != - ]]; then
    postgres_ensure_database "$database"
    environment+=("ConnectionStrings__Postgres=${CITY_POSTGRES/Database=city/Database=$database}")
  fi
  start_background "$name" env "${environment[@]}" dotnet "$dll" --contentRoot "$(dirname "$dll")"
}

metrics_port() { # a deployable's port -> its management (metrics) port
  printf '%s' "$(($1 + 1000))"
}

deployable_setting_variable() { # Key=value -> Key__with__underscores=value
  local key="${1%%=*}"
  printf '%s=%s' "${key//:/__}" "${1#*=}"
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
  local row name port dir database needs
  runnable_rows
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port dir database _ _ needs <<<"$row"
    deployable_start "$name" "$port" "$dir" "$database" "$needs"
  done
  # Started together, waited for together: the services warm up in parallel.
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port dir _ <<<"$row"
    deployable_wait_ready "$name" "$port" "$dir"
    note "$name ready on http://127.0.0.1:$port, metrics on http://127.0.0.1:$(metrics_port "$port")/metrics (PID $(read_pid "$name"))"
  done
}

# Stops every deployable PID recorded under .city/pids, listed in the table or not (the table
# may have changed since `up`); a process counts as ours when its command line names this checkout.
deployables_stop() {
  local file name
  for file in "$CITY_PIDS"/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    is_reserved_name "$name" && continue
    stop_recorded "$name" "$OUR_MARKER" 20
  done
}

deployables_status() {
  local row name port dir pid
  runnable_rows
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port dir _ <<<"$row"
    pid="$(deployable_pid "$name" "$dir" || true)"
    status_line "$name" "$pid" "127.0.0.1:$port" "$(health_word deployable_healthy "$port")"
  done
}
