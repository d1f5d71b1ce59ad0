# shellcheck shell=bash
# The local trace, metrics and log view of `./city up --observe` (or CITY_OBSERVE=1): the Aspire
# dashboard, restored from its NuGet package into .city/observe, on loopback in unsecured local
# mode, and every service exporting OTLP to it. `./city up --otlp URL` exports to a collector the
# user runs instead. `./city down` stops the dashboard; `./city status` shows it.

readonly OBSERVE_DASHBOARD_PACKAGE=Aspire.Dashboard.Sdk.linux-x64
readonly OBSERVE_DASHBOARD_VERSION=13.6.5
# Fixed loopback ports beside the infrastructure's (docs/architecture.md, "Local run and ports").
readonly OBSERVE_DASHBOARD_PORT=58888
readonly OBSERVE_OTLP_GRPC_PORT=58317
readonly OBSERVE_OTLP_HTTP_PORT=58318
readonly OBSERVE_STATE="$CITY_STATE/observe"
# The OTLP endpoint the services started by `up` export to: the dashboard's or the user's.
readonly OBSERVE_ENDPOINT_FILE="$OBSERVE_STATE/otlp-endpoint"

OBSERVE_MODE=off # off | dashboard | external
OBSERVE_OTLP_ENDPOINT=""

# Reads up's arguments (--observe, --otlp URL) and CITY_OBSERVE; sets OBSERVE_MODE and OBSERVE_OTLP_ENDPOINT.
observe_parse_args() {
  OBSERVE_MODE=off
  OBSERVE_OTLP_ENDPOINT=""
  [[ "${CITY_OBSERVE:-}" == 1 ]] && OBSERVE_MODE=dashboard
  while (($# > 0)); do
    case "$1" in
      --observe) OBSERVE_MODE=dashboard ;;
      --otlp)
        (($# >= 2)) || die "usage: ./city up [--observe | --otlp URL]: --otlp needs the URL of an OTLP/gRPC endpoint"
        OBSERVE_MODE=external
        OBSERVE_OTLP_ENDPOINT="$2"
        shift
        ;;
      --otlp=*)
        OBSERVE_MODE=external
        OBSERVE_OTLP_ENDPOINT="${1#--otlp=}"
        ;;
      *) die "usage: ./city up [--observe | --otlp URL] ('$1' is not an option of up)" ;;
    esac
    shift
  done
  if [[ "$OBSERVE_MODE" == external ]]; then
    [[ "$OBSERVE_OTLP_ENDPOINT" =~ ^https?://[^/[:space:]]+(:[0-9]+)?/?$ ]] ||
      die "--otlp '$OBSERVE_OTLP_ENDPOINT' is not an http(s)://host:port URL of an OTLP endpoint"
  elif [[ "$OBSERVE_MODE" == dashboard ]]; then
    OBSERVE_OTLP_ENDPOINT="http://127.0.0.1:$OBSERVE_OTLP_GRPC_PORT"
  fi
}

observe_dashboard_dir() {
  printf '%s/packages/%s/%s/tools' "$OBSERVE_STATE" "${OBSERVE_DASHBOARD_PACKAGE,,}" "$OBSERVE_DASHBOARD_VERSION"
}

observe_dashboard_binary() { printf '%s/Aspire.Dashboard' "$(observe_dashboard_dir)"; }

# The dashboard's settings: browser and OTLP on loopback only, no login and no API key (a local,
# single-user view: anything on this machine may send to it and read it), plain http.
observe_dashboard_environment() {
  printf '%s\n' \
    "ASPNETCORE_URLS=http://127.0.0.1:$OBSERVE_DASHBOARD_PORT" \
    "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:$OBSERVE_OTLP_GRPC_PORT" \
    "ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://127.0.0.1:$OBSERVE_OTLP_HTTP_PORT" \
    "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true" \
    "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true" \
    "DOTNET_CLI_TELEMETRY_OPTOUT=1"
}

# What every service started by `up` is given, one Key=value a line (nothing when off).
observe_service_environment() {
  [[ "$OBSERVE_MODE" == off ]] && return 0
  printf 'OTEL_EXPORTER_OTLP_ENDPOINT=%s\n' "$OBSERVE_OTLP_ENDPOINT"
}

# Restores the dashboard package once, through a restore-only project of its own (outside the
# solution, not reading the repository's central package versions), into .city/observe/packages.
observe_restore() {
  local project="$OBSERVE_STATE/restore/observe-restore.csproj"
  [[ -x "$(observe_dashboard_binary)" ]] && return 0
  say "Restoring the Aspire dashboard ($OBSERVE_DASHBOARD_PACKAGE $OBSERVE_DASHBOARD_VERSION, NuGet) into .city/observe"
  mkdir -p "$(dirname "$project")"
  cat >"$project" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Written by tools/city/observe.sh: downloads the dashboard package, builds nothing. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$OBSERVE_DASHBOARD_PACKAGE" Version="[$OBSERVE_DASHBOARD_VERSION]" />
  </ItemGroup>
</Project>
PROJECT
  ensure_state_dirs
  run_logged observe dotnet restore "$project" --packages "$OBSERVE_STATE/packages" \
    -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false -p:ImportDirectoryBuildTargets=false ||
    return 1
  # NuGet does not keep the executable bit (the package lists it in data/UnixFilePermissions.xml).
  chmod +x "$(observe_dashboard_binary)"
}

observe_dashboard_pid() { running_pid dashboard "$(observe_dashboard_binary)"; }

observe_dashboard_healthy() {
  [[ "$(http_status "http://127.0.0.1:$OBSERVE_DASHBOARD_PORT/api/telemetry/resources")" == 200 ]]
}

observe_dashboard_start() {
  local pid port environment
  if pid="$(observe_dashboard_pid)"; then
    wait_until 30 observe_dashboard_healthy || die "the dashboard (PID $pid) runs but does not answer; see ./city logs dashboard"
    return 0
  fi
  for port in "$OBSERVE_DASHBOARD_PORT" "$OBSERVE_OTLP_GRPC_PORT" "$OBSERVE_OTLP_HTTP_PORT"; do
    port_is_bound "$port" && die "port $port is taken by a process ./city did not start (./city up --otlp URL uses a collector of yours)"
  done
  observe_restore || die "could not restore the Aspire dashboard; ./city up --otlp URL exports to a collector of yours instead"
  mapfile -t environment < <(observe_dashboard_environment)
  # Its content root is its own folder (wwwroot, appsettings.json).
  start_background dashboard env -C "$(observe_dashboard_dir)" "${environment[@]}" "$(observe_dashboard_binary)"
  if ! wait_until 60 observe_dashboard_healthy; then
    show_log_tail dashboard
    die "the Aspire dashboard did not answer on http://127.0.0.1:$OBSERVE_DASHBOARD_PORT within 60 s"
  fi
  note "dashboard ready on http://127.0.0.1:$OBSERVE_DASHBOARD_PORT (PID $(read_pid dashboard))"
}

# Starts what the mode asks for and records the endpoint, for status and for the services.
observe_up() {
  mkdir -p "$OBSERVE_STATE"
  case "$OBSERVE_MODE" in
    dashboard)
      say "Starting the trace, metrics and log view (Aspire dashboard)"
      observe_dashboard_start
      ;;
    external) note "the services export traces, metrics and logs to $OBSERVE_OTLP_ENDPOINT" ;;
  esac
  if [[ "$OBSERVE_MODE" == off ]]; then
    rm -f "$OBSERVE_ENDPOINT_FILE"
  else
    printf '%s\n' "$OBSERVE_OTLP_ENDPOINT" >"$OBSERVE_ENDPOINT_FILE"
  fi
}

observe_down() {
  stop_recorded dashboard "$(observe_dashboard_binary)" 10
  rm -f "$OBSERVE_ENDPOINT_FILE"
}

# up's URL lines for the view (nothing when off).
observe_print_urls() {
  case "$OBSERVE_MODE" in
    dashboard)
      printf '  %-16s %s\n' "traces, metrics" "http://127.0.0.1:$OBSERVE_DASHBOARD_PORT (Aspire dashboard: traces, metrics, structured logs)" \
        "OTLP" "http://127.0.0.1:$OBSERVE_OTLP_GRPC_PORT (gRPC), http://127.0.0.1:$OBSERVE_OTLP_HTTP_PORT (HTTP)"
      ;;
    external) printf '  %-16s %s\n' "OTLP" "$OBSERVE_OTLP_ENDPOINT (yours)" ;;
  esac
}

observe_status() {
  local pid endpoint
  pid="$(observe_dashboard_pid || true)"
  if [[ -n "$pid" ]]; then
    status_line dashboard "$pid" "127.0.0.1:$OBSERVE_DASHBOARD_PORT" "$(health_word observe_dashboard_healthy)"
  fi
  if [[ -f "$OBSERVE_ENDPOINT_FILE" ]]; then
    read -r endpoint <"$OBSERVE_ENDPOINT_FILE" || true
    printf '%-16s %-8s %-8s %-24s %s\n' otlp export - "${endpoint#http*://}" "the services started by up send OTLP here"
  fi
}
