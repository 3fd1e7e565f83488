// Command server is Spotcheck's one native binary: it serves the app, exports it as a static
// site, checks a knowledge base, and triages case files from the command line.
//
// The wiring lives here: main loads and validates the knowledge base once (the bundled one,
// or -knowledge FILE for serve and static), with the texts the UI needs, and passes it down:
// to the UI (ui.New), whose App the site serves, and to the triage command. A knowledge base
// that does not load is a list of problems and exit status 1 for every command, never a panic.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"
)

const usage = `usage: server <command> [arguments]

Spotcheck's server and tools. The server only serves files: it never sees a case.

Commands:
  serve [-addr :8000] [-knowledge FILE] [-embed-origins "https://a.example ..."]
                                serve the app (address also from $ADDR, embed origins
                                from $SPOTCHECK_EMBED_ORIGINS)
  static DIR [-base /sub/path] [-knowledge FILE] [-embed-origins ...]
                                write the app as a static site to DIR
  demo-partner -app URL [-addr 127.0.0.1:8001]
                                serve a partner's page that embeds the app at URL
  check [FILE]                  validate a knowledge base (the bundled one by default);
                                print every problem, exit 1 on any
  triage [-interview] [-max-input SIZE] CASES.json
                                triage a case file ("-" for standard input): one JSON line
                                per case, exit 1 if any case has an error; -interview runs
                                each case as the app's interview (unknown answers "not
                                sure") and adds questions, screens, items and asked
  review [FILE | OLD NEW]       the knowledge for a clinician to review (HTML or -format md),
                                or what changed between two files; -hash, -readability
  help                          print this help

-knowledge FILE gives the page and the manifest their texts from FILE instead of the bundled
knowledge base (the app itself, inside app.wasm, carries the one it was built with).
`

func main() {
	os.Exit(run(spotcheck.KnowledgeJSON, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit status. bundled is the knowledge base
// built into the binary (a parameter, so that the tests can break it).
func run(bundled []byte, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(bundled, rest, stderr)
	case "static":
		return runStatic(bundled, rest, stdout, stderr)
	case "demo-partner":
		return runDemoPartner(rest, stderr)
	case "check":
		return runCheck(bundled, rest, stdout, stderr)
	case "triage":
		k, ok := loadKnowledge(bundled, "", "triage", stderr)
		if !ok {
			return 1
		}
		return runTriage(k, rest, stdin, stdout, stderr)
	case "review":
		return runReview(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "server: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
}

// embedFlag is -embed-origins, for serve and static: the partner origins allowed to frame
// the app, space-separated, by default from $SPOTCHECK_EMBED_ORIGINS.
func embedFlag(fs *flag.FlagSet) *string {
	return fs.String("embed-origins", os.Getenv("SPOTCHECK_EMBED_ORIGINS"),
		`origins allowed to embed the app, such as "https://clinic.example https://*.health.example" (default from $SPOTCHECK_EMBED_ORIGINS; none: no framing)`)
}

// load validates a knowledge base as the app uses it: the engine's checks and the UI's texts.
func load(data []byte) (*triage.Knowledge, error) {
	return triage.Load(data, triage.RequireUI(ui.Texts()))
}

// loadKnowledge loads the file, or the bundled knowledge base when file is "", and reports
// every problem on stderr as "cmd: name: path: message".
func loadKnowledge(bundled []byte, file, cmd string, stderr io.Writer) (*triage.Knowledge, bool) {
	data, name := bundled, "bundled knowledge.json"
	if file != "" {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
			return nil, false
		}
		name = file
	}
	k, err := load(data)
	if err != nil {
		printProblems(stderr, cmd+": "+name, err)
		return nil, false
	}
	return k, true
}

// printProblems writes each problem of a load error on its own line, prefixed.
func printProblems(w io.Writer, prefix string, err error) {
	var le *triage.LoadError
	if !errors.As(err, &le) {
		fmt.Fprintf(w, "%s: %v\n", prefix, err)
		return
	}
	for _, p := range le.Problems {
		fmt.Fprintf(w, "%s: %s\n", prefix, p)
	}
}
