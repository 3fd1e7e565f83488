# Spotcheck. `make run` serves the app at http://localhost:8000; `make test` runs every test.
SHELL := /bin/bash
# Every recipe line fails on the first failing command, pipes included (a test piped into grep
# fails the target when the test fails).
.SHELLFLAGS := -eo pipefail -c
GO ?= go
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build run bench-server test lint test-go test-native test-race test-server-browser test-wasm vignettes fuzz bench clean

# need installs the Debian packages of its argument that are missing (apt-get, as root), so that
# `make run` and `make test` set themselves up on a fresh machine.
need = @missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "apt-get install$$missing"; apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

all: build

## build: the production app under build/web: web/ files, app.wasm, and a brotli (-q 11) and
## gzip (-9) copy of every wasm/js/css/json/svg file next to it, remade only when the file's
## content changed (build/.sums). The server computes Version from the content it serves.
## It refuses to build from a knowledge base with any problem (`server check`: the app loads
## it Prechecked, without the checks), and embeds knowledge.json compacted (no indentation:
## the same base, a fifth fewer bytes; KNOWLEDGE_OVERLAY).
PRECOMPRESS := -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.webmanifest'
KNOWLEDGE_OVERLAY := build/knowledge-overlay.json
build:
	$(call need,brotli)
	$(GO) run ./server check
	mkdir -p build/web build/.sums
	cp -r web/. build/web/
	$(GO) run ./internal/compactjson -overlay $(KNOWLEDGE_OVERLAY) knowledge.json build/knowledge.min.json
	GOOS=js GOARCH=wasm $(GO) build -overlay $(KNOWLEDGE_OVERLAY) -trimpath -ldflags='-s -w' -o build/web/app.wasm ./app/wasm
	@cd build/web && find . -type f \( $(PRECOMPRESS) \) | while read -r f; do \
	  sum=$$(sha256sum "$$f" | cut -d' ' -f1); mark="../.sums/$$(echo "$$f" | tr / _).sum"; \
	  if [ -f "$$f.br" ] && [ -f "$$f.gz" ] && [ "$$(cat "$$mark" 2>/dev/null)" = "$$sum" ]; then continue; fi; \
	  echo "precompress $$f"; \
	  brotli -q 11 -f -o "$$f.br" "$$f" && gzip -9 -n -k -f "$$f" && echo "$$sum" > "$$mark" || exit 1; \
	done

## run: build and serve the app at http://localhost:8000 (ADDR=:9000 make run for another)
run: build
	$(GO) run ./server serve

## bench-server: this server against nginx on the same files: wrk pinned to one core, the server
## to the other, the page and the wasm (gzip) at 64 and 256 connections, two alternating
## rounds of 10 s (DURATION, CONNS, ROUNDS); prints the ratios and the server's RSS
bench-server: build
	$(call need,nginx wrk)
	./server/bench.sh

## test: everything CI runs. The server's race-detector tests and its browser tests (natively)
## run beside the wasm tests (one Node process, one core); their outputs interleave by package.
test: lint build
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory -j3 test-race test-server-browser test-wasm
	$(MAKE) --no-print-directory vignettes

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/...
	$(STATICCHECK) ./...

## test-go: unit, vignette, fuzz-seed and browser tests, natively; the server's packages
## (they serve concurrently; the rest runs on one goroutine or in the browser) under the race
## detector, all but their browser tests (TestBrowser*): those spend their time in Chromium and
## the race detector would slow them threefold; TestConcurrentRequestsAgree races the handlers
test-go: test-native test-race test-server-browser

test-native:
	$(call need,chromium)
	$(GO) test -count=1 $$($(GO) list ./... | grep -v '^spotcheck/server')

test-race:
	$(GO) test -count=1 -race -skip '^TestBrowser' ./server/...

test-server-browser:
	$(call need,chromium)
	$(GO) test -count=1 -run '^TestBrowser' ./server/...

## test-wasm: the engine's tests compiled to WebAssembly and run under Node
test-wasm:
	$(call need,nodejs)
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(WASM_EXEC)" ./app/triage/

## vignettes: the score table of the public and own vignettes (the gate runs in test-go too)
vignettes:
	$(GO) test -count=1 -run 'TestVignettes' -v ./app/triage/ | grep -v '^=== RUN'

## fuzz: each fuzz target for a while (FUZZTIME=30s by default)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run=NONE -fuzz=FuzzLoad -fuzztime=$(FUZZTIME) ./app/triage/
	$(GO) test -run=NONE -fuzz=FuzzEvaluate -fuzztime=$(FUZZTIME) ./app/triage/
	$(GO) test -run=NONE -fuzz=FuzzParseFindings -fuzztime=$(FUZZTIME) ./app/triage/
	$(GO) test -run=NONE -fuzz=FuzzCheckJSON -fuzztime=$(FUZZTIME) ./app/triage/
	$(GO) test -run=NONE -fuzz=FuzzTriage -fuzztime=$(FUZZTIME) ./server/

## bench: the performance table: builds the app (make build) and the floor (the smallest go-app
## app, built and served the same way), runs the engine's benchmarks natively and in wasm under
## Node, then measures both apps in headless Chromium (README.md, Performance, says what and how). It
## prints the table, writes it to the README's Performance section and as JSON to
## build/bench.json. It installs Lighthouse (npm ci, pinned in bench/lighthouse) and runs it on
## both apps too. About 6 minutes on 2 cores; BENCH_FLAGS='-runs 3 -lighthouse-runs 1'.
bench: build
	$(call need,chromium nodejs)
	@command -v npm >/dev/null 2>&1 || { echo "apt-get install npm"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	$(GO) test -run=NONE -bench=. -benchmem -count=5 ./app/triage/ | tee build/bench-engine-native.txt
	GOOS=js GOARCH=wasm $(GO) test -run=NONE -bench=. -benchmem -count=3 -exec="$(WASM_EXEC)" ./app/triage/ | tee build/bench-engine-wasm.txt
	$(GO) run ./bench $(BENCH_FLAGS)

clean:
	rm -rf build
