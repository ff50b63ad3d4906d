#!/bin/sh
# A private PostgreSQL server for the tests and the benchmarks, in a folder of its own, listening on
# 127.0.0.1 only, as an unprivileged user (postgres, when run as root), trusting local connections.
#   sh scripts/postgres_server.sh start DIR PORT [EXTRA_SERVER_OPTIONS]   prints the database URL
#   sh scripts/postgres_server.sh stop DIR
# The server's binaries are Debian's (apt-get install postgresql; scripts/setup.sh --test does it).
set -eu
action=${1:?start or stop}
dir=${2:?a folder for the server}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
    echo "postgres_server.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 2
fi
as_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
    port=${3:?a port}
    extra=${4:-}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir" && chmod 700 "$dir"
        runuser -u postgres -- test -x "$dir" || {
            echo "postgres_server.sh: the postgres user cannot reach $dir: make its parent folders readable" >&2
            exit 2
        }
    fi
    as_user "$bindir/initdb" -D "$dir/data" -U minutes -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200 $extra" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://minutes@127.0.0.1:$port/postgres"
    ;;
stop)
    # only a folder this script made: its server's data and logs, then the folder if empty
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        echo "postgres_server.sh: $dir holds no server of this script; nothing stopped or removed" >&2
        exit 0
    fi
    as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    if as_user "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "postgres_server.sh: the server in $dir/data still runs; left as it is" >&2
        exit 1
    fi
    rm -rf "$dir/data" "$dir/initdb.log" "$dir/server.log"
    rmdir "$dir" 2>/dev/null || true
    ;;
*)
    echo "postgres_server.sh: start or stop, not $action" >&2
    exit 2
    ;;
esac
