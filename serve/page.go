package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"

	"jixiao/msg"
)

// pageData is what the page's template is filled with.
type pageData struct {
	Lang      string
	Messages  template.JS // the page's words as JSON, for its script
	MaxUpload int64       // bytes a request may carry
}

// pageTemplate parses the page with its t function: t "code" is the
// page's word of that code in l.
func pageTemplate(l msg.Lang) (*template.Template, error) {
	t, err := template.New("index.html").Funcs(template.FuncMap{
		"t": func(code string) (string, error) {
			if !slices.Contains(pageWords, msg.Code(code)) {
				return "", fmt.Errorf("%q is not one of the page's words", code)
			}
			return l.Text(msg.Code(code)), nil
		},
	}).ParseFS(webFS, "web/index.html")
	if err != nil {
		return nil, fmt.Errorf("serve: page: %w", err)
	}
	return t, nil
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	msgs, err := json.Marshal(pageMessages(s.opt.Lang))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	lang := "zh-CN"
	if s.opt.Lang == msg.English {
		lang = "en"
	}
	if err := s.page.Execute(&buf, pageData{Lang: lang, Messages: template.JS(msgs), MaxUpload: s.opt.MaxUpload}); err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	// The page runs its own script and style only, and sends nothing
	// anywhere but here.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Frame-Options", "DENY")
	buf.WriteTo(w)
}
