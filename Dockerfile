# syntax=docker/dockerfile:1
# One image for every SendOps process; the command picks it:
#   docker run sendops serve ingest|api|worker|web    docker run sendops migrate    docker run sendops start
# `start` (the default) is the all-in-one embedded mode (embedded Postgres + chDB under SENDOPS_DATA_DIR).

ARG NODE_IMAGE=node:24-bookworm-slim

# Only the package manifests and the lockfile, so the `npm ci` layers below stay cached until a
# dependency changes, not on every source edit. (A plain `COPY */package.json` would flatten paths.)
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents '{}' /manifests/ ';' \
  && cp package-lock.json /manifests/

# Full install (dev dependencies included) to build what needs building: the Next.js dashboard
# (`next build` wants TypeScript). The services themselves run from TypeScript source through tsx.
FROM ${NODE_IMAGE} AS build
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build --workspaces --if-present \
  && mkdir -p /out \
  && for d in apps/*/.next apps/*/dist packages/*/dist; do \
       if [ -d "$d" ]; then mkdir -p "/out/$(dirname "$d")" && cp -a "$d" "/out/$d"; fi; \
     done \
  && rm -rf /out/apps/*/.next/cache

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    SENDOPS_BIND_HOST=0.0.0.0 \
    SENDOPS_DATA_DIR=/var/lib/sendops
WORKDIR /app
COPY --from=manifests /manifests/ ./
# Production dependencies only. They still include the embedded engines (chDB, embedded-postgres):
# `start` needs them, and the code may import them even when CLICKHOUSE_URL / DATABASE_URL are set.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY . .
# Build outputs (e.g. apps/web/.next), owned by the runtime user because Next.js writes its cache there.
COPY --from=build --chown=node:node /out/ ./
# The application files stay root-owned (read-only for the process); only the data directory is
# writable: the ingest spool and, in embedded mode, the databases live there. Mount a volume on it.
RUN mkdir -p /var/lib/sendops && chown node:node /var/lib/sendops
USER node
EXPOSE 3000 4000 4100
ENTRYPOINT ["node", "apps/launcher/bin/sendops.mjs"]
CMD ["start"]
