package triage

import (
	"strings"
	"testing"
)

func TestParseFindings(t *testing.T) {
	k := bundled(t)
	tests := []struct {
		in      string
		wantErr string // empty: valid
	}{
		{`{}`, ""},
		{`{"age_years": 3, "fever": true, "glass_test": "does_not_fade", "location": ["legs", "trunk"]}`, ""},
		{`{"location": []}`, ""},
		{`{"fevr": true}`, "findings.fevr: unknown finding"},
		{`{"fever": "yes"}`, "findings.fever: want true or false, got a string"},
		{`{"age_years": "3"}`, "findings.age_years: want a number"},
		{`{"age_years": -1}`, "findings.age_years: -1 is outside"},
		{`{"glass_test": "blanches"}`, `findings.glass_test: "blanches" is not one of fades, does_not_fade, not_done`},
		{`{"location": "legs"}`, "findings.location: want a list of string values"},
		{`{"location": ["legs", "moon"]}`, `findings.location: "moon" is not one of`},
		{`{"location": [1]}`, "findings.location: want a list of strings, got a number"},
		{`{"fever": null}`, "findings.fever: want true or false, got null"},
		{`[]`, "findings: want an object"},
		{`{"fever": tru}`, "findings.fever: line 1, column 11: want true"},
	}
	for _, tt := range tests {
		f, err := k.ParseFindings(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ParseFindings(%s): %v", tt.in, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("ParseFindings(%s) = %v, want error containing %q", tt.in, err, tt.wantErr)
		case tt.wantErr != "" && f != nil:
			t.Errorf("ParseFindings(%s) returned findings with its error", tt.in)
		}
	}
}

func TestParseFindingsReportsEveryBadField(t *testing.T) {
	_, err := bundled(t).ParseFindings(`{"fevr": true, "itchy": 1, "sex": "other"}`)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, field := range []string{"findings.fevr", "findings.itchy", "findings.sex"} {
		if !strings.Contains(err.Error(), field) {
			t.Errorf("error %q does not name %s", err, field)
		}
	}
}

func TestFindingsJSONRoundTrip(t *testing.T) {
	k := bundled(t)
	in := `{"age_years":0.5,"sex":"female","fever":true,"itchy":false,"glass_test":"fades","location":["face","legs"],"duration_days":2}`
	f, err := k.ParseFindings(in)
	if err != nil {
		t.Fatal(err)
	}
	g, err := k.ParseFindings(f.JSON())
	if err != nil {
		t.Fatalf("ParseFindings(JSON()): %v", err)
	}
	if f.JSON() != g.JSON() || f.Len() != 7 {
		t.Errorf("round trip: %s != %s (len %d)", f.JSON(), g.JSON(), f.Len())
	}
	if a, ok := f.Value("location"); !ok || strings.Join(a.Set, ",") != "face,legs" {
		t.Errorf("Value(location) = %v, %v", a, ok)
	}
}

func TestUnsureIsAskedButUnknown(t *testing.T) {
	k := bundled(t)
	f := k.NewFindings()
	if err := f.SetUnsure("fever"); err != nil {
		t.Fatal(err)
	}
	if f.Known("fever") || !f.Asked("fever") || f.JSON() != "{}" {
		t.Errorf("unsure fever: known %v asked %v json %s", f.Known("fever"), f.Asked("fever"), f.JSON())
	}
	f.Unset("fever")
	if f.Asked("fever") {
		t.Error("Unset left fever asked")
	}
}
