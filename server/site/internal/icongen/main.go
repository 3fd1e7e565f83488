// Command icongen draws Spotcheck's icons: web/icons/icon.svg and the PNGs rasterised from the
// same shapes (192 and 512 pixels, and a 512-pixel maskable one with a full-bleed background).
//
//	go run ./server/site/internal/icongen web/icons
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
)

// The icon is a 512-unit square: a teal tile, a white lens and three red spots.
const (
	tileRadius = 112 // corner radius of the tile (the maskable icon has none)
	lensR      = 168
)

var (
	tile = color.NRGBA{0x0f, 0x76, 0x6e, 0xff}
	lens = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	spot = color.NRGBA{0xdc, 0x26, 0x26, 0xff}
)

type circle struct{ x, y, r float64 }

var spots = []circle{{214, 238, 46}, {302, 212, 32}, {290, 310, 38}}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="%d" fill="#0f766e"/>
<circle cx="256" cy="256" r="%d" fill="#fff"/>
%s</svg>
`

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: icongen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	var dots string
	for _, s := range spots {
		dots += fmt.Sprintf("<circle cx=\"%g\" cy=\"%g\" r=\"%g\" fill=\"#dc2626\"/>\n", s.x, s.y, s.r)
	}
	check(os.WriteFile(filepath.Join(dir, "icon.svg"), fmt.Appendf(nil, svg, tileRadius, lensR, dots), 0o644))
	check(writePNG(filepath.Join(dir, "icon-192.png"), 192, tileRadius))
	check(writePNG(filepath.Join(dir, "icon-512.png"), 512, tileRadius))
	check(writePNG(filepath.Join(dir, "maskable-512.png"), 512, 0))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
}

// colorAt is the colour at (x, y) in icon units, transparent outside the tile.
func colorAt(x, y, radius float64) color.NRGBA {
	for _, s := range spots {
		if inCircle(x, y, s) {
			return spot
		}
	}
	if inCircle(x, y, circle{256, 256, lensR}) {
		return lens
	}
	if inRoundedSquare(x, y, radius) {
		return tile
	}
	return color.NRGBA{}
}

func inCircle(x, y float64, c circle) bool {
	return (x-c.x)*(x-c.x)+(y-c.y)*(y-c.y) <= c.r*c.r
}

func inRoundedSquare(x, y, r float64) bool {
	cx := min(max(x, r), 512-r)
	cy := min(max(y, r), 512-r)
	return inCircle(x, y, circle{cx, cy, r}) || r == 0
}

// writePNG rasterises the icon at size pixels, 4x4 samples a pixel.
func writePNG(path string, size int, radius float64) error {
	const n = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := 512 / float64(size)
	for py := range size {
		for px := range size {
			var r, g, b, a float64
			for sy := range n {
				for sx := range n {
					c := colorAt((float64(px)+(float64(sx)+0.5)/n)*scale, (float64(py)+(float64(sy)+0.5)/n)*scale, radius)
					al := float64(c.A) / 255
					r, g, b, a = r+float64(c.R)*al, g+float64(c.G)*al, b+float64(c.B)*al, a+al
				}
			}
			if a > 0 {
				img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a/(n*n)*255 + 0.5)})
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
