package render

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"
)

// fpdf has no hook for catalog entries it does not know (/PageLabels) and
// names embedded fonts without the subset tag PDF tools look for. Both are
// fixed after fpdf is done, by editing the objects of its output and writing
// the file again with a fresh cross-reference table. fpdf's output is a
// single revision with a classic xref table and no object streams, which is
// all this parser accepts.

// pdfFile is a PDF split into its objects.
type pdfFile struct {
	header  []byte
	objs    []pdfObj // in file order
	trailer []byte   // the dictionary between "trailer" and "startxref"
	size    int      // the trailer's /Size: one more than the last object number
	root    int      // object number of the catalog
	info    int      // object number of the document information
	// contents maps the object number of each page's contents to the
	// page's index, in the order of the page objects in the file.
	contents map[int]int
}

type pdfObj struct {
	num  int
	body []byte // "N 0 obj ... endobj\n"
}

var errPDF = errors.New("unexpected PDF structure from fpdf")

func parsePDF(b []byte) (*pdfFile, error) {
	sx := bytes.LastIndex(b, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, errPDF
	}
	rest := b[sx+len("\nstartxref\n"):]
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return nil, errPDF
	}
	xref, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, errPDF
	}
	lines := bytes.Split(b[xref:sx], []byte("\n"))
	if len(lines) < 3 || string(lines[0]) != "xref" {
		return nil, errPDF
	}
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil || first != 0 || len(lines) < 2+count+1 {
		return nil, errPDF
	}
	f := &pdfFile{}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		l := lines[2+i]
		if len(l) < 18 || l[17] != 'n' {
			return nil, errPDF
		}
		offsets[i], err = strconv.Atoi(string(l[:10]))
		if err != nil || offsets[i] <= 0 || offsets[i] >= xref {
			return nil, errPDF
		}
	}
	tr := bytes.Join(lines[2+count:], []byte("\n"))
	if !bytes.HasPrefix(tr, []byte("trailer\n")) {
		return nil, errPDF
	}
	f.trailer = tr[len("trailer\n"):]
	if f.root = trailerRef(f.trailer, "/Root "); f.root <= 0 || f.root >= count {
		return nil, errPDF
	}
	f.info = trailerRef(f.trailer, "/Info ")
	if f.size = trailerRef(f.trailer, "/Size "); f.size != count {
		return nil, errPDF
	}

	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	sort.Slice(order, func(i, j int) bool { return offsets[order[i]] < offsets[order[j]] })
	f.header = b[:offsets[order[0]]]
	for k, num := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		body := b[offsets[num]:end]
		if !bytes.HasPrefix(body, []byte(strconv.Itoa(num)+" 0 obj")) {
			return nil, errPDF
		}
		f.objs = append(f.objs, pdfObj{num: num, body: body})
	}
	f.contents = make(map[int]int, count/2)
	for _, o := range f.objs {
		if c := o.pageContents(); c > 0 {
			f.contents[c] = len(f.contents)
		}
	}
	return f, nil
}

// pageContents returns the object number of the contents of a page
// object, or 0 for any other object.
func (o *pdfObj) pageContents() int {
	i := bytes.IndexByte(o.body, '\n')
	if i < 0 || !bytes.HasPrefix(o.body[i+1:], []byte("<</Type /Page\n")) {
		return 0
	}
	const key = "/Contents "
	j := bytes.Index(o.body, []byte(key))
	if j < 0 {
		return 0
	}
	rest := o.body[j+len(key):]
	k := bytes.IndexByte(rest, ' ')
	if k < 0 {
		return 0
	}
	n, err := strconv.Atoi(string(rest[:k]))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// trailerRef returns the object number after key ("/Root 12 0 R"), or 0.
func trailerRef(tr []byte, key string) int {
	i := bytes.Index(tr, []byte(key))
	if i < 0 {
		return 0
	}
	var n int
	if _, err := fmt.Sscanf(string(tr[i+len(key):]), "%d", &n); err != nil {
		return 0
	}
	return n
}

// add appends objects numbered from f.size on, as many as objs holds,
// and counts them in the trailer's /Size.
func (f *pdfFile) add(objs []pdfObj) error {
	for i, o := range objs {
		if o.num != f.size+i {
			return fmt.Errorf("%w: object %d added as %d", errPDF, o.num, f.size+i)
		}
	}
	size := f.size + len(objs)
	f.trailer = bytes.Replace(f.trailer, fmt.Appendf(nil, "/Size %d\n", f.size), fmt.Appendf(nil, "/Size %d\n", size), 1)
	f.objs = append(f.objs, objs...)
	f.size = size
	return nil
}

// obj returns the object numbered num, or nil.
func (f *pdfFile) obj(num int) *pdfObj {
	for i := range f.objs {
		if f.objs[i].num == num {
			return &f.objs[i]
		}
	}
	return nil
}

// write serializes f to w with a new cross-reference table, compressing
// the streams fpdf left uncompressed and putting contents[k], compressed,
// in place of the contents of the k-th page. Objects are written one by
// one, so the new file is never whole in memory.
func (f *pdfFile) write(w io.Writer, contents [][]byte) error {
	out := &countWriter{w: bufio.NewWriterSize(w, 64<<10)}
	out.Write(f.header)
	offsets := make([]int64, len(f.objs)+1)
	z := getDeflater()
	defer putDeflater(z)
	for _, o := range f.objs {
		offsets[o.num] = out.n
		if k, ok := f.contents[o.num]; ok {
			z.writeStream(out, o.num, contents[k])
			continue
		}
		z.writeObj(out, o)
	}
	xref := out.n
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	var line []byte
	for _, off := range offsets[1:] {
		line = strconv.AppendInt(line[:0], 1e10+off, 10)[1:] // ten digits, zero-padded
		line = append(line, " 00000 n \n"...)
		out.Write(line)
	}
	out.WriteString("trailer\n")
	out.Write(f.trailer)
	fmt.Fprintf(out, "\nstartxref\n%d\n%%%%EOF\n", xref)
	if out.err != nil {
		return out.err
	}
	return out.w.(*bufio.Writer).Flush()
}

// countWriter counts what it writes and keeps the first error, after
// which it writes nothing.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

func (c *countWriter) WriteString(s string) (int, error) {
	return c.Write([]byte(s))
}

// Why streams are compressed here and not by fpdf: fpdf makes a new zlib
// writer (about 1 MB of state) for every page it writes, which was 29–60 %
// of the time spent making a binder. Here one writer per document, taken
// from a pool, is Reset for each stream. zlib's output depends only on the
// input and the level, so the file stays byte-identical run to run.

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
	hdr []byte
}

func getDeflater() *deflater  { return deflaters.Get().(*deflater) }
func putDeflater(d *deflater) { d.buf.Reset(); deflaters.Put(d) }

// plainStream returns the data of an object that is exactly an
// uncompressed stream with nothing in its dictionary but /Length — what
// fpdf writes for page contents and ToUnicode maps — or nil.
func plainStream(body []byte) []byte {
	i := bytes.IndexByte(body, '\n')
	if i < 0 {
		return nil
	}
	rest := body[i+1:]
	const open = "<</Length "
	if !bytes.HasPrefix(rest, []byte(open)) {
		return nil
	}
	rest = rest[len(open):]
	j := bytes.IndexByte(rest, '>')
	if j <= 0 {
		return nil
	}
	n, err := strconv.Atoi(string(rest[:j]))
	rest = rest[j:]
	const mid, end = ">>\nstream\n", "\nendstream\nendobj\n"
	if err != nil || n < 0 || !bytes.HasPrefix(rest, []byte(mid)) || len(rest) != len(mid)+n+len(end) || string(rest[len(mid)+n:]) != end {
		return nil
	}
	return rest[len(mid) : len(mid)+n]
}

// deflate returns data compressed, valid until the next call.
func (d *deflater) deflate(data []byte) ([]byte, error) {
	d.buf.Reset()
	d.zw.Reset(&d.buf)
	if _, err := d.zw.Write(data); err != nil {
		return nil, err
	}
	if err := d.zw.Close(); err != nil {
		return nil, err
	}
	return d.buf.Bytes(), nil
}

// writeStream writes object num as a compressed stream of data, which is
// already compressed.
func (d *deflater) writeStream(out io.Writer, num int, data []byte) {
	d.hdr = strconv.AppendInt(d.hdr[:0], int64(num), 10)
	d.hdr = append(d.hdr, " 0 obj\n<</Filter /FlateDecode /Length "...)
	d.hdr = strconv.AppendInt(d.hdr, int64(len(data)), 10)
	d.hdr = append(d.hdr, ">>\nstream\n"...)
	out.Write(d.hdr)
	out.Write(data)
	io.WriteString(out, "\nendstream\nendobj\n")
}

// writeObj writes object o to out, its stream compressed if it is a plain
// stream (plainStream).
func (d *deflater) writeObj(out io.Writer, o pdfObj) {
	if data := plainStream(o.body); data != nil {
		if c, err := d.deflate(data); err == nil { // writing to memory cannot fail
			d.writeStream(out, o.num, c)
			return
		}
	}
	out.Write(o.body)
}

// insertIntoDict inserts entries right after the opening "<<" of the
// object's dictionary.
func (o *pdfObj) insertIntoDict(entries string) error {
	i := bytes.Index(o.body, []byte("<<"))
	if i < 0 {
		return errPDF
	}
	nb := make([]byte, 0, len(o.body)+len(entries)+1)
	nb = append(nb, o.body[:i+2]...)
	nb = append(nb, entries...)
	nb = append(nb, '\n')
	nb = append(nb, o.body[i+2:]...)
	o.body = nb
	return nil
}

// pdfString encodes s as a PDF text string (textString), literal.
func pdfString(s string) string {
	return string(appendLiteral(nil, []byte(textString(s))))
}
