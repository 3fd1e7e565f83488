package browsertest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"

	"github.com/chromedp/chromedp"
)

// TB is what the helpers and the walker need of a test: testing.TB has it, and bench, a
// command, gives its own (a failure there ends the walk with an error).
type TB interface {
	Helper()
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Fatal(args ...any)
}

// Do runs browser actions and fails the test on an error.
func Do(t TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates a JavaScript expression in the page, awaiting it when it is a promise.
func Eval[T any](t TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// WaitJS waits until the expression is true (see Until), and fails the test if it never is.
func WaitJS(t TB, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	if err := Until(ctx, js, timeout); err != nil {
		t.Fatal(err)
	}
}

// Until waits until the expression is true: the page evaluates it at each animation frame
// (a focus change makes no DOM mutation to wait on), so the wait ends at the frame after the
// event that made it true, never after a guessed delay. A navigation that interrupts the wait
// (a reload) starts it again in the new page.
func Until(ctx context.Context, js string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("after %v, still not %s", timeout, js)
		}
		wctx, cancel := context.WithTimeout(ctx, left)
		_, err := chromedp.Run(wctx, chromedp.Poll[bool](`!!(`+js+`)`, chromedp.WithPollingTimeout(left)))
		cancel()
		switch {
		case err == nil:
			return nil
		case errors.Is(err, chromedp.ErrPollingTimeout), errors.Is(err, context.DeadlineExceeded), ctx.Err() != nil:
			return fmt.Errorf("after %v, still not %s: %w", timeout, js, err)
		}
		// The page went away under the wait (a navigation): wait again in the new one.
	}
}

// Knowledge is the bundled knowledge base, loaded as the app loads it (with the UI's texts):
// what the walker holds the page to.
func Knowledge(t TB) *triage.Knowledge {
	t.Helper()
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.RequireUI(ui.Texts()))
	if err != nil {
		t.Fatal(err)
	}
	return k
}
