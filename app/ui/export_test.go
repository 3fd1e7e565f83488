package ui

// The language rule, for the browser test that checks prerender.js chooses as the app does.
var (
	ChooseLanguage = chooseLanguage
	URLLanguage    = urlLanguage
)
