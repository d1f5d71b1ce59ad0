# shellcheck shell=bash
# ./city bench: the ledger benchmark (bench/CityServices.Bench): ingest rate, inclusion-proof
# latency at 1,000,000 leaves, gas per leaf. Prints a report; the JSON goes to .city/bench/.

city_command bench "bench [options]" "Benchmark the ledger (ingest, proof latency at 1M leaves, gas per leaf); --help for options"

cmd_bench() {
  local out="$CITY_STATE/bench/build" arg
  for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
      ensure_dotnet
      bench_build "$out"
      dotnet "$out/city-bench.dll" --help
      return 0
    fi
  done
  ensure_dotnet
  # Already running (./city up, ./city test): used as it is, without reinstalling anything.
  if postgres_healthy && rabbitmq_healthy && anvil_healthy; then
    say "Using the running PostgreSQL, RabbitMQ and anvil"
  else
    say "Starting PostgreSQL, RabbitMQ and anvil"
    infra_up
  fi
  export_city_env
  say "Building the benchmark (Release)"
  bench_build "$out"
  say "Running the benchmark (defaults: under a minute on 2 cores)"
  # The content root is the output folder, as for every service run from its build.
  (cd "$out" && dotnet city-bench.dll "$@")
}

bench_build() { # output-folder
  ensure_state_dirs
  run_logged bench-build dotnet build "$CITY_ROOT/bench/CityServices.Bench" -c Release --nologo -v quiet -o "$1" ||
    die "the benchmark did not build (log: .city/logs/bench-build.log)"
}
