# Proofdesk as a container: a static binary (CGO_ENABLED=0: SQLite is pure
# Go) on distroless/static, running as the unprivileged user 65532.
#
#   docker build -t proofdesk .
#   docker run -d --name proofdesk -p 8080:8080 -p 2525:2525 \
#     -v proofdesk-data:/var/lib/proofdesk \
#     -e PROOFDESK_MASTER_KEY="$(cat master.key.b64)" \
#     proofdesk serve --base-url https://desk.example.com --smtp-addr :2525
#
# See "Deploy" in the README. The image has no shell: run the other
# commands the same way (docker run --rm ... proofdesk doctor, backup,
# agent create ...) on the same volume and key.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/proofdesk ./cmd/proofdesk \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/proofdesk /proofdesk
# The data directory (SQLite database, and master.key when the key is not
# given in PROOFDESK_MASTER_KEY); mount a volume here.
COPY --from=build --chown=65532:65532 /out/data /var/lib/proofdesk
ENV PROOFDESK_DATA=/var/lib/proofdesk \
    PROOFDESK_ADDR=:8080 \
    PROOFDESK_LOG_FORMAT=json
VOLUME ["/var/lib/proofdesk"]
EXPOSE 8080 2525
USER 65532:65532
ENTRYPOINT ["/proofdesk"]
CMD ["serve"]
