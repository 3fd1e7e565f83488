package triage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"spotcheck"
)

func TestCheckJSON(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	atLimit := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	for _, tc := range []struct {
		name, in string
		want     string // "" for no problem, else "path: message" (a prefix of the first problem)
	}{
		{"object", `{"a": [1, -2.5e3, "x", true, false, null, {}], "b": {"c": "\u00e9\ud83d\ude00"}}`, ""},
		{"nesting at the limit", atLimit, ""},
		{"escaped keys that differ", `{"a": 1, "\u0062": 2}`, ""},
		{"same key in sibling objects", `[{"a": 1}, {"a": 2}]`, ""},
		{"duplicate at the top", `{"a": 1, "a": 2}`, `$: duplicate key "a"`},
		{"duplicate in a nested object", `{"conditions": [{}, {}, {}, {"prior": 0.04, "prior": "bogus"}]}`, `conditions.3: duplicate key "prior"`},
		{"duplicate spelt with an escape", `{"x": {"fever": true, "f\u0065ver": false}}`, `x: duplicate key "fever"`},
		{"duplicate with an escaped slash", `{"a/b": 1, "a\/b": 2}`, `$: duplicate key "a/b"`},
		{"duplicate in a big object", bigObjectWith("k3"), `$: duplicate key "k3"`},
		{"invalid UTF-8 in a value", "{\"cases\": [{\"id\": \"a\xffb\"}]}", `cases.0.id: text is not valid UTF-8`},
		{"invalid UTF-8 in a key", "{\"a\xc3\": 1}", `$: text is not valid UTF-8`},
		{"lone high surrogate", `{"t": "\ud800"}`, `t: text is not valid UTF-8`},
		{"lone low surrogate", `{"t": "\udc00x"}`, `t: text is not valid UTF-8`},
		{"number out of range", `{"age_years": 1e999}`, `age_years: number 1e999 is out of range`},
		{"too deep", deep, strings.Repeat("0.", MaxDepth-1) + "0: arrays and objects nested more than 64 deep"},
		{"byte-order mark", "\xEF\xBB\xBF{}", "$: the file starts with a UTF-8 byte-order mark"},
		{"UTF-16 byte-order mark", "\xFF\xFE{\x00}\x00", "$: the file starts with a UTF-16 byte-order mark"},
		{"empty", "", "$: empty: no JSON value"},
		{"only space", " \n\t", "$: empty: no JSON value"},
		{"NaN", `{"age_years": NaN}`, `age_years: line 1, column 15: NaN and Infinity are not JSON numbers`},
		{"minus Infinity", `[-Infinity]`, `0: line 1, column 3: NaN and Infinity are not JSON numbers`},
		{"missing comma, line 2", "{\"a\": 1\n \"b\": 2}", `$: line 2, column 2: want ',' or '}' after an object member (found '"', near " \"b\": 2}")`},
		{"trailing comma", `[1, 2,]`, `2: line 1, column 7: want a value`},
		{"single quotes", `{'a': 1}`, `$: line 1, column 2: want a quoted key`},
		{"text after the value", `{} {}`, `$: line 1, column 4: unexpected text after the JSON value`},
		{"unterminated string", `{"a": "b`, `a: line 1, column 9: unterminated string`},
		{"control character", "[\"a\tb\"]", `0: line 1, column 4: a control character must be escaped`},
		{"bad escape", `["\x"]`, `0: line 1, column 4: unknown escape`},
		{"short unicode escape", `["\u12"]`, `0: line 1, column 7: want four hex digits`},
		{"leading zero", `[01]`, `$: line 1, column 3: want ',' or ']'`},
		{"bare minus", `[-]`, `0: line 1, column 3: want a digit`},
		{"decimal point without digits", `[1.]`, `0: line 1, column 4: want a digit after the decimal point`},
		{"exponent without digits", `[1e+]`, `0: line 1, column 5: want a digit in the exponent`},
		{"misspelt literal", `[tru]`, `0: line 1, column 2: want true`},
		{"unclosed object", `{"a": 1`, `$: line 1, column 8: want ',' or '}'`},
		{"column counts characters", `{"é": x}`, `é: line 1, column 7: want a value`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems := CheckJSON([]byte(tc.in))
			if tc.want == "" {
				if problems != nil {
					t.Fatalf("problems %v", problems)
				}
				return
			}
			if len(problems) == 0 || !strings.HasPrefix(problems[0].String(), tc.want) {
				t.Fatalf("problems %v; want the first to start with %q", problems, tc.want)
			}
		})
	}
}

// bigObjectWith is an object of 2*bigObject distinct keys k0, k1, ... and then key again.
func bigObjectWith(key string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range 2 * bigObject {
		fmt.Fprintf(&b, "%q: %d, ", "k"+strconv.Itoa(i), i)
	}
	fmt.Fprintf(&b, "%q: 0}", key)
	return b.String()
}

func TestCheckJSONListsEveryDuplicate(t *testing.T) {
	problems := CheckJSON([]byte(`{"a": {"x": 1, "x": 2}, "b": [{"y": 1, "y": 2, "y": 3}]}`))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{`a: duplicate key "x"`, `b.0: duplicate key "y"`, `b.0: duplicate key "y"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCheckJSONStopsAfterAHundredProblems(t *testing.T) {
	in := "[" + strings.Repeat(`{"a":1,"a":2},`, 1000) + "{}]"
	problems := CheckJSON([]byte(in))
	if len(problems) != maxStrictProblems+1 || !strings.Contains(problems[len(problems)-1].Message, "too many problems") {
		t.Fatalf("%d problems, last %v", len(problems), problems[len(problems)-1])
	}
}

func TestCheckJSONOnTheBundledKnowledgeAllocatesLittle(t *testing.T) {
	if problems := CheckJSON(spotcheck.KnowledgeJSON); problems != nil {
		t.Fatalf("knowledge.json: %v", problems)
	}
	allocs := testing.AllocsPerRun(10, func() { CheckJSON(spotcheck.KnowledgeJSON) })
	// The path and key stacks grow a few times (more for a deeper or wider file); nothing is
	// allocated per value: the file has tens of thousands of them.
	if allocs > 32 {
		t.Fatalf("%v allocations per scan", allocs)
	}
}

// The reproduction: a second prior in a condition was loaded, the first value winning.
func TestLoadRejectsADuplicatePrior(t *testing.T) {
	data := spotcheck.KnowledgeJSON
	at := gjson.GetBytes(data, "conditions.0.prior").Index
	if at <= 0 {
		t.Fatal("conditions.0 has no prior")
	}
	bad := append(append(append([]byte{}, data[:at]...), `"bogus", "prior": `...), data[at:]...)
	_, err := Load(bad)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 1 || le.Problems[0].String() != `conditions.0: duplicate key "prior"` {
		t.Fatalf("Load: %v", err)
	}
}

func TestParseFindingsRejectsStrictProblems(t *testing.T) {
	k := bundled(t)
	for _, tc := range []struct{ in, want string }{
		{`{"fever": true, "fever": false}`, `findings: duplicate key "fever"`},
		{`{"location": ["legs"], "location": []}`, `findings: duplicate key "location"`},
		{"{\"glass_test\": \"fades\xff\"}", `findings.glass_test: text is not valid UTF-8`},
		{`{"age_years": NaN}`, `findings.age_years: line 1, column 15: NaN`},
		{``, `findings: empty`},
	} {
		if _, err := k.ParseFindings(tc.in); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseFindings(%q): %v; want %q", tc.in, err, tc.want)
		}
	}
}

// FuzzCheckJSON holds the scanner to encoding/json: a syntax error exactly when encoding/json
// rejects the document (unless the scan stopped first at the depth limit or too many problems).
func FuzzCheckJSON(f *testing.F) {
	for _, s := range []string{`{"a": 1, "a": 2}`, `{"a": {"b": [1, {"c": 2, "c": 3}]}}`, `{"\u0061": 1, "a": 2}`,
		`[1e400]`, "\"\xff\"", `"\ud800"`, `{"x": NaN}`, `[1, 2,]`, "\xEF\xBB\xBF{}", `[[[[]]]]`, `"\/\b\f\n\r\t"`} {
		f.Add([]byte(s))
	}
	f.Add(spotcheck.KnowledgeJSON)
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := CheckJSON(data)
		syntax, stoppedEarly := false, false
		for _, p := range problems {
			switch {
			case strings.HasPrefix(p.Message, "line "), strings.Contains(p.Message, "byte-order mark"), strings.HasPrefix(p.Message, "empty"):
				syntax = true
			case strings.HasPrefix(p.Message, "arrays and objects nested"), strings.HasPrefix(p.Message, "too many problems"):
				stoppedEarly = true
			}
		}
		valid := json.Valid(data)
		if syntax == valid || (!valid && !syntax && !stoppedEarly) {
			t.Fatalf("encoding/json valid %v; problems %v", valid, problems)
		}
		if len(problems) == 0 && !bytes.Equal(data, bytes.ToValidUTF8(data, nil)) {
			t.Fatalf("invalid UTF-8 passed: %q", data)
		}
	})
}
