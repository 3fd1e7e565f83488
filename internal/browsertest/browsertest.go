// Package browsertest starts Debian's headless Chromium for the project's browser tests, with
// the flags this closed network needs and a fresh profile each time.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ExecPath is the Chromium binary the tests drive (Debian's package "chromium").
const ExecPath = "/usr/bin/chromium"

// Available reports whether Chromium is installed.
func Available() bool {
	_, err := exec.LookPath(ExecPath)
	return err == nil
}

// Options are Chromium's flags: headless, no sandbox (tests run as root), English, and nothing
// that reaches out to the network on its own, which this machine's closed network would refuse.
func Options(userDataDir string) []chromedp.ExecAllocatorOption {
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	return append(opts,
		chromedp.ExecPath(ExecPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(userDataDir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		// English whatever the machine's locale, so that a walk shows the language it expects
		// (a test that wants another sets it per tab: Emulation.setUserAgentOverride).
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("accept-lang", "en-US,en"),
	)
}

// New starts a fresh headless Chromium (a new empty profile under t.TempDir) and returns a
// browser context that ends with the test, bounded by timeout. Without Chromium the test fails
// under CI (where .ci/run installs it) and is skipped elsewhere.
func New(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	return NewWith(t, timeout)
}

// NewWith is New with more Chromium flags after Options, such as a proxy for a test that must
// see every request the browser makes.
func NewWith(t testing.TB, timeout time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if !Available() {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium not found at %s", ExecPath)
		}
		t.Skipf("chromium not found at %s (apt-get install chromium)", ExecPath)
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(Options(t.TempDir()), extra...)...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	return browserCtx
}
