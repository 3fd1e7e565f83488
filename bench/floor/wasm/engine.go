//go:build wasm && benchengine

package main

import (
	"spotcheck"
	"spotcheck/app/triage"
)

// With the tag benchengine the floor also loads Spotcheck's knowledge base at start, as
// app/wasm does (Prechecked): the floor plus what the engine and knowledge.json cost, apart
// from the UI.
var kb, kbErr = triage.Load(spotcheck.KnowledgeJSON, triage.Prechecked())
