# shellcheck shell=bash
# ./city status: each infrastructure component and deployable, running or not, and healthy or not.

city_command status "status" "Show the infrastructure and each service: running, PID, address, health"

cmd_status() {
  check_deployables
  printf '%-16s %-8s %-8s %-24s %s\n' NAME STATE PID ADDRESS HEALTH
  infra_status
  deployables_status
  observe_status
}
