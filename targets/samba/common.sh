# Shared helpers for the private Samba target scripts (sourced, not executed).
# shellcheck shell=bash
# shellcheck disable=SC2034 # constants for the scripts that source this file

readonly SAMBA_TARGET_DEFAULT_PORT=4455
readonly SAMBA_TARGET_HOST=127.0.0.1
# Written into every state root this tooling creates; stop.sh --purge refuses a root without it.
readonly SAMBA_TARGET_MARKER=.conformance-samba-root

script_name=${0##*/}

log() { printf '%s: %s\n' "$script_name" "$*" >&2; }
die() { printf '%s: error: %s\n' "$script_name" "$*" >&2; exit 1; }

# require_port VALUE: dies unless VALUE is a TCP port number.
require_port() {
  if ! [[ $1 =~ ^[0-9]{1,5}$ ]] || (( 10#$1 < 1 || 10#$1 > 65535 )); then
    die "invalid port '$1' (expected 1-65535)"
  fi
}

default_root_for_port() {
  printf '%s/conformance-samba-%s\n' "${TMPDIR:-/tmp}" "$1"
}

# absolute_path PATH: PATH made absolute without requiring it to exist.
absolute_path() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

# port_accepts PORT: true when 127.0.0.1:PORT accepts a TCP connection (loopback only).
port_accepts() {
  # shellcheck disable=SC2016 # $0 and $1 expand in the inner shell
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$SAMBA_TARGET_HOST" "$1" 2>/dev/null
}

# read_pid FILE: prints the pid stored in FILE when it is a number, else nothing.
read_pid() {
  local pid=""
  if [[ -r $1 ]]; then
    read -r pid <"$1" || true
  fi
  [[ $pid =~ ^[0-9]+$ ]] && printf '%s\n' "$pid"
  return 0
}

# is_samba_process PID CONF: true when PID is alive and is a Samba daemon started with CONF
# (guards against a stale pid file whose number the kernel has since given to another process).
is_samba_process() {
  local pid=$1 conf=$2 cmdline
  [[ -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$conf"* ]]
}
