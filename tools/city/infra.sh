# shellcheck shell=bash
# ./city infra: PostgreSQL, RabbitMQ (with its epmd) and anvil, nothing else.

city_command infra "infra up|down|env|status" "Start, stop, show (export CITY_*=...) or check PostgreSQL, RabbitMQ and anvil"

infra_up() {
  take_lock
  ensure_prerequisites
  rabbitmq_launch
  postgres_start
  anvil_start
  rabbitmq_wait_ready
  release_lock
}

infra_down() {
  take_lock
  anvil_stop
  rabbitmq_stop
  postgres_stop
  release_lock
}

infra_env() {
  local name
  export_city_env
  for name in CITY_ROOT CITY_POSTGRES CITY_RABBITMQ CITY_CHAIN_RPC CITY_CHAIN_ID CITY_ANVIL CITY_SOLC; do
    printf 'export %s=%s\n' "$name" "$(shell_quote "${!name}")"
  done
}

# One line per component: name, state, PID, address, health.
status_line() { # name pid address health
  local state=running pid="$2" health="$4"
  if [[ -z "$pid" ]]; then
    state=stopped pid=- health=-
  fi
  printf '%-16s %-8s %-8s %-24s %s\n' "$1" "$state" "$pid" "$3" "$health"
}

health_word() { # command... -> ready / not ready
  if "$@"; then printf 'ready'; else printf 'not ready'; fi
}

infra_status() {
  local pid
  pid="$(postgres_pid || true)"
  status_line postgres "$pid" "127.0.0.1:$POSTGRES_PORT" "$(health_word postgres_healthy)"
  pid="$(rabbitmq_pid || true)"
  status_line rabbitmq "$pid" "127.0.0.1:$RABBITMQ_PORT" "$(health_word rabbitmq_healthy)"
  pid="$(epmd_pid || true)"
  status_line epmd "$pid" "127.0.0.1:$EPMD_PORT" "$(health_word epmd_healthy)"
  pid="$(anvil_pid || true)"
  status_line anvil "$pid" "127.0.0.1:$ANVIL_PORT" "$(health_word anvil_healthy)"
}

cmd_infra() {
  case "${1:-}" in
    up)
      say "Starting PostgreSQL, RabbitMQ and anvil"
      infra_up
      say "Infrastructure is up. Export its settings with: eval \"\$(./city infra env)\""
      ;;
    down)
      say "Stopping the infrastructure"
      infra_down
      ;;
    env) infra_env ;;
    status) infra_status ;;
    *) die "usage: ./city infra up|down|env|status" ;;
  esac
}
