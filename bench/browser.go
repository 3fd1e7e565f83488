package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"spotcheck/app/triage"
	"spotcheck/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A condition is how the browser is held back: nothing (loopback), or a slow phone on a
// weak connection (CDP network emulation and CPU throttling).
type condition struct {
	Name      string  `json:"name"`
	Mbps      float64 `json:"mbps,omitempty"`   // download and upload, 0 for no limit
	RTTms     float64 `json:"rtt_ms,omitempty"` // added latency per request
	CPUFactor float64 `json:"cpu_slowdown,omitempty"`
}

var (
	loopback  = condition{Name: "loopback"}
	throttled = condition{Name: "throttled", Mbps: 10, RTTms: 40, CPUFactor: 4}
	cpu4x     = condition{Name: "cpu4x", CPUFactor: 4}
	netOnly   = condition{Name: "net", Mbps: 10, RTTms: 40}
)

// apply sets the condition on the page's target.
func (c condition) apply() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if c.Mbps > 0 || c.RTTms > 0 {
			tp := -1.0
			if c.Mbps > 0 {
				tp = c.Mbps * 1e6 / 8
			}
			_, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
				MatchedNetworkConditions: []*network.Conditions{{Latency: c.RTTms, DownloadThroughput: tp, UploadThroughput: tp}},
			})
			if err != nil {
				return fmt.Errorf("network emulation: %w", err)
			}
		}
		if c.CPUFactor > 1 {
			if _, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: c.CPUFactor}); err != nil {
				return fmt.Errorf("cpu throttling: %w", err)
			}
		}
		return nil
	})
}

// browser is one headless Chromium with a fresh profile.
type browser struct {
	ctx    context.Context
	cancel func()
}

func newBrowser(parent context.Context) (*browser, error) {
	dir, err := os.MkdirTemp("", "spotcheck-bench-profile-")
	if err != nil {
		return nil, err
	}
	actx, cancelA := chromedp.NewExecAllocator(parent, browsertest.Options(dir)...)
	var opts []chromedp.ContextOption
	if traceVisits {
		opts = append(opts, chromedp.WithListener(func(ev any) {
			switch ev := ev.(type) {
			case *cdplog.EventEntryAdded:
				fmt.Fprintf(os.Stderr, "console %s: %s\n", ev.Entry.Level, ev.Entry.Text)
			case *runtime.EventConsoleAPICalled:
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				fmt.Fprintf(os.Stderr, "console.%s: %s\n", ev.Type, strings.Join(parts, " "))
			}
		}))
	}
	bctx, cancelB := chromedp.NewContext(actx, opts...)
	cancel := func() {
		cancelB()
		cancelA()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(bctx); err != nil {
		cancel()
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	return &browser{ctx: bctx, cancel: cancel}, nil
}

// run runs steps with a time limit.
func (b *browser) run(limit time.Duration, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval evaluates a JavaScript expression (awaiting a promise) with a time limit.
func eval[T any](b *browser, limit time.Duration, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// probeJS runs in every page before its own scripts. It notes, in ms since navigation start:
//   - interactive: go-app's loader is gone and the element cfg.ready is there and enabled;
//   - text: when the element cfg.text was first painted on screen, not covered
//     (elementFromPoint finds it or a child) and not hidden;
//   - fcp: first contentful paint.
const probeJS = `(() => {
  if (window.top !== window) return;
  const cfg = %s;
  const B = window.__bench = {interactive: -1, text: -1, fcp: -1, compiled: -1, wasmEnd: -1,
    controlled: !!(navigator.serviceWorker && navigator.serviceWorker.controller)};
  // When the wasm is compiled and instantiated: what follows until interactive is Go's start
  // (package initialisation, main, the first render).
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const orig = WebAssembly[name];
    if (!orig) continue;
    WebAssembly[name] = function (...args) {
      return orig.apply(this, args).then((r) => {
        if (B.compiled < 0) B.compiled = performance.now();
        // Go's wasm exports its linear memory as "mem": kept to read its size (wasmMemoryJS).
        const inst = r.instance || r;
        if (inst.exports && inst.exports.mem) window.__benchMem = inst.exports.mem;
        return r;
      });
    };
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint" && B.fcp < 0) B.fcp = e.startTime;
    }).observe({type: "paint", buffered: true});
  } catch (e) {}
  const usable = () => {
    if (document.getElementById("app-wasm-loader")) return false;
    const el = document.querySelector(cfg.ready);
    return !!el && !el.disabled;
  };
  const readable = () => {
    const el = document.querySelector(cfg.text);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.top >= innerHeight || r.bottom <= 0) return false;
    const x = r.left + Math.min(r.width / 2, 40), y = Math.max(r.top, 0) + Math.min(r.height / 2, 12);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit))) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && parseFloat(s.opacity) > 0.5;
  };
  const mo = new MutationObserver(() => {
    if (B.interactive < 0 && usable()) {
      B.interactive = performance.now();
      mo.disconnect();
    }
  });
  mo.observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"]});
  // A text found readable at the first frame after the first contentful paint was in that
  // paint: its time is the paint's. Otherwise it is the time of the frame that found it
  // (an upper bound: a busy main thread runs the frame late).
  let afterPaint = false;
  const frame = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    if (B.text < 0 && readable()) B.text = paint && !afterPaint ? paint.startTime : performance.now();
    if (paint) afterPaint = true;
    if (B.text < 0) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`

// bytesJS sums the page's resource timing: the document and every resource, as transferred
// (headers and encoded bodies; 0 for what the worker or the HTTP cache answered).
const bytesJS = `(() => {
  let bytes = 0, count = 0;
  for (const e of performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))) {
    bytes += e.transferSize; count++;
  }
  return {bytes, count};
})()`

// wasmMemoryJS is the byte length of the Go wasm's linear memory (WebAssembly.Memory, kept by
// probeJS), -1 before it is instantiated. Go's memory grows and never shrinks: it is the most
// the app has held so far.
const wasmMemoryJS = `window.__benchMem ? window.__benchMem.buffer.byteLength : -1`

// probeResult is what probeJS noted.
type probeResult struct {
	Interactive float64 `json:"interactive"`
	Text        float64 `json:"text"`
	FCP         float64 `json:"fcp"`
	Compiled    float64 `json:"compiled"` // the wasm compiled and instantiated
	WasmEnd     float64 `json:"wasm_end"` // its last byte received
	Controlled  bool    `json:"controlled"`
}

// visit navigates to url and waits until the app is interactive and the text has shown.
// The page that was there is marked first, so that its figures are never taken for the new
// page's; the wait polls with plain evaluations, which survive the change of document.
func visit(b *browser, url string, limit time.Duration) (probeResult, error) {
	var res probeResult
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	_, _ = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.__bench && (window.__bench.old = true)`))
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		// Navigate without waiting for the load event: the measures are the page's own.
		r, err := cdp.Call(ctx, t, page.Navigate, page.NavigateParams{URL: url})
		if err != nil {
			return err
		}
		if r.ErrorText != "" {
			return fmt.Errorf("navigate %s: %s", url, r.ErrorText)
		}
		return nil
	})); err != nil {
		return res, err
	}
	const ready = `(() => { const B = window.__bench; return !!B && !B.old && B.interactive >= 0 && B.text >= 0; })()`
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](ready))
		if err == nil && ok {
			if traceVisits {
				tr, _ := chromedp.Run(ctx, chromedp.Evaluate[string](traceJS))
				fmt.Fprintf(os.Stderr, "trace %s:\n%s\n", url, tr)
			}
			return chromedp.Run(ctx, chromedp.Evaluate[probeResult](`window.__bench`))
		}
		select {
		case <-ctx.Done():
			state, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`JSON.stringify(window.__bench || null) + " " + location.href`))
			return res, fmt.Errorf("waiting for %s to be interactive: %w (%s)", url, ctx.Err(), state)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// traceVisits prints each visit's resource timing (-trace).
var traceVisits bool

const traceJS = `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).map((e) =>
  [e.name.replace(location.origin, ""), "start", e.startTime.toFixed(0), "resp", e.responseStart.toFixed(0), "end", e.responseEnd.toFixed(0),
   "bytes", e.transferSize, e.deliveryType || "", e.workerStart ? "sw@" + e.workerStart.toFixed(0) : ""].join(" ")).join("\\n") +
  "\\nfcp " + window.__bench.fcp.toFixed(0) + " interactive " + window.__bench.interactive.toFixed(0)`

// injectProbe installs probeJS for every new document, for app.
func injectProbe(a *appSpec) chromedp.Action[chromedp.Void] {
	cfg, _ := json.Marshal(map[string]string{"ready": a.Ready, "text": a.Text})
	src := fmt.Sprintf(probeJS, cfg)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// loadSample is one fresh profile's visits to an app.
type loadSample struct {
	Cold        probeResult `json:"cold"`
	PageBytes   int64       `json:"page_bytes"`   // first visit, by resource timing
	PageCount   int         `json:"page_entries"` // resources the page fetched, the document included
	ServerBytes int64       `json:"server_bytes"` // first visit and the worker's install, as the server wrote them
	ServerReqs  int64       `json:"server_requests"`
	WorkerMS    float64     `json:"worker_ready_ms"` // from navigation until the worker's cache is complete
	Repeat      probeResult `json:"repeat"`
	RepeatBytes int64       `json:"repeat_server_bytes"`
	Offline     probeResult `json:"offline"`
	// WasmMemory is the wasm's linear memory in bytes once the first visit is interactive.
	WasmMemory float64 `json:"wasm_memory"`
	Error      string  `json:"error,omitempty"`
}

// probedBrowser starts a fresh profile with the page probe installed and the condition (network
// and CPU emulation) applied.
func probedBrowser(ctx context.Context, a *appSpec, c condition) (*browser, error) {
	b, err := newBrowser(ctx)
	if err != nil {
		return nil, err
	}
	if err := b.run(20*time.Second, injectProbe(a), c.apply()); err != nil {
		b.cancel()
		return nil, err
	}
	return b, nil
}

// coldRepeatOffline measures one fresh profile: a first visit, then (once the worker has
// cached everything) a repeat visit, then a visit with the server gone.
func coldRepeatOffline(ctx context.Context, a *appSpec, s *server, c condition) (loadSample, error) {
	var out loadSample
	b, err := probedBrowser(ctx, a, c)
	if err != nil {
		return out, err
	}
	defer b.cancel()
	s.reset()
	url := s.URL + "/"
	start := time.Now()
	if out.Cold, err = visit(b, url, 90*time.Second); err != nil {
		return out, err
	}
	type bytesRes struct {
		Bytes int64 `json:"bytes"`
		Count int   `json:"count"`
	}
	// The page's resources: wait for the load event so that every entry is complete.
	if _, err := eval[bool](b, 60*time.Second, `new Promise(r => document.readyState === "complete" ? r(true) : addEventListener("load", () => r(true)))`); err != nil {
		return out, err
	}
	br, err := eval[bytesRes](b, 10*time.Second, bytesJS)
	if err != nil {
		return out, err
	}
	out.PageBytes, out.PageCount = br.Bytes, br.Count
	if out.WasmMemory, err = eval[float64](b, 10*time.Second, wasmMemoryJS); err != nil {
		return out, err
	}
	out.Cold.WasmEnd, _ = eval[float64](b, 10*time.Second, `(() => {
	  const w = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname.endsWith("/app.wasm"));
	  return w ? w.responseEnd : -1;
	})()`)
	// The worker's install: its cache complete (offline.js sets html[data-offline=ready]).
	if _, err := eval[bool](b, 120*time.Second, `new Promise((resolve) => {
	  const ok = () => document.documentElement.dataset.offline === "ready";
	  if (ok()) return resolve(true);
	  const t = setInterval(() => { if (ok()) { clearInterval(t); resolve(true); } }, 20);
	})`); err != nil {
		return out, fmt.Errorf("worker never reported a complete cache: %w", err)
	}
	out.WorkerMS = float64(time.Since(start).Microseconds()) / 1000
	// Let the last precache responses finish writing.
	time.Sleep(300 * time.Millisecond)
	out.ServerBytes, out.ServerReqs = s.reset()

	if out.Repeat, err = visit(b, url, 60*time.Second); err != nil {
		return out, fmt.Errorf("repeat visit: %w", err)
	}
	out.RepeatBytes, _ = s.reset()

	s.down.Store(true)
	defer s.down.Store(false)
	if out.Offline, err = visit(b, url, 60*time.Second); err != nil {
		return out, fmt.Errorf("offline visit: %w", err)
	}
	return out, nil
}

// timedClickJS clicks the element with the selector at a random moment of a frame (as a person
// does: right after a frame, the next paint is always a whole frame away) and times it from a
// performance mark before the click to the change in the DOM and to the animation frame after
// the change (the frame that paints it).
const timedClickJS = `(async (sel) => {
  const screen = () => document.querySelector("main .screen") || document.querySelector(".screen");
  // A screen is told apart by its class, its questions (two screens of one checklist step
  // start with the same words) and its first words.
  const sig = () => {
    const s = screen();
    if (!s) return "";
    const ids = [...s.querySelectorAll("[data-finding]")].map((e) => e.dataset.finding).join(",");
    return s.className + "|" + ids + "|" + s.textContent.slice(0, 400);
  };
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const changed = (before, limit) => new Promise((resolve) => {
    if (sig() !== before) return resolve(true);
    const mo = new MutationObserver(() => { if (sig() !== before) { mo.disconnect(); clearTimeout(t); resolve(true); } });
    mo.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
    const t = setTimeout(() => { mo.disconnect(); resolve(false); }, limit);
  });
  const el = document.querySelector(sel);
  if (!el) return {error: "no " + sel};
  await painted();
  await new Promise((r) => setTimeout(r, Math.random() * 16));
  const before = sig();
  const n = performance.getEntriesByType("mark").length;
  performance.mark("answer-" + n);
  const t0 = performance.now();
  el.click();
  if (!(await changed(before, 5000))) return {error: "the click on " + sel + " did not change the screen"};
  const dom = performance.now() - t0;
  const paint = (await frame()) - t0;
  performance.mark("painted-" + n);
  performance.measure("answer-to-render-" + n, "answer-" + n, "painted-" + n);
  const s = screen();
  return {dom, paint, result: !!(s && s.classList.contains("result"))};
})`

// walkResult is a walk's timings.
type walkResult struct {
	Times  []float64 `json:"times_ms"`  // click to the frame that paints the next question
	DOM    []float64 `json:"dom_ms"`    // click to the next question in the DOM (Go's handler and render)
	Result []float64 `json:"result_ms"` // the last answer: click to the frame that paints the result
	Steps  []string  `json:"steps"`
	// Memory is the wasm's linear memory in bytes after the whole interview.
	Memory float64 `json:"wasm_memory"`
	Done   bool    `json:"done"`
	Error  string  `json:"error,omitempty"`
}

// walkTB is the walker's TB for bench: the first error is the walk's, and a fatal one ends it.
type walkTB struct{ err error }

// walkAbort is the panic that ends a walk at a fatal error; walk recovers it.
type walkAbort struct{}

func (w *walkTB) Helper()             {}
func (w *walkTB) Logf(string, ...any) {}
func (w *walkTB) Fatal(args ...any)   { w.Fatalf("%s", fmt.Sprint(args...)) }
func (w *walkTB) Fatalf(f string, a ...any) {
	w.Errorf(f, a...)
	panic(walkAbort{})
}
func (w *walkTB) Errorf(f string, a ...any) {
	if w.err == nil {
		w.err = fmt.Errorf(f, a...)
	}
}

// strategyWalk is the walk of a strategy: "second" answers "No" to yes/no questions and the
// second value of a choice; "unsure" answers "not sure" everywhere (which keeps the interview
// going longest); numbers and places are always "not sure".
func strategyWalk(k *triage.Knowledge, strategy string) browsertest.Walk {
	w := browsertest.Walk{Name: strategy, Answers: map[string]any{}}
	if strategy == "second" {
		w.No = true
		for _, f := range k.Findings() {
			if f.Kind == triage.Choice && len(f.Values) > 1 {
				w.Answers[f.ID] = f.Values[1].ID
			}
		}
	}
	return w
}

// clickKind names what a click answered, for the walk's steps.
func clickKind(sel string) string {
	for _, k := range []struct{ part, kind string }{
		{".checklist-form", "checklist"}, {".group", "group"}, {".places", "places"},
		{"button-secondary", "number"}, {"type=submit", "number"}, {"data-option", "options"},
	} {
		if strings.Contains(sel, k.part) {
			return k.kind
		}
	}
	return "other"
}

// walk loads Spotcheck under condition c and walks its interview with the shared walker,
// timing every answer that leaves a screen; the walker checks the result against k.
func walk(ctx context.Context, a *appSpec, s *server, c condition, k *triage.Knowledge, strategy string) (out walkResult, err error) {
	b, err := probedBrowser(ctx, a, c)
	if err != nil {
		return out, err
	}
	defer b.cancel()
	if _, err := visit(b, s.URL+"/", 90*time.Second); err != nil {
		return out, err
	}
	tb := &walkTB{}
	wctx, cancel := context.WithTimeout(b.ctx, 120*time.Second)
	defer cancel()
	type timed struct {
		DOM    float64 `json:"dom"`
		Paint  float64 `json:"paint"`
		Result bool    `json:"result"`
		Error  string  `json:"error"`
	}
	w := &browsertest.Walker{T: tb, Ctx: wctx, K: k, Walk: strategyWalk(k, strategy)}
	w.Click = func(sel string) {
		r := browsertest.Eval[timed](tb, wctx, fmt.Sprintf("%s(%q)", timedClickJS, sel))
		switch {
		case r.Error != "":
			tb.Fatalf("%s", r.Error)
		case strings.HasPrefix(sel, "[data-screen=start]"), strings.HasPrefix(sel, "[data-screen=result]"):
			// starting and starting again are not answers
		case r.Result:
			out.Result = append(out.Result, r.Paint)
		default:
			out.Times = append(out.Times, r.Paint)
			out.DOM = append(out.DOM, r.DOM)
		}
		if !strings.HasPrefix(sel, "[data-screen=") {
			out.Steps = append(out.Steps, clickKind(sel))
		}
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(walkAbort); !ok {
					panic(r)
				}
			}
		}()
		w.Run()
	}()
	if tb.err != nil {
		out.Error = tb.err.Error()
		return out, fmt.Errorf("walk: %v after %d answers (%s)", tb.err, len(out.Times), strings.Join(out.Steps, " "))
	}
	if out.Memory, err = eval[float64](b, 10*time.Second, wasmMemoryJS); err != nil {
		return out, err
	}
	out.Done = true
	return out, nil
}

// engineInBrowser loads the engine benchmark page under condition c and reads its figures.
func engineInBrowser(ctx context.Context, s *server, c condition) (map[string]any, error) {
	b, err := newBrowser(ctx)
	if err != nil {
		return nil, err
	}
	defer b.cancel()
	if err := b.run(20*time.Second, c.apply(), chromedp.Navigate(s.URL+"/")); err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(b.ctx, 120*time.Second)
	defer cancel()
	raw, err := chromedp.Run(pctx, chromedp.Poll[string](`window.benchEngine`,
		chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(120*time.Second)))
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, err
	}
	if e, ok := out["error"].(string); ok && e != "" {
		return out, fmt.Errorf("engine in the browser: %s", e)
	}
	return out, nil
}
