package site

import (
	"encoding/json"
	"testing"
)

// TestBrowserTrustedTypes: with Trusted Types enforced the app starts and registers its
// worker (through our default policy), while an HTML string, a script URL of another origin
// and a worker from another origin are refused.
func TestBrowserTrustedTypes(t *testing.T) {
	dir := webDir(t)
	_, h := siteHandler(t, Options{Dir: dir})
	ctx, _ := browse(t, h)
	loadApp(t, ctx, "http://"+origin+"/")
	got := eval[string](t, ctx, `(async () => {
	  const out = {
	    policy: !!(window.trustedTypes && trustedTypes.defaultPolicy && trustedTypes.defaultPolicy.name === "default"),
	    worker: !!(await navigator.serviceWorker.getRegistration()),
	  };
	  const attempt = async (name, f) => {
	    try { await f(); out[name] = "allowed"; } catch (e) { out[name] = e.name; }
	  };
	  await attempt("html", () => { document.createElement("div").innerHTML = "<b>x</b>"; });
	  await attempt("foreignScript", () => { document.createElement("script").src = "https://example.com/x.js"; });
	  await attempt("ownScript", () => { document.createElement("script").src = "/offline.js"; });
	  await attempt("foreignWorker", () => navigator.serviceWorker.register("https://example.com/sw.js"));
	  await attempt("eval", () => eval("1"));
	  return JSON.stringify(out);
	})()`)
	var res map[string]any
	if err := json.Unmarshal([]byte(got), &res); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"policy": true, "worker": true, "html": "TypeError", "foreignScript": "TypeError",
		"ownScript": "allowed", "foreignWorker": "TypeError", "eval": "EvalError"}
	for k, v := range want {
		if res[k] != v {
			t.Errorf("%s: %v, want %v (all: %s)", k, res[k], v, got)
		}
	}
}
