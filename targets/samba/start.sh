#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Starts a private Samba smbd on 127.0.0.1 as an SMB2/3 conformance test target.
# Everything it writes (config, databases, logs, pid files, shares) lives under one state root;
# the system's own Samba service is never used or touched.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$here/common.sh"

readonly user=tester
readonly password='Passw0rd!'
# A second account, for the scenarios that need another user (a durable reconnect as someone else).
readonly other_user=tester2
readonly other_password='Passw0rd2!'
readonly domain=WORKGROUP
readonly share=conf
readonly start_timeout_tenths=150   # 15 s, polled every 0.1 s

usage() {
  cat <<USAGE
Usage: $script_name [--port N] [--root DIR] [--encrypt-every-session] [--require-signing]

Starts a private smbd listening only on $SAMBA_TARGET_HOST:N (default $SAMBA_TARGET_DEFAULT_PORT) with its
state under DIR (default \${TMPDIR:-/tmp}/conformance-samba-N), then prints KEY=VALUE lines
(also written to DIR/target.env) describing the target. Safe to run again: an instance
already running for DIR is reported, not restarted.
  --encrypt-every-session  'server smb encrypt = required' for every share (the suite's
                           EncryptsEverySession server profile)
  --require-signing        'server signing = mandatory' (the RequiresSigning server profile)
USAGE
}

port=$SAMBA_TARGET_DEFAULT_PORT
root=""
global_extra=""
while (($#)); do
  case $1 in
    --port) (($# >= 2)) || die "--port needs a value"; port=$2; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    --root) (($# >= 2)) || die "--root needs a value"; root=$2; shift 2 ;;
    --root=*) root=${1#*=}; shift ;;
    --encrypt-every-session) global_extra+=$'\n\tserver smb encrypt = required'; shift ;;
    --require-signing) global_extra+=$'\n\tserver signing = mandatory'; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
require_port "$port"
port=$((10#$port))
[[ -n $root ]] || root=$(default_root_for_port "$port")
root=$(absolute_path "$root")
[[ $root != *[[:space:]\"]* ]] || die "state root '$root' must not contain spaces or quotes"

(( EUID == 0 )) || die "must run as root (smbd, useradd and apt-get need it)"

conf=$root/smb.conf
client_conf=$root/client.conf
pid_dir=$root/run
pid_file=$pid_dir/smbd.pid
env_file=$root/target.env

print_facts() {
  local pid=$1
  cat <<FACTS
SMB_TARGET_HOST=$SAMBA_TARGET_HOST
SMB_TARGET_PORT=$port
SMB_TARGET_SHARE=$share
SMB_TARGET_ENCRYPTED_SHARE=encrypted
SMB_TARGET_LIMITED_SHARE=limited
SMB_TARGET_USER=$user
SMB_TARGET_PASSWORD=$password
SMB_TARGET_OTHER_USER=$other_user
SMB_TARGET_OTHER_PASSWORD=$other_password
SMB_TARGET_DOMAIN=$domain
SAMBA_ROOT=$root
SAMBA_CONF=$conf
SAMBA_CLIENT_CONF=$client_conf
SAMBA_PID=$pid
FACTS
}

install_packages() {
  local missing=()
  command -v smbd >/dev/null || missing+=(samba)
  command -v smbclient >/dev/null || missing+=(smbclient)
  command -v smbtorture >/dev/null || missing+=(samba-testsuite)
  command -v tshark >/dev/null || missing+=(tshark)
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
  log "installing ${missing[*]} (apt-get; takes about a minute the first time)"
  apt-get update -q >&2 || die "apt-get update failed"
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
  command -v smbd >/dev/null || die "smbd still not on PATH after installing samba"
}

ensure_user() {
  local account
  for account in "$user" "$other_user"; do
    if ! id -u "$account" >/dev/null 2>&1; then
      log "creating Unix account '$account'"
      useradd --system --no-create-home "$account" || die "useradd $account failed"
    fi
  done
}

write_server_conf() {
  local share_settings
  # Per-share settings common to both shares (see README.md for why each one is here).
  share_settings=$(cat <<SHARE
	read only = no
	browseable = yes
	valid users = $user $other_user
	create mask = 0755
	directory mask = 0755
	vfs objects = streams_xattr acl_xattr
	acl_xattr:ignore system acls = yes
	durable handles = yes
	kernel share modes = no
	kernel oplocks = no
	posix locking = no
SHARE
)
  cat >"$conf" <<CONF
# Private conformance target written by targets/samba/start.sh; do not edit by hand.
[global]
	server role = standalone server
	security = user
	workgroup = $domain
	map to guest = never
	passdb backend = tdbsam:$root/private/passdb.tdb

	smb ports = $port
	interfaces = "127.0.0.1/8;if_index=1,speed=1000000000,capability=RSS"
	bind interfaces only = yes
	disable netbios = yes

	server min protocol = SMB2_02
	server max protocol = SMB3_11
	server multi channel support = yes
	smb2 leases = yes${global_extra}

	load printers = no
	printing = bsd
	printcap name = /dev/null
	disable spoolss = yes

	private dir = $root/private
	binddns dir = $root/bind-dns
	lock directory = $root/lock
	state directory = $root/state
	cache directory = $root/cache
	pid directory = $pid_dir
	ncalrpc dir = $root/ncalrpc
	winbindd socket directory = $root/winbindd
	log file = $root/log/log.%m
	max log size = 10000
	log level = 1

[$share]
	path = $root/shares/$share
$share_settings

[encrypted]
	path = $root/shares/encrypted
$share_settings
	server smb encrypt = required

[limited]
	path = $root/shares/limited
$share_settings
	max connections = 1
CONF
}

# A client config for smbclient that keeps its caches under the root too.
write_client_conf() {
  cat >"$client_conf" <<CONF
# smbclient settings for the private conformance target (use: smbclient -s THIS ...).
[global]
	workgroup = $domain
	client min protocol = SMB2_02
	client max protocol = SMB3_11
	disable netbios = yes
	private dir = $root/client/private
	lock directory = $root/client/lock
	state directory = $root/client/state
	cache directory = $root/client/cache
	log file = $root/log/client.log
CONF
}

prepare_root() {
  if [[ -e $root && ! -e $root/$SAMBA_TARGET_MARKER ]]; then
    [[ -d $root ]] || die "state root '$root' exists and is not a directory"
    [[ -z $(ls -A "$root") ]] \
      || die "state root '$root' is a non-empty directory not made by this script; choose another --root"
  fi
  mkdir -p "$root"
  : >"$root/$SAMBA_TARGET_MARKER"
  chmod 0755 "$root"
  mkdir -p "$root"/{bind-dns,lock,state,cache,ncalrpc,winbindd,log,shares} "$pid_dir" \
    "$root"/client/{private,lock,state,cache}
  mkdir -p "$root/private"
  chmod 0700 "$root/private"
  local dir
  for dir in "$share" encrypted limited; do
    mkdir -p "$root/shares/$dir"
    chown "$user:" "$root/shares/$dir"
    chmod 0755 "$root/shares/$dir"
  done
  # smbd works in the shares as $user: every directory above them must be traversable by it.
  runuser -u "$user" -- test -w "$root/shares/$share" \
    || die "user '$user' cannot write $root/shares/$share; is a parent of '$root' closed to other users? choose another --root"
}

check_conf() {
  local out
  if ! out=$(testparm -s "$conf" 2>&1 >/dev/null); then
    printf '%s\n' "$out" >&2
    die "testparm rejected $conf"
  fi
}

set_password() {
  local out account secret
  for account in "$user" "$other_user"; do
    secret=$password
    [[ $account == "$other_user" ]] && secret=$other_password
    if ! out=$(printf '%s\n%s\n' "$secret" "$secret" | smbpasswd -c "$conf" -s -a "$account" 2>&1); then
      printf '%s\n' "$out" >&2
      die "smbpasswd could not set the SMB password of '$account'"
    fi
  done
}

write_env_file() {
  local pid=$1
  print_facts "$pid" >"$env_file.tmp"
  mv -f "$env_file.tmp" "$env_file"
}

# --- an instance already running for this root? ---
if [[ -f $pid_file ]]; then
  old_pid=$(read_pid "$pid_file")
  if [[ -n $old_pid ]] && is_samba_process "$old_pid" "$conf"; then
    running_port=$(sed -n 's/^[[:space:]]*smb ports = //p' "$conf" | head -n1)
    [[ $running_port == "$port" ]] \
      || die "smbd (pid $old_pid) already runs for $root on port $running_port, not $port; stop it first"
    log "already running: smbd pid $old_pid for $root"
    write_env_file "$old_pid"
    print_facts "$old_pid"
    exit 0
  fi
  log "removing stale pid file $pid_file"
  rm -f "$pid_file"
fi

port_accepts "$port" && die "$SAMBA_TARGET_HOST:$port already accepts connections (another server?); choose another --port"

install_packages
ensure_user
prepare_root
write_server_conf
write_client_conf
check_conf
set_password

log "starting smbd on $SAMBA_TARGET_HOST:$port with state in $root"
smbd -s "$conf" -D || die "smbd failed to start; see $root/log/log.smbd"

pid=""
for ((i = 0; i < start_timeout_tenths; i++)); do
  [[ -n $pid ]] || pid=$(read_pid "$pid_file")
  if [[ -n $pid ]]; then
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$root/log/log.smbd" >&2 2>/dev/null || true
      die "smbd (pid $pid) exited during startup; see $root/log/log.smbd"
    fi
    port_accepts "$port" && break
  fi
  sleep 0.1
done
[[ -n $pid ]] || die "smbd wrote no pid file within 15 s; see $root/log/log.smbd"
port_accepts "$port" || die "smbd (pid $pid) did not accept connections on $SAMBA_TARGET_HOST:$port within 15 s; see $root/log/log.smbd"

write_env_file "$pid"
print_facts "$pid"
