# shellcheck shell=bash
# ./city down: stops what `up` started, by the PIDs recorded under .city/pids, services first.

city_command down "down" "Stop the services, then the infrastructure, that ./city up started"

cmd_down() {
  say "Stopping the services"
  take_lock
  deployables_stop
  release_lock
  say "Stopping PostgreSQL, RabbitMQ and anvil"
  infra_down
}
