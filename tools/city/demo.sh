# shellcheck shell=bash
# ./city demo: the citizen's journey through the platform `./city up` started, narrated.

city_command demo "demo" "Walk through the platform as a department, a citizen, a doctor and an auditor (after ./city up)"

cmd_demo() {
  local gateway port
  port="$(entry_point_port)" || die "tools/city/deployables lists no deployable that routes to the others"
  gateway="http://localhost:$port"
  [[ "$(http_status "$gateway/health/ready")" == 200 ]] ||
    die "the gateway does not answer on $gateway: run ./city up first"
  [[ -f "$CITY_STATE/dev-credentials.json" ]] ||
    die ".city/dev-credentials.json is missing: the identity service writes it when ./city up starts it"
  export_city_env
  node "$CITY_ROOT/tools/city/demo.mjs" \
    --gateway "$gateway" \
    --credentials "$CITY_STATE/dev-credentials.json" \
    --out "$CITY_STATE/demo" \
    --rpc "$CITY_CHAIN_RPC"
  local receipt="$CITY_STATE/demo/receipt.json" pin="$CITY_STATE/anchor-registry.json"
  audit_write_pin "$pin"
  say "Verifying the receipt with city-audit, against the chain alone and the city's pinned registry"
  note "pin (.city/anchor-registry.json, as the city publishes it): $(<"$pin")"
  cmd_audit verify-event --event "$receipt" --rpc "$CITY_CHAIN_RPC" --pin "$pin"
  say "Verify it yourself"
  note "./city audit verify-event --event .city/demo/receipt.json --rpc $CITY_CHAIN_RPC --pin .city/anchor-registry.json"
}
