package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Each screen is an entry of the browser's history, so that its Back and Forward (and a
// phone's Back) move between the screens and never leave the app; and the session is kept
// in this tab's sessionStorage, so that a reload keeps the answers. Nothing else is stored:
// sessionStorage belongs to this tab alone and is gone when it closes; "Start again" deletes
// it at once.

// storageKey is the one sessionStorage item the app writes.
const storageKey = "spotcheck"

// entry is what a history entry holds: which screen of which run.
func (c *Checker) entry() map[string]any { return map[string]any{"spot": c.s.pos, "run": c.s.run} }

// resume restores a saved session after a reload, shows the screen of the current history
// entry, and follows Back and Forward from then on.
func (c *Checker) resume(ctx app.Context) {
	win := app.Window()
	if store := sessionStore(); store.Truthy() {
		if data := store.Call("getItem", storageKey); data.Truthy() {
			if err := c.s.restore(data.String()); err != nil {
				app.Log("saved answers not restored:", err)
			}
		}
	}
	c.showEntry(win.Get("history").Get("state"))
	win.Get("history").Call("replaceState", c.entry(), "")
	win.Call("addEventListener", "popstate", app.FuncOf(func(_ app.Value, args []app.Value) any {
		state := args[0].Get("state")
		ctx.Dispatch(func(app.Context) {
			c.showEntry(state)
			c.saveSession()
			c.moved()
		})
		return nil
	}))
}

// showEntry shows the screen a history entry names; an entry of an earlier run (before
// "Start again") shows the start screen.
func (c *Checker) showEntry(state app.Value) {
	c.confirming = false
	if state.Truthy() && state.Get("run").Truthy() && state.Get("run").Int() == c.s.run &&
		c.s.goTo(state.Get("spot").Int()) {
		return
	}
	c.s.goTo(0)
}

// record adds a history entry when the session moved to a new screen, and saves it.
func (c *Checker) record(shownBefore int) {
	if app.IsServer {
		return
	}
	if c.s.shown != shownBefore {
		app.Window().Get("history").Call("pushState", c.entry(), "")
	}
	c.saveSession()
}

// saveSession keeps the session in sessionStorage, or removes it when nothing is answered,
// the start screen shows and no language was chosen.
func (c *Checker) saveSession() {
	store := sessionStore()
	if !store.Truthy() { // no storage (a private mode, a sandboxed frame): kept in memory only
		return
	}
	if c.s.pos == 0 && len(c.s.answered()) == 0 && c.s.lang == "" && !c.s.chose {
		store.Call("removeItem", storageKey)
		return
	}
	store.Call("setItem", storageKey, c.s.save())
}

// sessionStore is this tab's sessionStorage, or null where the browser denies storage:
// reading window.sessionStorage throws there, which would stop the wasm, so embed-frame.js
// reads it in a try and gives what it found as spotcheckEmbed.storage. Without storage the
// interview and the language choice live in the page's memory only: a reload starts afresh.
func sessionStore() app.Value {
	if st := app.Window().Get("spotcheckEmbed"); st.Truthy() {
		return st.Get("storage")
	}
	return app.Window().Get("sessionStorage")
}

// goBack is the app's Back: the browser's, so that both move along the same history.
func (c *Checker) goBack() {
	if app.IsServer {
		c.s.back()
		return
	}
	app.Window().Get("history").Call("back")
}

// setTitle makes the page title the screen's heading: each screen is told apart in the
// history, the tab and by a screen reader.
func (c *Checker) setTitle() {
	h := app.Window().GetElementByID(titleID)
	if !h.Truthy() {
		return
	}
	app.Window().Get("document").Set("title", c.w.ui(tScreenTitle, h.Get("textContent").String(), c.w.ui(tName)))
}
