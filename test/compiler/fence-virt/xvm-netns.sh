#!/bin/bash
# Runs the REAL fence_virtd with a given fence_virt.conf and the REAL fence_xvm client against it,
# offline: inside a private network namespace (unshare --net) whose loopback is the only
# interface, with multicast enabled on it — no packet can leave. The conf is expected to point
# libvirt at its in-process test driver (test:///default, one guest "test") and its listener at
# interface "lo". Modelled on ../shared/tools/fence-xvm-loopback-demo.
#
# Usage: xvm-netns.sh DIR
#   DIR/fence_virt.conf  the daemon's configuration
#   DIR/*.stdin          one fence_xvm run each, fed on standard input as fenced does
# Prints "RESULT <case> <exit code>" per case, then the daemon log. Stops the daemon by its pid.
set -u
if [ "${XVM_INNER:-}" != 1 ]; then
	u=(unshare --net); [ "$(id -u)" = 0 ] || u=(unshare --map-root-user --net)
	XVM_INNER=1 exec "${u[@]}" -- "$0" "$@"
fi
D=$1
PATH=$PATH:/usr/sbin:/sbin
ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo || { echo "SETUP-FAILED"; exit 3; }
fence_virtd -F -d1 -f "$D/fence_virt.conf" -p "$D/fence_virtd.pid" > "$D/daemon.log" 2>&1 &
dpid=$!
# Ready when the listener's UDP port is bound (/proc/net/udp lists it in hex), or the daemon died.
port=$(sed -n 's/^[[:space:]]*port[[:space:]]*=[[:space:]]*"\([0-9]*\)";.*/\1/p' "$D/fence_virt.conf" | tail -1)
hex=$(printf ':%04X ' "${port:-1229}")
for i in $(seq 1 100); do grep -q "$hex" /proc/net/udp /proc/net/udp6 2>/dev/null && break; kill -0 "$dpid" 2>/dev/null || break; sleep 0.05; done
for f in "$D"/*.stdin; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .stdin)
	timeout 60 fence_xvm < "$f" > "$D/$name.out" 2>&1
	echo "RESULT $name $?"
done
kill -TERM "$dpid" 2>/dev/null
for i in $(seq 1 30); do kill -0 "$dpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$dpid" 2>/dev/null && kill -KILL "$dpid"
wait "$dpid" 2>/dev/null
echo "--- fence_virtd log ---"
cat "$D/daemon.log"
