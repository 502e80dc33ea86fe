# syntax=docker/dockerfile:1
# Köprü: one image for every process kind. The default command is the
# all-in-one process; docker-compose.yml runs `web` and `worker` from it.
# The image carries no Meilisearch binary: set MEILI_URL and MEILI_MASTER_KEY to the
# official Meilisearch service (docker-compose.yml pins its image).
ARG NODE_IMAGE=node:24.11-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Compiling needs no optional package (the Meilisearch binary alone is 125 MiB).
RUN npm ci --omit=optional --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY config ./config
COPY src ./src
COPY workers ./workers
# tsc only emits .js and imported .json; migrations (.sql) and other assets are read beside their module.
RUN npm run build \
 && find src workers -type f ! -name '*.ts' ! -name '*.tsx' -exec cp --parents {} dist/ \;

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY workers/prune-natural.mjs ./workers/
# Without optional dependencies, above all the Meilisearch binary package. @node-rs/argon2 (password
# hashing) ships its native code only as optional per-platform packages, so the one for this
# platform is added back at the version package-lock.json records. Then the packages only natural's
# unused storage back-ends and data need (mongoose, redis, memjs, WordNet, ...) are removed.
# Sizes before and after: BENCHMARKS.md, "Production dependencies".
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund \
 && libc="$(node -p "process.report.getReport().header.glibcVersionRuntime ? 'gnu' : 'musl'")" \
 && argon2="@node-rs/argon2-linux-$(node -p process.arch)-$libc" \
 && npm install --no-save --omit=dev --omit=optional --no-audit --no-fund \
      "$argon2@$(node -p "require('./package-lock.json').packages['node_modules/$argon2'].version")" \
 && node workers/prune-natural.mjs \
 && node -e "require('@node-rs/argon2').hashSync('check')" \
 && rm -r scripts \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    CONFIG_DIR=/app/config
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/workers/all-in-one.js"]
