# One image for the worker and the web process (docker-compose.yml picks the command).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production LOG_FORMAT=json
CMD ["node", "--max-semi-space-size=1", "bin/paperboy.js", "worker"]
