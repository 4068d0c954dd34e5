#!/usr/bin/env bash
# Proves the SDK jar works on the module path: compiles a small modular consumer against the jar
# and its runtime dependencies, all as modules, and runs it against LocalBaseten.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/baseten-java-*[0-9T].jar)
work=target/module-path
rm -rf "$work" && mkdir -p "$work/mods" "$work/classes"
./mvnw -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/mods"
cp "$jar" "$work/mods/"
javac -d "$work/classes" --module-path "$work/mods" \
  --module-source-path .ci/module-path/src -m com.baseten.modcheck
java --module-path "$work/mods:$work/classes" -m com.baseten.modcheck/com.baseten.modcheck.Main
