# shellcheck shell=bash
# ./city test: every test of the solution against the local infrastructure. The last line is
# always "N passed, N failed, N skipped", summed from the xUnit reports of this run.

city_command test "test [dotnet test arguments]" "Start the infrastructure if needed, run all tests, print 'N passed, N failed, N skipped'"

cmd_test() {
  local run results exit_code=0
  ensure_dotnet
  say "Starting PostgreSQL, RabbitMQ and anvil (if needed)"
  infra_up
  export_city_env
  # One folder per run, so the summary counts this run's reports and nothing older.
  run="$(date -u +%Y%m%dT%H%M%SZ)-$$"
  results="$CITY_STATE/test-results/$run"
  mkdir -p "$results"
  say "Running the tests (reports in .city/test-results/$run)"
  # Each test project asks for its own xunit report (tests/Directory.Build.props).
  dotnet test --solution "$CITY_ROOT/CityServices.sln" \
    --results-directory "$results" "$@" || exit_code=$?
  node "$CITY_ROOT/tools/city/summarize-tests.mjs" "$results" "$exit_code"
}
