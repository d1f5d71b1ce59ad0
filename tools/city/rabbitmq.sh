# shellcheck shell=bash
# RabbitMQ: an isolated node (own HOME, cookie, config, data, epmd) on 127.0.0.1 only.
# The /usr/sbin/rabbitmq-* wrappers hard-code /var/lib/rabbitmq, so the scripts under
# /usr/lib/rabbitmq/bin are called directly with every location set explicitly.

readonly RABBITMQ_HOME_DIR="$CITY_STATE/rabbitmq"
readonly RABBITMQ_NODE=city@localhost
readonly RABBITMQ_CTL=/usr/lib/rabbitmq/bin/rabbitmqctl
readonly RABBITMQ_MARKER="-home $RABBITMQ_HOME_DIR "
readonly EPMD_MARKER="-port $EPMD_PORT -address 127.0.0.1"
# Erlang distribution binds every interface unless told otherwise.
readonly ERLANG_LOOPBACK_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

rabbitmq_env() { # command... -> runs it against our node
  env HOME="$RABBITMQ_HOME_DIR" \
    RABBITMQ_NODENAME="$RABBITMQ_NODE" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$RABBITMQ_PORT" \
    RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT" \
    RABBITMQ_CTL_DIST_PORT_MIN="$RABBITMQ_CLI_PORT_MIN" \
    RABBITMQ_CTL_DIST_PORT_MAX="$RABBITMQ_CLI_PORT_MAX" \
    ERL_EPMD_PORT="$EPMD_PORT" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    ERL_CRASH_DUMP="$RABBITMQ_HOME_DIR/erl_crash.dump" \
    RABBITMQ_MNESIA_BASE="$RABBITMQ_HOME_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBITMQ_HOME_DIR/log" \
    RABBITMQ_LOGS="$CITY_LOGS/rabbitmq.log" \
    RABBITMQ_PID_FILE="$(pid_file rabbitmq)" \
    RABBITMQ_CONFIG_FILE="$RABBITMQ_HOME_DIR/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBITMQ_HOME_DIR/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$RABBITMQ_HOME_DIR/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_HOME_DIR/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$ERLANG_LOOPBACK_ARGS" \
    RABBITMQ_CTL_ERL_ARGS="$ERLANG_LOOPBACK_ARGS" \
    "$@"
}

rabbitmq_write_config() {
  mkdir -p "$RABBITMQ_HOME_DIR"
  cat >"$RABBITMQ_HOME_DIR/rabbitmq.conf" <<EOF
# Written by ./city at every start; edit tools/city/rabbitmq.sh instead.
# A bare port would bind every interface.
listeners.tcp.default = 127.0.0.1:$RABBITMQ_PORT
EOF
  # No plugins: the management UI would open another port.
  printf '[].\n' >"$RABBITMQ_HOME_DIR/enabled_plugins"
}

epmd_pid() { running_pid epmd "$EPMD_MARKER"; }
epmd_healthy() { epmd -port "$EPMD_PORT" -names >/dev/null 2>&1; }
rabbitmq_pid() { running_pid rabbitmq "$RABBITMQ_MARKER"; }

rabbitmq_booted() {
  rabbitmq_env "$RABBITMQ_CTL" -q await_startup --timeout 5 >/dev/null 2>&1
}

# The AMQP listener opens at the end of the boot, so a bound port means a usable broker.
rabbitmq_healthy() {
  port_is_bound "$RABBITMQ_PORT"
}

# Our own epmd, so it listens on loopback and on our port, and `down` can stop it by PID.
epmd_start() {
  epmd_pid >/dev/null && return 0
  port_is_bound "$EPMD_PORT" && die "port $EPMD_PORT (epmd) is taken by a process ./city did not start"
  start_background epmd epmd -port "$EPMD_PORT" -address 127.0.0.1
  wait_until 10 epmd_healthy || {
    show_log_tail epmd
    die "epmd did not start"
  }
}

# Boots the broker without waiting: it takes seconds, so the rest of the infrastructure
# starts meanwhile and rabbitmq_wait_ready waits afterwards.
rabbitmq_launch() {
  rabbitmq_pid >/dev/null && return 0
  port_is_bound "$RABBITMQ_PORT" && die "port $RABBITMQ_PORT is taken by a process ./city did not start"
  rabbitmq_write_config
  epmd_start
  (cd "$RABBITMQ_HOME_DIR" && run_logged rabbitmq rabbitmq_env "$RABBITMQ_SERVER_BIN" -detached) ||
    die "RabbitMQ did not start"
}

rabbitmq_wait_ready() {
  if rabbitmq_pid >/dev/null && port_is_bound "$RABBITMQ_PORT"; then
    return 0
  fi
  # await_startup fails outright until the node has registered with epmd: retry it.
  if ! wait_until 90 rabbitmq_booted || ! rabbitmq_pid >/dev/null; then
    show_log_tail rabbitmq
    die "RabbitMQ did not become ready within 90 s"
  fi
  note "RabbitMQ ready on 127.0.0.1:$RABBITMQ_PORT (PID $(rabbitmq_pid))"
}

rabbitmq_stop() {
  # The broker handles SIGTERM as a clean shutdown.
  stop_recorded rabbitmq "$RABBITMQ_MARKER" 60
  # epmd outlives the broker.
  stop_recorded epmd "$EPMD_MARKER" 5
}
