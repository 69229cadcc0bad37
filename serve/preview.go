package serve

import (
	"net/http"
	"strconv"

	"jixiao/layout"
	"jixiao/pipeline"
	"jixiao/preview"
)

// The resolutions a preview may ask for: a thumbnail to a page to read.
const (
	minDPI = 20
	maxDPI = 300
)

// preview answers one page of a form as a PNG, laid out as its PDF would
// be. A form with errors can be looked at (that helps to find them), as
// long as it can be laid out.
func (s *Server) preview(c *call) answer {
	o, bad := s.pageOptions(c)
	if bad != nil {
		return *bad
	}
	dpi := preview.DefaultDPI
	if v := c.query.Get("dpi"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < minDPI || n > maxDPI {
			return s.refusal(http.StatusBadRequest, codeBadDPI, minDPI, maxDPI, v)
		}
		dpi = n
	}
	page := 1
	if v := c.query.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return s.refusal(http.StatusBadRequest, codeBadNumber, "page", v)
		}
		page = n
	}
	b, k, bad := s.loadForm(c)
	if bad != nil {
		return *bad
	}
	e := b.forms[k]
	in := b.inputs[e.input]
	opt := s.options()
	opt.Layout = o
	docs, err := pipeline.LayOut(in, []int{e.index}, opt)
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	pages := docs[0].Pages
	if page > len(pages) {
		return s.refusal(http.StatusUnprocessableEntity, codeNoSuchPage, k+1, page, len(pages))
	}
	var png []byte
	one := func(yield func(int, *layout.Page) error) error { return yield(page-1, pages[page-1]) }
	if err := pipeline.Previews(one, opt, float64(dpi), func(_ int, b []byte) error {
		png = b
		return nil
	}); err != nil {
		return s.drawFailure(err, in.Path)
	}
	return answer{status: http.StatusOK, ctype: "image/png", body: png}
}
