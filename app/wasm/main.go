//go:build wasm

// Command wasm is Spotcheck's browser app: the UI and the triage engine compiled to
// WebAssembly. Everything runs in the page; nothing is sent anywhere.
//
// It loads the bundled knowledge base once and passes it to the UI. `make build` runs
// `server check` (the full validation, the UI's texts included) and refuses to build on any
// problem, so the app loads it Prechecked: only what evaluation and the next question use,
// each text read in place when a screen shows it.
package main

import (
	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.Prechecked())
	if err != nil {
		// server check and the tests refuse such a build; should one ship, say so plainly
		// (no text of the broken base can be trusted) rather than show a half-working app.
		app.Log(err)
		ui.Broken(err)
	} else {
		ui.New(k).Routes()
	}
	app.RunWhenOnBrowser()
}
