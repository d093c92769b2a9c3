# Proofdesk. `make test` is the whole test suite (CI runs exactly it, with
# TEST_POSTGRES_DSN set so the store tests also run against PostgreSQL).

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
TEST_POSTGRES_DSN ?= postgres://postgres@127.0.0.1:5432/proofdesk_test?sslmode=disable

.PHONY: all build test test-pg lint bench demo

all: lint test

## build: a single static binary at ./bin/proofdesk
build:
	CGO_ENABLED=0 go build -ldflags "-X main.version=$(VERSION)" -o bin/proofdesk ./cmd/proofdesk

## test: every package, with the race detector; then the authorization
## matrix, which skips itself under the detector (sequential, and far slower)
test:
	go test -race -count=1 -timeout 30m ./...
	go test -count=1 -run '^TestAuthorizationMatrix$$' ./cmd/proofdesk/

## test-pg: the same tests, with the store tests also on PostgreSQL
test-pg:
	TEST_POSTGRES_DSN='$(TEST_POSTGRES_DSN)' go test -race -count=1 -timeout 30m ./...
	TEST_POSTGRES_DSN='$(TEST_POSTGRES_DSN)' go test -count=1 -run '^TestAuthorizationMatrix$$' ./cmd/proofdesk/

## lint: vet, formatting, and golangci-lint when it is installed
lint:
	go vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	@if command -v golangci-lint >/dev/null; then golangci-lint run; else echo "golangci-lint not installed; skipped"; fi

## bench: the benchmarks recorded in BENCHMARKS.md
bench:
	go test -run '^$$' -bench . -benchmem ./...

## demo: the demo desk
demo:
	go run ./cmd/proofdesk demo
