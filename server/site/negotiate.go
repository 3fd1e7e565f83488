package site

import (
	"net/http"
	"strconv"
	"strings"
)

// chooseEncoding picks, from the Accept-Encoding field lines, the coding the client prefers
// among those the resource has (br, gzip), or "" for the body as it is. It follows RFC 9110
// section 12.5.3: the weight is "q" in any case with a value in [0, 1] of at most three
// decimals; "*" stands for every coding not listed; q=0 refuses. An element it cannot read
// (another parameter, a bad weight such as q=NaN, q=2 or q=0.0001) is ignored, as if absent.
// On equal weights brotli wins: it is smaller.
func chooseEncoding(fields []string, br, gz bool) string {
	qBr, qGz, qAny := -1, -1, -1 // thousandths; -1 when not listed
	for _, field := range fields {
		for element := range strings.SplitSeq(field, ",") {
			name, q, ok := parseCoding(element)
			if !ok {
				continue
			}
			switch name {
			case "br":
				qBr = max(qBr, q)
			case "gzip", "x-gzip":
				qGz = max(qGz, q)
			case "*":
				qAny = max(qAny, q)
			}
		}
	}
	if qBr < 0 {
		qBr = qAny
	}
	if qGz < 0 {
		qGz = qAny
	}
	if !br {
		qBr = -1
	}
	if !gz {
		qGz = -1
	}
	switch {
	case qBr > 0 && qBr >= qGz:
		return "br"
	case qGz > 0:
		return "gzip"
	}
	return ""
}

// parseCoding reads one Accept-Encoding element, `coding *( OWS ";" OWS "q=" qvalue )`: its
// coding in lower case and its weight in thousandths (1000 when it has none).
func parseCoding(element string) (name string, q int, ok bool) {
	name, weight, weighted := strings.Cut(element, ";")
	name = strings.ToLower(strings.Trim(name, " \t"))
	if name == "" {
		return "", 0, false
	}
	if !weighted {
		return name, 1000, true
	}
	key, value, _ := strings.Cut(strings.Trim(weight, " \t"), "=")
	if key != "q" && key != "Q" {
		return "", 0, false
	}
	q, ok = parseQValue(value) // a second parameter leaves a ";" in value: not a qvalue
	return name, q, ok
}

// parseQValue reads `( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` as thousandths.
func parseQValue(v string) (int, bool) {
	if v == "" || len(v) > 5 || (v[0] != '0' && v[0] != '1') {
		return 0, false
	}
	whole, frac, dotted := strings.Cut(v, ".")
	if len(whole) != 1 || (dotted && len(frac) > 3) {
		return 0, false
	}
	thousandths := 0
	for i := range 3 {
		d := byte('0')
		if i < len(frac) {
			d = frac[i]
		}
		if d < '0' || d > '9' {
			return 0, false
		}
		thousandths = thousandths*10 + int(d-'0')
	}
	if whole == "1" && thousandths != 0 {
		return 0, false
	}
	return int(whole[0]-'0')*1000 + thousandths, true
}

// maxRangeParts is how many ranges a request may ask for in one response; a client asking for
// more gets the whole file (RFC 9110 section 14.2 lets a server ignore Range).
const maxRangeParts = 16

// withUsableRange is r as http.ServeContent should see it: a Range of another unit than
// bytes, or of more than maxRangeParts ranges, is ignored (RFC 9110 section 14.2: a server
// ignores a range unit it does not know), so the answer is the whole file, not a 416; the
// unit "bytes" is compared without case.
func withUsableRange(r *http.Request) *http.Request {
	spec := r.Header.Get("Range")
	if spec == "" {
		return r
	}
	unit, ranges, _ := strings.Cut(spec, "=")
	if unit == "bytes" && strings.Count(ranges, ",") < maxRangeParts {
		return r
	}
	r = r.Clone(r.Context())
	if strings.EqualFold(strings.Trim(unit, " \t"), "bytes") && strings.Count(ranges, ",") < maxRangeParts {
		r.Header.Set("Range", "bytes="+ranges)
	} else {
		r.Header.Del("Range")
	}
	return r
}

// lengthWriter gives encoded responses the Content-Length that http.ServeContent leaves out
// when a Content-Encoding is set (so that they are not chunked, and HEAD says how long the
// body is): the whole body's size on a 200, the range's on a single-range 206.
type lengthWriter struct {
	http.ResponseWriter
	size int
}

func (w lengthWriter) WriteHeader(status int) {
	h := w.Header()
	if h.Get("Content-Length") == "" {
		switch status {
		case http.StatusOK:
			h.Set("Content-Length", strconv.Itoa(w.size))
		case http.StatusPartialContent:
			if n, ok := rangeLength(h.Get("Content-Range")); ok {
				h.Set("Content-Length", strconv.FormatInt(n, 10))
			}
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

// rangeLength is the length of a Content-Range "bytes FIRST-LAST/SIZE".
func rangeLength(contentRange string) (int64, bool) {
	span, _, ok := strings.Cut(strings.TrimPrefix(contentRange, "bytes "), "/")
	first, last, ok2 := strings.Cut(span, "-")
	a, err1 := strconv.ParseInt(first, 10, 64)
	b, err2 := strconv.ParseInt(last, 10, 64)
	if !ok || !ok2 || err1 != nil || err2 != nil || b < a {
		return 0, false
	}
	return b - a + 1, true
}
