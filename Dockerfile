# One image per app: docker build --build-arg APP=booking -t salle/booking .
# Stage 1 installs everything and bundles the app with the same script CI and
# `npm start` use; stage 2 keeps only production dependencies and the bundle.
# The base is the exact Node release `npm start` and CI provide (tools/node-runtime); pin it
# further by digest (`node:24.22.3-bookworm-slim@sha256:...`) in your own registry mirror.
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /workspace
COPY . .
RUN npm install --no-audit --no-fund
ARG APP
RUN test -n "$APP" && node tools/build/build-app.cjs "apps/$APP"
# The gateway serves the web app: build it into its image too.
RUN if [ "$APP" = gateway ]; then node node_modules/vite/bin/vite.js build --config apps/web/vite.config.mts; else mkdir -p dist/apps/web; fi

FROM node:24.22.3-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /srv
COPY package.json package-lock.json .npmrc ./
# Root dependencies only: the workspace libs are compiled into the bundle.
RUN npm install --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force
COPY --from=build /workspace/dist/apps/${APP}/ ./dist/
COPY --from=build /workspace/dist/apps/web/ ./dist/apps/web/
# Data files of the libs bundled into the app, at the path they have under the repository root, where the
# bundle looks for them relative to its working directory (the booking service reads the school calendar).
COPY --from=build /workspace/libs/french-calendar/data/ ./libs/french-calendar/data/
USER node
CMD ["node", "--enable-source-maps", "dist/main.js"]
