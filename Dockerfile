# syntax=docker/dockerfile:1
#
# Task Gateway image: built from source with the Maven wrapper, run from Spring Boot's layered jar
# on a Temurin 25 JRE as an unprivileged user.
#
#   docker build -t task-gateway .
#   docker run --rm -p 127.0.0.1:8080:8080 -e SPRING_PROFILES_ACTIVE=demo task-gateway   # try the demo
#   docker run --rm task-gateway --spring.profiles.active=simulator            # only the simulators
#   docker compose up --build                                                  # prod profile vs. simulators
#
# Fails closed: the image runs the prod profile unless told otherwise, and prod refuses to start
# without API keys (16+ characters) and taskgateway.cursor-secret. The demo (well-known key `demo`
# with every role) must be asked for by name, and warns in its log when it listens beyond
# loopback — which in a container it always does; publish it on 127.0.0.1 as above.
#
# Extra JVM options: JDK_JAVA_OPTIONS (read by the java launcher). Spring settings: environment
# variables or arguments after the image name.

# ---- build: compile and package (tests are CI's job, not the image's) -----------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The cache mount keeps the Maven distribution and the dependencies between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/task-gateway-*.jar extract --layers --launcher --destination /extracted

# ---- runtime -----------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre
# A fixed numeric user, so that runAsNonRoot policies can verify it; it owns nothing it runs.
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid gateway --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin gateway
WORKDIR /application
# One image layer per jar layer, least often changed first: a code change rebuilds only the last.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
ENV SPRING_PROFILES_ACTIVE=prod
EXPOSE 8080
# Liveness never depends on providers. The JRE image has neither curl nor wget, and a second JVM
# per probe would cost ~40 MB and a second of CPU; bash's /dev/tcp asks the probe with neither.
# A container started with the simulator profile has no gateway: compose gives it its own check.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} \
      && printf "GET /actuator/health/liveness HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "' || exit 1
# Heap = half the container's memory limit (512 MB recommended: docs/operations.md, "Memory in a
# container"); the other half is metaspace, code cache, threads and GC. Serial GC: what the JVM picks
# by itself under 1792 MB, named so that bench/run.sh (same flags plus -XX:MaxRAM=512m) measures what
# the container runs. Native memory the JVM freed (compiler arenas, mostly) goes back to the system
# every 5 s instead of staying resident. Die on OutOfMemoryError and let the orchestrator restart.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000", \
            "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
