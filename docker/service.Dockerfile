# syntax=docker/dockerfile:1
# One image recipe for every steppewire service, chosen by build argument, e.g.
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=ingest-service --build-arg PORT=8081 .
FROM eclipse-temurin:25.0.1_8-jdk-noble AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${SERVICE}" -am -DskipTests package \
 && cp "${SERVICE}/target/${SERVICE}"-*-SNAPSHOT.jar /service.jar

FROM eclipse-temurin:25.0.1_8-jre-noble
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="steppewire ${SERVICE}"
# curl serves the compose health check; the service runs as an unprivileged user that owns its state folder.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 steppewire \
 && mkdir -p /var/lib/steppewire && chown steppewire /var/lib/steppewire
COPY --from=build /service.jar /opt/steppewire/service.jar
USER steppewire
WORKDIR /var/lib/steppewire
EXPOSE ${PORT}
ENV SERVER_PORT=${PORT} JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/steppewire/service.jar"]
