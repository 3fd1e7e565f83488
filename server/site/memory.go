package site

import (
	"math"
	"runtime/debug"
)

// memoryHeadroom is what the server may use beyond the bodies it holds: connections (their
// buffers and goroutines, about 16 KB each), the runtime, and garbage between collections.
// Beyond a thousand or so open connections the heap passes the limit and the runtime collects
// more often (at most half the CPU, by its own rule): a static site behind one host should
// never see that many; GOMEMLIMIT raises it.
const memoryHeadroom = 20 << 20

// settleMemory is called once the site is built, before serving. Rendering and compressing at
// start leave garbage several times the site's size: it goes back to the system now rather
// than when the scavenger gets to it. Then, unless GOMEMLIMIT says otherwise, the runtime's
// soft memory limit becomes the bodies plus memoryHeadroom: the bodies are most of the heap,
// and with only GOGC the heap would grow by their size again in garbage before each
// collection. The limit costs nothing until the heap nears it; collecting more often then is
// cheap, the bodies being byte slices with nothing to scan.
func settleMemory(s *Site) {
	debug.FreeOSMemory()
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(s.bodyBytes() + memoryHeadroom)
	}
}

// bodyBytes is the size of every body the site holds, encodings included.
func (s *Site) bodyBytes() int64 {
	var n int64
	for _, r := range s.resources {
		n += int64(len(r.body) + len(r.br) + len(r.gz))
	}
	return n
}
