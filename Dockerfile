# careergraph: one stateless replica. Build with `docker build -t careergraph .`;
# compose.yaml runs two of them behind HAProxy, on PostgreSQL and Redis.

# ---- build: all dependencies, compile TypeScript, then drop the dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 compiles against Node's headers (no prebuilt binary is fetched): toolchain here only
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# patches/: what `postinstall` (patch-package) applies to the installed libraries (docs/operations.md)
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: production dependencies, compiled code and the seeds; no compiler, not root
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    SEEDS_DIR=seeds
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY seeds ./seeds
# the playground's example queries
COPY docs/examples ./docs/examples
# data/ is only used with the default SQLite DATABASE_URL; the image itself stays read-only
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# liveness: /healthz answers while the process runs (the load balancer checks /readyz)
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains in-flight requests and closes the database (src/main.ts)
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
