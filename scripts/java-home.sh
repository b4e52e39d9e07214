# Sourced by ./mvnw and ./scim (POSIX sh): point JAVA_HOME at a JDK 21 or newer.
# Keeps JAVA_HOME when it already names one; otherwise looks in the usual install places
# (these build machines carry a Temurin JDK beside an older default Java) and takes the newest.
scim_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
scim_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(scim_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  # mvnw runs with globbing off (set -f); the search below needs it.
  case $- in *f*) set +f; scim_noglob=1 ;; *) scim_noglob=0 ;; esac
  best=""; best_v=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] || continue
    v=$(scim_java_major "$d")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(scim_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then best="$d"; fi
  fi
  [ "$scim_noglob" = 1 ] && set -f
  [ -n "$best" ] || return 1
  echo "$best"
}
if scim_jdk=$(scim_find_jdk); then
  JAVA_HOME="$scim_jdk"; export JAVA_HOME
else
  echo "No JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman). Install one, e.g. Temurin 21, and set JAVA_HOME." >&2
  exit 1
fi
# Maven 3.9's Guice uses sun.misc.Unsafe, which JDK 24+ warns about on every run; the flag exists only there.
if [ "$(scim_java_major "$JAVA_HOME")" -ge 24 ]; then
  case "${MAVEN_OPTS-}" in *sun-misc-unsafe*) ;; *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;; esac
fi
