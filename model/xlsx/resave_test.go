package xlsx

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/golden"
	"jixiao/model"
)

// TestInlineStringText: an inline string is the text of its <t> elements;
// the white space Gnumeric indents them with and phonetic runs are not.
func TestInlineStringText(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr">
        <is>
          <t>填表说明</t>
        </is>
      </c><c r="B1" t="inlineStr"><is><r><t>一</t></r><r><t xml:space="preserve"> 二 </t></r><rPh><t>ヨミ</t></rPh></is></c></row></sheetData></worksheet>`
	p := &pkg{limit: MaxTokens, xml: MaxXML}
	d := &decoder{d: xml.NewDecoder(&counted{strings.NewReader(sheet), p}), rc: io.NopCloser(nil), p: p}
	cells, _, err := readCells(d, nil, new(hiddenParts))
	if err != nil {
		t.Fatal(err)
	}
	if got := cells[0][0].text; got != "填表说明" {
		t.Errorf("A1 %q", got)
	}
	if got := cells[0][1].text; got != "一 二 " {
		t.Errorf("B1 %q", got)
	}
}

// TestTemplateResaved: the template's 填表说明, saved again by Gnumeric or
// LibreOffice, is still our own, not a sheet that is not a form (issue
// 19, item 11): the filled template passes --strict whoever saved it.
func TestTemplateResaved(t *testing.T) {
	if testing.Short() {
		t.Skip("runs an office program")
	}
	want := exampleBook(t).Forms[0]
	data := fillTemplate(t, &want)
	for _, c := range []struct {
		tool string
		args func(in, dir string) []string
	}{
		{"ssconvert", func(in, dir string) []string { return []string{in, filepath.Join(dir, "out.xlsx")} }},
		{"soffice", func(in, dir string) []string {
			return []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore",
				"--convert-to", "xlsx", "--outdir", filepath.Join(dir, "lo"), in}
		}},
	} {
		t.Run(c.tool, func(t *testing.T) {
			bin := golden.Tool(t, c.tool)
			dir := t.TempDir()
			in := filepath.Join(dir, "in.xlsx")
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, c.args(in, dir)...)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			var log bytes.Buffer
			cmd.Stdout, cmd.Stderr = &log, &log
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			out := filepath.Join(dir, "out.xlsx")
			if c.tool == "soffice" {
				out = filepath.Join(dir, "lo", "in.xlsx")
			}
			saved, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			b, src, err := Read(saved, "saved.xlsx")
			if err != nil {
				t.Fatal(err)
			}
			sameForm(t, &want, &b.Forms[0])
			for _, p := range model.Validate(b, src) {
				if p.Code == string(CodeNotForm) || p.Severity == model.Error {
					t.Error(p)
				}
			}
		})
	}
}
