# Sourced by mvnw, .ci/run and local-stack/start (POSIX sh): makes JAVA_HOME point at a JDK of version 25 or newer.
# Order: an existing JAVA_HOME, the java on PATH, then the usual install folders.

steppewire_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

steppewire_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(steppewire_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(steppewire_find_jdk); then
  echo "steppewire needs a JDK 25 or newer and found none in JAVA_HOME, on PATH or under /usr/lib/jvm: install one (e.g. apt-get install temurin-25-jdk, or from adoptium.net) and set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
