package ui

import (
	"slices"
	"strings"
)

// pickLanguage returns the first of the knowledge base's languages that the locale ("de-AT")
// names, or English.
func pickLanguage(langs []string, locale string) string {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if slices.Contains(langs, base) {
		return base
	}
	return "en"
}
