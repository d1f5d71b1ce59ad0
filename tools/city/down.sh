# shellcheck shell=bash
# ./city down: stops what `up` started, by the PIDs recorded under .city/pids, services first.

city_command down "down" "Stop the services (and the trace view), then the infrastructure, that ./city up started"

cmd_down() {
  say "Stopping the services"
  take_lock
  deployables_stop
  observe_down
  release_lock
  say "Stopping PostgreSQL, RabbitMQ and anvil"
  infra_down
}
