package ui

import (
	"slices"
	"strings"
)

// defaultNumber is the emergency number that works across the EU and from most mobile phones.
const defaultNumber = "112"

// numbersByRegion maps a region (the end of a browser locale, "en-US" -> "US") to its
// ambulance number where that is not 112.
var numbersByRegion = map[string]string{
	"US": "911", "CA": "911", "MX": "911", "PR": "911", "PH": "911",
	"GB": "999", "HK": "999", "MY": "999", "BD": "999",
	"AU": "000",
	"NZ": "111",
	"JP": "119", "KR": "119", "TW": "119",
	"CN": "120",
	"SG": "995",
	"BR": "192",
	"ZA": "10177",
}

// emergencyNumbers are the numbers the person can pick from, sorted.
var emergencyNumbers = func() []string {
	ns := []string{defaultNumber}
	for _, n := range numbersByRegion {
		if !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	slices.Sort(ns)
	return ns
}()

// emergencyNumber returns the ambulance number for a browser locale such as "en-GB", and 112
// when the locale names no region or a region with 112.
func emergencyNumber(locale string) string {
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '-' || r == '_' })
	for _, p := range parts[min(1, len(parts)):] {
		if n, ok := numbersByRegion[strings.ToUpper(p)]; ok && len(p) == 2 {
			return n
		}
	}
	return defaultNumber
}

// pickLanguage returns the first of the knowledge base's languages that the locale ("de-AT")
// names, or English.
func pickLanguage(langs []string, locale string) string {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if slices.Contains(langs, base) {
		return base
	}
	return "en"
}
