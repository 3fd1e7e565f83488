package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spotcheck/app/triage"
)

const reviewUsage = `usage: server review [-format html|md] [-o FILE] [FILE]
       server review [-format html|md] [-o FILE] OLD.json NEW.json
       server review -hash [FILE]
       server review -readability [FILE]

Writes the knowledge base (knowledge.json by default) for a clinician to read and sign off:
one self-contained HTML page or Markdown. With two files it shows what changed from OLD to
NEW. -hash prints the content hash to record as meta.content_hash; -readability lists every
user-facing text over grade 8, hardest first.
`

// reviewScale is the reading scale of the review's language, whose limit marks a text as hard.
var reviewScale = triage.ReadingScales[reviewLang]

// runReview implements `server review`.
func runReview(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, reviewUsage) }
	format := fs.String("format", "html", "html or md")
	outName := fs.String("o", "", "write to FILE instead of standard output")
	hash := fs.Bool("hash", false, "print the content hash to record as meta.content_hash")
	readability := fs.Bool("readability", false, "list the texts over grade 8, hardest first")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"knowledge.json"}
	}
	if *format != "html" && *format != "md" {
		fmt.Fprintf(stderr, "review: unknown format %q (want html or md)\n", *format)
		return 2
	}
	if len(files) > 2 || ((*hash || *readability) && len(files) != 1) || (*hash && *readability) {
		fs.Usage()
		return 2
	}
	bases := make([]*loadedBase, len(files))
	for i, name := range files {
		b, err := loadBase(name)
		if err != nil {
			fmt.Fprintf(stderr, "review: %v\n", err)
			return 1
		}
		bases[i] = b
	}
	out := stdout
	if *outName != "" {
		f, err := os.Create(*outName)
		if err != nil {
			fmt.Fprintf(stderr, "review: %v\n", err)
			return 2
		}
		defer f.Close()
		out = f
	}
	var err error
	switch {
	case *hash:
		_, err = fmt.Fprintln(out, bases[0].hash)
	case *readability:
		err = writeReadability(out, bases[0].k)
	case len(bases) == 2:
		err = writeDiff(out, *format, diffBases(bases[0], bases[1]))
	default:
		err = writeReviewPage(out, *format, buildReviewPage(bases[0]))
	}
	if err != nil {
		fmt.Fprintf(stderr, "review: %v\n", err)
		return 1
	}
	return 0
}

// loadedBase is a knowledge file loaded for review, with its name and content hash.
type loadedBase struct {
	name string
	k    *triage.Knowledge
	hash string
}

func loadBase(name string) (*loadedBase, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	k, err := triage.Load(data)
	if err != nil {
		var le *triage.LoadError
		if errors.As(err, &le) {
			return nil, fmt.Errorf("%s: %w (run `server check %s`)", name, err, name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	hash, err := triage.ContentHash(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &loadedBase{name, k, hash}, nil
}

// writeReadability lists, for every language the base lists, each user-facing text that misses
// its reading scale's limit, hardest first, then a summary line.
func writeReadability(w io.Writer, k *triage.Knowledge) error {
	for _, lang := range k.Meta().Languages {
		scale, ok := triage.ReadingScales[lang]
		if !ok {
			if _, err := fmt.Fprintf(w, "%s: no reading scale for this language (app/triage ReadingScales)\n", lang); err != nil {
				return err
			}
			continue
		}
		graded := scale.Grade(k.UserTexts(lang))
		missed := 0
		for _, g := range graded {
			if scale.Misses(g.Grade) {
				missed++
				if _, err := fmt.Fprintf(w, "%5.1f  %-8s  %s\n       %s\n", g.Grade, g.Kind, g.Where, g.Text); err != nil {
					return err
				}
			}
		}
		if _, err := fmt.Fprintf(w, "%s: %d of %d texts miss %s %g; median %.1f (limit %g)\n",
			lang, missed, len(graded), scale.Name, scale.Each, triage.MedianGrade(graded), scale.Median); err != nil {
			return err
		}
	}
	return nil
}
