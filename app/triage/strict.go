package triage

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// MaxDepth is how deeply arrays and objects may nest in a knowledge base or a case file. The
// bundled knowledge nests 11 deep and a case file 5; gjson recurses once per level, so without
// a limit a few million '[' overflow its stack.
const MaxDepth = 64

// maxStrictProblems stops the scan of a file full of mistakes: the first hundred say enough.
const maxStrictProblems = 100

// bigObject is the member count from which an object's keys are checked for duplicates with a
// map; below it a linear search over the keys seen so far is fast enough and allocates nothing
// (the bundled knowledge's biggest object, meta.ui, has 82 members).
const bigObject = 128

// CheckJSON scans a whole JSON document once, before gjson reads it, and returns every way it
// is not plain, unambiguous JSON, each with its path: a syntax error (with line, column and an
// excerpt), a byte-order mark, nesting deeper than MaxDepth, a duplicate key (JSON readers
// disagree on which value wins, so a reviewer's tool could show another value than the engine
// uses), invalid UTF-8 or a lone UTF-16 surrogate, a number out of float64's range. The
// result is nil for a document gjson can read only one way.
func CheckJSON(data []byte) []Problem {
	s := scanner{data: data}
	s.document()
	return s.problems
}

// ErrTooDeep is CheckDepth's error: arrays and objects nested more than MaxDepth deep.
var ErrTooDeep = fmt.Errorf("arrays and objects nested more than %d deep", MaxDepth)

// CheckDepth reports ErrTooDeep (with its path) for a document nested deeper than MaxDepth
// before its first syntax error, so that a command can refuse it before anything else reads it.
func CheckDepth(data []byte) error {
	s := scanner{data: data}
	s.document()
	if s.tooDeep {
		return fmt.Errorf("%s: %w", s.problems[len(s.problems)-1].Path, ErrTooDeep)
	}
	return nil
}

// checkJSONString is CheckJSON on a string, without copying it.
func checkJSONString(text string) []Problem {
	return CheckJSON(unsafe.Slice(unsafe.StringData(text), len(text)))
}

// findingsError is the error of ParseFindings for a findings object that is not strict JSON,
// each problem under "findings" like the other errors of a case.
func findingsError(problems []Problem) error {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = "findings." + p.String()
		if p.Path == "$" {
			lines[i] = "findings: " + p.Message
		}
	}
	return errors.New(strings.Join(lines, "; "))
}

// segment is one step of the path to the value being scanned: an object key (the bytes
// between its quotes) or an array index.
type segment struct {
	key     []byte
	escaped bool // the key has a backslash escape, so its bytes are not its text
	index   int
}

// scanner is a recursive-descent JSON checker over bytes; recursion is bounded by MaxDepth.
type scanner struct {
	data     []byte
	pos      int
	path     []segment
	keys     []segment // the keys of every open object, innermost last
	problems []Problem
	stopped  bool // a syntax error or too many problems: the rest is not read
	tooDeep  bool
}

func (s *scanner) document() {
	switch {
	case bytes.HasPrefix(s.data, []byte("\xEF\xBB\xBF")):
		s.fail("$", "the file starts with a UTF-8 byte-order mark (bytes EF BB BF); save it as UTF-8 without a BOM")
		return
	case bytes.HasPrefix(s.data, []byte("\xFE\xFF")), bytes.HasPrefix(s.data, []byte("\xFF\xFE")):
		s.fail("$", "the file starts with a UTF-16 byte-order mark; save it as UTF-8 without a BOM")
		return
	}
	s.space()
	if s.pos == len(s.data) {
		s.fail("$", "empty: no JSON value")
		return
	}
	s.value()
	if s.stopped {
		return
	}
	s.space()
	if s.pos < len(s.data) {
		s.syntax("unexpected text after the JSON value")
	}
}

// pathString is the current path in the LoadError style: "conditions.3.prior", "$" at the top.
func (s *scanner) pathString() string {
	if len(s.path) == 0 {
		return "$"
	}
	var b strings.Builder
	for i, seg := range s.path {
		if i > 0 {
			b.WriteByte('.')
		}
		if seg.key != nil {
			b.WriteString(strings.ToValidUTF8(keyText(seg), "\uFFFD"))
		} else {
			b.WriteString(strconv.Itoa(seg.index))
		}
	}
	return b.String()
}

func (s *scanner) problem(path, format string, args ...any) {
	s.problems = append(s.problems, Problem{path, fmt.Sprintf(format, args...)})
	if len(s.problems) >= maxStrictProblems {
		s.problems = append(s.problems, Problem{"$", "too many problems; the rest of the file was not checked"})
		s.stopped = true
	}
}

func (s *scanner) fail(path, message string) {
	s.problems = append(s.problems, Problem{path, message})
	s.stopped = true
}

// syntax stops the scan with a syntax error at the current byte: line, column and the text
// around it.
func (s *scanner) syntax(message string) {
	line := 1 + bytes.Count(s.data[:s.pos], []byte("\n"))
	lineStart := bytes.LastIndexByte(s.data[:s.pos], '\n') + 1
	column := 1 + utf8.RuneCount(s.data[lineStart:s.pos])
	from, to := max(lineStart, s.pos-24), min(len(s.data), s.pos+16)
	if nl := bytes.IndexByte(s.data[s.pos:to], '\n'); nl >= 0 {
		to = s.pos + nl
	}
	found := "the end of the file"
	if s.pos < len(s.data) {
		found = strconv.QuoteRune(rune(s.data[s.pos]))
		if s.data[s.pos] >= utf8.RuneSelf {
			found = fmt.Sprintf("byte 0x%02X", s.data[s.pos])
		}
	}
	excerpt := strings.ToValidUTF8(string(s.data[from:to]), "\uFFFD")
	s.fail(s.pathString(), fmt.Sprintf("line %d, column %d: %s (found %s, near %q)", line, column, message, found, excerpt))
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) value() {
	if s.pos < len(s.data) && (s.data[s.pos] == '{' || s.data[s.pos] == '[') && len(s.path) >= MaxDepth {
		s.fail(s.pathString(), ErrTooDeep.Error())
		s.tooDeep = true
		return
	}
	if s.pos == len(s.data) {
		s.syntax("want a value")
		return
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		s.object()
	case c == '[':
		s.array()
	case c == '"':
		s.str()
	case c == '-' || ('0' <= c && c <= '9'):
		s.number()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == 'N' || c == 'I':
		s.syntax("NaN and Infinity are not JSON numbers")
	default:
		s.syntax("want a value")
	}
}

func (s *scanner) literal(word string) {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		s.syntax("want " + word)
		return
	}
	s.pos += len(word)
}

func (s *scanner) object() {
	s.pos++ // {
	first := len(s.keys)
	var seen map[string]struct{} // for big objects only
	defer func() { s.keys = s.keys[:first] }()
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return
	}
	for {
		s.space()
		if s.pos == len(s.data) || s.data[s.pos] != '"' {
			s.syntax("want a quoted key")
			return
		}
		keyStart := s.pos + 1
		escaped := s.str()
		if s.stopped {
			return
		}
		key := segment{key: s.data[keyStart : s.pos-1], escaped: escaped}
		members := s.keys[first:]
		if len(members) >= bigObject && seen == nil {
			seen = make(map[string]struct{}, 2*len(members))
			for _, m := range members {
				seen[keyText(m)] = struct{}{}
			}
		}
		if s.isDuplicate(key, members, seen) {
			s.problem(s.pathString(), "duplicate key %q", keyText(key))
			if s.stopped {
				return
			}
		}
		s.keys = append(s.keys, key)
		s.space()
		if s.pos == len(s.data) || s.data[s.pos] != ':' {
			s.syntax("want ':' after the key")
			return
		}
		s.pos++
		s.space()
		if !s.element(key, '}', "an object member") {
			return
		}
	}
}

// element scans the value at s.pos as the member or element seg of its container, and what
// follows it: true after a comma (another comes), false after the closing bracket or an error.
func (s *scanner) element(seg segment, closing byte, what string) bool {
	s.path = append(s.path, seg)
	s.value()
	s.path = s.path[:len(s.path)-1]
	if s.stopped {
		return false
	}
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ',' {
		s.pos++
		return true
	}
	if s.pos < len(s.data) && s.data[s.pos] == closing {
		s.pos++
		return false
	}
	s.syntax("want ',' or '" + string(closing) + "' after " + what)
	return false
}

// isDuplicate reports whether key is among the members already read (seen holds them all once
// the object is big).
func (s *scanner) isDuplicate(key segment, members []segment, seen map[string]struct{}) bool {
	if seen != nil {
		text := keyText(key)
		_, dup := seen[text]
		seen[text] = struct{}{}
		return dup
	}
	for _, m := range members {
		if !m.escaped && !key.escaped {
			if bytes.Equal(m.key, key.key) {
				return true
			}
		} else if keyText(m) == keyText(key) {
			return true
		}
	}
	return false
}

func (s *scanner) array() {
	s.pos++ // [
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return
	}
	for i := 0; ; i++ {
		s.space()
		if !s.element(segment{index: i}, ']', "an array element") {
			return
		}
	}
}

// str reads a string (s.pos at its opening quote) and reports whether it has an escape. Text
// that is not valid UTF-8, or a \u escape of half a surrogate pair, is a problem at the path.
func (s *scanner) str() (escaped bool) {
	s.pos++ // "
	badText := false
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			if badText {
				s.problem(s.pathString(), "text is not valid UTF-8")
			}
			return escaped
		case c == '\\':
			escaped = true
			if !s.escape() {
				if !s.stopped {
					badText = true
				}
			}
			if s.stopped {
				return escaped
			}
		case c < 0x20:
			s.syntax("a control character must be escaped in a string")
			return escaped
		case c < utf8.RuneSelf:
			s.pos++
		default:
			r, size := utf8.DecodeRune(s.data[s.pos:])
			if r == utf8.RuneError && size == 1 {
				badText = true
			}
			s.pos += size
		}
	}
	s.syntax("unterminated string")
	return escaped
}

// escape reads one backslash escape; false for a \u escape of a lone surrogate (a syntax
// error stops the scan instead).
func (s *scanner) escape() bool {
	if s.pos+1 >= len(s.data) {
		s.pos = len(s.data)
		s.syntax("unterminated string")
		return false
	}
	switch s.data[s.pos+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos += 2
		return true
	case 'u':
		r, ok := s.hex4(s.pos + 2)
		if !ok {
			return false
		}
		s.pos += 6
		if !utf16.IsSurrogate(r) {
			return true
		}
		if r >= 0xDC00 || !bytes.HasPrefix(s.data[s.pos:], []byte(`\u`)) {
			return false
		}
		low, ok := s.hex4(s.pos + 2)
		if !ok {
			return false
		}
		if utf16.DecodeRune(r, low) == utf8.RuneError {
			return false
		}
		s.pos += 6
		return true
	default:
		s.pos++
		s.syntax("unknown escape in a string")
		return false
	}
}

// hex4 reads the four hex digits of a \u escape at i.
func (s *scanner) hex4(i int) (rune, bool) {
	if i+4 > len(s.data) {
		s.pos = min(i, len(s.data))
		s.syntax("want four hex digits after \\u")
		return 0, false
	}
	var r rune
	for j := i; j < i+4; j++ {
		c := s.data[j]
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			s.pos = j
			s.syntax("want four hex digits after \\u")
			return 0, false
		}
	}
	return r, true
}

// number reads a number in JSON's grammar; one too big for a float64 is a problem (gjson
// would read it as infinity).
func (s *scanner) number() {
	start := s.pos
	if s.data[s.pos] == '-' {
		s.pos++
	}
	digits := func() int {
		n := 0
		for s.pos < len(s.data) && '0' <= s.data[s.pos] && s.data[s.pos] <= '9' {
			s.pos++
			n++
		}
		return n
	}
	switch {
	case s.pos < len(s.data) && s.data[s.pos] == '0':
		s.pos++
	case digits() == 0:
		if s.pos < len(s.data) && s.data[s.pos] == 'I' {
			s.syntax("NaN and Infinity are not JSON numbers")
		} else {
			s.syntax("want a digit")
		}
		return
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if digits() == 0 {
			s.syntax("want a digit after the decimal point")
			return
		}
	}
	exponent := false
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		exponent = true
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			s.syntax("want a digit in the exponent")
			return
		}
	}
	// Only an exponent or more than 308 digits can leave float64's range.
	if exponent || s.pos-start > 308 {
		if _, err := strconv.ParseFloat(string(s.data[start:s.pos]), 64); err != nil {
			s.problem(s.pathString(), "number %s is out of range", truncate(string(s.data[start:s.pos]), 40))
		}
	}
}

// keyText is the text of a key, its escapes decoded.
func keyText(seg segment) string {
	if !seg.escaped {
		return string(seg.key)
	}
	return jsonUnescape(seg.key)
}

// jsonUnescape decodes the escapes of a scanned (so well-formed) JSON string body.
func jsonUnescape(body []byte) string {
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			b.WriteByte(body[i])
			continue
		}
		i++
		switch body[i] {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, _ := strconv.ParseUint(string(body[i+1:i+5]), 16, 32)
			i += 4
			if utf16.IsSurrogate(rune(r)) && i+6 < len(body) && body[i+1] == '\\' && body[i+2] == 'u' {
				low, _ := strconv.ParseUint(string(body[i+3:i+7]), 16, 32)
				b.WriteRune(utf16.DecodeRune(rune(r), rune(low)))
				i += 6
				continue
			}
			b.WriteRune(rune(r))
		default: // " \ /
			b.WriteByte(body[i])
		}
	}
	return b.String()
}
