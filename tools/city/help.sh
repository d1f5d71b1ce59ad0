# shellcheck shell=bash
# ./city help: one line per registered command, the everyday ones first.

readonly CITY_HELP_ORDER=(up down status logs test infra)

cmd_help() {
  local name
  printf 'Usage: ./city <command> [arguments]\n\n'
  for name in "${CITY_HELP_ORDER[@]}" "${CITY_COMMANDS[@]}"; do
    [[ -n "${CITY_COMMAND_HELP[$name]:-}" ]] || continue
    printf '  %s\n' "${CITY_COMMAND_HELP[$name]}"
    unset 'CITY_COMMAND_HELP[$name]'
  done
}
