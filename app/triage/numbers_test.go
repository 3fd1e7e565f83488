package triage

import (
	"strings"
	"testing"
)

// TestForLocale: the number a browser's languages give, from the bundled table. Each row is
// a number a person in that country must see; a locale that names no listed country gets the
// default (112), never 911, and is not Known, so that the UI says "your local emergency
// number".
func TestForLocale(t *testing.T) {
	numbers := bundled(t).EmergencyNumbers()
	if numbers.Default != "112" {
		t.Fatalf("default = %q, want 112 (it works from mobile phones in most of the world)", numbers.Default)
	}
	tests := []struct {
		name    string
		locales []string
		country string // "" for unknown
		number  string
	}{
		{"Spain", []string{"es-ES"}, "ES", "112"},
		{"Mexico", []string{"es-MX"}, "MX", "911"},
		{"United Kingdom", []string{"en-GB"}, "GB", "999"},
		{"Australia", []string{"en-AU"}, "AU", "000"},
		{"Brazil", []string{"pt-BR"}, "BR", "192"},
		{"United States", []string{"en-US"}, "US", "911"},
		{"New Zealand", []string{"en-NZ"}, "NZ", "111"},
		{"Japan", []string{"ja-JP"}, "JP", "119"},
		{"India", []string{"hi-IN"}, "IN", "112"},
		{"France, medical emergencies", []string{"fr-FR"}, "FR", "15"},
		{"lower case and underscore", []string{"en_gb"}, "GB", "999"},
		{"script before the region", []string{"zh-Hant-TW"}, "TW", "119"},
		{"extension after the region", []string{"es-MX-u-ca-gregory"}, "MX", "911"},
		{"the first language with a region counts", []string{"es", "en-GB", "en-US"}, "GB", "999"},
		{"a later language's region is another country", []string{"en-ZZ", "en-GB"}, "", "112"},
		{"Spanish with no region", []string{"es"}, "", "112"},
		{"English with no region", []string{"en"}, "", "112"},
		{"Latin America is no country", []string{"es-419"}, "", "112"},
		{"a country the table does not list", []string{"en-ZZ"}, "", "112"},
		{"no languages", nil, "", "112"},
		{"empty", []string{""}, "", "112"},
		{"one letter", []string{"x"}, "", "112"},
		{"trailing dash", []string{"en-"}, "", "112"},
		{"empty subtag", []string{"en--GB"}, "", "112"},
		{"private use", []string{"x-GB"}, "", "112"},
		{"digits for a language", []string{"12-GB"}, "", "112"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := numbers.ForLocale(tt.locales...)
			if got.Number != tt.number || got.Country != tt.country || got.Known != (tt.country != "") {
				t.Errorf("ForLocale(%q) = %+v, want country %q, number %s", tt.locales, got, tt.country, tt.number)
			}
		})
	}
}

// TestForCountry: a chosen country gives its number and note; an unknown choice the default.
func TestForCountry(t *testing.T) {
	numbers := bundled(t).EmergencyNumbers()
	tests := []struct {
		code, country, number string
		note                  bool
	}{
		{"gb", "GB", "999", false},
		{"ZA", "ZA", "10177", true},
		{"FR", "FR", "15", true},
		{"", "", "112", false},
		{"ZZ", "", "112", false},
	}
	for _, tt := range tests {
		got := numbers.ForCountry(tt.code)
		if got.Country != tt.country || got.Number != tt.number || !got.Note.IsZero() != tt.note {
			t.Errorf("ForCountry(%q) = %+v, want %s %s, note %v", tt.code, got, tt.country, tt.number, tt.note)
		}
		if got.Number != numbers.For(tt.code) {
			t.Errorf("For(%q) = %s, ForCountry says %s", tt.code, numbers.For(tt.code), got.Number)
		}
	}
}

// TestNumbersTable: the table is as issue 11 asks: at least 40 countries, every country
// with its own source, every note in English, and the numbers a wrong entry would most
// likely get wrong.
func TestNumbersTable(t *testing.T) {
	k := bundled(t)
	numbers := k.EmergencyNumbers()
	if n := len(numbers.Countries); n < 40 {
		t.Errorf("%d countries, want at least 40", n)
	}
	if len(numbers.Codes()) != len(numbers.Countries) {
		t.Errorf("Codes() has %d, the table %d", len(numbers.Codes()), len(numbers.Countries))
	}
	for _, c := range numbers.Countries {
		if len(c.Sources) == 0 {
			t.Errorf("%s: no source", c.Code)
		}
		for _, s := range c.Sources {
			if k.Source(s) == nil || k.Source(s).Link() == "" {
				t.Errorf("%s: source %q has no page", c.Code, s)
			}
		}
		if !c.Note.IsZero() && c.Note.In("en") == "" {
			t.Errorf("%s: a note with no English", c.Code)
		}
		if !c.Note.IsZero() && !strings.ContainsAny(c.Note.In("en"), "0123456789") {
			t.Errorf("%s: note %q names no number: a note is for another number that also works", c.Code, c.Note.In("en"))
		}
	}
	// Every Spanish-speaking country the table lists, and the largest of each continent.
	want := map[string]string{
		"ES": "112", "MX": "911", "AR": "107", "CO": "123", "PE": "106", "CL": "131", "EC": "911",
		"CU": "104", "DO": "911", "PY": "141", "UY": "911", "CR": "911", "PA": "911", "PR": "911",
		"US": "911", "CA": "911", "GB": "999", "DE": "112", "IT": "112", "RU": "103", "TR": "112",
		"CN": "120", "IN": "112", "JP": "119", "KR": "119", "ZA": "10177", "EG": "123", "AU": "000",
		"NZ": "111", "BR": "192",
	}
	for code, number := range want {
		if got := numbers.ForCountry(code); !got.Known || got.Number != number {
			t.Errorf("%s: %+v, want %s", code, got, number)
		}
	}
}

// FuzzLocaleRegion: any tag gives no region or two upper-case letters that the tag holds,
// and ForLocale never gives anything but a table number or the default.
func FuzzLocaleRegion(f *testing.F) {
	for _, s := range []string{"en-GB", "zh-Hant-TW", "es-419", "en-", "x", "", "en_gb", "de-DE-u-co-phonebk", "--", "en-GB-"} {
		f.Add(s)
	}
	numbers := bundled(f).EmergencyNumbers()
	f.Fuzz(func(t *testing.T, tag string) {
		r := LocaleRegion(tag)
		if r != "" {
			if len(r) != 2 || !countryRE.MatchString(r) || !strings.Contains(strings.ToUpper(tag), r) {
				t.Fatalf("LocaleRegion(%q) = %q", tag, r)
			}
		}
		got := numbers.ForLocale(tag)
		switch {
		case got.Known && got.Number != numbers.For(got.Country):
			t.Fatalf("ForLocale(%q) = %+v: not the table's number", tag, got)
		case !got.Known && (got.Number != numbers.Default || got.Country != ""):
			t.Fatalf("ForLocale(%q) = %+v: unknown, yet not the default", tag, got)
		case got.Known && got.Country != r:
			t.Fatalf("ForLocale(%q) = %+v, region %q", tag, got, r)
		}
	})
}
