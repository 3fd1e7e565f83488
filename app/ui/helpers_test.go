package ui

import (
	"spotcheck"
	"spotcheck/app/triage"
)

// kb is the bundled knowledge base, loaded as the app loads it.
var kb = func() *triage.Knowledge {
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.RequireUI(Texts()))
	if err != nil {
		panic(err) // every test needs it: stop at once, with the problems
	}
	return k
}()
