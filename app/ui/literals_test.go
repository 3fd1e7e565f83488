package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// textSetters are the go-app methods that put words on the screen or in front of a screen
// reader; textAttrs the attributes that do.
var (
	textSetters = map[string]bool{"Text": true, "Textf": true, "Title": true, "Alt": true, "Placeholder": true, "Label": true}
	textAttrs   = map[string]bool{"aria-label": true, "aria-description": true, "aria-roledescription": true, "aria-valuetext": true, "title": true, "alt": true, "placeholder": true}
)

// brokenPageRender is the one place whose words are Go's: the page for a knowledge base that
// did not load, where none of the base's words can be trusted.
const brokenPageRender = "Render of *brokenPage"

// TestNoInterfaceWordsInGo fails on any word shown to a person that is written in Go instead
// of coming from the knowledge base (issue 11): a string literal with a letter in it given to
// Text, Title, Alt, Placeholder or Label, or as the value of a text attribute (aria-label,
// title, ...). Such a word would stay English whatever the person chose.
func TestNoInterfaceWordsInGo(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked, brokenWords := 0, 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				var shown ast.Expr
				switch {
				case textSetters[sel.Sel.Name]:
					shown = call.Args[0]
				case (sel.Sel.Name == "Attr" || sel.Sel.Name == "Aria") && len(call.Args) == 2:
					// Attr("aria-label", v), or go-app's Aria("label", v).
					if key, ok := literal(call.Args[0]); ok && (textAttrs[key] || sel.Sel.Name == "Aria" && textAttrs["aria-"+key]) {
						shown = call.Args[1]
					}
				}
				if shown == nil {
					return true
				}
				checked++
				words, ok := literal(shown)
				if !ok || !strings.ContainsFunc(words, unicode.IsLetter) {
					return true
				}
				if funcName(fn) == brokenPageRender {
					brokenWords++
					return true
				}
				t.Errorf("%s: %s(%q): interface words in Go; put them in knowledge.json meta.ui and declare them in texts.go",
					fset.Position(call.Pos()), sel.Sel.Name, words)
				return true
			})
		}
	}
	// The scan must see the UI's text calls, and the broken page's words, or it checks nothing.
	if checked < 50 || brokenWords == 0 {
		t.Fatalf("the scan saw %d text calls and %d words of the broken page: it no longer reads the UI", checked, brokenWords)
	}
}

// literal returns the value of a string literal.
func literal(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// funcName names a function or method as "Render of *brokenPage".
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	recv := fn.Recv.List[0].Type
	if star, ok := recv.(*ast.StarExpr); ok {
		if id, ok := star.X.(*ast.Ident); ok {
			return fn.Name.Name + " of *" + id.Name
		}
	}
	if id, ok := recv.(*ast.Ident); ok {
		return fn.Name.Name + " of " + id.Name
	}
	return fn.Name.Name
}
