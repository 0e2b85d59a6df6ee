# Medusa v2 as the benchmark's peer, sourced by loadtests/bench (peer rows). Nothing of Medusa is
# committed: this installs the versions our package-lock.json pins (loadtests/peer/) from npm into a
# work folder outside the repository, configures it on the local PostgreSQL with its own database,
# seeds it with loadtests/peer/src/scripts/seed.ts (Medusa's own workflows), builds it and starts it
# in production mode. Settings: BENCH_PEER_DIR (the work folder, ~/.cache/orderstream/peer-medusa),
# BENCH_PEER_PORT (19000).
PEER_SRC="$ROOT/loadtests/peer"
PEER_DIR=${BENCH_PEER_DIR:-$HOME/.cache/orderstream/peer-medusa}
PEER_PORT=${BENCH_PEER_PORT:-19000}
PEER_DB=orderstream_peer_medusa
PEER_URL="http://localhost:$PEER_PORT"
PEER_PID=
PEER_READY_MS=
peer_env=(DATABASE_URL="postgres://postgres@127.0.0.1:5432/$PEER_DB" MEDUSA_DISABLE_TELEMETRY=true NODE_ENV=production
    PORT="$PEER_PORT")

# npm ci from our lock file, unless the work folder already holds exactly that install
peer_install() {
    mkdir -p "$PEER_DIR"
    if ! cmp -s "$PEER_SRC/package-lock.json" "$PEER_DIR/node_modules/.orderstream-lock.json"; then
        log "peer: installing Medusa from npm (loadtests/peer/package-lock.json) into $PEER_DIR"
        rm -rf "$PEER_DIR/node_modules"
        cp "$PEER_SRC/package.json" "$PEER_SRC/package-lock.json" "$PEER_DIR/"
        (cd "$PEER_DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/peer-install.log" 2>&1 \
            || { tail -20 "$WORK/peer-install.log" >&2; return 1; }
        cp "$PEER_SRC/package-lock.json" "$PEER_DIR/node_modules/.orderstream-lock.json"
    fi
    rm -rf "$PEER_DIR/src" "$PEER_DIR/.medusa"
    cp -r "$PEER_SRC/package.json" "$PEER_SRC/medusa-config.ts" "$PEER_SRC/tsconfig.json" "$PEER_SRC/src" "$PEER_DIR/"
    PEER_VERSION=$(node -p "require('$PEER_DIR/node_modules/@medusajs/medusa/package.json').version")
    PEER_NODE=$(node --version)
}

# a new database: Medusa's migrations, the seed (ids into $WORK/peer-seed.json), the production build
peer_setup() {
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PEER_DB" -c "CREATE DATABASE $PEER_DB" 2>/dev/null
    log "peer: Medusa $PEER_VERSION: migrations, seed, build"
    (cd "$PEER_DIR" && env "${peer_env[@]}" npx medusa db:migrate) >"$WORK/peer-migrate.log" 2>&1 \
        || { tail -20 "$WORK/peer-migrate.log" >&2; return 1; }
    (cd "$PEER_DIR" && env "${peer_env[@]}" PEER_SEED_OUT="$WORK/peer-seed.json" npx medusa exec ./src/scripts/seed.ts) \
        >"$WORK/peer-seed.log" 2>&1 || { tail -20 "$WORK/peer-seed.log" >&2; return 1; }
    (cd "$PEER_DIR" && env "${peer_env[@]}" npx medusa build) >"$WORK/peer-build.log" 2>&1 \
        || { tail -20 "$WORK/peer-build.log" >&2; return 1; }
    # the build is the server to deploy (.medusa/server); it runs on the dependencies installed above
    ln -sfn ../../node_modules "$PEER_DIR/.medusa/server/node_modules"
}

# `medusa start` in production mode, as one node process; sets PEER_PID and PEER_READY_MS (process
# start to the first 200 from /health)
peer_start() {
    local t0
    t0=$(date +%s%N)
    (cd "$PEER_DIR/.medusa/server" && exec env "${peer_env[@]}" node node_modules/@medusajs/cli/cli.js start) \
        >"$WORK/peer-service.log" 2>&1 &
    PEER_PID=$!
    for _ in $(seq 6000); do
        if curl -sf -o /dev/null "$PEER_URL/health"; then
            PEER_READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
            return 0
        fi
        kill -0 "$PEER_PID" 2>/dev/null || { tail -30 "$WORK/peer-service.log" >&2; return 1; }
        sleep 0.01
    done
    return 1
}

peer_stop() {
    if [ -n "$PEER_PID" ] && kill -0 "$PEER_PID" 2>/dev/null; then
        kill "$PEER_PID" 2>/dev/null || true
        wait "$PEER_PID" 2>/dev/null || true
    fi
    PEER_PID=
}

peer_drop() {
    psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $PEER_DB WITH (FORCE)" 2>/dev/null || true
}

peer_sql() { psql -h 127.0.0.1 -U postgres -d "$PEER_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

# the seed's ids as Gatling -D arguments
peer_gatling_args() {
    python3 -c "
import json, sys
seed = json.load(open(sys.argv[1]))
print(' '.join('-D%s=%s' % (k, seed[k]) for k in ('publishableKey', 'regionId', 'salesChannelId', 'variantId', 'shippingOptionId')))" \
        "$WORK/peer-seed.json"
}

# Medusa's own access log of the run (level "http": route, status, duration): per call, the median
# duration as the server measured it, and the statuses other than 200 with the errors it logged;
# from line $1 of the log on (the measured run's start)
peer_log_summary() {
    python3 - "$WORK/peer-service.log" "${1:-0}" <<'PYEOF'
import collections, json, re, sys
durations, statuses, errors = collections.defaultdict(list), collections.Counter(), collections.Counter()
for number, line in enumerate(open(sys.argv[1], errors="replace")):
    if number < int(sys.argv[2]):
        continue
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("level") == "error":
        errors[str(entry.get("message", ""))[:120]] += 1
    if entry.get("level") != "http":
        continue
    route = entry["method"] + " " + re.sub(r"/(cart|pay_col)_[0-9A-Z]+", lambda m: "/{" + m.group(1) + "}", entry["path"])
    durations[route].append(float(entry["duration"]))
    if entry["status"] != 200:
        statuses["%s: %s" % (route, entry["status"])] += 1
calls = ["%s %.0f ms" % (route, sorted(v)[len(v) // 2]) for route, v in durations.items()]
print("; ".join(calls) + ". Not 200: " + ("; ".join("%d × %s" % (n, s) for s, n in statuses.most_common()) or "none")
      + ". Errors it logged: " + ("; ".join("%d × %s" % (n, m) for m, n in errors.most_common(3)) or "none"))
PYEOF
}
