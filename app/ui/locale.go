package ui

import (
	"slices"
	"strings"

	"spotcheck/app/triage"
)

// emergencyNumber returns the ambulance number for a browser locale such as "en-GB" from the
// knowledge base's table, and its default when the locale names no region it lists.
func emergencyNumber(numbers triage.EmergencyNumbers, locale string) string {
	parts := strings.FieldsFunc(locale, func(r rune) bool { return r == '-' || r == '_' })
	for _, p := range parts[min(1, len(parts)):] {
		if len(p) == 2 {
			return numbers.For(p)
		}
	}
	return numbers.Default
}

// numberNames labels each emergency number with the countries that use it (up to
// shownCountries, by their names in the language, which name gives), so that the picker
// does not list bare digits; a number no listed country uses is the default, "elsewhere".
func numberNames(numbers triage.EmergencyNumbers, name func(country string) string, elsewhere string) map[string]string {
	byNumber := map[string][]string{}
	for country, n := range numbers.ByCountry {
		byNumber[n] = append(byNumber[n], name(country))
	}
	labels := map[string]string{}
	for _, n := range numbers.All() {
		names := byNumber[n]
		slices.Sort(names)
		if len(names) > shownCountries {
			names = append(names[:shownCountries], "…")
		}
		if n == numbers.Default {
			names = append(names, elsewhere)
		}
		labels[n] = n + " (" + strings.Join(names, ", ") + ")"
	}
	return labels
}

// shownCountries is how many countries a number's label names.
const shownCountries = 3
