# shellcheck shell=bash
# ./city bench: the ledger benchmark (bench/CityServices.Bench): ingest rate, inclusion-proof
# latency at 1,000,000 leaves, gas per leaf. Prints a report; the JSON goes to .city/bench/.
# ./city bench gateway: the gateway against direct calls and nginx (bench/gateway/README.md).

city_command bench "bench [audit|gateway] [options]" "Benchmark the ledger (ingest, proofs at 1M leaves, gas), city-audit at city scale, or the gateway vs direct vs nginx; --help for options"

cmd_bench() {
  local out="$CITY_STATE/bench/build" arg
  if [[ "${1:-}" == gateway ]]; then
    shift
    bench_gateway "$@"
    return
  fi
  if [[ "${1:-}" == audit ]]; then
    shift
    bench_audit "$@"
    return
  fi
  for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
      ensure_dotnet
      bench_build "$out"
      dotnet "$out/city-bench.dll" --help
      return 0
    fi
  done
  ensure_dotnet
  bench_infra
  say "Building the benchmark (Release)"
  bench_build "$out"
  say "Running the benchmark (defaults: under a minute on 2 cores)"
  # The content root is the output folder, as for every service run from its build.
  (cd "$out" && dotnet city-bench.dll "$@")
}

# ./city bench audit: city-audit (Release, its own process) against the ledger with its shipped rate
# limit: verify-export of 100,000 events and monitor of 1,000 anchors, wall time and peak memory.
bench_audit() {
  local out="$CITY_STATE/bench/build" tool="$CITY_STATE/bench/audit-tool" arg
  ensure_dotnet
  bench_build "$out"
  for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
      dotnet "$out/city-bench.dll" audit --help
      return 0
    fi
  done
  ensure_system_packages missing_audit_bench_packages
  bench_infra
  say "Building city-audit (Release)"
  run_logged bench-build dotnet build "$CITY_ROOT/tools/CityServices.Audit" -c Release --nologo -v quiet -o "$tool" ||
    die "city-audit did not build (log: .city/logs/bench-build.log)"
  say "Running the audit benchmark (defaults: a few minutes on 2 cores)"
  (cd "$out" && dotnet city-bench.dll audit --audit-dll "$tool/CityServices.Audit.dll" "$@")
}

# The infrastructure every benchmark runs against; when already running (./city up, ./city test)
# it is used as it is, without reinstalling anything.
bench_infra() {
  if postgres_healthy && rabbitmq_healthy && anvil_healthy; then
    say "Using the running PostgreSQL, RabbitMQ and anvil"
  else
    say "Starting PostgreSQL, RabbitMQ and anvil"
    infra_up
  fi
  export_city_env
}

bench_build() { # output-folder
  ensure_state_dirs
  run_logged bench-build dotnet build "$CITY_ROOT/bench/CityServices.Bench" -c Release --nologo -v quiet -o "$1" ||
    die "the benchmark did not build (log: .city/logs/bench-build.log)"
}

# The gateway benchmark: builds the ledger and the gateway (Release) into .city/bench/gateway/,
# then bench/gateway/run.sh starts them and nginx, measures with wrk and stops what it started.
bench_gateway() {
  local arg root="$CITY_STATE/bench/gateway" run
  for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
      BENCH_OUT=x BENCH_LEDGER_DLL=x BENCH_GATEWAY_DLL=x BENCH_POSTGRES=x BENCH_RABBITMQ=x BENCH_CHAIN_RPC=x BENCH_CHAIN_ID=x \
        bash "$CITY_ROOT/bench/gateway/run.sh" --help
      return 0
    fi
  done
  ensure_dotnet
  ensure_state_dirs
  ensure_system_packages missing_bench_packages
  command -v node >/dev/null || die "Node.js is needed for the report: install it and run again."
  bench_infra
  postgres_ensure_database gateway_bench
  say "Building the ledger and the gateway (Release)"
  run_logged bench-build dotnet build "$CITY_ROOT/services/Ledger/CityServices.Ledger" -c Release --nologo -v quiet -o "$root/build/ledger" ||
    die "the ledger did not build (log: .city/logs/bench-build.log)"
  run_logged bench-build dotnet build "$CITY_ROOT/gateway/CityServices.Gateway" -c Release --nologo -v quiet -o "$root/build/gateway" ||
    die "the gateway did not build (log: .city/logs/bench-build.log)"
  run="$root/$(date -u +%Y%m%dT%H%M%SZ)"
  BENCH_OUT="$run" \
    BENCH_LEDGER_DLL="$root/build/ledger/CityServices.Ledger.dll" \
    BENCH_GATEWAY_DLL="$root/build/gateway/CityServices.Gateway.dll" \
    BENCH_POSTGRES="${CITY_POSTGRES/Database=city/Database=gateway_bench}" \
    BENCH_RABBITMQ="$CITY_RABBITMQ" BENCH_CHAIN_RPC="$CITY_CHAIN_RPC" BENCH_CHAIN_ID="$CHAIN_ID" \
    bash "$CITY_ROOT/bench/gateway/run.sh" "$@"
}
