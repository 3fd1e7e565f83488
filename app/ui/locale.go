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

// pickLanguage returns the first of the knowledge base's languages that the locale ("de-AT")
// names, or English.
func pickLanguage(langs []string, locale string) string {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if slices.Contains(langs, base) {
		return base
	}
	return "en"
}
