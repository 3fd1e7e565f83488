package main

import (
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
)

// The review page's two forms. The HTML is one self-contained file (inline CSS, no scripts,
// no external resources) that prints well; the Markdown has the same sections.

var reviewFuncs = map[string]any{
	"anchor": func(kind, id string) string { return kind + "-" + id },
	"cell":   mdCell,
	"draftWord": func(r interface{ Draft() bool }) string {
		if r.Draft() {
			return "Draft"
		}
		return "Reviewed"
	},
}

// mdCell makes a text safe inside a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(s)
}

const reviewCSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #c9c9c9; --soft: #f3f4f6;
  --draft: #8a4b00; --draftbg: #fff3df; --ok: #14532d; --okbg: #e3f5e8; --bad: #9b1c1c; --badbg: #fde8e8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.15rem; margin: 0 0 .5rem; }
section.item { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; break-inside: avoid-page; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.effect { white-space: nowrap; }
tbody th[scope=row] { width: 10rem; }
td.hard { background: var(--badbg); color: var(--bad); font-weight: 600; }
.badge { display: inline-block; font-size: .85rem; padding: .05rem .5rem; border-radius: 999px;
  border: 1px solid var(--line); margin: 0 .3rem .3rem 0; }
.draft { background: var(--draftbg); color: var(--draft); border-color: var(--draft); font-weight: 600; }
.reviewed { background: var(--okbg); color: var(--ok); border-color: var(--ok); }
.warn { background: var(--badbg); color: var(--bad); padding: .5rem .75rem; border-radius: 6px; }
.op { font-weight: 700; color: #1d4ed8; }
.defref { font-style: italic; }
.answer { font-weight: 600; color: #0f5132; }
.when { font-size: 1.05rem; background: var(--soft); padding: .5rem .75rem; border-radius: 6px; }
.ids, .small { font-size: .8rem; color: var(--muted); }
code { font-size: .85em; overflow-wrap: anywhere; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
nav ol { columns: 3 16rem; column-gap: 2.5rem; }
nav li { break-inside: avoid; }
.for { color: var(--ok); } .against { color: var(--bad); }
@media print { body { padding: 0; max-width: none; } nav { display: none; } a { color: inherit; } }
`

var reviewHTML = htmltemplate.Must(htmltemplate.New("review").Funcs(reviewFuncs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Name}} knowledge review, version {{.Version}}</title>
<style>` + reviewCSS + `</style>
</head>
<body>
<header>
<h1>{{.Name}} knowledge review</h1>
<dl class="meta">
<dt>Knowledge version</dt><dd id="version">{{.Version}}</dd>
<dt>Review date</dt><dd id="reviewed">{{.Reviewed}}</dd>
<dt>File</dt><dd><code>{{.File}}</code></dd>
<dt>Content hash</dt><dd><code>{{.Hash}}</code>{{if .HashMatches}} (matches meta.content_hash){{end}}</dd>
<dt>Drafts</dt><dd><span id="drafts">{{.DraftCauses}} of {{len .Causes}} causes and {{.DraftRules}} of {{len .Rules}} rules</span> are drafts, not yet signed off by a clinician.</dd>
</dl>
{{if not .HashMatches}}<p class="warn" id="hash-warning">The recorded content hash ({{if .RecordedHash}}<code>{{.RecordedHash}}</code>{{else}}none{{end}}) does not match this content: the clinical content changed since version {{.Version}} was recorded. It needs a new version, review date and hash.</p>{{end}}
</header>
<nav aria-label="Contents">
<h2>Contents</h2>
<p><a href="#causes">Causes</a> · <a href="#rules">Rules</a> · <a href="#assess">Assessments</a> · <a href="#defs">Definitions</a> · <a href="#questions">Questions</a> · <a href="#sources">Sources</a> · <a href="#reading">Reading level</a></p>
<h3>Causes</h3>
<ol>{{range .Causes}}<li><a href="#{{anchor "cause" .ID}}">{{.Name}}</a>{{if .Review.Draft}} <span class="small">(draft)</span>{{end}}</li>{{end}}</ol>
<h3>Rules</h3>
<ol>{{range .Rules}}<li><a href="#{{anchor "rule" .ID}}">{{.Title}}</a> <span class="small">({{.Urgency}}{{if .Review.Draft}}, draft{{end}})</span></li>{{end}}</ol>
</nav>
<main>
<h2 id="causes">Causes ({{len .Causes}})</h2>
<p>Each cause starts from its prior (how common it is among people who use the checker with spots).
Each answer multiplies its odds by the likelihood ratio (LR): above 1 the answer argues for the cause, below 1 against it.
An answer not listed, or not known, leaves it alone.</p>
{{range .Causes}}
<section class="item cause" id="{{anchor "cause" .ID}}" data-id="{{.ID}}">
<h3>{{.Name}} <span class="ids">{{.ID}}</span></h3>
<p><span class="badge {{if .Review.Draft}}draft{{else}}reviewed{{end}}">{{draftWord .Review}}: {{.Review.By}}, {{.Review.Date}}</span>
<span class="badge">When likely: {{.Urgency}}</span> <span class="badge">Prior {{.Prior}}</span></p>
<table>
<thead><tr><th scope="col">Text</th><th scope="col">What the person reads</th><th scope="col" class="num">Grade</th></tr></thead>
<tbody>{{range .Texts}}<tr><th scope="row">{{.Label}}</th><td>{{.Text}}</td><td class="num{{if .Hard}} hard{{end}}">{{.Grade}}</td></tr>{{end}}</tbody>
</table>
<table class="ratios">
<thead><tr><th scope="col">Question</th><th scope="col">Answer</th><th scope="col" class="num">LR</th><th scope="col">Effect</th><th scope="col">Own source and why (otherwise the cause's sources)</th></tr></thead>
<tbody>{{range .Ratios}}<tr>{{if .Rows}}<td rowspan="{{.Rows}}" title="{{.Finding}}">{{.Question}} <span class="ids">{{.Finding}}</span></td>{{end}}<td>{{.Answer}}</td><td class="num">{{.LR}}</td><td class="effect {{if .Against}}against{{else}}for{{end}}">{{.Effect}}</td>{{if .Rows}}<td rowspan="{{.Rows}}">{{with .Note}}{{if .Source.ID}}<a href="#{{anchor "source" .Source.ID}}">{{.Source.Title}}</a>{{end}}{{if .Why}}{{if .Source.ID}}: {{end}}{{.Why}}{{end}}{{else}}<span class="small">–</span>{{end}}</td>{{end}}</tr>{{end}}</tbody>
</table>
<p>Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}<a href="#{{anchor "source" $s.ID}}">{{$s.Title}}</a>{{end}}</p>
</section>
{{end}}
<h2 id="rules">Rules ({{len .Rules}})</h2>
<p>A rule sets the least urgency when it holds, whatever the causes say. A question about a finding holds only when answered so;
<b>NOT (…)</b> also holds when the answer is not known or “Not sure”: the rules use it to fail safe.
Words in [brackets] are named definitions, listed after the rules.</p>
{{range .Rules}}
<section class="item rule" id="{{anchor "rule" .ID}}" data-id="{{.ID}}">
<h3>{{.Title}} <span class="ids">{{.ID}}</span></h3>
<p><span class="badge {{if .Review.Draft}}draft{{else}}reviewed{{end}}">{{draftWord .Review}}: {{.Review.By}}, {{.Review.Date}}</span> <span class="badge">{{.Kind}}</span></p>
<p class="when"><b>{{.Urgency}} when:</b> {{range .When}}{{if .Op}}{{if .Break}}<br>{{end}}<span class="op">{{.Text}}</span>{{else if .Def}}<a class="defref" href="#{{anchor "def" .Def}}" title="{{.Code}}">{{.Text}}</a>{{else}}<span title="{{.Code}}">{{.Question}} <span class="answer">{{.Answer}}</span></span>{{end}}{{end}}</p>
<p class="ids">ids: <code>{{.When.Code}}</code></p>
<table><tbody><tr><th scope="row">{{.Message.Label}}</th><td>{{.Message.Text}}</td><td class="num{{if .Message.Hard}} hard{{end}}">{{.Message.Grade}}</td></tr></tbody></table>
{{if .Causes}}<p>Points to (listed first in an emergency): {{range $i, $c := .Causes}}{{if $i}}, {{end}}<a href="#{{anchor "cause" $c.ID}}">{{$c.Name}}</a>{{end}}</p>{{end}}
<p>Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}<a href="#{{anchor "source" $s.ID}}">{{$s.Title}}</a>{{end}}</p>
</section>
{{end}}
<h2 id="assess">Assessments ({{len .Assessments}})</h2>
<p class="small">What the interview asks once the condition holds, whatever the value of information says.</p>
{{range .Assessments}}
<section class="item assess" id="{{anchor "assess" .ID}}">
<h3><span class="ids">{{.ID}}</span></h3>
<p><span class="badge {{if .Review.Draft}}draft{{else}}reviewed{{end}}">{{draftWord .Review}}: {{.Review.By}}, {{.Review.Date}}</span></p>
<p class="when"><b>Ask when:</b> {{range .When}}{{if .Op}}{{if .Break}}<br>{{end}}<span class="op">{{.Text}}</span>{{else}}<span title="{{.Code}}">{{.Question}} <span class="answer">{{.Answer}}</span></span>{{end}}{{end}}</p>
<p>Asks: {{range $i, $q := .Questions}}{{if $i}}; {{end}}{{$q}}{{end}}</p>
<p>{{.Note}}</p>
<p>Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}<a href="#{{anchor "source" $s.ID}}">{{$s.Title}}</a>{{end}}</p>
</section>
{{else}}<p>None.</p>
{{end}}
<h2 id="defs">Definitions ({{len .Defs}})</h2>
{{range .Defs}}
<section class="item def" id="{{anchor "def" .ID}}">
<h3>[{{.Title}}] <span class="ids">{{.ID}}</span></h3>
<p class="when">{{range .When}}{{if .Op}}{{if .Break}}<br>{{end}}<span class="op">{{.Text}}</span>{{else}}<span title="{{.Code}}">{{.Question}} <span class="answer">{{.Answer}}</span></span>{{end}}{{end}}</p>
<p class="ids">ids: <code>{{.When.Code}}</code></p>
<p>Used by: {{range $i, $u := .UsedBy}}{{if $i}}; {{end}}{{$u}}{{else}}no rule{{end}}</p>
</section>
{{else}}<p>None.</p>
{{end}}
<h2 id="questions">Questions ({{len .Questions}})</h2>
<table>
<thead><tr><th scope="col">Step</th><th scope="col">Question and help</th><th scope="col">Answers</th><th scope="col">Asked only if</th><th scope="col" class="num">Grade</th></tr></thead>
<tbody>{{range .Questions}}<tr id="{{anchor "question" .ID}}"><td>{{.Step}}</td><td>{{.Question}} <span class="ids">{{.ID}}</span>{{if .Help}}<br><span class="small">{{.Help}}</span>{{end}}</td><td>{{.Answers}}</td><td>{{range .AskIf}}{{if .Op}}{{if .Break}}<br>{{end}}<span class="op">{{.Text}}</span>{{else}}<span title="{{.Code}}">{{.Question}} <span class="answer">{{.Answer}}</span></span>{{end}}{{end}}</td><td class="num{{if .Hard}} hard{{end}}">{{.Grade}}</td></tr>{{end}}</tbody>
</table>
<h2 id="sources">Sources ({{len .Sources}})</h2>
{{range .Sources}}
<section class="item source" id="{{anchor "source" .ID}}">
<h3>{{.Title}} <span class="ids">{{.ID}}</span></h3>
<p>{{.Publisher}}, {{.Year}}. <a href="{{.Link}}">{{.Link}}</a></p>
{{if .CitedBy}}<p>Cited by {{len .CitedBy}}:</p><ul>{{range .CitedBy}}<li>{{.}}</li>{{end}}</ul>{{else}}<p class="warn">Cited by nothing.</p>{{end}}
</section>
{{end}}
<h2 id="reading">Reading level</h2>
<p>Flesch-Kincaid grade of every English text a person reads (school years; aim for 6 to 7, 8 at most). Grades over 8 are marked.</p>
<table>
<thead><tr><th scope="col">Kind</th><th scope="col" class="num">Texts</th><th scope="col" class="num">Median</th><th scope="col" class="num">Over 8</th><th scope="col">Hardest five</th></tr></thead>
<tbody>{{range .Reading}}<tr><th scope="row">{{.Kind}}</th><td class="num">{{.Count}}</td><td class="num">{{.Median}}</td><td class="num">{{.Over}}</td><td><ol>{{range .Worst}}<li><b>{{printf "%.1f" .Grade}}</b> <span class="ids">{{.Where}}</span><br>{{.Text}}</li>{{end}}</ol></td></tr>{{end}}</tbody>
</table>
</main>
</body>
</html>
`))

var reviewMD = texttemplate.Must(texttemplate.New("review.md").Funcs(reviewFuncs).Parse(`# {{.Name}} knowledge review

- Knowledge version: {{.Version}}
- Review date: {{.Reviewed}}
- File: ` + "`{{.File}}`" + `
- Content hash: ` + "`{{.Hash}}`" + `{{if .HashMatches}} (matches meta.content_hash){{else}} (**does not match** the recorded {{if .RecordedHash}}` + "`{{.RecordedHash}}`" + `{{else}}none{{end}}: the content changed and needs a new version, review date and hash){{end}}
- Drafts: {{.DraftCauses}} of {{len .Causes}} causes and {{.DraftRules}} of {{len .Rules}} rules are drafts, not yet signed off by a clinician.

## Causes ({{len .Causes}})

Each answer multiplies the cause's odds by its likelihood ratio (LR): above 1 for the cause, below 1 against. Answers not listed, or not known, leave it alone.
{{range .Causes}}
### {{.Name}} ({{.ID}})

**{{draftWord .Review}}** ({{.Review.By}}, {{.Review.Date}}) · When likely: {{.Urgency}} · Prior {{.Prior}}

| Text | What the person reads | Grade |
|---|---|---:|
{{range .Texts}}| {{.Label}} | {{cell .Text}} | {{.Grade}}{{if .Hard}} (over 8){{end}} |
{{end}}
| Question | Answer | LR | Effect | Source and why |
|---|---|---:|---|---|
{{range .Ratios}}| {{if .Rows}}{{cell .Question}} ` + "`{{.Finding}}`" + `{{end}} | {{cell .Answer}} | {{.LR}} | {{.Effect}} | {{if .Rows}}{{with .Note}}{{if .Source.ID}}{{cell .Source.Title}}{{end}}{{if .Why}}{{if .Source.ID}}: {{end}}{{cell .Why}}{{end}}{{end}}{{end}} |
{{end}}
Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}{{$s.Title}}{{end}}
{{end}}
## Rules ({{len .Rules}})

A question holds only when answered so; NOT (…) also holds when the answer is not known: the rules use it to fail safe. [Brackets] are named definitions.
{{range .Rules}}
### {{.Title}} ({{.ID}})

**{{draftWord .Review}}** ({{.Review.By}}, {{.Review.Date}}) · {{.Kind}}

**{{.Urgency}} when:** {{.When.Words}}

<small>ids: ` + "`{{.When.Code}}`" + `</small>

{{.Message.Label}} (grade {{.Message.Grade}}{{if .Message.Hard}}, over 8{{end}}): {{.Message.Text}}
{{if .Causes}}
Points to (listed first in an emergency): {{range $i, $c := .Causes}}{{if $i}}, {{end}}{{$c.Name}}{{end}}
{{end}}
Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}{{$s.Title}}{{end}}
{{end}}
## Assessments ({{len .Assessments}})

What the interview asks once the condition holds, whatever the value of information says.
{{range .Assessments}}
### {{.ID}}

**{{draftWord .Review}}** ({{.Review.By}}, {{.Review.Date}})

**Ask when:** {{.When.Words}}

Asks: {{range $i, $q := .Questions}}{{if $i}}; {{end}}{{$q}}{{end}}

{{.Note}}

Sources: {{range $i, $s := .Sources}}{{if $i}}; {{end}}{{$s.Title}}{{end}}
{{else}}
None.
{{end}}
## Definitions ({{len .Defs}})
{{range .Defs}}
### [{{.Title}}] ({{.ID}})

{{.When.Words}}

<small>ids: ` + "`{{.When.Code}}`" + `</small>

Used by: {{range $i, $u := .UsedBy}}{{if $i}}; {{end}}{{$u}}{{else}}no rule{{end}}
{{end}}
## Questions ({{len .Questions}})

| Step | Question | Help | Answers | Asked only if | Grade |
|---|---|---|---|---|---:|
{{range .Questions}}| {{.Step}} | {{cell .Question}} ` + "`{{.ID}}`" + ` | {{cell .Help}} | {{cell .Answers}} | {{cell .AskIf.Words}} | {{.Grade}} |
{{end}}
## Sources ({{len .Sources}})
{{range .Sources}}
### {{.Title}} ({{.ID}})

{{.Publisher}}, {{.Year}}. <{{.Link}}>

{{range .CitedBy}}- {{.}}
{{else}}**Cited by nothing.**
{{end}}{{end}}
## Reading level

Flesch-Kincaid grade (school years; aim for 6 to 7, 8 at most).

| Kind | Texts | Median | Over 8 |
|---|---:|---:|---:|
{{range .Reading}}| {{.Kind}} | {{.Count}} | {{.Median}} | {{.Over}} |
{{end}}{{range .Reading}}
Hardest {{.Kind}} texts:
{{range .Worst}}
1. **{{printf "%.1f" .Grade}}** ` + "`{{.Where}}`" + `: {{.Text}}{{end}}
{{end}}`))

var diffHTML = htmltemplate.Must(htmltemplate.New("diff").Funcs(reviewFuncs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Knowledge changes: {{.Old.Version}} to {{.New.Version}}</title>
<style>` + reviewCSS + `
del { background: var(--badbg); color: var(--bad); text-decoration: none; }
ins { background: var(--okbg); color: var(--ok); text-decoration: none; }
table.changes { table-layout: fixed; }
table.changes th:first-child { width: 12rem; }
</style>
</head>
<body>
<h1>Knowledge changes</h1>
<dl class="meta">
<dt>From</dt><dd><code>{{.Old.File}}</code>: version {{.Old.Version}}, reviewed {{.Old.Reviewed}}</dd>
<dt>To</dt><dd><code>{{.New.File}}</code>: version {{.New.Version}}, reviewed {{.New.Reviewed}}</dd>
<dt>Changed statements</dt><dd id="changes">{{.Changes}}</dd>
</dl>
{{if .ContentUnchanged}}<p>The clinical content is the same (same content hash).</p>{{end}}
{{range .Warnings}}<p class="warn">{{.}}</p>
{{end}}
{{range .Sections}}{{if not .Empty}}
<h2>{{.Name}}</h2>
{{range .Added}}<section class="item added"><h3><span class="badge reviewed">Added</span> {{.Title}} <span class="ids">{{.ID}}</span></h3>
<table><tbody>{{range .Facts}}{{if .Value}}<tr><th scope="row">{{.Label}}</th><td><ins>{{.Value}}</ins></td></tr>{{end}}{{end}}</tbody></table></section>
{{end}}{{range .Removed}}<section class="item removed"><h3><span class="badge draft">Removed</span> {{.Title}} <span class="ids">{{.ID}}</span></h3></section>
{{end}}{{range .Changed}}<section class="item changed"><h3><span class="badge">Changed</span> {{.Title}} <span class="ids">{{.ID}}</span></h3>
<table class="changes"><thead><tr><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>{{range .Changes}}<tr><th scope="row">{{.Label}}</th><td>{{if .Old}}<del>{{.Old}}</del>{{else}}<span class="small">(none)</span>{{end}}</td><td>{{if .New}}<ins>{{.New}}</ins>{{else}}<span class="small">(none)</span>{{end}}</td></tr>{{end}}</tbody></table></section>
{{end}}{{end}}{{end}}
{{if not .Changes}}<p>No changes.</p>{{end}}
</body>
</html>
`))

var diffMD = texttemplate.Must(texttemplate.New("diff.md").Funcs(reviewFuncs).Parse(`# Knowledge changes

- From: ` + "`{{.Old.File}}`" + `, version {{.Old.Version}}, reviewed {{.Old.Reviewed}}
- To: ` + "`{{.New.File}}`" + `, version {{.New.Version}}, reviewed {{.New.Reviewed}}
- Changed statements: {{.Changes}}
{{if .ContentUnchanged}}
The clinical content is the same (same content hash).
{{end}}{{range .Warnings}}
**{{.}}**
{{end}}{{range .Sections}}{{if not .Empty}}
## {{.Name}}
{{range .Added}}
### Added: {{.Title}} ({{.ID}})

{{range .Facts}}{{if .Value}}- {{.Label}}: {{.Value}}
{{end}}{{end}}{{end}}{{range .Removed}}
### Removed: {{.Title}} ({{.ID}})
{{end}}{{range .Changed}}
### Changed: {{.Title}} ({{.ID}})

| What | Before | After |
|---|---|---|
{{range .Changes}}| {{cell .Label}} | {{if .Old}}{{cell .Old}}{{else}}(none){{end}} | {{if .New}}{{cell .New}}{{else}}(none){{end}} |
{{end}}{{end}}{{end}}{{end}}{{if not .Changes}}
No changes.
{{end}}`))
