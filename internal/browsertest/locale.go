package browsertest

import (
	"context"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Locale makes a tab a browser set to a language and region ("en-GB", or "es" for none):
// navigator.language and navigator.languages, the Accept-Language header, and Intl's default
// locale. Call it before the tab's first navigation; it holds for the tab's later pages.
func Locale(t TB, ctx context.Context, locale string) {
	t.Helper()
	ua := Eval[string](t, ctx, `navigator.userAgent`)
	Do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: locale}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: strings.ReplaceAll(locale, "-", "_")})
		return err
	}))
}
