//go:build wasm

// Command wasm is Spotcheck's browser app: the UI and the triage engine compiled to
// WebAssembly. Everything runs in the page; nothing is sent anywhere.
package main

import (
	"spotcheck/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	ui.Routes()
	app.RunWhenOnBrowser()
}
