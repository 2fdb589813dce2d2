# Finds a JDK that can build and run Weft Studio (Java 25 or newer).
# Shared by ./weft and ./mvnw; POSIX sh, meant to be sourced.
#
#   weft_find_jdk   prints the JDK home on stdout, or explains on stderr and returns 1.
#
# Search order: $JAVA_HOME, the `java` on PATH, then the usual install folders.
# WEFT_MIN_JAVA overrides the minimum feature version (default 25).

weft_java_feature() {
  # Prints the feature version (17, 21, 25, ...) of the JDK at $1, or nothing.
  _wj_home=$1
  [ -x "$_wj_home/bin/java" ] || return 0
  [ -x "$_wj_home/bin/javac" ] || return 0
  _wj_ver=""
  if [ -r "$_wj_home/release" ]; then
    _wj_ver=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$_wj_home/release" | head -n 1)
  fi
  if [ -z "$_wj_ver" ]; then
    _wj_ver=$("$_wj_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$_wj_ver" in
    1.*) _wj_ver=${_wj_ver#1.} ;;
  esac
  printf '%s\n' "${_wj_ver%%[.+-]*}"
}

weft_jdk_qualifies() {
  # Succeeds when the JDK at $1 is at least version $2; records what was seen.
  _wq_ver=$(weft_java_feature "$1")
  [ -n "$_wq_ver" ] || return 1
  case "$_wf_seen" in
    *" at $1"*) ;;
    *) _wf_seen="$_wf_seen
  Java $_wq_ver at $1" ;;
  esac
  [ "$_wq_ver" -ge "$2" ] 2>/dev/null
}

weft_find_jdk() {
  _wf_min=${WEFT_MIN_JAVA:-25}
  _wf_seen=""
  # 1. JAVA_HOME, then 2. the java on PATH: the first that qualifies wins.
  if [ -n "${JAVA_HOME:-}" ] && weft_jdk_qualifies "$JAVA_HOME" "$_wf_min"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  _wf_java=$(command -v java 2>/dev/null || true)
  if [ -n "$_wf_java" ]; then
    _wf_home=$(dirname "$(dirname "$(readlink -f "$_wf_java" 2>/dev/null || printf '%s' "$_wf_java")")")
    if weft_jdk_qualifies "$_wf_home" "$_wf_min"; then
      printf '%s\n' "$_wf_home"
      return 0
    fi
  fi
  # 3. The usual install folders: the newest qualifying JDK wins.
  _wf_best=""
  _wf_best_ver=0
  _wf_noglob=""
  case $- in *f*) _wf_noglob=1; set +f ;; esac
  for _wf_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_wf_dir" ] || continue
    [ -L "$_wf_dir" ] && continue
    weft_jdk_qualifies "$_wf_dir" "$_wf_min" || continue
    _wf_ver=$(weft_java_feature "$_wf_dir")
    if [ "$_wf_ver" -gt "$_wf_best_ver" ]; then
      _wf_best=$_wf_dir
      _wf_best_ver=$_wf_ver
    fi
  done
  [ -z "$_wf_noglob" ] || set -f
  if [ -n "$_wf_best" ]; then
    printf '%s\n' "$_wf_best"
    return 0
  fi
  {
    echo "Weft Studio needs a JDK $_wf_min or newer to build and run, and none was found."
    if [ -n "$_wf_seen" ]; then
      echo "Found only:$_wf_seen"
    fi
    echo "Looked at \$JAVA_HOME, the java on PATH, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman and ~/.jdks."
    echo "Fix: install a JDK $_wf_min (for example Eclipse Temurin $_wf_min from https://adoptium.net,"
    echo "or 'sdk install java $_wf_min-tem' with SDKMAN), then run again or set JAVA_HOME to it."
  } >&2
  return 1
}
