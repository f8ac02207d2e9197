#!/usr/bin/env bash
# Deploys one git ref of AI4ArtsEd into a new release folder, switches to it, and rolls back
# when the restarted server does not report the new commit on /api/health in time.
#
#   deploy/deploy.sh [ref]        (ref: a branch, tag or commit; default $DEPLOY_REF)
#
# Layout under DEPLOY_ROOT:
#   repo.git/                        a mirror of DEPLOY_REPO, fetched on every deploy
#   releases/<UTC time>-<commit>/    one folder per release: sources, node_modules, .output
#   current -> releases/...          what the service runs (see ai4artsed.service)
#
# Steps: fetch, unpack, install, build, switch `current`, restart, wait for /api/health to answer
# with the new release's version and commit, keep the newest KEEP_RELEASES releases.
#   - install or build fails:  `current` never moves; the new folder is removed; exit 1.
#   - health never shows the new commit within HEALTH_TIMEOUT_S:  `current` goes back to the
#     previous release, which is restarted; the new folder is removed; exit 1.
#
# Settings (environment variables):
#   DEPLOY_ROOT       where releases live                       default /opt/ai4artsed
#   DEPLOY_REPO       git URL or path to fetch from             needed for the first deploy
#   DEPLOY_REF        what to deploy when no argument is given  default main
#   INSTALL_CMD       run in the release folder                 default npm ci --include=dev
#   BUILD_CMD         run in the release folder                 default npm run build
#   RESTART_CMD       run in DEPLOY_ROOT, after each switch     default systemctl reset-failed ai4artsed;
#                                                                       systemctl restart ai4artsed
#   HEALTH_URL        the new server's health route             default http://127.0.0.1:${PORT:-3000}/api/health
#   HEALTH_TIMEOUT_S  how long to wait for the new release      default 90
#   KEEP_RELEASES     releases kept, the current one included   default 5
# INSTALL_CMD and BUILD_CMD see AI4ARTSED_COMMIT (the full commit); the build bakes it into
# /api/health.
set -euo pipefail

DEPLOY_ROOT=${DEPLOY_ROOT:-/opt/ai4artsed}
DEPLOY_REPO=${DEPLOY_REPO:-}
DEPLOY_REF=${1:-${DEPLOY_REF:-main}}
# --include=dev: the build needs the dev dependencies even when NODE_ENV=production is set.
INSTALL_CMD=${INSTALL_CMD:-npm ci --include=dev}
BUILD_CMD=${BUILD_CMD:-npm run build}
# reset-failed first: a crashing release may have used up the unit's start limit, and a rollback
# must still be able to start the previous release.
RESTART_CMD=${RESTART_CMD:-systemctl reset-failed ai4artsed; systemctl restart ai4artsed}
HEALTH_URL=${HEALTH_URL:-http://127.0.0.1:${PORT:-3000}/api/health}
HEALTH_TIMEOUT_S=${HEALTH_TIMEOUT_S:-90}
KEEP_RELEASES=${KEEP_RELEASES:-5}

MIRROR=$DEPLOY_ROOT/repo.git
RELEASES=$DEPLOY_ROOT/releases
CURRENT=$DEPLOY_ROOT/current

say() { echo "[deploy] $*"; }
fail() { echo "[deploy] FAILED: $*" >&2; exit 1; }

# Points `current` at a release folder in one rename, so the service never sees a missing link.
switch_to() {
  say "switching current -> $1"
  ln -sfn "$1" "$CURRENT.tmp.$$"
  mv -T "$CURRENT.tmp.$$" "$CURRENT"
}

restart() {
  say "restarting: $RESTART_CMD"
  # 9>&-: a server the command starts must not inherit (and hold) the deploy lock.
  (cd "$DEPLOY_ROOT" && bash -c "$RESTART_CMD" 9>&-)
}

# Polls HEALTH_URL until it answers 200 with this version and commit, or the time is up.
wait_for_health() {
  say "waiting up to ${HEALTH_TIMEOUT_S}s for $HEALTH_URL to report version $2, commit $1"
  node --input-type=module -e '
    const [url, commit, version, timeoutS] = process.argv.slice(1)
    const deadline = Date.now() + Number(timeoutS) * 1000
    let last = "no answer"
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) })
        const body = await response.json()
        last = `HTTP ${response.status}, version ${body.version}, commit ${body.commit ?? "not reported"}`
        if (response.ok && body.version === version && body.commit === commit) {
          console.log(`[deploy] healthy: ${last}`)
          process.exit(0)
        }
      }
      catch (error) { last = String(error.cause?.code ?? error.message ?? error) }
      await new Promise(resolve => setTimeout(resolve, 500))
    }
    console.error(`[deploy] not healthy after ${timeoutS}s; last answer: ${last}`)
    process.exit(1)
  ' "$HEALTH_URL" "$1" "$2" "$HEALTH_TIMEOUT_S"
}

release_version() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version)' "$1/package.json"; }

mkdir -p "$RELEASES"
exec 9>"$DEPLOY_ROOT/.deploy.lock"
flock -n 9 || fail "another deploy holds $DEPLOY_ROOT/.deploy.lock"

if [[ -d $MIRROR ]]; then
  if [[ -n $DEPLOY_REPO ]]; then git --git-dir="$MIRROR" remote set-url origin "$DEPLOY_REPO"; fi
  say "fetching $(git --git-dir="$MIRROR" remote get-url origin)"
  git --git-dir="$MIRROR" fetch --prune --quiet origin
else
  [[ -n $DEPLOY_REPO ]] || fail "DEPLOY_REPO is not set and $MIRROR does not exist yet"
  say "cloning $DEPLOY_REPO into $MIRROR"
  git clone --mirror --quiet "$DEPLOY_REPO" "$MIRROR"
fi
commit=$(git --git-dir="$MIRROR" rev-parse --verify --quiet "$DEPLOY_REF^{commit}") || fail "ref '$DEPLOY_REF' not found in the repository"

name=$(date -u +%Y%m%d-%H%M%S)-${commit:0:12}
suffix=1
while [[ -e $RELEASES/$name ]]; do suffix=$((suffix + 1)); name=$(date -u +%Y%m%d-%H%M%S)-${commit:0:12}-$suffix; done
release=$RELEASES/$name
previous=$(readlink "$CURRENT" || true)
previous_dir=$previous
if [[ -n $previous && $previous != /* ]]; then previous_dir=$DEPLOY_ROOT/$previous; fi

say "unpacking $DEPLOY_REF ($commit) into $release"
mkdir "$release"
git --git-dir="$MIRROR" archive --format=tar "$commit" | tar -x -C "$release"
echo "$commit" > "$release/.release-commit"
version=$(release_version "$release")

for step in INSTALL_CMD BUILD_CMD; do
  say "${step%_CMD} in $release: ${!step}"
  if ! (cd "$release" && AI4ARTSED_COMMIT=$commit bash -c "${!step}" 9>&-); then
    rm -rf "$release"
    fail "${step%_CMD} failed for $commit; current still points to ${previous:-nothing}; removed $release"
  fi
done

switch_to "releases/$name"
if restart && wait_for_health "$commit" "$version"; then
  say "release $name is live (version $version, commit $commit)"
  mapfile -t names < <(find "$RELEASES" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
  count=${#names[@]}
  for old in "${names[@]}"; do
    ((count > KEEP_RELEASES)) || break
    count=$((count - 1))
    if [[ $old != "$name" ]]; then say "removing old release $old"; rm -rf "${RELEASES:?}/$old"; fi
  done
  exit 0
fi

if [[ -z $previous ]]; then
  rm -f "$CURRENT"
  rm -rf "$release"
  fail "release $name did not become healthy and there is no previous release to go back to; removed current and $release"
fi
say "rolling back to $previous"
switch_to "$previous"
if restart && wait_for_health "$(cat "$previous_dir/.release-commit" 2>/dev/null || echo unknown)" "$(release_version "$previous_dir")"; then
  rolled_back="the previous release $previous is running again"
else
  rolled_back="the previous release $previous did not report healthy either: check the service"
fi
rm -rf "$release"
fail "release $name ($commit) did not become healthy; $rolled_back; removed $release"
