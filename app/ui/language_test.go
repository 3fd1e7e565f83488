package ui

import (
	"slices"
	"testing"
)

// TestChooseLanguage: the picker's choice first, then the URL's lang, then the browser's
// languages in their order, then English; anything the base does not list is passed over.
func TestChooseLanguage(t *testing.T) {
	langs := []string{"en", "es"}
	for _, tc := range []struct {
		name              string
		browser           []string
		requested, chosen string
		want              string
	}{
		{"nothing known", nil, "", "", "en"},
		{"browser Spanish", []string{"es-MX", "en-US"}, "", "", "es"},
		{"browser's first listed language wins", []string{"fr-FR", "es-419", "en"}, "", "", "es"},
		{"browser order kept", []string{"en-GB", "es-ES"}, "", "", "en"},
		{"browser unlisted only", []string{"fr", "de-AT"}, "", "", "en"},
		{"browser tag with underscore", []string{"es_AR"}, "", "", "es"},
		{"URL over the browser", []string{"en-US"}, "es", "", "es"},
		{"URL English over a Spanish browser", []string{"es-ES"}, "en", "", "en"},
		{"URL region tag", nil, "es-MX", "", "es"},
		{"URL upper case", nil, "ES", "", "es"},
		{"URL unlisted: the browser's", []string{"es"}, "fr", "", "es"},
		{"URL hostile: the browser's", []string{"en"}, "../x", "", "en"},
		{"choice over URL and browser", []string{"en-US"}, "en", "es", "es"},
		{"choice English over Spanish URL", []string{"es"}, "es", "en", "en"},
		{"choice unlisted (base changed): URL", nil, "es", "de", "es"},
	} {
		if got := chooseLanguage(langs, tc.browser, tc.requested, tc.chosen); got != tc.want {
			t.Errorf("%s: chooseLanguage(%q, %q, %q) = %q, want %q", tc.name, tc.browser, tc.requested, tc.chosen, got, tc.want)
		}
	}
	// A base in English only speaks English whatever is asked.
	if got := chooseLanguage([]string{"en"}, []string{"es-MX"}, "es", "es"); got != "en" {
		t.Errorf("English-only base: %q", got)
	}
}

func TestURLLanguage(t *testing.T) {
	for _, tc := range []struct{ search, fragment, want string }{
		{"", "", ""},
		{"?lang=es", "", "es"},
		{"", "#lang=es&accent=%23003366", "es"},
		{"?lang=en", "#lang=es", "en"},
		{"?wasm=true", "#theme=dark", ""},
		{"?lang=%zz", "#lang=es", "es"},
	} {
		if got := urlLanguage(tc.search, tc.fragment); got != tc.want {
			t.Errorf("urlLanguage(%q, %q) = %q, want %q", tc.search, tc.fragment, got, tc.want)
		}
	}
}

// TestLanguageSaved: every listed language has its name (Load checks it too), and the choice
// is saved with the session and outlives "Start again".
func TestLanguageSaved(t *testing.T) {
	for _, lang := range kb.Meta().Languages {
		if kb.Meta().LanguageNames[lang] == "" {
			t.Errorf("no name for %s", lang)
		}
	}
	s := newSession(kb)
	s.lang = "es"
	s.start()
	data := s.save()
	s.reset()
	if s.lang != "es" {
		t.Errorf("start again forgot the chosen language: %q", s.lang)
	}
	r := newSession(kb)
	if err := r.restore(data); err != nil {
		t.Fatal(err)
	}
	if r.lang != "es" || !slices.Equal(r.current().Findings, newStarted().current().Findings) {
		t.Errorf("restored lang %q screen %v", r.lang, r.current().Findings)
	}
}

func newStarted() *session {
	s := newSession(kb)
	s.start()
	return s
}
