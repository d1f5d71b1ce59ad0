# shellcheck shell=bash
# PostgreSQL: one cluster in .city/postgres, superuser `city`, trust auth, TCP on 127.0.0.1 only.

postgres_bin() { # tool -> path of that PostgreSQL tool
  local dir
  dir="$(postgres_bin_dir)" || die "PostgreSQL is not installed (run ./city infra up)"
  printf '%s/%s' "$dir" "$1"
}

# initdb and pg_ctl refuse to run as root: as root they run as the postgres user.
postgres_as_owner() {
  if is_root; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The cluster's real folder: .city/postgres, or where that link points (see below).
postgres_data_dir() {
  readlink -m "$CITY_STATE/postgres"
}

# As root the cluster belongs to the postgres user, who may be unable to reach a checkout
# under a private folder such as /root. Rather than loosen permissions outside the repo, the
# cluster then lives in postgres's home, one folder per checkout, linked from .city/postgres.
postgres_prepare_data_dir() {
  local link="$CITY_STATE/postgres" home target
  [[ -e "$link" ]] && return 0
  mkdir -m 700 "$link"
  is_root || return 0
  chown postgres:postgres "$link"
  runuser -u postgres -- test -w "$link" && return 0
  rmdir "$link"
  home="$(getent passwd postgres | cut -d: -f6)"
  [[ "$home" == /* && -d "$home" ]] || die "user postgres cannot reach $CITY_STATE and has no home folder to use instead"
  target="$home/cityservices-$(printf '%s' "$CITY_ROOT" | sha256sum | cut -c1-12)"
  # A leftover there belongs to a .city that was wiped since: start clean, as .city was.
  rm -rf "$target"
  runuser -u postgres -- mkdir -m 700 "$target"
  ln -s "$target" "$link"
  note "user postgres cannot reach $CITY_STATE; the cluster lives in $target (linked from .city/postgres)"
}

postgres_init_cluster() {
  local data="$1"
  note "creating the PostgreSQL cluster"
  run_logged postgres postgres_as_owner "$(postgres_bin initdb)" -D "$data" -U city \
    --auth=trust --encoding=UTF8 --no-locale || die "initdb failed"
  # Only TCP from loopback is accepted, and without a password: this is a developer machine.
  printf '%s\n' '# TYPE DATABASE USER ADDRESS METHOD' 'host all all 127.0.0.1/32 trust' >"$data/pg_hba.conf"
  printf '%s\n' "include_if_exists = 'city.conf'" >>"$data/postgresql.conf"
}

# Written at every start so the ports in lib.sh are the only source of truth.
postgres_write_settings() {
  local data="$1"
  cat >"$data/city.conf" <<EOF
# Written by ./city at every start; edit tools/city/postgres.sh instead.
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
# TCP only: a socket path inside a deep checkout can exceed the 107-byte limit of Unix sockets.
unix_socket_directories = ''
# Seven services with connection pools plus parallel tests.
max_connections = 300
# Development data: losing the last commits in a crash is acceptable, waiting on each fsync is not.
synchronous_commit = off
EOF
  chmod 644 "$data/city.conf"
}

postgres_pid() {
  running_pid postgres "-D $(postgres_data_dir) "
}

postgres_healthy() {
  local dir
  dir="$(postgres_bin_dir)" || return 1
  "$dir/pg_isready" -h 127.0.0.1 -p "$POSTGRES_PORT" -q
}

postgres_start() {
  local data pid
  # Ours and running (perhaps still recovering): wait for it rather than start another.
  if pid="$(postgres_pid)"; then
    wait_until 60 postgres_healthy || die "PostgreSQL (PID $pid) runs but does not accept connections; see ./city logs postgres"
    return 0
  fi
  port_is_bound "$POSTGRES_PORT" && die "port $POSTGRES_PORT is taken by a process ./city did not start"
  postgres_prepare_data_dir
  data="$(postgres_data_dir)"
  [[ -f "$data/PG_VERSION" ]] || postgres_init_cluster "$data"
  postgres_write_settings "$data"
  # Without -l the server keeps pg_ctl's output, which this shell opened: works even when the
  # postgres user cannot reach .city/logs.
  run_logged postgres postgres_as_owner "$(postgres_bin pg_ctl)" -D "$data" -w -t 60 start ||
    die "PostgreSQL did not start"
  read -r pid <"$data/postmaster.pid"
  printf '%s\n' "$pid" >"$(pid_file postgres)"
  # The maintenance database of CITY_POSTGRES; initdb only makes postgres and the templates.
  postgres_ensure_database city
  note "PostgreSQL ready on 127.0.0.1:$POSTGRES_PORT (PID $pid)"
}

postgres_stop() {
  local data pid
  data="$(postgres_data_dir)"
  if pid="$(postgres_pid)"; then
    # A fast shutdown rolls back open transactions and checkpoints: the cluster stays clean.
    if ! run_logged postgres postgres_as_owner "$(postgres_bin pg_ctl)" -D "$data" -m fast -w -t 60 stop; then
      stop_recorded postgres "-D $data "
    fi
    note "stopped PostgreSQL (PID $pid)"
  fi
  rm -f "$(pid_file postgres)"
}

postgres_ensure_database() { # name
  local exists
  exists="$("$(postgres_bin psql)" -h 127.0.0.1 -p "$POSTGRES_PORT" -U city -d postgres -tAq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" || die "cannot query PostgreSQL"
  [[ "$exists" == 1 ]] && return 0
  "$(postgres_bin createdb)" -h 127.0.0.1 -p "$POSTGRES_PORT" -U city "$1" || die "cannot create database $1"
  note "created database $1"
}
