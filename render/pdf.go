package render

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The PDF object writer. Typst's pdf-writer is the model: every object
// gets its number once (alloc), is written once, whole, by a writer typed
// for its kind (objects.go), and the cross-reference table is written once
// at the end from the offsets recorded on the way. Nothing is parsed back
// and nothing is patched. Errors are sticky, as in image/png's encoder: the
// first error of the underlying writer (or a misuse such as writing an
// object twice) is kept, everything after it is a no-op, and finish
// returns it.

// ref is the number of an indirect object; 0 is no object.
type ref int32

// pdfWriter writes the objects of one PDF file.
type pdfWriter struct {
	out *bufio.Writer
	n   int64 // bytes handed to out so far
	err error // the first error; once set nothing more is written
	// offs[r] is where object r is: its offset; -1 unwritten; -2 written
	// but waiting in the queue (below); for an object in an object
	// stream, -3 - (stream<<16 | index). One number an object: a tagged
	// binder has millions.
	offs []int64
	b    []byte // the object being written, until end
	open ref    // the object being written, 0 none
	z    *deflater
	// version is the file's PDF version, "1.4" or "1.7": what it may
	// hold (see since).
	version string

	// Object streams (PDF 1.5), when pack is set: the objects begun with
	// beginPacked (the many small dictionaries of the structure tree,
	// outline and links) are gathered into compressed object streams, and
	// the cross-reference table is a stream too. PDF/A-1 (PDF 1.4) has
	// neither. A packed object is written straight into stmBody.
	pack    bool
	packing bool   // the open object goes into an object stream
	hdr     int    // where the open packed object begins in stmBody
	plain   []byte // b's own buffer while a packed object is written
	stmNums []byte // the pending object stream's "num offset" pairs
	stmBody []byte // and its objects
	stmRefs []ref  // and their numbers

	// With zp, object streams are compressed by its workers while the
	// next objects are made (queue.go); until a stream is compressed, it
	// and everything written after it wait in queue (from qhead), in
	// order, so that the file is the same bytes as when written one by
	// one.
	zp          *pool
	queue       []queued
	qhead       int
	queuedBytes int
	queuedJobs  int
	scratch     []byte
}

// packedOffset is offs[r] of the object at index idx of object stream stm.
func packedOffset(stm ref, idx int) int64 { return -3 - (int64(stm)<<16 | int64(idx)) }

// packPerStream is the number of objects per object stream: enough to
// compress well, few enough that a reader parses little to reach one.
const packPerStream = 200

// newPDFWriter starts a PDF file of the given version ("1.7") on w,
// packing objects into object streams when pack is set and the version
// has them (1.5 or later). The comment after the header has bytes above
// 127, so that transfer programs treat the file as binary (and PDF/A
// requires it).
func newPDFWriter(w io.Writer, version string, pack bool, z *deflater) *pdfWriter {
	pw := &pdfWriter{out: bufio.NewWriterSize(w, 64<<10), offs: []int64{0}, z: z, version: version}
	pw.pack = pack && pw.since("1.5")
	pw.write([]byte("%PDF-" + version + "\n%\xE2\xE3\xCF\xD3\n"))
	return pw
}

// since reports whether the file's version is v ("1.5") or later, so that
// it may hold what v brought. Versions are compared as written, a digit
// each side of the point.
func (w *pdfWriter) since(v string) bool { return w.version >= v }

func (w *pdfWriter) write(p []byte) {
	if w.err != nil {
		return
	}
	n, err := w.out.Write(p)
	w.n += int64(n)
	w.err = err
}

// fail records err unless an error is recorded already.
func (w *pdfWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// alloc returns the number of a new object, to be written once.
func (w *pdfWriter) alloc() ref {
	w.offs = append(w.offs, -1)
	return ref(len(w.offs) - 1)
}

// reserve makes room for n more objects.
func (w *pdfWriter) reserve(n int) {
	w.offs = slices.Grow(w.offs, n)
}

// beginPacked starts object r, a dictionary that goes into an object
// stream when the writer packs, else as begin.
func (w *pdfWriter) beginPacked(r ref) {
	w.begin(r)
	if w.pack {
		w.packing = true
		w.plain, w.b = w.b, w.stmBody
		w.hdr = len(w.stmBody)
	}
}

// begin starts object r; end finishes it.
func (w *pdfWriter) begin(r ref) {
	switch {
	case w.open != 0:
		w.fail(fmt.Errorf("object %d begun inside object %d", r, w.open))
	case r <= 0 || int(r) >= len(w.offs):
		w.fail(fmt.Errorf("object %d was not allocated", r))
	case w.offs[r] != -1:
		w.fail(fmt.Errorf("object %d written twice", r))
	}
	w.open, w.packing = r, false
	w.b = strconv.AppendInt(w.b[:0], int64(r), 10)
	w.b = append(w.b, " 0 obj\n"...)
	w.hdr = len(w.b)
}

// flush writes the object so far, recording its offset when it begins.
func (w *pdfWriter) flush() {
	r := ref(0)
	if w.err == nil && w.offs[w.open] == -1 {
		r = w.open
	}
	w.emit(r, w.b)
	w.b = w.b[:0]
}

// emit writes p, which begins object r (0: none), or queues it behind an
// object stream being compressed.
func (w *pdfWriter) emit(r ref, p []byte) {
	if w.err != nil {
		return
	}
	if w.qhead == len(w.queue) {
		if r != 0 {
			w.offs[r] = w.n
		}
		w.write(p)
		return
	}
	if r != 0 {
		w.offs[r] = -2
	}
	if last := &w.queue[len(w.queue)-1]; r == 0 && last.job == nil {
		last.b = append(last.b, p...)
	} else {
		w.queue = append(w.queue, queued{r: r, b: append(getBuf(), p...)})
	}
	w.queuedBytes += len(p)
	w.pump(false)
}

// end finishes the object begun last.
func (w *pdfWriter) end() {
	if w.open == 0 {
		w.fail(fmt.Errorf("end without an object"))
		return
	}
	if w.packing {
		r := w.open
		w.open, w.packing = 0, false
		body := w.b
		w.b = w.plain[:0]
		if w.err != nil {
			w.stmBody = body[:w.hdr]
			return
		}
		w.offs[r] = packedOffset(0, len(w.stmRefs))
		w.stmNums = strconv.AppendInt(w.stmNums, int64(r), 10)
		w.stmNums = append(w.stmNums, ' ')
		w.stmNums = strconv.AppendInt(w.stmNums, int64(w.hdr), 10)
		w.stmNums = append(w.stmNums, ' ')
		w.stmBody = append(body, '\n')
		w.stmRefs = append(w.stmRefs, r)
		if len(w.stmRefs) == packPerStream {
			w.flushPacked()
		}
		return
	}
	w.b = append(w.b, "\nendobj\n"...)
	w.flush()
	w.open = 0
}

// flushPacked writes the pending object stream.
func (w *pdfWriter) flushPacked() {
	if len(w.stmRefs) == 0 {
		return
	}
	r := w.alloc()
	for i, p := range w.stmRefs {
		w.offs[p] = packedOffset(r, i)
	}
	first, n := len(w.stmNums), len(w.stmRefs)
	w.stmRefs = w.stmRefs[:0]
	var s streamDict
	if w.zp != nil {
		// Compressed on another goroutine; the buffers go with the job.
		j := getSquash()
		j.head, w.stmNums = w.stmNums, j.head[:0]
		j.data, w.stmBody = w.stmBody, j.data[:0]
		w.zp.submit(&j.job)
		s = w.streamJob(r, j)
	} else {
		c, err := w.z.deflate(w.stmNums, w.stmBody)
		if err != nil {
			w.fail(err)
		}
		s = w.deflated(r, c)
		w.stmNums, w.stmBody = w.stmNums[:0], w.stmBody[:0]
	}
	s.name("Type", "ObjStm").int("N", n).int("First", first)
	s.end()
}

// finish writes the cross-reference table and the trailer, with the
// catalog root and the document information info, and flushes. Every
// allocated object must have been written. It returns the first error.
func (w *pdfWriter) finish(root, info ref, trailer func(d dict)) error {
	if w.open != 0 {
		w.fail(fmt.Errorf("object %d not ended", w.open))
	}
	if w.pack {
		w.flushPacked()
	}
	w.pump(true)
	for r, off := range w.offs[1:] {
		if off == -1 {
			w.fail(fmt.Errorf("object %d allocated but not written", r+1))
			break
		}
	}
	if w.pack {
		return w.finishStream(root, info, trailer)
	}
	xref := w.n
	b := fmt.Appendf(w.b[:0], "xref\n0 %d\n0000000000 65535 f \n", len(w.offs))
	for _, off := range w.offs[1:] {
		n := len(b)
		b = strconv.AppendInt(b, 1e10+off, 10) // eleven digits, the first a 1
		b = append(b[:n], b[n+1:]...)          // ten, zero-padded
		b = append(b, " 00000 n \n"...)
	}
	w.b = b
	w.write(w.b)
	w.b = append(w.b[:0], "trailer\n<<"...)
	d := dict{w}
	d.int("Size", len(w.offs)).ref("Root", root)
	if info != 0 {
		d.ref("Info", info)
	}
	if trailer != nil {
		trailer(d)
	}
	w.b = fmt.Appendf(w.b, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	w.write(w.b)
	if w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

// finishStream writes the cross-reference stream with the trailer's
// entries, and flushes. Each row is a type (0 free, 1 at an offset, 2 in
// an object stream), the offset or object stream in as few bytes as the
// largest needs, and the generation or index in two; the rows go through
// the PNG Up predictor, so that neighbouring rows, which differ little,
// compress to almost nothing.
func (w *pdfWriter) finishStream(root, info ref, trailer func(d dict)) error {
	x := w.alloc()
	start := w.n // the stream is written next
	w.offs[x] = start
	width := 1
	for max := start; max >= 256; max >>= 8 {
		width++
	}
	cols := 1 + width + 2
	// The rows are compressed as they are made, a block at a time.
	const block = 32 << 10
	rows := make([]byte, 0, min(block, (1+cols)*len(w.offs))+1+cols)
	prev := make([]byte, cols)
	row := make([]byte, cols)
	w.z.begin()
	for r, off := range w.offs {
		var field2, field3 uint64
		switch {
		case r == 0:
			row[0], field2, field3 = 0, 0, 0xFFFF
		case off <= -3:
			v := -3 - off
			row[0], field2, field3 = 2, uint64(v>>16), uint64(v&0xFFFF)
		default:
			row[0], field2 = 1, uint64(off)
		}
		for k := range width {
			row[1+k] = byte(field2 >> (8 * (width - 1 - k)))
		}
		row[cols-2], row[cols-1] = byte(field3>>8), byte(field3)
		rows = append(rows, 2) // PNG Up
		for k := range cols {
			rows = append(rows, row[k]-prev[k])
		}
		prev, row = row, prev
		if len(rows) >= block {
			w.z.write(rows)
			rows = rows[:0]
		}
	}
	w.z.write(rows)
	c, err := w.z.end()
	if err != nil {
		w.fail(err)
	}
	w.offs[x] = -1 // for begin's check; flush records it again
	s := w.deflated(x, c)
	s.name("Type", "XRef").int("Size", len(w.offs))
	wd := s.key("W").raw(" [1 ")
	wd.b = strconv.AppendInt(wd.b, int64(width), 10)
	wd.raw(" 2]")
	dp := s.key("DecodeParms").raw(" <<")
	dict{dp}.int("Predictor", 12).int("Columns", cols)
	dp.raw(">>")
	s.ref("Root", root)
	if info != 0 {
		s.ref("Info", info)
	}
	if trailer != nil {
		trailer(s.dict)
	}
	s.end()
	if w.err == nil && w.offs[x] != start {
		w.fail(fmt.Errorf("cross-reference stream at %d, not %d", w.offs[x], start))
	}
	w.b = fmt.Appendf(w.b[:0], "startxref\n%d\n%%%%EOF\n", start)
	w.write(w.b)
	if w.err == nil {
		w.err = w.out.Flush()
	}
	return w.err
}

// --- values ---

// dict writes the entries of the dictionary being written: each method
// appends " /Key value" to the object.
type dict struct{ w *pdfWriter }

// key appends " /k"; the value follows through the value methods of w.
func (d dict) key(k string) *pdfWriter {
	d.w.b = append(d.w.b, ' ')
	d.w.b = appendName(d.w.b, k)
	return d.w
}

func (d dict) name(k, v string) dict    { d.key(k).name(v); return d }
func (d dict) int(k string, v int) dict { d.key(k).int(v); return d }
func (d dict) ref(k string, r ref) dict { d.key(k).ref(r); return d }
func (d dict) text(k, s string) dict    { d.key(k).text(s); return d }
func (d dict) date(k string, t time.Time) dict {
	d.key(k).raw(" ").b = appendDate(d.w.b, t)
	return d
}

// refs appends " /k [r1 r2 …]".
func (d dict) refs(k string, rs []ref) dict {
	w := d.key(k).raw(" [")
	for i, r := range rs {
		if i > 0 {
			w.b = append(w.b, ' ')
		}
		w.b = strconv.AppendInt(w.b, int64(r), 10)
		w.b = append(w.b, " 0 R"...)
	}
	w.raw("]")
	return d
}

// rect appends " /k [x1 y1 x2 y2]" with two decimals, as the page
// geometry is written.
func (d dict) rect(k string, x1, y1, x2, y2 float64) dict {
	w := d.key(k).raw(" [")
	w.b = appendFixed(w.b, x1)
	w.b = append(w.b, ' ')
	w.b = appendFixed(w.b, y1)
	w.b = append(w.b, ' ')
	w.b = appendFixed(w.b, x2)
	w.b = append(w.b, ' ')
	w.b = appendFixed(w.b, y2)
	w.raw("]")
	return d
}

// The value methods append a space and a value.

func (w *pdfWriter) raw(s string) *pdfWriter { w.b = append(w.b, s...); return w }

func (w *pdfWriter) name(v string) {
	w.b = append(w.b, ' ')
	w.b = appendName(w.b, v)
}

func (w *pdfWriter) int(v int) {
	w.b = append(w.b, ' ')
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

func (w *pdfWriter) ref(r ref) {
	w.b = append(w.b, ' ')
	w.b = strconv.AppendInt(w.b, int64(r), 10)
	w.b = append(w.b, " 0 R"...)
}

// text appends s as a text string (textString), literal.
func (w *pdfWriter) text(s string) {
	w.b = append(w.b, ' ')
	w.b = appendLiteral(w.b, []byte(textString(s)))
}

// appendFixed appends v with two decimals, as page sizes, link
// rectangles and destinations are written.
func appendFixed(b []byte, v float64) []byte {
	if math.Abs(v) < 0.005 {
		v = 0
	}
	return strconv.AppendFloat(b, v, 'f', 2, 64)
}

// appendName appends /s, escaping as #xx the bytes that are not regular
// characters of a name.
func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c > '~' || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			b = append(b, '#', hex[c>>4], hex[c&15])
			continue
		}
		b = append(b, c)
	}
	return b
}

// appendDate appends t as a PDF date string with its UTC offset.
func appendDate(b []byte, t time.Time) []byte {
	b = append(b, "(D:"...)
	b = t.AppendFormat(b, "20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return append(b, "Z)"...)
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Appendf(b, "%c%02d'%02d')", sign, off/3600, off%3600/60)
}

// isASCII reports whether s is printable ASCII, which a text string holds
// as it is; anything else is written as UTF-16.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// textString returns s as the bytes of a PDF text string: as it is when it
// is printable ASCII, else UTF-16BE with a byte order mark.
func textString(s string) string {
	if isASCII(s) {
		return s
	}
	return utf16BE(s)
}

// utf16BE encodes s as UTF-16BE with a byte order mark, as a PDF text
// string holds it.
func utf16BE(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			b = append(b, byte(hi>>8), byte(hi), byte(lo>>8), byte(lo))
			continue
		}
		b = append(b, byte(r>>8), byte(r))
	}
	return string(b)
}

// --- streams ---

// streamDict is the dictionary of a stream object being written; end
// writes /Length and the data.
type streamDict struct {
	dict
	data []byte
	job  *squash // the data, being compressed (streamJob)
}

// stream begins object r as a stream of data, compressed with zlib when
// compress is set, else as it is. The caller adds entries to its
// dictionary and calls end.
func (w *pdfWriter) stream(r ref, data []byte, compress bool) streamDict {
	w.begin(r)
	w.b = append(w.b, "<<"...)
	s := streamDict{dict: dict{w}, data: data}
	if compress {
		c, err := w.z.deflate(data)
		if err != nil {
			w.fail(err)
		}
		s.data = c
		s.name("Filter", "FlateDecode")
	}
	return s
}

// deflated begins object r as a stream of data that is compressed with
// zlib already (a page's contents).
func (w *pdfWriter) deflated(r ref, data []byte) streamDict {
	w.begin(r)
	w.b = append(w.b, "<<"...)
	s := streamDict{dict: dict{w}, data: data}
	s.name("Filter", "FlateDecode")
	return s
}

// end writes the stream's length and data and ends the object. The data
// goes to the output as it is, not through the object buffer.
func (s streamDict) end() {
	w := s.w
	if s.job != nil {
		w.enqueue(s.job)
		return
	}
	s.int("Length", len(s.data))
	w.b = append(w.b, ">>\nstream\n"...)
	w.flush()
	w.emit(0, s.data)
	w.b = append(w.b, "\nendstream"...)
	w.end()
}

// Why streams are compressed here with one pooled writer: fpdf, which
// wrote the PDF skeleton before render owned its writer, made a new zlib
// writer (about 1 MB of state) for every page, 29–60 % of the time spent
// making a binder. Here one writer per document, taken from a pool, is
// Reset for each stream. zlib's output depends only on the input and the
// level, so the file stays byte-identical run to run.

// flateLevel is the zlib level of the streams. On the page contents of
// four example forms and the example binder (262 kB of operators), level 1
// gives 30.8 % of the input in 4.4–4.8 ms, level 4 28.5 % in 5.8–7.1 ms,
// levels 6 and 9 27.9 % in 7.5–8 ms: level 4 has most of the gain of 6 at
// less of its cost.
const flateLevel = 4

var deflaters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, flateLevel) // the level is valid
	return &deflater{zw: zw}
}}

// deflater compresses streams with one reused zlib writer.
type deflater struct {
	zw  *zlib.Writer
	buf bytes.Buffer
	err error
	to  appender // the caller's buffer (deflateTo)
}

func getDeflater() *deflater  { return deflaters.Get().(*deflater) }
func putDeflater(d *deflater) { d.buf.Reset(); deflaters.Put(d) }

// deflate returns the parts of data, one after the other, compressed as
// one stream, valid until the next call.
func (d *deflater) deflate(data ...[]byte) ([]byte, error) {
	d.begin()
	for _, p := range data {
		d.write(p)
	}
	return d.end()
}

// begin starts a stream; write adds to it; end returns it compressed,
// valid until the next begin, with the first error.
func (d *deflater) begin() {
	d.buf.Reset()
	d.zw.Reset(&d.buf)
	d.err = nil
}

func (d *deflater) write(p []byte) {
	if d.err == nil {
		_, d.err = d.zw.Write(p)
	}
}

func (d *deflater) end() ([]byte, error) {
	if d.err == nil {
		d.err = d.zw.Close()
	}
	if d.err != nil {
		return nil, d.err
	}
	return d.buf.Bytes(), nil
}
