# The order service image used by docker-compose.yml.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run generate:prisma
EXPOSE 4000
# HOST=0.0.0.0: inside a container the service must listen beyond loopback.
ENV HOST=0.0.0.0 PORT=4000
CMD ["npx", "tsx", "src/main.ts"]
