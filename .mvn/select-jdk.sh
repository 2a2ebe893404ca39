# shellcheck shell=sh
# Sourced by ./mvnw and ./leakproof: make sure a JDK 21 or newer runs Maven and Leakproof, even
# when the default `java` is older (Debian's default is 17). Order of preference:
#   1. JAVA_HOME, if it points at a JDK 21+;
#   2. the `java` on the PATH, if it is 21+;
#   3. the newest JDK 21+ in the usual install directories (/usr/lib/jvm, /usr/java, /opt,
#      ~/.sdkman, ~/.jdks, macOS's /Library/Java/JavaVirtualMachines).
# Otherwise it stops with a message saying what to install. LEAKPROOF_MIN_JDK overrides 21.

leakproof_jdk_major() {
  # $1: a JDK home. Prints its feature version (17, 21, 25...) or nothing.
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  fi
}

leakproof_select_jdk() {
  min=${LEAKPROOF_MIN_JDK:-21}
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(leakproof_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then return 0; fi
  fi
  onpath=$(command -v javac 2>/dev/null || true)
  if [ -n "$onpath" ]; then
    home=$(cd "$(dirname "$(readlink -f "$onpath")")/.." 2>/dev/null && pwd)
    v=$(leakproof_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then export JAVA_HOME="$home"; return 0; fi
  fi
  best= bestv=0 seen=
  # mvnw runs under `set -f`; the search below needs globbing.
  case $- in *f*) set +f; lp_restore_noglob=1 ;; *) lp_restore_noglob= ;; esac
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
              "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    v=$(leakproof_jdk_major "$home")
    [ -n "$v" ] || continue
    seen="$seen $home ($v)"
    if [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ]; then best=$home bestv=$v; fi
  done
  [ -z "$lp_restore_noglob" ] || set -f
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  {
    echo "Leakproof needs a JDK $min or newer to build and run, and none was found."
    echo "  JAVA_HOME: ${JAVA_HOME:-<not set>}; java on PATH: ${onpath:-<none>}"
    echo "  JDKs found:${seen:- none} (looked in /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks)"
    echo "Install one, for example:"
    echo "  Debian/Ubuntu: apt-get install openjdk-21-jdk   (installs into /usr/lib/jvm)"
    echo "  or Eclipse Temurin 21+ from https://adoptium.net unpacked into /usr/lib/jvm or /opt"
    echo "  or point JAVA_HOME at an existing JDK $min+."
  } >&2
  return 1
}

leakproof_select_jdk || exit 1
