package ui

import (
	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Checker is the app's one page: the frame (header, footer, notices, live region) around
// the current screen. It owns the session; the screens and widgets only show it.
type Checker struct {
	app.Compo

	// ctx is the Checker's own context, kept from OnMount: its Defer runs after the next
	// update even when the element that fired the event has gone with the old screen.
	ctx app.Context
	k   *triage.Knowledge // set by App.Routes
	s   *session
	w   words
	// locales are the browser's languages, which give the country of the emergency number
	// until the person chooses one.
	locales []string
	// countries are the emergency number's countries to choose from, by language.
	countries map[string][]countryOption
	// update is true when a new version has been downloaded (shown until reload).
	update bool
	// cached is true when the offline cache is ready; offline when the network is gone.
	cached, offline bool
	// confirming is true while "Start again" asks whether to delete the answers.
	confirming bool
	// installable is true when the browser can install the app; apple when it is Safari on
	// an iPhone or iPad (no prompt: Share, Add to Home Screen).
	installable, apple bool
}

// OnInit starts an empty session in the language the page shows: English on the server,
// in the browser the one the early script chose (prerenderedLanguage), with the browser's
// locales, which pick the emergency number: the app's first render shows what the early
// script showed, with no flash back to English or to the default number.
func (c *Checker) OnInit() {
	c.s = newSession(c.k)
	c.w = words{k: c.k, lang: c.prerenderedLanguage()}
	if !app.IsServer {
		c.locales = browserLocales()
	}
}

// OnMount restores the saved session and decides the language (pageLanguage).
func (c *Checker) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	c.ctx = ctx
	c.update = ctx.AppUpdateAvailable()
	c.watchOffline(ctx)
	c.watchEmbed(ctx)
	c.checkInstallable(ctx)
	c.resume(ctx)
	c.setLanguage(c.pageLanguage()) // after resume: the saved session holds the person's choice
	c.moved()
}

// OnAppUpdate shows that a new version is ready.
func (c *Checker) OnAppUpdate(ctx app.Context) { c.update = ctx.AppUpdateAvailable() }

// Render shows the frame and the current screen; on the server, the page in every language
// (prerender).
func (c *Checker) Render() app.UI {
	if app.IsServer {
		return c.prerender()
	}
	return app.Div().Class("page").Body(c.frame()...)
}

// frame is the page's content: the header, the current screen, the live region, the
// notices and the footer.
func (c *Checker) frame() []app.UI {
	var body app.UI
	switch c.s.showing() {
	case screenAsk:
		body = c.renderQuestion()
	case screenAnswers:
		body = c.renderAnswers()
	case screenResult:
		body = c.renderResult()
	default:
		body = c.renderStart()
	}
	announce := ""
	if c.s.showing() == screenResult {
		announce = c.w.text(c.k.UrgencyInfo(c.s.result.Urgency).Label)
	}
	return []app.UI{
		app.Header().Class("site-header").Body(
			app.Div().Class("wrap").Body(
				app.P().Class("brand").Text(c.w.ui(tName)),
				c.languagePicker(),
			),
		),
		app.Main().ID("main").Class("wrap").Body(body),
		app.Div().ID("announce").Class("visually-hidden").
			Attr("role", "status").Attr("aria-live", "polite").Text(announce),
		// Notices about the app itself come after the screen, so that they never move it.
		app.If(c.update, func() app.UI {
			return &Notice{Text: c.w.ui(tUpdateAvailable), Action: c.w.ui(tUpdateReload), OnAction: c.onReload}
		}).ElseIf(c.offline, func() app.UI {
			return &Notice{Text: c.w.ui(tOfflineNow)}
		}).ElseIf(c.cached && c.s.showing() == screenStart, func() app.UI {
			return &Notice{Text: c.w.ui(tOfflineReady)}
		}),
		app.Footer().Class("site-footer").Body(
			app.Div().Class("wrap").Body(
				app.P().Text(c.w.ui(tPrivacy)+" "+c.w.ui(tPrivacyTab)),
				app.P().Text(c.w.ui(tDisclaimer)),
				app.P().Class("version").Text(c.w.ui(tVersion, c.k.Meta().Version, c.k.Meta().Reviewed)),
			),
		),
	}
}

// moved is called after every change of screen: it moves the focus to the new screen's
// heading (so a screen reader reads it), names the page after it, and scrolls to the top.
func (c *Checker) moved() {
	c.ctx.Defer(func(app.Context) {
		app.Window().Call("scrollTo", 0, 0)
		c.setTitle()
		if h := app.Window().GetElementByID(titleID); h.Truthy() {
			h.Call("focus")
		}
	})
}

// titleID is the id of every screen's heading, which receives the focus.
const titleID = "screen-title"

// title is a screen's heading: the one h1, focusable by script only.
func title(text string) app.HTMLH1 {
	return app.H1().ID(titleID).TabIndex(-1).Text(text)
}

// step makes one move of the session, records it in the history and sessionStorage, then
// moves the focus to the new screen.
func (c *Checker) step(move func()) {
	shown := c.s.shown
	move()
	c.record(shown)
	c.moved()
}

func (c *Checker) onStart(app.Context, app.Event) { c.step(c.s.start) }

// onBack goes back through the browser's history; its popstate shows the screen.
func (c *Checker) onBack(app.Context, app.Event) { c.goBack() }

// onRestart asks first: "Start again" deletes every answer.
func (c *Checker) onRestart(app.Context, app.Event) {
	c.confirming = true
	c.ctx.Defer(func(app.Context) {
		if b := app.Window().GetElementByID(restartYesID); b.Truthy() {
			b.Call("focus")
		}
	})
}

func (c *Checker) onRestartYes(app.Context, app.Event) {
	c.confirming = false
	c.step(c.s.reset)
}

func (c *Checker) onRestartNo(app.Context, app.Event) { c.confirming = false }

func (c *Checker) onShowAnswers(app.Context, app.Event) { c.step(c.s.showAnswers) }
func (c *Checker) onSkip(app.Context, app.Event)        { c.step(c.s.skip) }
func (c *Checker) onWait(app.Context, app.Event)        { c.step(c.s.waitMore) }
func (c *Checker) onContinue(app.Context, app.Event)    { c.step(c.s.finishGroup) }

func (c *Checker) onChange(_ app.Context, id string) {
	c.step(func() { c.s.change(id) })
}

func (c *Checker) onPrint(_ app.Context, _ app.Event) { app.Window().Call("print") }

func (c *Checker) onReload(ctx app.Context) { ctx.Reload() }

// answer records one answer (nil: "not sure") and, when next is true, moves on to the next
// question. An answer that calls for an emergency shows the result at once.
func (c *Checker) answer(id string, a *triage.Answer, next bool) {
	shown := c.s.shown
	emergency, err := c.s.set(id, a)
	if err != nil {
		app.Log(err)
		return
	}
	if next && !emergency {
		c.s.advance()
	}
	c.record(shown)
	if next || emergency {
		c.moved()
	}
}

// restartYesID is the id of the button that confirms "Start again".
const restartYesID = "restart-yes"

// restartButtons are a screen's "Start again", and once pressed the question whether to
// delete the answers, with Yes and Cancel.
func (c *Checker) restartButtons(more ...app.UI) app.UI {
	if c.confirming {
		return app.Div().Class("confirm no-print").Attr("role", "group").Attr("aria-labelledby", "restart-question").Body(
			app.P().ID("restart-question").Class("confirm-question").Text(c.w.ui(tRestartConfirm)),
			app.Div().Class("buttons").Body(
				app.Button().Type("button").ID(restartYesID).Class("button button-warning").OnClick(c.onRestartYes).Text(c.w.ui(tRestartYes)),
				app.Button().Type("button").Class("button button-secondary").OnClick(c.onRestartNo).Text(c.w.ui(tCancel)),
			),
		)
	}
	return app.Div().Class("buttons no-print").Body(append(more,
		app.Button().Type("button").Class("button button-secondary button-restart").OnClick(c.onRestart).Text(c.w.ui(tStartAgain)),
	)...)
}
