# shellcheck shell=bash
# anvil: the local Ethereum chain (chain id 31337), its state kept in .city/anvil across restarts.

readonly ANVIL_STATE="$CITY_STATE/anvil/state.json"

anvil_pid() { running_pid anvil "$ANVIL_STATE"; }

anvil_healthy() {
  curl -s -m 2 -X POST -H 'content-type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' "$CITY_CHAIN_RPC" 2>/dev/null |
    grep -q '"result"'
}

anvil_start() {
  local pid
  if pid="$(anvil_pid)"; then
    wait_until 30 anvil_healthy || die "anvil (PID $pid) runs but does not answer; see ./city logs anvil"
    return 0
  fi
  port_is_bound "$ANVIL_PORT" && die "port $ANVIL_PORT is taken by a process ./city did not start"
  mkdir -p "$(dirname "$ANVIL_STATE")"
  # --state loads the chain at start and dumps it on exit; the interval dump limits the loss
  # when anvil is killed without a chance to write it.
  start_background anvil "$(anvil_binary)" --host 127.0.0.1 --port "$ANVIL_PORT" \
    --chain-id "$CHAIN_ID" --state "$ANVIL_STATE" --state-interval 5
  if ! wait_until 30 anvil_healthy; then
    show_log_tail anvil
    die "anvil did not answer on $CITY_CHAIN_RPC within 30 s"
  fi
  note "anvil ready on $CITY_CHAIN_RPC, chain id $CHAIN_ID (PID $(read_pid anvil))"
}

anvil_stop() {
  # On SIGTERM anvil writes its state file before it exits.
  stop_recorded anvil "$ANVIL_STATE" 20
}
