package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
	"jixiao/pipeline"
)

// TestQueryValueKinds: a yes/no, a date and fit= that do not read are each
// told what they expect, never that they should be a whole number
// (review 7, item 6); a form's number still is.
func TestQueryValueKinds(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	for _, c := range []struct {
		query string
		code  msg.Code
		words []string // in the message
	}{
		{"date=2025-13-45", codeBadDate, []string{"编报日期", "2025-03-01", "“2025-13-45”"}},
		{"duplex=maybe", codeBadSwitch, []string{"duplex", "1（是）或 0（否）", "“maybe”"}},
		{"signature=2", codeBadSwitch, []string{"signature", "“2”"}},
		{"draft=x", codeBadSwitch, []string{"draft"}},
		{"strict=x", codeBadSwitch, []string{"strict"}},
		{"allow_missing=x", codeBadSwitch, []string{"allow_missing"}},
		{"attach_data=x", codeBadSwitch, []string{"attach_data"}},
		{"fit=maybe", codeBadFit, []string{"on 或 off", "“maybe”"}},
		{"watermark=%E8%8D%89%1B", codeBadWatermark, []string{"watermark", "U+001B"}},
		{"form=x", codeBadNumber, []string{"整数"}},
		{"forms=1-x", codeBadFormList, []string{"1,3-5", "“1-x”"}},
	} {
		w := do(s, post(t, "/api/binder?"+c.query, book))
		refusedWith(t, w, http.StatusBadRequest, c.code)
		m := problems(t, w)[0].Message
		for _, word := range c.words {
			require.Contains(t, m, word, c.query)
		}
		if c.code != codeBadNumber && c.code != codeBadFormList {
			require.NotContains(t, m, "整数", c.query)
		}
	}
}

// TestRenderFormList: form=1,3 to a one-form render is told with the
// value sent (it said 而不是“” before, review 8b).
func TestRenderFormList(t *testing.T) {
	s := newTestServer(t, Options{})
	w := do(s, post(t, "/api/render?form=1,3", readFile(t, exampleBook)))
	refusedWith(t, w, http.StatusBadRequest, codeBadNumber)
	require.Contains(t, problems(t, w)[0].Message, "“1,3”")
}

// TestControlCharacterOnce: a control character in a project name is told
// once, as the character validation refuses, not also as one the fonts
// lack with advice to add a font (review 7, item 10).
func TestControlCharacterOnce(t *testing.T) {
	s := newTestServer(t, Options{})
	f := bookFile(t, "names.json", func(f *model.Form) { f.Project = "项目\r\nX-Evil: 1" })
	w := do(s, post(t, "/api/check", f))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var body checkBody
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.Len(t, body.Forms, 1)
	var codes []string
	for _, p := range body.Forms[0].Problems {
		codes = append(codes, p.Code)
		require.NotContains(t, p.Message, "字体", p.Message)
	}
	require.Contains(t, codes, model.CodeControlCharacter)
	require.NotContains(t, codes, string(codeCannotDraw))
	require.Positive(t, body.Forms[0].Pages, "laid out, its pages counted")
}

// rawPost is a POST of one part with the Content-Disposition line given,
// as a script may send it.
func rawPost(t *testing.T, target, disposition string, data []byte) *http.Request {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("--B0undary\r\n" + disposition + "\r\nContent-Type: application/json\r\n\r\n")
	b.Write(data)
	b.WriteString("\r\n--B0undary--\r\n")
	r := httptest.NewRequest(http.MethodPost, target, &b)
	r.Header.Set("Content-Type", "multipart/form-data; boundary=B0undary")
	return r
}

// TestBadFileName: a file name with a control character is refused as a
// name that is not allowed, naming it, not as an upload to send again
// (review 7, item 12), whether it breaks the part's header or comes
// encoded (filename*=).
func TestBadFileName(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook).data
	for _, d := range []string{
		"Content-Disposition: form-data; name=\"file\"; filename=\"d\x01x.json\"",
		"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''d%01x.json",
	} {
		w := do(s, rawPost(t, "/api/check", d, book))
		refusedWith(t, w, http.StatusBadRequest, codeBadFileName)
		m := problems(t, w)[0].Message
		require.Contains(t, m, "d\\u0001x.json", d)
		require.NotContains(t, m, "重试", d)
	}
	// The same file under a name without one reads.
	w := do(s, rawPost(t, "/api/check", `Content-Disposition: form-data; name="file"; filename="dx.json"`, book))
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
}

// TestZipNames: the ZIP of OFDs is not named as the ZIP of PDFs, so that
// one saved after the other does not take its name (review 7, item 12).
func TestZipNames(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	name := func(query string) string {
		w := do(s, post(t, "/api/zip?forms=1"+query, book))
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		_, params, err := mime.ParseMediaType(w.Header().Get("Content-Disposition"))
		require.NoError(t, err)
		return params["filename"] // the filename* value, decoded
	}
	require.Equal(t, "2024年绩效目标表.zip", name(""))
	require.Equal(t, "2024年绩效目标表（OFD）.zip", name("&format=ofd"))
}

// TestClientGoneLogged: a client that hangs up, while its request waits
// its turn or halfway through its upload, is logged as gone, not as a
// request the server was too busy for (503 serve-busy) (review 7, item 12).
func TestClientGoneLogged(t *testing.T) {
	var mu sync.Mutex
	var log []string
	s := newTestServer(t, Options{Renders: 1, Log: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, fmt.Sprintf(format, args...))
	}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.gate <- struct{}{} // the one render slot taken: a request waits
	defer func() { <-s.gate }()
	body, ctype := multipartBody(t, readFile(t, exampleBook))
	for _, sent := range []int{len(body), len(body) / 2} {
		mu.Lock()
		log = nil
		mu.Unlock()
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		require.NoError(t, err)
		fmt.Fprintf(conn, "POST /api/check HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			srv.Listener.Addr(), ctype, len(body))
		conn.Write(body[:sent])
		time.Sleep(300 * time.Millisecond) // read, and waiting its turn
		conn.Close()
		require.Eventually(t, func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(log) > 0
		}, 10*time.Second, 10*time.Millisecond)
		time.Sleep(100 * time.Millisecond) // a second line, if any
		mu.Lock()
		require.Len(t, log, 1, "sent %d of %d", sent, len(body))
		require.Contains(t, log[0], "POST /api/check: the client went away")
		require.NotContains(t, log[0], "503")
		mu.Unlock()
	}
}

// TestBookErrorsEnglish: in English, the refusal of a print for errors
// counts the errors as errors, not as forms (review 7, item 11).
func TestBookErrorsEnglish(t *testing.T) {
	s, err := New(Options{Fonts: fontSetFor(t), Lang: msg.English})
	require.NoError(t, err)
	book := readFile(t, exampleBook)
	broken := file{"broken.json", book.data[:3000]}
	w := do(s, post(t, "/api/zip", book, broken))
	require.Equal(t, http.StatusUnprocessableEntity, w.Code, w.Body.String())
	ps := problems(t, w)
	require.Equal(t, string(codeBookErrors), ps[0].Code)
	require.Equal(t, "Errors found: 1, in the forms or in a file that could not be read. Fix them and upload again to print.", ps[0].Message)
	require.Len(t, ps, 2, "the lead line and the file's problem")
}

// TestWatermarkNoFont: a watermark with a character no font of the server
// has is the request's bad parameter, told once as the query names it
// (watermark, not the command line's --watermark), a 400 before the files
// are read; not a problem of every form located at the uploaded workbook
// (review 8b, item 4). Allowed as boxes it prints, unless strict=1 makes
// boxes errors.
func TestWatermarkNoFont(t *testing.T) {
	ex, err := model.ReadFile(exampleBook)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, xlsx.Export(&buf, ex))
	workbook := file{"b.xlsx", buf.Bytes()}
	zh := newTestServer(t, Options{})
	en, err := New(Options{Fonts: fontSetFor(t), Lang: msg.English, Creator: "jixiao test"})
	require.NoError(t, err)
	for _, c := range []struct {
		s    *Server
		lang string
		want string
	}{
		{zh, "zh", "参数 watermark 里有 2 个字是本服务器的字体里没有的：'\\ue000'（U+E000）、'\\ue001'（U+E001）。"},
		{en, "en", "watermark holds 2 characters that the fonts of this server do not have: '\\ue000' (U+E000), '\\ue001' (U+E001); write it"},
	} {
		for _, call := range []string{"check?", "render?form=2&", "binder?", "zip?", "preview?form=2&page=1&"} {
			for _, q := range []string{"watermark=%EE%80%80%E8%8D%89%EE%80%81%EE%80%80", "allow_missing=1&strict=1&watermark=%EE%80%80%EE%80%81"} {
				target := "/api/" + call + q
				w := do(c.s, post(t, target, workbook))
				require.Equal(t, http.StatusBadRequest, w.Code, "%s %s: %s", c.lang, target, w.Body.String())
				ps := problems(t, w)
				require.Len(t, ps, 1, "%s %s: once", c.lang, target)
				p := ps[0]
				require.Equal(t, string(codeBadChars), p.Code, target)
				require.True(t, strings.HasPrefix(p.Message, c.want), "%s %s: %s", c.lang, target, p.Message)
				require.NotContains(t, p.Message, "--watermark", target)
				require.Empty(t, p.Location+p.File+p.Sheet+p.Cell+p.Path, "%s %s: the request's, not the file's", c.lang, target)
			}
		}
		// Many characters: the first twenty named, and how many.
		var many []rune
		for r := rune(0xe000); r < 0xe000+25; r++ {
			many = append(many, r, r) // each named once
		}
		w := do(c.s, post(t, "/api/check?watermark="+url.QueryEscape(string(many)), workbook))
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		m := problems(t, w)[0].Message
		require.Contains(t, m, map[string]string{"zh": "25 个字", "en": "25 characters"}[c.lang])
		require.Equal(t, 20, strings.Count(m, "U+E0"), m)
		require.Contains(t, m, "…", m)
		// Drawn as boxes, as asked.
		w = do(c.s, post(t, "/api/binder?allow_missing=1&watermark=%EE%80%80", workbook))
		require.Equal(t, http.StatusOK, w.Code, "%s: %s", c.lang, w.Body.String())
		require.Equal(t, "application/pdf", w.Header().Get("Content-Type"))
	}
}

// TestEveryOptionRefusal: every value the job refuses of an option a query
// may give is answered 400 in words of the server's own, never as an
// internal error (an option added to the query without an answer).
func TestEveryOptionRefusal(t *testing.T) {
	s := newTestServer(t, Options{})
	book := readFile(t, exampleBook)
	n := 0
	for _, name := range pipeline.OptionNames {
		if !webOption(name) {
			continue
		}
		for _, v := range []string{"x", "0", "-1", "1,3", "1-x", "B5", "2025-02-30", "4z", "草\x1b", "\ue000"} {
			job := pipeline.NewJob(s.opt.Fonts)
			err := job.Set(name, v)
			if err == nil {
				err = job.CheckWatermark()
			}
			if err == nil {
				continue
			}
			n++
			q := url.Values{strings.ReplaceAll(name, "-", "_"): {v}}
			w := do(s, post(t, "/api/binder?"+q.Encode(), book))
			require.Equal(t, http.StatusBadRequest, w.Code, "%s=%q: %s", name, v, w.Body.String())
			ps := problems(t, w)
			require.NotEqual(t, string(codeInternal), ps[0].Code, "%s=%q", name, v)
		}
	}
	require.Greater(t, n, 10)
}
