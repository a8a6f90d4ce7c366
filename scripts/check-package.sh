#!/usr/bin/env bash
# The npm package works without the repository: `npm pack` the checkout, install the tarball
# globally into an empty prefix (dependencies from the registry, no dev dependencies), and run the
# installed CLI from a directory outside the checkout. Also checks the tarball holds every file
# the CLI reads or points users at (the demo account, the config schema, each docs/*.md named in
# the compiled code) and none of the tests or benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/iamspect-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "check-package: $*" >&2
  exit 1
}

# Packs the build in dist/ as it is (npm ci and npm run build make it), without building again.
[ -f dist/src/cli.js ] || fail 'no build in dist/: run npm run build first'
echo "== npm pack"
npm pack --silent --ignore-scripts --pack-destination "$work" >/dev/null
tarball=$(ls "$work"/iamspect-*.tgz)
tar -tzf "$tarball" | sed 's|^package/||' | sort >"$work/contents"

echo "== the tarball holds what the CLI reads at run time, and no tests or benchmarks"
required=(dist/src/cli.js package.json README.md schema/iamspect-config.schema.json)
# The demo account, file by file: `audit --demo` reads the directory.
while IFS= read -r file; do required+=("$file"); done < <(git ls-files fixtures/demo)
# Every docs page the compiled CLI names (help, messages, rule documentation).
while IFS= read -r doc; do required+=("$doc"); done < <(grep -rhoE 'docs/[a-z0-9-]+\.md' dist/src | sort -u)
for file in "${required[@]}"; do
  grep -qxF "$file" "$work/contents" || fail "$file is missing from the tarball (package.json \"files\")"
done
if grep -E '^(test|bench|dist/test|dist/bench|dist/scripts|src)/' "$work/contents"; then
  fail 'the tarball holds sources, tests or benchmarks (above): list only dist/src in package.json "files"'
fi

echo "== npm install -g the tarball into an empty prefix"
npm install --global --prefix "$work/prefix" --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
bin="$work/prefix/bin/iamspect"
[ -x "$bin" ] || fail "npm install -g did not create $bin"

# Run where neither the checkout nor its node_modules can be found.
mkdir "$work/elsewhere"
cd "$work/elsewhere"

echo "== iamspect --version"
expected=$(node -p "require('$root/package.json').version")
version=$("$bin" --version)
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"

echo "== iamspect audit --demo"
set +e
"$bin" audit --demo >"$work/demo.txt" 2>"$work/demo.err"
code=$?
set -e
[ "$code" -eq 0 ] || fail "audit --demo exited $code: $(cat "$work/demo.err")"
grep -q 'northwind-prod' "$work/demo.txt" || fail 'audit --demo did not print the demo account'

echo "== iamspect rules --explain (reads the rule catalogue)"
"$bin" rules --explain user-unused-access-key | grep -q 'maxUnusedDays' ||
  fail 'rules --explain user-unused-access-key did not print the rule options'

echo "== a TypeScript plugin compiles against the installed package's types"
# Rule authors get the API's types from the package itself (declarations beside the compiled
# entry points), resolved the way Node resolves the package's "exports".
mkdir -p "$work/plugin/node_modules"
ln -s "$work/prefix/lib/node_modules/iamspect" "$work/plugin/node_modules/iamspect"
ln -s "$work/prefix/lib/node_modules/iamspect/node_modules/zod" "$work/plugin/node_modules/zod"
cat >"$work/plugin/rule.ts" <<'TS'
import { defineRule, sectionData } from 'iamspect';
import type { Finding } from 'iamspect';
import { ruleCases } from 'iamspect/testing';
import { z } from 'zod';

export const roleOwnerTag = defineRule({
  id: 'role-owner-tag',
  title: 'Every role names its owner',
  severity: 'low',
  needs: ['authorizationDetails'],
  options: z.object({ tag: z.string().default('owner') }).strict(),
  docs: { rationale: 'Someone answers for each role.', remediation: 'Tag the role.', references: [] },
  frameworks: {},
  check: ({ snapshot, options }): Finding[] =>
    sectionData(snapshot, 'authorizationDetails')
      .roles.filter((role) => !role.tags.some((tag) => tag.Key === options.tag))
      .map((role) => ({ resource: role.arn, message: `${role.name} has no ${options.tag} tag.` })),
});
export const testKit: typeof ruleCases = ruleCases;
TS
cat >"$work/plugin/tsconfig.json" <<'JSON'
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022",
  "strict": true, "noEmit": true, "skipLibCheck": true, "types": [] }, "files": ["rule.ts"] }
JSON
"$root/node_modules/.bin/tsc" -p "$work/plugin/tsconfig.json" ||
  fail 'a plugin written in TypeScript does not compile against the package types (above)'

echo "package OK: $(basename "$tarball") installs and runs without the repository"
