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

# Production dependencies only (no TypeScript, Vitest or codegen; tsx stays, for npm run token, report and seed in the image).
FROM base AS dependencies
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=dependencies /app/node_modules ./node_modules
# dist/: the bundled service, the generated Prisma client it loads (dist/prisma-client) and the
# Lambda handler (unused here).
COPY --from=build /app/dist ./dist
# package.json: "type": "module" for dist/, and the project root dist/ finds the rest from.
# prisma/migrations: applied at start when pending, and /readyz compares them with the database.
# prisma/toolchain: what the Prisma CLI loads for `migrate deploy` (prisma.config.ts points there;
# its migration adapter imports src/db/connection-options.ts; the CLI compiles that TypeScript
# itself), and the client-with-DMMF module nexus-prisma resolves by its build-time path, /app/...
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
COPY src/db/connection-options.ts ./src/db/
# The dashboard's page, styles and script.
COPY src/dashboard/page ./src/dashboard/page
COPY src/generated/dashboard ./src/generated/dashboard
USER node
EXPOSE 4000
# No curl in slim images: Node's fetch asks /readyz (the database answers, migrations applied).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
