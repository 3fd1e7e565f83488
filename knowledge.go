// Package spotcheck holds what the whole project shares: the bundled knowledge base.
package spotcheck

import _ "embed"

// KnowledgeJSON is knowledge.json, the one source of clinical truth, as bundled into the
// server and the WebAssembly app.
//
//go:embed knowledge.json
var KnowledgeJSON []byte
