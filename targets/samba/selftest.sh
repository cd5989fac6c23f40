#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Self-check of the private Samba target: starts it on a free loopback port, moves a file
# through smbclient over SMB2, SMB3 and SMB3-encrypted, checks that encryption and the password
# are enforced, stops it and verifies that none of its processes remain.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

passed=0
# Set by eval of start.sh's output; cleared here so nothing is inherited from the environment.
SMB_TARGET_HOST="" SMB_TARGET_PORT="" SMB_TARGET_SHARE="" SMB_TARGET_USER="" SMB_TARGET_PASSWORD=""
SMB_TARGET_DOMAIN="" SAMBA_ROOT="" SAMBA_PID="" SAMBA_CONF="" SAMBA_CLIENT_CONF=""
root=""
work=""
started=false

fail() {
  printf '%s: FAIL: %s\n' "$script_name" "$*" >&2
  printf 'selftest: %d passed, 1 failed\n' "$passed"
  exit 1
}
pass() {
  passed=$((passed + 1))
  log "ok: $*"
}

cleanup() {
  if $started; then
    "$here/stop.sh" --root "$root" --purge >/dev/null 2>&1 || log "cleanup: stop.sh failed for $root"
  elif [[ -n $root ]]; then
    rm -rf -- "$root"
  fi
  [[ -z $work ]] || rm -rf -- "$work"
}
trap cleanup EXIT

# port_bound PORT: true when any IPv4/IPv6 TCP socket on this machine uses local port PORT.
port_bound() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p=":$hex" 'FNR > 1 && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

pick_free_port() {
  local try port
  for ((try = 0; try < 50; try++)); do
    port=$((20000 + RANDOM % 40000))
    if ! port_bound "$port" && ! port_accepts "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  fail "found no free TCP port in 20000-59999 after 50 tries"
}

# only_loopback_listeners PORT: every listening socket on PORT is bound to 127.0.0.1.
only_loopback_listeners() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v p=":$hex" '
    FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p {
      n++; if ($2 != "0100007F" p) bad = bad " " $2
    }
    END { if (bad != "" || n == 0) { print (n == 0 ? "no listener" : "non-loopback listener(s):" bad); exit 1 } }
  ' /proc/net/tcp /proc/net/tcp6
}

# client SHARE ARGS...: runs smbclient against the target as the test user.
client() {
  local share=$1
  shift
  smbclient -s "$SAMBA_CLIENT_CONF" "//$SMB_TARGET_HOST/$share" -p "$SMB_TARGET_PORT" \
    -U "$SMB_TARGET_USER%$SMB_TARGET_PASSWORD" -W "$SMB_TARGET_DOMAIN" "$@"
}

# round_trip LABEL SHARE SMBCLIENT-OPTIONS...: put, ls and get one file, then compare the copies.
round_trip() {
  local label=$1 share=$2 name out
  shift 2
  name=selftest-$label.bin
  if ! out=$(client "$share" "$@" -c "put $work/payload $name; ls $name; get $name $work/$name" 2>&1); then
    printf '%s\n' "$out" >&2
    fail "$label: smbclient put/ls/get on //$SMB_TARGET_HOST/$share failed"
  fi
  [[ $out == *"$name"* ]] || { printf '%s\n' "$out" >&2; fail "$label: ls did not list $name"; }
  cmp -s "$work/payload" "$work/$name" || fail "$label: the file read back differs from the one written"
  cmp -s "$work/payload" "$SAMBA_ROOT/shares/$share/$name" \
    || fail "$label: the file in $SAMBA_ROOT/shares/$share differs from the one written"
  pass "$label: put/ls/get on //$SMB_TARGET_HOST:$SMB_TARGET_PORT/$share ($*)"
}

# must_refuse LABEL EXPECTED SHARE SMBCLIENT-ARGS...: smbclient must fail with status EXPECTED.
must_refuse() {
  local label=$1 expected=$2 share=$3 out
  shift 3
  if out=$(smbclient -s "$SAMBA_CLIENT_CONF" "//$SMB_TARGET_HOST/$share" -p "$SMB_TARGET_PORT" "$@" -c ls 2>&1); then
    printf '%s\n' "$out" >&2
    fail "$label: smbclient succeeded but should have been refused"
  fi
  [[ $out == *"$expected"* ]] || { printf '%s\n' "$out" >&2; fail "$label: refused, but not with $expected"; }
  pass "$label: refused with $expected"
}

# samba_processes_for CONF: pids of live (non-zombie) processes started with CONF.
samba_processes_for() {
  local dir pid state
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    is_samba_process "$pid" "$1" || continue
    state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "$dir/stat" 2>/dev/null) || continue
    [[ $state == Z || $state == X ]] || printf '%s\n' "$pid"
  done
}

work=$(mktemp -d "${TMPDIR:-/tmp}/conformance-samba-selftest-files.XXXXXX")
root=$(mktemp -d "${TMPDIR:-/tmp}/conformance-samba-selftest.XXXXXX")
port=$(pick_free_port)
log "using port $port and state root $root"

if ! facts=$("$here/start.sh" --port "$port" --root "$root"); then
  fail "start.sh failed"
fi
started=true
eval "$facts"
for key in SMB_TARGET_HOST SMB_TARGET_PORT SMB_TARGET_SHARE SMB_TARGET_USER SMB_TARGET_PASSWORD \
  SMB_TARGET_DOMAIN SAMBA_ROOT SAMBA_PID SAMBA_CLIENT_CONF SAMBA_CONF; do
  [[ -n ${!key:-} ]] || fail "start.sh printed no $key"
done
[[ $SMB_TARGET_PORT == "$port" && $SAMBA_ROOT == "$root" ]] || fail "start.sh reported port/root $SMB_TARGET_PORT $SAMBA_ROOT, not $port $root"
cmp -s <(printf '%s\n' "$facts") "$root/target.env" || fail "$root/target.env differs from what start.sh printed"
pass "start.sh printed the target facts (smbd pid $SAMBA_PID) and wrote target.env"

again=$("$here/start.sh" --port "$port" --root "$root" 2>/dev/null) || fail "second start.sh failed"
[[ $again == "$facts" ]] || fail "second start.sh did not report the running instance"
pass "start.sh again reports the running instance"

reason=$(only_loopback_listeners "$port") || fail "port $port: $reason"
pass "smbd listens on $port only at 127.0.0.1"

head -c 262144 /dev/urandom >"$work/payload"
round_trip smb2 "$SMB_TARGET_SHARE" -m SMB2
round_trip smb3 "$SMB_TARGET_SHARE" -m SMB3
round_trip smb3-encrypted encrypted -m SMB3 --client-protection=encrypt
must_refuse "encrypted share over SMB 2.1" NT_STATUS_ACCESS_DENIED encrypted \
  -U "$SMB_TARGET_USER%$SMB_TARGET_PASSWORD" -m SMB2
must_refuse "wrong password" NT_STATUS_LOGON_FAILURE "$SMB_TARGET_SHARE" \
  -U "$SMB_TARGET_USER%wrong-$SMB_TARGET_PASSWORD" -m SMB3

# An alternate data stream needs vfs_streams_xattr and user xattrs on the state root's filesystem,
# which bound its size (about 4 KB on ext4), so the stream payload is small.
head -c 2000 /dev/urandom >"$work/ads-payload"
if ! out=$(client "$SMB_TARGET_SHARE" -m SMB3 \
  -c "put $work/ads-payload selftest-smb3.bin:ads; get selftest-smb3.bin:ads $work/ads.bin" 2>&1); then
  printf '%s\n' "$out" >&2
  fail "alternate data stream: put/get of selftest-smb3.bin:ads failed"
fi
cmp -s "$work/ads-payload" "$work/ads.bin" || fail "alternate data stream: content read back differs"
pass "alternate data stream put/get (streams_xattr)"

# A share list over DCE/RPC makes smbd start samba-dcerpcd, which stop.sh must end too.
smbclient -s "$SAMBA_CLIENT_CONF" -L "//$SMB_TARGET_HOST" -p "$SMB_TARGET_PORT" \
  -U "$SMB_TARGET_USER%$SMB_TARGET_PASSWORD" >/dev/null 2>&1 || fail "smbclient -L (share list over DCE/RPC) failed"
[[ -s $SAMBA_ROOT/run/samba-dcerpcd.pid ]] || fail "no samba-dcerpcd.pid in $SAMBA_ROOT/run after a share list"
pass "share list over DCE/RPC (samba-dcerpcd pid $(read_pid "$SAMBA_ROOT/run/samba-dcerpcd.pid"))"

"$here/stop.sh" --root "$root" >/dev/null 2>&1 || fail "stop.sh failed"
if [[ -r /proc/$SAMBA_PID/stat ]]; then
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$SAMBA_PID/stat")
  [[ $state == Z ]] || fail "smbd pid $SAMBA_PID still running after stop.sh"
fi
left=$(samba_processes_for "$SAMBA_CONF")
[[ -z $left ]] || fail "processes started with $SAMBA_CONF still running after stop.sh: $(tr '\n' ' ' <<<"$left")"
port_accepts "$port" && fail "127.0.0.1:$port still accepts connections after stop.sh"
pass "stop.sh ended smbd $SAMBA_PID and every process started with its config"

"$here/stop.sh" --root "$root" --purge >/dev/null 2>&1 || fail "stop.sh --purge failed"
started=false
[[ ! -e $root ]] || fail "stop.sh --purge left $root"
pass "stop.sh --purge removed the state root"

printf 'selftest: %d passed, 0 failed\n' "$passed"
