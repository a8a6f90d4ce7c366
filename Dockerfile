# iamspect in a container: the npm package built from this checkout, installed globally in a
# Node.js 20 image and run as the unprivileged `node` user.
#
#   docker build -t iamspect .
#   docker run --rm iamspect audit --demo
#   docker run --rm -v ~/.aws:/home/node/.aws:ro -e AWS_PROFILE=audit iamspect audit
#
# Stage 1 builds the package exactly as `npm pack` publishes it (package.json "files");
# stage 2 installs that tarball with its run-time dependencies only, so the image holds neither
# the sources, the tests nor the dev dependencies.

FROM node:20-slim AS package
WORKDIR /build
COPY package.json package-lock.json ./
# Exactly the lockfile; no dependency's install script runs.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json README.md ./
COPY src ./src
# The build compiles the benchmarks and doc generators too, which import test builders.
COPY scripts ./scripts
COPY bench ./bench
COPY test ./test
COPY docs ./docs
COPY schema ./schema
COPY fixtures/demo ./fixtures/demo
RUN npm run build && npm pack --ignore-scripts && mv iamspect-*.tgz /iamspect.tgz

FROM node:20-slim
ENV NODE_ENV=production
COPY --from=package /iamspect.tgz /tmp/iamspect.tgz
RUN npm install --global --no-audit --no-fund /tmp/iamspect.tgz \
  && rm /tmp/iamspect.tgz \
  && npm cache clean --force \
  && mkdir /work \
  && chown node:node /work
# The node user (uid 1000) of the base image: reads ~/.aws from /home/node/.aws when mounted.
USER node
# Mount a directory here to read a config file or snapshot and to keep reports: -v "$PWD":/work
WORKDIR /work
ENTRYPOINT ["iamspect"]
CMD ["--help"]
