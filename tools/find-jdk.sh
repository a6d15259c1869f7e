#!/usr/bin/env bash
# Sourced by ./jdotcompute and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME, the java on the PATH, then every JDK under /usr/lib/jvm and /opt.

jdc_java_major() { # prints the feature version of the java at $1/bin/java, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

jdc_find_jdk() {
  local candidates=() dir v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for dir in /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
      v=$(jdc_java_major "$dir")
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then
        export JAVA_HOME="$dir"
        return 0
      fi
    fi
  done
  echo "JDotCompute needs a JDK 25 or newer and none was found (looked at \$JAVA_HOME, the PATH, /usr/lib/jvm and /opt)." >&2
  echo "Install one, e.g. from https://adoptium.net/temurin/releases/?version=25, and set JAVA_HOME to it." >&2
  return 1
}
