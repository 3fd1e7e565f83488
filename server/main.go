// Command server is Spotcheck's one native binary: it serves the app, exports it as a static
// site, checks a knowledge base, and triages case files from the command line.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage: server <command> [arguments]

Spotcheck's server and tools. The server only serves files: it never sees a case.

Commands:
  serve [-addr :8000]           serve the app (address also from $ADDR)
  static DIR [-base /sub/path]  write the app as a static site to DIR
  check [FILE]                  validate a knowledge base (knowledge.json by default);
                                print every problem, exit 1 on any
  triage [-interview] CASES.json
                                triage a case file ("-" for standard input): one JSON line
                                per case, exit 1 if any case has an error; -interview runs
                                each case as the app's interview (unknown answers "not
                                sure") and adds questions, screens, items and asked
  help                          print this help
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(rest, stderr)
	case "static":
		return runStatic(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "triage":
		return runTriage(rest, stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "server: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
}
