//go:build wasm

// Command wasm is Spotcheck's browser app: the UI and the triage engine compiled to
// WebAssembly. Everything runs in the page; nothing is sent anywhere.
//
// Like the server, it loads and validates the bundled knowledge base once, with the texts the
// UI needs, and passes it to the UI.
package main

import (
	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.RequireUI(ui.Texts()))
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
