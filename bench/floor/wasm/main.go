//go:build wasm

// Command wasm is the floor app's WebAssembly main, built as Spotcheck's is:
// GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w'.
package main

import (
	"spotcheck/bench/floor"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	floor.Routes()
	app.RunWhenOnBrowser()
}
