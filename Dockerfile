# syntax=docker/dockerfile:1
# One container runs the whole service: the five modules, the outbox dispatcher and SQLite on a volume.
#   docker build -t kvaccine .
#   docker run -p 8080:8080 -p 8081:8081 -v kvaccine-data:/data -e User__RegNumberHashKey=... kvaccine

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY KVaccine.sln Directory.Build.props Directory.Packages.props appsettings.json ./
COPY src/ src/
ARG TARGETARCH
# Self-contained and ready to run as one composite image with the runtime: precompiled, the framework's generic code
# over the service's types included, so that start-up does not wait for the JIT (bench/README.md, start to ready).
RUN dotnet publish src/KVaccine.Host/KVaccine.Host.csproj -c Release -a $TARGETARCH --self-contained true \
      -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o /app

# The runtime travels with the app, so the base is only what it needs from the OS (ICU, TLS, the app user).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The database lives on a volume, outside the image; the app user owns it.
RUN mkdir -p /data && chown app:app /data
VOLUME /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Grpc__Port=8081 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__KVaccine="Data Source=/data/kvaccine.db"
USER app
EXPOSE 8080 8081
# Probes: GET /health/live (the process answers) and GET /health/ready (migrated, database reachable, dispatching).
ENTRYPOINT ["./KVaccine.Host"]
