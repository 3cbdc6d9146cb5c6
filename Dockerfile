# One lean image per app: docker build --build-arg APP=booking -t salle/booking .
# (APP: gateway, booking, payment or notification; deploy/README.md says what each image holds.)
#   build    installs the workspace (dev tools included) and bundles the app with esbuild, as CI does;
#   deps     installs only the npm packages the bundle requires (dist/apps/<app>/runtime-package.json,
#            pinned by the workspace's lock file): no TypeScript, swc, jest, Nx, Vite or React;
#   runtime  the bundle, those packages and, for the gateway, the built web app; non-root.
# The base is the exact Node release `npm start` and CI provide (tools/node-runtime); pin it
# further by digest (`node:24.22.3-bookworm-slim@sha256:...`) in your own registry mirror.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /workspace
COPY . .
RUN npm ci --no-audit --no-fund
ARG APP
RUN test -n "$APP" && node tools/build/build-app.cjs "apps/$APP"
# The gateway serves the web app: only its image gets the build (static files; React is inside them).
RUN if [ "$APP" = gateway ]; then node node_modules/vite/bin/vite.js build --config apps/web/vite.config.mts; fi
RUN node tools/build/assemble-image.cjs "$APP"

FROM ${NODE_IMAGE} AS deps
ARG APP
WORKDIR /srv
COPY --from=build /workspace/dist/images/${APP}/package.json ./
COPY package-lock.json .npmrc ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /srv
COPY --from=deps /srv/node_modules/ ./node_modules/
COPY --from=build /workspace/dist/images/${APP}/ ./
USER node
CMD ["node", "--enable-source-maps", "dist/main.js"]
