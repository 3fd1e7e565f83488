// Command bench is `make bench`: it measures Spotcheck's first load, repeat and offline
// visits, answer-to-render and engine timings in headless Chromium, beside the floor (the
// smallest go-app app, built and served the same way), and prints the table, writes it as
// JSON for comparison between commits, and writes the README's Performance section.
//
//	go run ./bench [-runs 5] [-web build/web] [-out build/bench.json] [-readme README.md]
//
// It expects `make build` to have built Spotcheck into -web; it builds the floor itself into
// build/bench/floor. The engine's `go test` benchmarks (native and wasm under Node) are read
// from build/bench-engine-native.txt and build/bench-engine-wasm.txt when `make bench` has
// written them.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"
	"spotcheck/bench/floor"
	"spotcheck/internal/browsertest"
	"spotcheck/server/site"
)

// An appSpec is one app under measure and what "usable" and "readable" mean in its page.
type appSpec struct {
	Name  string
	Dir   string   // its built web directory
	App   site.App // the app's identity and pages
	Ready string   // CSS selector of the element that must be there and enabled: interactive
	Text  string   // CSS selector of the text that must be readable at first paint
	Build func() error
}

// extraApps are measured beside Spotcheck and the floor: variants that a lever experiment
// adds (from a file of its own), listed in a second table by app.
var extraApps []*appSpec

// spotcheckSpec is Spotcheck: interactive when its Start button works; the emergency signs
// are the text that must show at first paint.
func spotcheckSpec(dir string, k *triage.Knowledge) *appSpec {
	return &appSpec{Name: "spotcheck", Dir: dir, App: ui.New(k), Ready: ".button-start", Text: ".callout-emergency"}
}

// floorSpec is the floor: interactive when its one button works; its heading is its text.
func floorSpec(dir string) *appSpec {
	return &appSpec{Name: "floor", Dir: dir, Ready: "#floor-button", Text: "#floor-text",
		App: floorApp{}}
}

// floorApp is the floor's identity and page, for the site.
type floorApp struct{}

func (floorApp) Name() string            { return "Floor" }
func (floorApp) ShortName() string       { return "Floor" }
func (floorApp) Title() string           { return "Floor" }
func (floorApp) Description() string     { return "The smallest go-app app" }
func (floorApp) LoadingLabel() string    { return "Loading {progress}%" }
func (floorApp) Languages() []string     { return []string{"en"} }
func (floorApp) ThemeColor() string      { return "#00529b" }
func (floorApp) BackgroundColor() string { return "#f4f6f8" }
func (floorApp) Styles() []string        { return nil }
func (floorApp) Pages() []string         { return []string{"/"} }
func (floorApp) Routes()                 { floor.Routes() }

// floorEngineSpec is the floor that also loads Spotcheck's knowledge base at start (build
// tag benchengine): what the engine and knowledge.json cost apart from the UI.
func floorEngineSpec(dir string) *appSpec {
	a := floorSpec(dir)
	a.Name = "floor+engine"
	a.Build = func() error { return buildFloor(".", dir, "benchengine") }
	return a
}

// lighthouseRuns is how many times Lighthouse runs per app and preset.
var lighthouseRuns int

// report is the JSON output.
type report struct {
	Date       string                        `json:"date"`
	Go         string                        `json:"go"`
	CPUs       int                           `json:"cpus"`
	Runs       int                           `json:"runs"`
	Conditions []condition                   `json:"conditions"`
	Rows       []row                         `json:"rows"`
	Wasm       map[string]wasmSizes          `json:"wasm"`
	Loads      map[string][]loadSample       `json:"loads"` // by app/condition
	Walks      map[string]walkResult         `json:"walks"` // by condition/strategy
	Engine     map[string]float64            `json:"engine_go_test_ns"`
	EngineWeb  map[string]map[string]any     `json:"engine_browser"` // by condition
	Lighthouse map[string][]lighthouseSample `json:"lighthouse"`     // by app/preset
	Errors     []string                      `json:"errors,omitempty"`
}

func main() {
	runs := flag.Int("runs", 5, "fresh profiles per app and condition")
	web := flag.String("web", "build/web", "Spotcheck's built web directory (make build)")
	out := flag.String("out", "build/bench.json", "where to write the JSON")
	readme := flag.String("readme", "README.md", "where to write the Performance section")
	only := flag.String("only", "", "measure only these parts, comma-separated: loads,walk,engine,lighthouse")
	flag.IntVar(&lighthouseRuns, "lighthouse-runs", 3, "Lighthouse runs per app and preset")
	engineFloor := flag.Bool("floor-engine", true, "also measure the floor plus the engine and knowledge.json loaded at start")
	conds := flag.String("conditions", "loopback,throttled", "the load conditions, comma-separated: loopback,throttled (net: the network alone; cpu4x: the CPU alone)")
	flag.BoolVar(&traceVisits, "trace", false, "print each visit's resource timing")
	flag.Parse()
	if *engineFloor {
		extraApps = append(extraApps, floorEngineSpec(filepath.Join("build", "bench", "floor-engine")))
	}
	if err := run(*runs, *web, *out, *readme, *only, *conds); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(runs int, web, outPath, readmePath, only, conds string) error {
	if !browsertest.Available() {
		return fmt.Errorf("chromium not found at %s (apt-get install chromium)", browsertest.ExecPath)
	}
	want := func(part string) bool { return only == "" || strings.Contains(","+only+",", ","+part+",") }
	rep := report{
		Date: time.Now().UTC().Format(time.RFC3339), Go: runtime.Version(), CPUs: runtime.NumCPU(), Runs: runs,
		Wasm: map[string]wasmSizes{}, Loads: map[string][]loadSample{}, Walks: map[string]walkResult{},
		EngineWeb: map[string]map[string]any{}, Lighthouse: map[string][]lighthouseSample{},
	}
	for _, c := range []condition{loopback, throttled, netOnly, cpu4x} {
		if strings.Contains(","+conds+",", ","+c.Name+",") {
			rep.Conditions = append(rep.Conditions, c)
		}
	}
	fail := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		fmt.Fprintln(os.Stderr, "bench:", msg)
		rep.Errors = append(rep.Errors, msg)
	}

	// Build.
	floorDir := filepath.Join("build", "bench", "floor")
	if err := buildFloor(".", floorDir); err != nil {
		return err
	}
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.RequireUI(ui.Texts()))
	if err != nil {
		return err
	}
	spot, flo := spotcheckSpec(web, k), floorSpec(floorDir)
	apps := []*appSpec{flo, spot}
	if !exists(filepath.Join(web, "app.wasm")) {
		fail("%s/app.wasm is missing (run make build): measuring the floor alone", web)
		apps = apps[:1]
	}
	for _, a := range extraApps {
		if a.Build != nil {
			if err := a.Build(); err != nil {
				return fmt.Errorf("%s: %w", a.Name, err)
			}
		}
		apps = append(apps, a)
	}
	for _, a := range apps {
		s, err := sizesOf(filepath.Join(a.Dir, "app.wasm"))
		if err != nil {
			return fmt.Errorf("%s: %w (make build precompresses app.wasm)", a.Name, err)
		}
		rep.Wasm[a.Name] = s
	}

	// Serve. go-app's router is global: each site renders its pages when it is built, so
	// building the floor first and Spotcheck second leaves each with its own pages.
	servers := map[string]*server{}
	for _, a := range apps {
		s, err := startServer(site.Options{Dir: a.Dir, App: a.App})
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		defer s.close()
		servers[a.Name] = s
	}
	ctx := context.Background()

	// Loads: per condition, the apps alternate run by run so that drift hits both alike.
	if want("loads") {
		for _, c := range rep.Conditions {
			for i := 0; i < runs; i++ {
				for _, a := range apps {
					key := a.Name + "/" + c.Name
					fmt.Fprintf(os.Stderr, "bench: %s run %d/%d\n", key, i+1, runs)
					smp, err := coldRepeatOffline(ctx, a, servers[a.Name], c)
					if err != nil {
						fail("%s run %d: %v", key, i+1, err)
						smp.Error = err.Error()
					}
					rep.Loads[key] = append(rep.Loads[key], smp)
				}
			}
		}
	}

	// Answer-to-render over a full walk, on a desktop CPU and at 4x slowdown.
	if want("walk") && servers[spot.Name] != nil {
		for _, c := range []condition{loopback, cpu4x} {
			for _, strategy := range []string{"second", "unsure"} {
				key := c.Name + "/" + strategy
				fmt.Fprintf(os.Stderr, "bench: walk %s\n", key)
				w, err := walk(ctx, spot, servers[spot.Name], c, k, strategy)
				if err != nil {
					fail("walk %s: %v", key, err)
				}
				rep.Walks[key] = w
			}
		}
	}

	// Lighthouse: Spotcheck and the floor alternate run by run, as the loads do.
	if want("lighthouse") && servers[spot.Name] != nil {
		if cli, err := lighthouseCLI(); err != nil {
			fail("%v", err)
		} else {
			for i := 0; i < lighthouseRuns; i++ {
				for _, p := range lighthousePresets {
					for _, a := range []*appSpec{flo, spot} {
						key := a.Name + "/" + p.Name
						fmt.Fprintf(os.Stderr, "bench: lighthouse %s run %d/%d\n", key, i+1, lighthouseRuns)
						smp, err := runLighthouse(ctx, cli, servers[a.Name].URL+"/", p.Flag)
						if err != nil {
							fail("lighthouse %s run %d: %v", key, i+1, err)
							smp.Error = err.Error()
						}
						rep.Lighthouse[key] = append(rep.Lighthouse[key], smp)
					}
				}
			}
		}
	}

	// Engine: go test's figures, and the engine in the browser.
	rep.Engine = map[string]float64{}
	for _, f := range []struct{ file, suffix string }{
		{"build/bench-engine-native.txt", ""}, {"build/bench-engine-wasm.txt", "/wasm-node"},
	} {
		if b, err := os.ReadFile(f.file); err == nil {
			for k, v := range parseGoBench(string(b)) {
				rep.Engine[k+f.suffix] = v
			}
		}
	}
	if want("engine") {
		engineWasm := filepath.Join("build", "bench", "engine.wasm")
		if err := buildWasm("./bench/enginewasm", engineWasm); err != nil {
			fail("engine wasm: %v", err)
		} else if es, err := startHandler(enginePage(engineWasm)); err != nil {
			fail("engine page: %v", err)
		} else {
			defer es.close()
			for _, c := range []condition{loopback, cpu4x} {
				fmt.Fprintf(os.Stderr, "bench: engine in the browser, %s\n", c.Name)
				r, err := engineInBrowser(ctx, es, c)
				if err != nil {
					fail("engine %s: %v", c.Name, err)
				}
				rep.EngineWeb[c.Name] = r
			}
		}
	}

	rep.Rows = rows(&rep)
	table := markdownTable(rep.Rows)
	fmt.Println()
	fmt.Print(table)
	apps2 := ""
	if len(apps) > 2 {
		apps2 = appTable(&rep, apps)
		fmt.Println()
		fmt.Print(apps2)
	}
	if len(rep.Errors) > 0 {
		fmt.Printf("\n%d errors (see %s)\n", len(rep.Errors), outPath)
	}

	b, err := json.MarshalIndent(jsonSafe(rep), "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(outPath, append(b, '\n'), 0o644); err != nil {
		return err
	}
	if readmePath != "" {
		if err := writeReadme(readmePath, &rep, table, apps2); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "bench: wrote %s and %s\n", outPath, readmePath)
	return nil
}

// enginePage serves the engine benchmark: a page that runs engine.wasm with Go's
// wasm_exec.js.
func enginePage(wasm string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><meta charset="utf-8"><title>engine</title>
<script src="/wasm_exec.js"></script>
<script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("/engine.wasm"), go.importObject)
  .then((r) => go.run(r.instance))
  .catch((e) => { window.benchEngine = JSON.stringify({error: String(e)}); });
</script>`)
	})
	mux.HandleFunc("/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeFile(w, r, filepath.Join(goroot(), "lib", "wasm", "wasm_exec.js"))
	})
	mux.HandleFunc("/engine.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, wasm)
	})
	return mux
}

// goroot is `go env GOROOT`, where wasm_exec.js lives.
func goroot() string {
	out, err := exec.Command(goCmd(), "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// medianOf is the median of f over the samples of key that did not fail.
func medianOf(rep *report, key string, f func(loadSample) float64) float64 {
	var xs []float64
	for _, s := range rep.Loads[key] {
		if s.Error == "" {
			xs = append(xs, f(s))
		}
	}
	return median(xs)
}

// rows makes the table from the samples.
func rows(rep *report) []row {
	nan := math.NaN()
	var out []row
	add := func(r row, maxRatio, maxAbs float64) {
		if maxRatio > 0 || maxAbs > 0 {
			r.Holds = checkTarget(r, maxRatio, maxAbs)
		}
		out = append(out, r)
	}
	s, f := rep.Wasm["spotcheck"], rep.Wasm["floor"]
	add(row{Measure: "app.wasm raw", Unit: "B", Spotcheck: float64(s.Raw), Floor: float64(f.Raw)}, 0, 0)
	add(row{Measure: "app.wasm gzip -9", Unit: "B", Spotcheck: float64(s.Gzip), Floor: float64(f.Gzip)}, 0, 0)
	add(row{Measure: "app.wasm brotli -q 11", Unit: "B", Spotcheck: float64(s.Brotli), Floor: float64(f.Brotli)}, 0, 0)

	both := func(cond string, fn func(loadSample) float64) (float64, float64) {
		return medianOf(rep, "spotcheck/"+cond, fn), medianOf(rep, "floor/"+cond, fn)
	}
	n := rep.Runs
	if sp, fl := both("loopback", func(x loadSample) float64 { return float64(x.PageBytes) }); !math.IsNaN(sp) {
		add(row{Measure: "first visit bytes (resource timing)", Unit: "B", Spotcheck: sp, Floor: fl, Target: "<= 1.15x"}, 1.15, 0)
	}
	if sp, fl := both("loopback", func(x loadSample) float64 { return float64(x.ServerBytes) }); !math.IsNaN(sp) {
		add(row{Measure: "first visit bytes + worker install (server)", Unit: "B", Spotcheck: sp, Floor: fl}, 0, 0)
	}
	// The targets (issue 12) by condition: the cold load, and Go's start throttled.
	coldTarget := map[string]float64{"loopback": 1.20, "throttled": 1.10}
	startTarget := map[string]float64{"throttled": 1.4}
	ratioTarget := func(q float64) string {
		if q == 0 {
			return ""
		}
		return fmt.Sprintf("<= %.2gx", q)
	}
	for _, c := range rep.Conditions {
		label := c.Name
		if c.Name == "throttled" {
			label = "10 Mbit/s, 40 ms, 4x CPU"
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return x.Cold.Interactive }); !math.IsNaN(sp) {
			q := coldTarget[c.Name]
			add(row{Measure: fmt.Sprintf("cold load to interactive, %s (median of %d)", label, n), Unit: "ms", Spotcheck: sp, Floor: fl, Target: ratioTarget(q)}, q, 0)
		}
		if sp, fl := both(c.Name, goStart); !math.IsNaN(sp) {
			q := startTarget[c.Name]
			add(row{Measure: "of which Go's start (wasm instantiated to interactive), " + label, Unit: "ms", Spotcheck: sp, Floor: fl, Target: ratioTarget(q)}, q, 0)
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return x.WasmMemory }); !math.IsNaN(sp) && sp > 0 {
			add(row{Measure: "wasm memory after load, " + label, Unit: "B", Spotcheck: sp, Floor: fl, Target: "<= 1.3x"}, 1.3, 0)
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return math.Max(x.Cold.Text, x.Cold.FCP) }); !math.IsNaN(sp) {
			r := row{Measure: "first text readable (emergency signs), " + label, Unit: "ms", Spotcheck: sp, Floor: fl}
			if c.Name == "throttled" {
				r.Target = "<= 0.5 s"
				add(r, 0, 500)
			} else {
				add(r, 0, 0)
			}
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return x.Cold.FCP }); !math.IsNaN(sp) {
			add(row{Measure: "first contentful paint, " + label, Unit: "ms", Spotcheck: sp, Floor: fl}, 0, 0)
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return x.Repeat.Interactive }); !math.IsNaN(sp) {
			add(row{Measure: "repeat visit (service worker), " + label, Unit: "ms", Spotcheck: sp, Floor: fl, Target: "<= 1.15x"}, 1.15, 0)
		}
		if sp, fl := both(c.Name, func(x loadSample) float64 { return x.Offline.Interactive }); !math.IsNaN(sp) {
			add(row{Measure: "offline load, " + label, Unit: "ms", Spotcheck: sp, Floor: fl, Target: "<= 1.15x"}, 1.15, 0)
		}
	}
	for _, c := range []string{"loopback", "cpu4x"} {
		var times, dom, result, memory []float64
		for _, strategy := range []string{"second", "unsure"} {
			w := rep.Walks[c+"/"+strategy]
			times = append(times, w.Times...)
			dom = append(dom, w.DOM...)
			result = append(result, w.Result...)
			if w.Memory > 0 {
				memory = append(memory, w.Memory)
			}
		}
		if len(times) == 0 {
			continue
		}
		cpu := "desktop CPU"
		if c == "cpu4x" {
			cpu = "4x CPU"
		}
		// The targets hold at 4x CPU (a phone), where they are hardest.
		r := row{Measure: fmt.Sprintf("answer to next question painted, median of %d (2 walks), %s", len(times), cpu), Unit: "ms", Spotcheck: median(times), Floor: nan}
		last := row{Measure: "last answer to the result painted, " + cpu, Unit: "ms", Spotcheck: median(result), Floor: nan}
		answerMax, lastMax := 0.0, 0.0
		if c == "cpu4x" {
			r.Target, last.Target = "<= 16 ms", "<= 100 ms"
			answerMax, lastMax = 16, 100
		}
		add(r, 0, answerMax)
		add(row{Measure: "answer to next question in the DOM (handler and render), " + cpu, Unit: "ms", Spotcheck: median(dom), Floor: nan}, 0, 0)
		if len(result) > 0 {
			add(last, 0, lastMax)
		}
		// The floor has no interview: its memory after load is the floor's least.
		if fl := medianOf(rep, "floor/loopback", func(x loadSample) float64 { return x.WasmMemory }); len(memory) > 0 {
			add(row{Measure: "wasm memory after a full interview (2 walks), " + cpu + ", floor: after load", Unit: "B", Spotcheck: median(memory), Floor: fl, Target: "<= 1.3x"}, 1.3, 0)
		}
	}
	eng := func(name, measure, target string, maxUS float64) {
		if v, ok := rep.Engine[name]; ok {
			r := row{Measure: measure, Unit: "us", Spotcheck: v / 1000, Floor: nan, Target: target}
			if maxUS > 0 {
				add(r, 0, maxUS)
			} else {
				add(r, 0, 0)
			}
		}
	}
	eng("BenchmarkEvaluate", "engine evaluate, native (go test)", "<= 20 us", 20)
	eng("BenchmarkNextQuestion", "engine next question, native", "", 0)
	eng("BenchmarkNextQuestionFirst", "engine next question (worst case), native", "", 0)
	eng("BenchmarkLoad", "knowledge load, native", "", 0)
	eng("BenchmarkEvaluate/wasm-node", "engine evaluate, wasm under Node", "", 0)
	eng("BenchmarkNextQuestion/wasm-node", "engine next question, wasm under Node", "", 0)
	eng("BenchmarkLoad/wasm-node", "knowledge load, wasm under Node", "", 0)
	for _, c := range []string{"loopback", "cpu4x"} {
		e := rep.EngineWeb[c]
		if e == nil {
			continue
		}
		label := "in Chromium"
		if c == "cpu4x" {
			label = "in Chromium, 4x CPU"
		}
		for _, k := range []struct{ key, name string }{
			{"evaluate_us", "engine evaluate"}, {"next_us", "engine next question"},
			{"next_first_us", "engine next question (worst case)"}, {"load_first_us", "knowledge load (first, as at start)"},
			{"load_us", "knowledge load"}, {"load_full_us", "knowledge load, validated (server check)"},
			{"gjson_walk_us", "knowledge.json, one gjson pass (least a loader does)"},
			{"json_any_us", "knowledge.json, encoding/json into any"},
		} {
			if v, ok := e[k.key].(float64); ok {
				r := row{Measure: k.name + ", " + label, Unit: "us", Spotcheck: v, Floor: nan}
				if k.key == "load_first_us" && c == "cpu4x" {
					r.Target = "<= 40 ms"
					add(r, 0, 40000)
				} else {
					add(r, 0, 0)
				}
			}
		}
	}
	return append(out, lighthouseRows(rep)...)
}

// jsonSafe turns NaN figures into nulls: it round-trips the report through a map.
func jsonSafe(rep report) any {
	type alias report
	clean := alias(rep)
	rowsOut := make([]map[string]any, len(clean.Rows))
	for i, r := range clean.Rows {
		m := map[string]any{"measure": r.Measure, "unit": r.Unit, "target": r.Target, "holds": r.Holds}
		for k, v := range map[string]float64{"spotcheck": r.Spotcheck, "floor": r.Floor, "ratio": r.Ratio()} {
			if math.IsNaN(v) {
				m[k] = nil
			} else {
				m[k] = v
			}
		}
		rowsOut[i] = m
	}
	out := map[string]any{}
	b, _ := json.Marshal(struct {
		alias
		Rows []row `json:"rows,omitempty"`
	}{alias: clean})
	_ = json.Unmarshal(b, &out)
	out["rows"] = rowsOut
	return out
}

// goStart is the time from the wasm instantiated to interactive on the first visit: Go's
// package initialisation, main and the first render.
func goStart(x loadSample) float64 {
	if x.Cold.Compiled < 0 {
		return -1
	}
	return x.Cold.Interactive - x.Cold.Compiled
}

// appTable lists the main figures of every app measured, medians by condition: for
// comparing variants. "go start" is from the wasm instantiated to interactive (Go's package
// initialisation, main and first render); "wasm end" is when its last byte arrived.
func appTable(rep *report, apps []*appSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| App | wasm br | first visit | condition | wasm end | go start | interactive | text | repeat | offline |\n")
	fmt.Fprintf(&b, "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, a := range apps {
		for _, c := range rep.Conditions {
			key := a.Name + "/" + c.Name
			m := func(f func(loadSample) float64) string { return formatValue(medianOf(rep, key, f), "ms") }
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", a.Name,
				formatValue(float64(rep.Wasm[a.Name].Brotli), "B"),
				formatValue(medianOf(rep, key, func(x loadSample) float64 { return float64(x.PageBytes) }), "B"),
				c.Name,
				m(func(x loadSample) float64 { return x.Cold.WasmEnd }),
				m(goStart),
				m(func(x loadSample) float64 { return x.Cold.Interactive }),
				m(func(x loadSample) float64 { return math.Max(x.Cold.Text, x.Cold.FCP) }),
				m(func(x loadSample) float64 { return x.Repeat.Interactive }),
				m(func(x loadSample) float64 { return x.Offline.Interactive }))
		}
	}
	return b.String()
}
