# Images of secret-manager-controller.
#
#   docker build -t secret-manager-controller .            the release image, built from source: no JDK or Maven
#                                                          needed on the host (the default, last stage)
#   mvn package && docker build --target release-prebuilt -t secret-manager-controller .
#                                                          the same image from an already built target/ (CI)
#   docker build --target tilt ...                         the Tilt image: release-prebuilt plus what live update
#                                                          needs (the Tiltfile builds it)
#   docker build --target fake ...                         the Secret Manager fake for a development cluster
#
# The release image runs as the numeric non-root user 65532 and writes only under /tmp, so it runs with a read-only
# root filesystem. Its Java runtime is the jlink image `mvn package` makes (target/image: a trimmed JDK 17 with the
# measured JVM options in its launcher), never a full JDK. Why Debian slim: README, "The container image".
#
# No stage is chosen by a build argument (`FROM stage-${ARG}`): podman's builder skips such stages when the argument
# keeps its default. Each way of building is a target instead.

ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim
ARG BUILDER_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-17

# ---- build from source ------------------------------------------------------------------------------------------
FROM ${BUILDER_IMAGE} AS builder
WORKDIR /build
# The dependency layer is cached apart from the sources: editing code does not download the world again.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline -DskipImage
COPY src src
COPY config config
COPY examples examples
# The archive made in target/ names the jar by its path there; the image makes its own (below).
RUN mvn -B -DskipTests package && rm target/image/lib/app.jsa

# ---- kustomize, pinned and verified; KUSTOMIZE_VERSION= (empty) leaves it out ------------------------------------
# Without it, kustomize-mode configs report that kustomize is missing. CI builds without it: its network reaches
# package registries only, not GitHub.
FROM ${BASE_IMAGE} AS kustomize
ARG KUSTOMIZE_VERSION=5.8.0
ARG KUSTOMIZE_SHA256_AMD64=4dfa8307358dd9284aa4d2b1d5596766a65b93433e8fa3f9f74498941f01c5ef
ARG KUSTOMIZE_SHA256_ARM64=a4f48b4c3d4ca97d748943e19169de85a2e86e80bcc09558603e2aa66fb15ce1
RUN mkdir /out \
 && if [ -n "$KUSTOMIZE_VERSION" ]; then \
      apt-get update -q \
      && apt-get install -y -q --no-install-recommends ca-certificates curl \
      && arch=$(dpkg --print-architecture) \
      && case "$arch" in \
           amd64) sum=$KUSTOMIZE_SHA256_AMD64 ;; \
           arm64) sum=$KUSTOMIZE_SHA256_ARM64 ;; \
           *) echo "no pinned kustomize checksum for $arch" >&2; exit 1 ;; \
         esac \
      && curl -fsSLo /tmp/kustomize.tar.gz \
           "https://github.com/kubernetes-sigs/kustomize/releases/download/kustomize%2Fv${KUSTOMIZE_VERSION}/kustomize_v${KUSTOMIZE_VERSION}_linux_${arch}.tar.gz" \
      && echo "$sum  /tmp/kustomize.tar.gz" | sha256sum -c - \
      && tar -xzf /tmp/kustomize.tar.gz -C /out kustomize; \
    fi

# ---- what every image shares ------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS base
# git: the Argo CD source clones with it. ca-certificates: git's HTTPS (Java has its own trust store). Perl comes
# with Debian's git for commands the controller never runs (send-email, svn, the interactive helpers); clone, fetch
# and checkout are C. Purging it takes 47 MB and the CVE stream of a language runtime out of the image.
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends ca-certificates git \
 && dpkg --purge --force-depends liberror-perl perl perl-modules-5.36 libperl5.36 \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log \
 && echo 'nonroot:x:65532:' >>/etc/group \
 && echo 'nonroot:x:65532:65532:nonroot:/tmp:/usr/sbin/nologin' >>/etc/passwd
COPY --from=kustomize /out/ /usr/local/bin/
# HOME under /tmp: git reads and writes its per-user files there, and /tmp is the only writable path.
ENV HOME=/tmp \
    PATH=/opt/secret-manager-controller/bin:/usr/local/bin:/usr/bin:/bin
EXPOSE 8080
# The launcher supervises the JVM for `run` (SIGHUP restarts it from the jar on disk) and execs it for the rest.
ENTRYPOINT ["/opt/secret-manager-controller/bin/secret-manager-controller"]
CMD ["run"]

# ---- the release image from target/ -----------------------------------------------------------------------------
FROM base AS release-prebuilt
COPY target/image /opt/secret-manager-controller/
# An AppCDS archive holds the absolute path of the jar it was made from, so it is made here, where the jar lies, from
# the class list of the build's training runs (the archive made in target/ is left out of the build context).
RUN cd /opt/secret-manager-controller \
 && bin/java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile=lib/app.classlist \
      -XX:SharedArchiveFile=lib/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp /opt/secret-manager-controller/app/secret-manager-controller.jar >/dev/null
USER 65532:65532

# ---- the Tilt image: live update writes the jar into app/ as the container's user --------------------------------
FROM release-prebuilt AS tilt
USER 0
# Tilt's live update streams the synced files into `tar -C / -x -f -` run as this user, then runs `kill -HUP 1`
# through `sh -c`; the launcher (PID 1) restarts the JVM from the new jar. So app/ is the user's, and the Deployment
# that Tilt applies leaves the root filesystem writable (the Tiltfile patches it).
RUN chown 65532:65532 /opt/secret-manager-controller/app /opt/secret-manager-controller/app/secret-manager-controller.jar
# The jar just built, which may be newer than target/image (the Tiltfile's build skips the jlink step when only
# code changed; a change of pom.xml makes the whole image again).
COPY --chown=65532:65532 target/secret-manager-controller.jar /opt/secret-manager-controller/app/
USER 65532:65532

# ---- the Secret Manager fake, for `tilt up` without a cloud account ---------------------------------------------
FROM release-prebuilt AS fake
COPY target/test-classes /opt/secret-manager-controller/fake/
EXPOSE 9090 9091
ENTRYPOINT ["/opt/secret-manager-controller/bin/java", "-XX:+UseSerialGC", "-Xmx128m", \
            "-cp", "/opt/secret-manager-controller/fake:/opt/secret-manager-controller/app/secret-manager-controller.jar", \
            "io.smc.provider.gcp.fake.FakeSecretManagerService"]
CMD ["9090", "9091", "smc-dev"]

# ---- the release image, built from source (the default target) ---------------------------------------------------
FROM base AS release
COPY --from=builder /build/target/image /opt/secret-manager-controller/
# As in release-prebuilt: the AppCDS archive is made where the jar lies.
RUN cd /opt/secret-manager-controller \
 && bin/java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile=lib/app.classlist \
      -XX:SharedArchiveFile=lib/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp /opt/secret-manager-controller/app/secret-manager-controller.jar >/dev/null
USER 65532:65532
