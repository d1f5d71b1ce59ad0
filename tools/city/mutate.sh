# shellcheck shell=bash
# ./city mutate: mutation testing (Stryker.NET) of the code whose bugs would break the platform's
# promise. Each target is a Stryker configuration in tests/mutation/<target>.json naming the
# project, the files to mutate and the tests that must kill the mutants. Reports (HTML and
# JSON) go to .city/mutation/<target>/; the summary prints each target's score.

city_command mutate "mutate [target...]" "Mutation testing of hashing, audit, card-grant, encryption, erasure, anchoring (default: all); reports in .city/mutation/"

cmd_mutate() {
  local targets=("$@") target config failed=0
  if ((${#targets[@]} == 0)); then
    for config in "$CITY_ROOT"/tests/mutation/*.json; do
      targets+=("$(basename "$config" .json)")
    done
  fi
  for target in "${targets[@]}"; do
    [[ -f "$CITY_ROOT/tests/mutation/$target.json" ]] ||
      die "no mutation target '$target' (targets: $(mutation_targets))"
  done
  ensure_dotnet
  ensure_state_dirs
  run_logged mutate-tool-restore dotnet tool restore --tool-manifest "$CITY_ROOT/.config/dotnet-tools.json" ||
    die "dotnet-stryker could not be restored (log: .city/logs/mutate-tool-restore.log)"
  # Several targets' tests need the real database, broker and chain, as in ./city test.
  say "Starting PostgreSQL, RabbitMQ and anvil (if needed)"
  infra_up
  export_city_env
  for target in "${targets[@]}"; do
    mutate_target "$target" || failed=1
  done
  mutation_summary "${targets[@]}"
  return "$failed"
}

mutation_targets() {
  local config names=()
  for config in "$CITY_ROOT"/tests/mutation/*.json; do
    names+=("$(basename "$config" .json)")
  done
  printf '%s' "${names[*]}"
}

mutate_target() { # target
  local target="$1" output="$CITY_STATE/mutation/$1"
  rm -rf "$output"
  mkdir -p "$output"
  say "Mutating $target (report in .city/mutation/$target/)"
  # One mutant at a time: the integration tests share one PostgreSQL and one chain, and two
  # cores are busy enough with the build of each mutant batch.
  (cd "$CITY_ROOT/tests/mutation" &&
    dotnet stryker --config-file "$target.json" --test-runner mtp --concurrency 1 \
      --reporter Progress --reporter Json --reporter Html --output "$output" \
      --skip-version-check) >"$output/stryker.log" 2>&1 || {
    warn "Stryker failed for $target (log: .city/mutation/$target/stryker.log)"
    return 1
  }
}

mutation_summary() { # targets...
  say "Mutation scores (killed and timed-out of all tested mutants; thresholds in tests/mutation/README.md)"
  node "$CITY_ROOT/tools/city/summarize-mutation.mjs" "$CITY_STATE/mutation" "$@"
}
