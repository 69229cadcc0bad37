package layout

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes d as stable, readable text: the metadata, then each page
// with one item a line, lengths in points with exactly three decimals (the
// integers of the layout, not rounded floats):
//
//	meta title "…" author "…" subject "…" year 2024
//	page 1 595.276 841.890 "form page 1/3" [fit "1: cell padding …"]
//	text X Y ROLE SIZE w=W sp=SPACING FIELD "TEXT"
//	rule X Y X2 Y2 STROKE
//	fill X Y W H gray=G
//	link X Y W H page=N
//
// Page numbers in the dump are 1-based.
func Dump(w io.Writer, d *Document) error {
	bw := bufio.NewWriter(w)
	var b strings.Builder
	b.WriteString("meta title ")
	b.WriteString(strconv.Quote(d.Meta.Title))
	b.WriteString(" author ")
	b.WriteString(strconv.Quote(d.Meta.Author))
	b.WriteString(" subject ")
	b.WriteString(strconv.Quote(d.Meta.Subject))
	b.WriteString(" year ")
	b.WriteString(strconv.Itoa(d.Meta.Year))
	b.WriteByte('\n')
	for _, l := range d.Labels {
		fmt.Fprintf(&b, "pagelabel page=%d style=%d prefix=%s start=%d\n", l.Page+1, l.Style, strconv.Quote(l.Prefix), l.Start)
	}
	for _, o := range d.Outline {
		fmt.Fprintf(&b, "bookmark level=%d page=%d %s\n", o.Level, o.Page+1, strconv.Quote(o.Title))
	}
	if _, err := bw.WriteString(b.String()); err != nil {
		return fmt.Errorf("layout: dump: %w", err)
	}
	for i, p := range d.Pages {
		b.Reset()
		b.WriteString("page ")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteByte(' ')
		writeLen(&b, p.Width)
		b.WriteByte(' ')
		writeLen(&b, p.Height)
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(p.Label))
		if p.Fit != "" {
			b.WriteString(" fit ")
			b.WriteString(strconv.Quote(p.Fit))
		}
		b.WriteByte('\n')
		for k := range p.Items {
			writeItem(&b, &p.Items[k])
		}
		if _, err := bw.WriteString(b.String()); err != nil {
			return fmt.Errorf("layout: dump: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("layout: dump: %w", err)
	}
	return nil
}

func writeItem(b *strings.Builder, it *Item) {
	lens := func(vs ...Length) {
		for _, v := range vs {
			b.WriteByte(' ')
			writeLen(b, v)
		}
	}
	switch it.Kind {
	case Text:
		b.WriteString("text")
		lens(it.X, it.Y)
		b.WriteByte(' ')
		b.WriteString(it.Role.String())
		lens(it.Size)
		b.WriteString(" w=")
		writeLen(b, it.W)
		b.WriteString(" sp=")
		writeLen(b, it.Spacing)
		b.WriteByte(' ')
		if it.Field == "" {
			b.WriteByte('-')
		} else {
			b.WriteString(it.Field)
		}
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(it.Text))
	case Rule:
		b.WriteString("rule")
		lens(it.X, it.Y, it.X2, it.Y2, it.Stroke)
	case Fill:
		b.WriteString("fill")
		lens(it.X, it.Y, it.W, it.H)
		b.WriteString(" gray=")
		b.WriteString(strconv.Itoa(int(it.Gray)))
	case Link:
		b.WriteString("link")
		lens(it.X, it.Y, it.W, it.H)
		b.WriteString(" page=")
		b.WriteString(strconv.Itoa(it.Target + 1))
	default:
		b.WriteString("item kind=")
		b.WriteString(strconv.Itoa(int(it.Kind)))
	}
	b.WriteByte('\n')
}

// writeLen writes v (1/1000 pt) as points with three decimals.
func writeLen(b *strings.Builder, v Length) {
	if v < 0 {
		b.WriteByte('-')
		v = -v
	}
	b.WriteString(strconv.FormatInt(int64(v/1000), 10))
	f := int64(v % 1000)
	b.WriteByte('.')
	b.WriteByte(byte('0' + f/100))
	b.WriteByte(byte('0' + f/10%10))
	b.WriteByte(byte('0' + f%10))
}
