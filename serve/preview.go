package serve

import (
	"io"
	"net/http"
	"strconv"

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
	job, b, k, bad := s.loadForm(c)
	if bad != nil {
		return *bad
	}
	in := b.inputs[b.forms[k].input]
	docs, err := pipeline.Plan(c.ctx, b.inputs, job)
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	if n := docs[0].Frame.Pages; page > n {
		return s.refusal(http.StatusUnprocessableEntity, codeNoSuchPage, k+1, page, n)
	}
	body, err := written(c, func(w io.Writer) error {
		return pipeline.NewPNG(job, float64(dpi)).Write(c.ctx, w, docs[0].Page(page-1))
	})
	if err != nil {
		return s.drawFailure(err, in.Path)
	}
	return answer{status: http.StatusOK, ctype: "image/png", spooled: body}
}
