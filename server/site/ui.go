package site

import "spotcheck/app/ui"

// DefaultApp is the app as package ui describes it.
func DefaultApp() *App {
	return &App{
		Name:            ui.Title,
		ShortName:       "Spotcheck",
		Title:           ui.Title,
		Description:     ui.Description,
		LoadingLabel:    ui.LoadingLabel,
		ThemeColor:      ui.ThemeColor,
		BackgroundColor: ui.BackgroundColor,
		Styles:          ui.Styles,
		Routes:          ui.Routes,
	}
}
