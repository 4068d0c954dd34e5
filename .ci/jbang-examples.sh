#!/usr/bin/env bash
# Runs every example as a JBang script, unchanged, as the README says: JBang reads the //DEPS line
# in each file's header and resolves the SDK from the local Maven repository (install it first).
# JBang's CLI itself comes from Maven Central, the only registry CI reaches.
set -euo pipefail
cd "$(dirname "$0")/.."
JBANG_VERSION=0.132.1
work="$PWD/target/jbang"
rm -rf "$work" && mkdir -p "$work"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>jbang-runner</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>dev.jbang</groupId><artifactId>jbang-cli</artifactId><version>$JBANG_VERSION</version></dependency>
  </dependencies>
</project>
POM
./mvnw -B -q -f "$work/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
classpath=$(cat "$work/cp.txt")

for script in examples/src/main/java/com/baseten/examples/*.java; do
  # JBang prints the java command line and exits 255, which tells its launcher script to exec it.
  status=0
  command=$(JBANG_DIR="$work/home" java -cp "$classpath" dev.jbang.Main "$script") || status=$?
  [ "$status" -eq 255 ] || { echo "jbang could not build $script (exit $status)" >&2; exit 1; }
  output=$(bash -c "$command")
  first=$(printf '%s\n' "$output" | head -n 1)
  case "$first" in
    *LocalBaseten*) echo "jbang $(basename "$script"): $first" ;;
    *) echo "jbang $(basename "$script") did not run against LocalBaseten: $first" >&2; exit 1 ;;
  esac
done
