package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"spotcheck/app/triage"
)

// runCheck implements `server check [FILE]`: validate a knowledge base as the app would load
// it (the UI's texts included) and list every problem. Without FILE it checks the bundled one.
func runCheck(bundled []byte, args []string, stdout, stderr io.Writer) int {
	maxInput, args, err := takeMaxInput(args)
	if err != nil || len(args) > 1 {
		fmt.Fprintln(stderr, inputUsage(err, "check [-max-input SIZE] [FILE]   (the bundled knowledge.json by default)"))
		return 2
	}
	data, name := bundled, "knowledge.json"
	if len(args) == 1 {
		name = args[0]
		if data, err = readInput(name, os.Stdin, maxInput); err != nil {
			fmt.Fprintf(stderr, "check: %v\n", err)
			return 2
		}
	}
	k, err := load(data)
	var le *triage.LoadError
	if errors.As(err, &le) {
		printProblems(stdout, name, err)
		fmt.Fprintf(stderr, "check: %s: %d problem(s)\n", name, len(le.Problems))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "check: %s: %v\n", name, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok: version %s, %d findings, %d conditions, %d rules, %d sources\n",
		name, k.Meta().Version, len(k.Findings()), len(k.Conditions()), len(k.Rules()), len(k.Sources()))
	return 0
}
