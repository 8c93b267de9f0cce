# syntax=docker/dockerfile:1
# The order service: `node dist/main.js` on Node 24 LTS, production dependencies only, non-root.
# The same image runs the one-shot `prisma migrate deploy` (docker-compose.yml, service `migrate`).

FROM node:24-bookworm-slim AS base
WORKDIR /app
# Prisma's update checks fail silently offline and cost a request when online.
ENV CHECKPOINT_DISABLE=1

# Build: the whole toolchain, `prisma generate`, then esbuild into dist/.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only (no tsx, TypeScript, Vitest or codegen).
FROM base AS dependencies
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=dependencies /app/node_modules ./node_modules
# Generated at build time: the Prisma client (with its query compiler, query_compiler_bg.wasm),
# the DMMF and nexus-prisma's module, which dist/ loads at run time. nexus-prisma's module
# requires src/db/prisma-with-dmmf.cjs by its absolute build-time path: /app in both stages.
COPY --from=build /app/node_modules/.nexus-prisma ./node_modules/.nexus-prisma
COPY --from=build /app/src/generated ./src/generated
COPY --from=build /app/dist ./dist
# package.json: "type": "module" for dist/, and the project root dist/ finds migrations from.
# prisma/migrations: /readyz compares them with the database. The rest is what the Prisma CLI
# reads for `migrate deploy` (prisma.config.ts loads the migration adapter from source; the CLI
# compiles that TypeScript itself).
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
# The dashboard's page and styles (its script is in src/generated/dashboard).
COPY src/dashboard/page ./src/dashboard/page
COPY src/db/prisma-with-dmmf.cjs src/db/migration-adapter.ts src/db/connection-options.ts src/db/unref-engine-timers.cjs ./src/db/
USER node
EXPOSE 4000
# No curl in slim images: Node's fetch asks /readyz (the database answers, migrations applied).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
