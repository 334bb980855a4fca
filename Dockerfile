# One image for the worker and the web process (docker-compose.yml picks the command).
# Settings and secrets come in at run time (compose's env_file: .env); .dockerignore keeps .env out of the context.

# Build: the full dependency tree, TypeScript compiled to dist/.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY cli ./cli
COPY templates ./templates
RUN npm run build

# Run: production dependencies and compiled JavaScript only (no TypeScript, no tsx), as an unprivileged user.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production LOG_FORMAT=json
COPY package.json package-lock.json ./
# typescript arrives only as an optional peer of cosmiconfig (via mjml's htmlnano) and valibot, which npm keeps
# under --omit=dev; nothing loads it at run time, so it goes (23 MB).
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
  && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# The outbox transport writes here; everything else is read-only for the app user.
RUN mkdir -p /app/outbox && chown node:node /app/outbox
USER node
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=192", "dist/cli/main.js", "worker"]
