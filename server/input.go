package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"

	"spotcheck/app/triage"
)

// defaultMaxInput is how big a file `triage` and `check` read unless -max-input says otherwise:
// far more than any case file or knowledge base, far less than the machine's memory.
const defaultMaxInput = 64 << 20

// maxInputFlag is the flag that changes the input size limit of `triage` and `check`.
const maxInputFlag = "-max-input"

// takeMaxInput removes "-max-input SIZE" (or "-max-input=SIZE", one or two dashes) from a
// command's arguments, wherever it is, and returns the limit in bytes and the other
// arguments. SIZE is a number of bytes with an optional KiB, MiB or GiB suffix.
func takeMaxInput(args []string) (limit int64, rest []string, err error) {
	limit = defaultMaxInput
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return limit, append(rest, args[i:]...), nil
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if "-"+name != maxInputFlag || !strings.HasPrefix(arg, "-") {
			rest = append(rest, arg)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return 0, nil, fmt.Errorf("%s needs a size, such as 64MiB", maxInputFlag)
			}
			i++
			value = args[i]
		}
		if limit, err = parseSize(value); err != nil {
			return 0, nil, fmt.Errorf("%s %q: %v", maxInputFlag, value, err)
		}
	}
	return limit, rest, nil
}

// inputUsage is a command's usage line, after what was wrong with -max-input if anything.
func inputUsage(err error, command string) string {
	if err != nil {
		return err.Error() + "\nusage: server " + command
	}
	return "usage: server " + command
}

// parseSize reads "1048576", "512KiB", "64MiB" or "1GiB".
func parseSize(s string) (int64, error) {
	multiplier := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if rest, ok := strings.CutSuffix(s, suffix); ok {
			s, multiplier = rest, m
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/multiplier {
		return 0, errors.New("want a positive number of bytes, optionally with KiB, MiB or GiB, up to 1024GiB")
	}
	return n * multiplier, nil
}

// formatSize is a limit as the user would write it.
func formatSize(n int64) string {
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + " " + u.suffix
		}
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// readInput reads a JSON file ("-" for stdin) of at most limit bytes and refuses one nested
// deeper than triage.MaxDepth, before any parser sees it: a bigger file, a device such as
// /dev/zero or a pipe that never ends costs at most the limit in memory, then an error.
func readInput(name string, stdin io.Reader, limit int64) ([]byte, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return nil, err
		}
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a JSON file", name)
		}
		if info.Mode().IsRegular() && info.Size() > limit {
			return nil, tooBig(name, limit)
		}
		r = f
	}
	data, err := readLimited(r, limit)
	if errors.Is(err, errTooBig) {
		return nil, tooBig(name, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if err := triage.CheckDepth(data); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return data, nil
}

// errTooBig is readLimited's error for more than limit bytes.
var errTooBig = errors.New("too big")

// readLimited reads r to its end, at most limit bytes. It stops early, with an error, once the
// first byte that is not white space cannot begin a JSON value: /dev/zero or a binary file
// costs one read, not the limit.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(limit+1, 64<<10))
	sniffed := false
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), limit+1-int64(cap(buf)))))
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		read := buf[len(buf) : len(buf)+n]
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, errTooBig
		}
		if at := len(buf) - n + len(read) - len(bytes.TrimLeft(read, " \t\r\n")); !sniffed && at < len(buf) {
			sniffed = true
			if strings.IndexByte(jsonStart, buf[at]) < 0 {
				return nil, fmt.Errorf("not JSON: byte %d is 0x%02X, which cannot begin a JSON value", at+1, buf[at])
			}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// jsonStart holds the bytes a JSON value can begin with, and the first bytes of the byte-order
// marks that triage.CheckJSON names.
const jsonStart = "{[\"-0123456789tfn\xEF\xFE\xFF"

func tooBig(name string, limit int64) error {
	return fmt.Errorf("%s: bigger than the input limit of %s (%s changes it)", name, formatSize(limit), maxInputFlag)
}

// strictProblems is the error for a case file that is not strict JSON, every problem with its
// path (a duplicate key, invalid UTF-8, a syntax error with line and column).
func strictProblems(data []byte) error {
	problems := triage.CheckJSON(data)
	if problems == nil {
		return nil
	}
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.String()
	}
	return errors.New(strings.Join(lines, "\n  "))
}

// caseID is a case's id: its string, or "#N" (its place) when it has none. An id of another
// type is an error: printed as text, 7 and "7" would be the same case.
func caseID(c gjson.Result, i int) (string, error) {
	id := c.Get("id")
	if id.Type == gjson.String && id.Str != "" {
		return id.Str, nil
	}
	place := "#" + strconv.Itoa(i+1)
	switch {
	case !id.Exists() || id.Type == gjson.String:
		return place, nil
	case id.IsObject():
		return place, errors.New("id: want a string, got an object")
	case id.IsArray():
		return place, errors.New("id: want a string, got a list")
	}
	return place, fmt.Errorf("id: want a string, got %s", id.Raw) // a number, true, false or null
}
