# syntax=docker/dockerfile:1
# Tandem in a container (docs/operations.md). Three stages: `build` installs everything and builds the web app and
# the server bundle; `deps` installs the production dependencies only; the runtime image holds what `npm start`
# needs and nothing else: the bundle, the built web app, production node_modules and scripts/start.mjs.
# Not built on the machine this repository is developed on (no Docker there): see the README's Docker section.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The manifests first, so the dependency layer is cached until package-lock.json changes.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/api/package.json packages/api/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
COPY packages/web/package.json packages/web/
COPY packages/bench/package.json packages/bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/build-server.mjs

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/api/package.json packages/api/
COPY packages/server/package.json packages/server/
COPY packages/cli/package.json packages/cli/
COPY packages/web/package.json packages/web/
COPY packages/bench/package.json packages/bench/
# argon2 installs a prebuilt binary (linux x64 and arm64, glibc): no compiler needed in node:20-slim.
RUN npm ci --omit=dev --no-audit --no-fund && mkdir -p packages/server/node_modules && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    TANDEM_DATA_DIR=/data/pglite \
    TANDEM_SECRET_KEY_FILE=/data/secret-key \
    TANDEM_DEMO_DATA=off \
    TANDEM_SHUTDOWN_GRACE_SECONDS=10
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/packages/server/node_modules ./packages/server/node_modules
COPY package.json ./
COPY scripts/start.mjs scripts/
# The bundle is ESM in .js files: packages/server/package.json says "type": "module".
COPY packages/server/package.json packages/server/
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/web/dist packages/web/dist
# The PGlite folder and the server's secret key live in /data (a volume); the app runs as the image's `node` user.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# start.mjs finds nothing to build (no sources in the image) and runs the bundle as its child, passing SIGTERM on:
# the server stops taking connections, drains, closes the database and exits 0 (docs/reliability.md "Shutdown").
STOPSIGNAL SIGTERM
CMD ["node", "scripts/start.mjs"]
