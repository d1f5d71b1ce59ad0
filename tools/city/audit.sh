# shellcheck shell=bash
# ./city audit: the auditor's city-audit tool (tools/CityServices.Audit), built when its sources changed.

city_command audit "audit <command> [options]" "Run city-audit: root, verify-inclusion, verify-consistency, verify-event, monitor, verify-export"

cmd_audit() {
  local dll="$CITY_STATE/audit/CityServices.Audit.dll"
  local sources=("$CITY_ROOT/tools/CityServices.Audit" "$CITY_ROOT/contracts/CityServices.Hashing" "$CITY_ROOT/contracts/AnchorRegistry")
  ensure_dotnet
  ensure_state_dirs
  if [[ ! -f "$dll" ]] || [[ -n "$(find "${sources[@]}" -newer "$dll" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]]; then
    run_logged audit-build dotnet build "$CITY_ROOT/tools/CityServices.Audit" -c Release --nologo -v quiet -o "$CITY_STATE/audit" ||
      die "city-audit did not build (log: .city/logs/audit-build.log)"
  fi
  dotnet "$dll" "$@"
}

# The pin document {chainId, registry} of the registry the dev ledger deployed, as a city publishes it
# (docs/audit.md, "Pinning the city's registry"): read from the ledger's deployment record
# (ledger.anchor_registry), never from a receipt or the ledger's API.
audit_write_pin() { # file
  local row chain registry
  row="$("$(postgres_bin psql)" -h 127.0.0.1 -p "$POSTGRES_PORT" -U city -d ledger -tAq -F ' ' \
    -c "SELECT chain_id, contract FROM ledger.anchor_registry WHERE chain_id = $CHAIN_ID")" ||
    die "cannot read ledger.anchor_registry (is ./city up running?)"
  read -r chain registry <<<"$row"
  [[ -n "$registry" ]] || die "the ledger has not deployed its AnchorRegistry on chain $CHAIN_ID yet"
  printf '{ "chainId": %s, "registry": "%s" }\n' "$chain" "$registry" >"$1"
}
