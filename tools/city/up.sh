# shellcheck shell=bash
# ./city up: everything, from whatever is missing to every deployable answering /health/ready.

city_command up "up [--observe | --otlp URL]" "Install what is missing, start the infrastructure, build, start every service (--observe: with a trace and metrics view)"

readonly CITY_CREDENTIALS="$CITY_STATE/dev-credentials.json"

# Rebuilding overwrites DLLs that running services have mapped, so a build happens only
# when none of ours runs; a second `up` leaves running services alone.
build_solution() {
  if any_deployable_running; then
    note "services are running: build skipped (./city down && ./city up rebuilds)"
    return 0
  fi
  say "Building CityServices.sln (Release; output in .city/logs/build.log)"
  : >"$CITY_LOGS/build.log"
  if ! dotnet build "$CITY_ROOT/CityServices.sln" -c Release -nologo >>"$CITY_LOGS/build.log" 2>&1; then
    warn "the build failed; its errors:"
    grep -E ': error [A-Z]+[0-9]*' "$CITY_LOGS/build.log" | sort -u | head -n 30 >&2 ||
      tail -n 30 "$CITY_LOGS/build.log" >&2
    exit 1
  fi
}

print_urls() {
  local row name port needs
  runnable_rows
  # The public entry point (the deployable that routes to the others) first, as people will type it.
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port _ _ _ _ needs <<<"$row"
    [[ ",$needs," == *,routes,* ]] && printf '  %-16s %s\n' "$name" "http://localhost:$port"
  done
  for row in "${RUNNABLE_ROWS[@]}"; do
    read -r name port _ _ _ _ needs <<<"$row"
    [[ ",$needs," == *,routes,* ]] && continue
    printf '  %-16s %s\n' "$name" "http://127.0.0.1:$port"
  done
  printf '  %-16s %s\n' PostgreSQL "$CITY_POSTGRES" RabbitMQ "$CITY_RABBITMQ" \
    "anvil RPC" "$CITY_CHAIN_RPC (chain id $CHAIN_ID)"
  observe_print_urls
}

print_credentials() {
  if [[ -f "$CITY_CREDENTIALS" ]]; then
    say "Dev credentials: $CITY_CREDENTIALS"
    node "$CITY_ROOT/tools/city/summarize-credentials.mjs" "$CITY_CREDENTIALS" || true
  else
    say "Dev credentials appear in .city/dev-credentials.json once the identity service runs"
  fi
}

cmd_up() {
  observe_parse_args "$@"
  check_deployables
  ensure_dotnet
  say "Starting PostgreSQL, RabbitMQ and anvil"
  infra_up
  build_solution
  take_lock
  observe_up
  if [[ "$OBSERVE_MODE" != off ]] && any_deployable_running; then
    note "services already running keep their telemetry settings: ./city down, then ./city up ${*:-} sends theirs too"
  fi
  runnable_rows
  if ((${#RUNNABLE_ROWS[@]} > 0)); then
    say "Starting the services"
    export_city_env
    deployables_start
  else
    note "tools/city/deployables lists no services yet: only the infrastructure runs"
  fi
  release_lock
  say "CityServices is up"
  print_urls
  print_credentials
  say "Next"
  printf '  %-24s %s\n' \
    "./city demo" "a citizen's journey through the gateway, ending with a proof on chain" \
    "./city status" "what runs, with PIDs and health" \
    "./city logs [name]" "follow the logs under .city/logs" \
    "./city test" "run the tests against this infrastructure" \
    "./city down" "stop everything ./city up started"
}
