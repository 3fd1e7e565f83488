package triage

import (
	"regexp"
	"slices"
	"strings"

	"github.com/tidwall/gjson"
)

// This file holds the emergency numbers table of knowledge.json and the one place that
// decides which number a person sees: from the country their browser names, or the
// table's default when it names none the table lists.

// EmergencyNumbers is the number that brings an ambulance in each listed country, and the
// one to show when the country is unknown or not listed.
type EmergencyNumbers struct {
	Default   string
	Countries []Country // in the table's order
	Sources   []string  // the table's own sources, besides each country's
	byCode    map[string]int
}

// Country is one row of the table.
type Country struct {
	Code    string // ISO 3166 alpha-2, upper case ("GB")
	Number  string
	Note    Text     // optional: another number that also works, said in plain words
	Sources []string // the official pages that give the number
}

// Local is the number to show and the country it is for. Known is false when the country
// is unknown or not listed: the number is then the default, and the UI says "your local
// emergency number" rather than naming a country.
type Local struct {
	Country string // "" when not Known
	Number  string
	Note    Text
	Known   bool
}

// ForCountry returns the number of a country code (any case), or the default, not Known.
func (e EmergencyNumbers) ForCountry(code string) Local {
	if i, ok := e.byCode[strings.ToUpper(code)]; ok {
		c := e.Countries[i]
		return Local{Country: c.Code, Number: c.Number, Note: c.Note, Known: true}
	}
	return Local{Number: e.Default}
}

// ForLocale returns the number for a browser's languages (navigator.languages, most
// preferred first): the country is the region of the first locale that names one
// ("en-GB", "zh-Hant-TW"); a later locale's region is not used, since it may be another
// country than the one the person is in. No region, or one the table does not list, gives
// the default, not Known.
func (e EmergencyNumbers) ForLocale(locales ...string) Local {
	for _, l := range locales {
		if region := LocaleRegion(l); region != "" {
			return e.ForCountry(region)
		}
	}
	return Local{Number: e.Default}
}

// For returns the number of a country code (any case), or the default.
func (e EmergencyNumbers) For(code string) string { return e.ForCountry(code).Number }

// Codes returns every listed country code, in the table's order.
func (e EmergencyNumbers) Codes() []string {
	codes := make([]string, len(e.Countries))
	for i, c := range e.Countries {
		codes[i] = c.Code
	}
	return codes
}

// AllSources returns the table's sources and every country's, each once.
func (e EmergencyNumbers) AllSources() []string {
	ids := slices.Clone(e.Sources)
	for _, c := range e.Countries {
		for _, s := range c.Sources {
			if !slices.Contains(ids, s) {
				ids = append(ids, s)
			}
		}
	}
	return ids
}

// EmergencyNumbers returns the emergency numbers table.
func (k *Knowledge) EmergencyNumbers() EmergencyNumbers { return k.numbers }

var (
	alphaRE  = regexp.MustCompile(`^[A-Za-z]+$`)
	regionRE = regexp.MustCompile(`^[A-Za-z]{2}$`)
)

// LocaleRegion returns the region of a BCP 47 language tag, upper case ("en-gb" -> "GB",
// "zh-Hant-TW" -> "TW", "es_MX" -> "MX"), or "" when it names none: no region ("es"), a
// region of several countries ("es-419", Latin America), or not a tag ("", "x", "en-").
// The tag is language[-script][-region]...; anything after the region is ignored.
func LocaleRegion(tag string) string {
	// An empty subtag ("en-", "en--GB") makes the tag invalid: split, do not skip.
	parts := strings.Split(strings.ReplaceAll(tag, "_", "-"), "-")
	if len(parts) < 2 || slices.Contains(parts, "") {
		return ""
	}
	if lang := parts[0]; len(lang) < 2 || len(lang) > 8 || !alphaRE.MatchString(lang) {
		return ""
	}
	i := 1
	if len(parts[i]) == 4 && alphaRE.MatchString(parts[i]) { // a script: Hant, Latn
		i++
	}
	if i < len(parts) && regionRE.MatchString(parts[i]) {
		return strings.ToUpper(parts[i])
	}
	return ""
}

var (
	countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
	phoneRE   = regexp.MustCompile(`^[0-9]{2,6}$`)
)

// loadEmergencyNumbers reads the emergency numbers table.
func (l *loader) loadEmergencyNumbers(r gjson.Result) {
	const p = "emergency_numbers"
	if !r.IsObject() {
		l.problem(p, "want an object with default, countries and sources, got %s", jsonKind(r))
		return
	}
	o := objectFields(r, 3)
	l.checkKeys(o, p, "default", "countries", "sources")
	e := &l.k.numbers
	e.Default = l.phone(o, p, "default")
	e.byCode = map[string]int{}
	for _, c := range l.objects(o.Get("countries"), p+".countries", "country", "number", "note", "sources") {
		code := l.str(c.fields, c.path, "country")
		if code != "" && !countryRE.MatchString(code) {
			l.problem(c.path+".country", "want an ISO 3166 two-letter code such as GB, got %q", code)
		}
		if _, dup := e.byCode[code]; dup {
			l.problem(c.path+".country", "duplicate country %q", code)
		}
		e.byCode[code] = len(e.Countries)
		e.Countries = append(e.Countries, Country{
			Code:    code,
			Number:  l.phone(c.fields, c.path, "number"),
			Note:    l.text(c.fields, c.path, "note", false),
			Sources: l.sourceIDs(c.fields, c.path),
		})
	}
	e.Sources = l.sourceIDs(o, p)
}

func (l *loader) phone(obj fields, path, key string) string {
	n := l.str(obj, path, key)
	if n != "" && !phoneRE.MatchString(n) {
		l.problem(join(path, key), "want a short phone number of digits, got %q", n)
	}
	return n
}
