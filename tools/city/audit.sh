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
