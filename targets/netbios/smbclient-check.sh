#!/usr/bin/env bash
# Proves that plain smbclient reaches the reference server over the NetBIOS session service (RFC 1002,
# MS-SMB2 2.1). smbclient sends a SESSION REQUEST only to port 139, so the reference server listens on
# 127.0.0.1:139 inside a private network namespace (unshare -n: its own loopback, nothing else on the
# machine sees it; the system's services are never touched). Puts a file, lists the share, gets the
# file back and compares. Needs root, smbclient and a built ReferenceServer
# (dotnet build ReferenceServer -c Release). Usage: smbclient-check.sh [PATH-TO-ReferenceServer]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server=${1:-$here/../../ReferenceServer/bin/Release/net10.0/ReferenceServer}
[[ -x $server ]] || { echo "no ReferenceServer at $server: dotnet build ReferenceServer -c Release" >&2; exit 2; }
command -v smbclient >/dev/null || { echo "smbclient is not installed (targets/samba/start.sh installs it)" >&2; exit 2; }
(( EUID == 0 )) || { echo "must run as root (unshare -n)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NBSS_SERVER=$server NBSS_WORK=$work
# shellcheck disable=SC2016
timeout 60 unshare -n bash -c '
  set -euo pipefail
  ip link set lo up
  "$NBSS_SERVER" --port 4445 --netbios-port 139 > "$NBSS_WORK/server.log" 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  for _ in $(seq 100); do grep -q "NetBIOS session service" "$NBSS_WORK/server.log" && break; sleep 0.1; done
  grep -q "NetBIOS session service" "$NBSS_WORK/server.log" || { cat "$NBSS_WORK/server.log"; echo "the reference server did not start" >&2; exit 1; }
  head -c 100000 /dev/urandom > "$NBSS_WORK/sent"
  smbclient //REFERENCE/conf -I 127.0.0.1 -p 139 -U "tester%Passw0rd!" -m SMB3 \
    -c "put $NBSS_WORK/sent nbss.bin; ls nbss.bin; get nbss.bin $NBSS_WORK/received" > "$NBSS_WORK/smbclient.log" 2>&1 \
    || { cat "$NBSS_WORK/smbclient.log" "$NBSS_WORK/server.log"; echo "smbclient failed over the NetBIOS session service" >&2; exit 1; }
'
cmp -s "$work/sent" "$work/received" || { echo "the file smbclient got back over NetBIOS differs from the one it put" >&2; exit 1; }
grep -q "nbss.bin" "$work/smbclient.log" || { cat "$work/smbclient.log"; echo "smbclient's ls did not list the file" >&2; exit 1; }
echo "smbclient reached the reference server over the NetBIOS session service (port 139 in a private network namespace): put, ls and get of 100000 bytes, identical"
