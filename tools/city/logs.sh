# shellcheck shell=bash
# ./city logs [name]: the logs under .city/logs, all or one.

city_command logs "logs [name]" "Tail the logs: all, or one service or infra component"

cmd_logs() {
  local logs=() all
  shopt -s nullglob
  all=("$CITY_LOGS"/*.log)
  ((${#all[@]} > 0)) || die "no logs yet: run ./city up"
  if [[ -n "${1:-}" ]]; then
    [[ -f "$CITY_LOGS/$1.log" ]] || die "no log named $1; there are: $(basename -s .log -a "${all[@]}" | tr '\n' ' ')"
    logs=("$CITY_LOGS/$1.log")
  else
    logs=("${all[@]}")
  fi
  # Follow only when a person watches; in a pipe or a script, print the tail and return.
  if [[ -t 1 ]]; then
    tail -n 40 -F "${logs[@]}"
  else
    tail -n 40 "${logs[@]}"
  fi
}
