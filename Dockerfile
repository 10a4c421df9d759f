# syntax=docker/dockerfile:1
# calfbot in a container: `docker build -t calfbot .` then see README "Deploy".
# Two stages: the first has the compilers better-sqlite3 may need and the dev dependencies that
# build the TypeScript; the second holds only production dependencies and the built code, and
# runs as the unprivileged `node` user with node as PID 1 (calfbot handles SIGTERM and SIGINT:
# it finishes in-flight turns, closes connections and the store, and exits 0).

FROM node:20-bookworm-slim AS build
# python3, make and a C++ compiler: better-sqlite3 compiles SQLite when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
COPY bench ./bench
COPY test/fakes ./test/fakes
COPY knowledge ./knowledge
# `npm ci` installs everything and runs the prepare script (tsc → dist/); prune then drops the
# dev dependencies, keeping the compiled better-sqlite3.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf dist/bench dist/test

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    CALFBOT_DATA_DIR=/app/data \
    PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/knowledge ./knowledge
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# PORT: Slack HTTP mode (/slack/events, /healthz, /readyz, /metrics). Set HEALTH_PORT for
# Socket Mode or Discord to get /healthz, /readyz and /metrics there.
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/calfbot.js"]
CMD ["start"]
