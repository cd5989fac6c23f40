#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Stops the private Samba target that start.sh started for one state root.
# Only the pids recorded in that root's pid directory are signalled; nothing is killed by name.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

readonly term_timeout_tenths=100   # 10 s for a clean exit after SIGTERM
readonly kill_timeout_tenths=50    # 5 s more after SIGKILL

usage() {
  cat <<USAGE
Usage: $script_name [--root DIR | --port N] [--purge]

Stops the smbd (and samba-dcerpcd, if any) whose pids are in DIR/run, the state root that
start.sh used (default \${TMPDIR:-/tmp}/conformance-samba-N for --port N, N defaulting to
$SAMBA_TARGET_DEFAULT_PORT). Sends SIGTERM, waits up to 10 s, then SIGKILL. Keeps DIR unless --purge.
USAGE
}

root=""
port=""
purge=false
while (($#)); do
  case $1 in
    --root) (($# >= 2)) || die "--root needs a value"; root=$2; shift 2 ;;
    --root=*) root=${1#*=}; shift ;;
    --port) (($# >= 2)) || die "--port needs a value"; port=$2; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    --purge) purge=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[[ -z $root || -z $port ]] || die "give --root or --port, not both"
if [[ -z $root ]]; then
  port=${port:-$SAMBA_TARGET_DEFAULT_PORT}
  require_port "$port"
  root=$(default_root_for_port "$((10#$port))")
fi
root=$(absolute_path "$root")

if [[ ! -e $root ]]; then
  log "no state root at '$root'; nothing to stop"
  exit 0
fi
[[ -d $root ]] || die "'$root' is not a directory"
[[ -e $root/$SAMBA_TARGET_MARKER ]] || die "'$root' is not a state root made by start.sh (no $SAMBA_TARGET_MARKER)"

conf=$root/smb.conf
pid_dir=$root/run

# alive PID: true while PID exists and is not a zombie.
alive() {
  local state
  [[ -r /proc/$1/stat ]] || return 1
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

pids=()
for name in smbd samba-dcerpcd; do
  pid=$(read_pid "$pid_dir/$name.pid")
  [[ -n $pid ]] || continue
  if is_samba_process "$pid" "$conf"; then
    pids+=("$pid")
  else
    log "$name.pid names pid $pid, which is not running for this root; ignoring it"
  fi
done

# wait_gone TENTHS: waits up to TENTHS tenths of a second for every pid in $pids to exit.
wait_gone() {
  local i pid left
  for ((i = 0; i <= $1; i++)); do
    left=0
    for pid in "${pids[@]}"; do
      alive "$pid" && left=1
    done
    ((left)) || return 0
    sleep 0.1
  done
  return 1
}

if ((${#pids[@]})); then
  log "stopping pid(s) ${pids[*]} for $root"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  if ! wait_gone "$term_timeout_tenths"; then
    log "still running after 10 s; sending SIGKILL"
    for pid in "${pids[@]}"; do
      if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
    wait_gone "$kill_timeout_tenths" || die "pid(s) ${pids[*]} survived SIGKILL"
  fi
  log "stopped"
else
  log "nothing running for $root"
fi
rm -f "$pid_dir/smbd.pid" "$pid_dir/samba-dcerpcd.pid"

if $purge; then
  rm -rf -- "$root"
  log "removed $root"
fi
