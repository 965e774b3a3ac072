#!/bin/sh
# The official redis image's entrypoint, in short: `docker run redis --port 7000` runs redis-server;
# redis-server runs as user redis, with protected mode off unless a config file sets it.
set -e
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec gosu redis "$0" "$@"
fi
if [ "$1" = redis-server ]; then
  config=
  if [ -f "${2:-}" ]; then config=$2; fi
  if [ -z "$config" ] || ! grep -q '^protected-mode' "$config"; then
    shift
    if [ -n "$config" ]; then shift; fi
    set -- --protected-mode no "$@"
    if [ -n "$config" ]; then set -- "$config" "$@"; fi
    set -- redis-server "$@"
  fi
fi
exec "$@"
