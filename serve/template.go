package serve

import (
	"bytes"
	"net/http"
	"strconv"

	"jixiao/model/xlsx"
)

// template answers the Excel template a form is filled in (jixiao
// template): ?year=N fills in the year line, else it is left for the
// clerk.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	year := 0
	if v := r.URL.Query().Get("year"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2200 {
			s.refuse(w, r, http.StatusBadRequest, codeBadYear, v)
			return
		}
		year = n
	}
	var buf bytes.Buffer
	if err := xlsx.Template(&buf, year); err != nil {
		s.fail(w, r, err)
		return
	}
	s.send(w, r, answer{status: http.StatusOK, body: buf.Bytes(), name: "绩效目标表模板.xlsx",
		ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
}
