package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"jixiao/golden"
	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
	"jixiao/pipeline"
)

// TestLibreOfficeRoundTrip has LibreOffice open and save two workbooks,
// in one run of soffice:
//   - the 18 example forms as jixiao export writes them: read back, they
//     are the example book, and the binder printed from them is
//     byte-identical to the binder printed from the JSON book;
//   - a flat ODS written here the way a clerk types a form in LibreOffice
//     Calc (the table from B2, merged and first-row-only 一级/二级, numbers,
//     percentages, a formula, line breaks): read as that form.
func TestLibreOfficeRoundTrip(t *testing.T) {
	soffice := golden.Tool(t, "soffice")
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	require.NoError(t, os.Mkdir(in, 0o755))
	ours := filepath.Join(in, "book.xlsx")
	code, _, stderr := binderRun("export", binderExample, "-o", ours)
	require.Equal(t, 0, code, stderr)
	require.NoError(t, os.WriteFile(filepath.Join(in, "typed.fods"), []byte(typedFODS), 0o644))

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out, ours, filepath.Join(in, "typed.fods"))
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	require.NoError(t, cmd.Run(), log.String())
	saved := filepath.Join(out, "book.xlsx")
	data, err := os.ReadFile(saved)
	require.NoError(t, err, log.String())
	require.False(t, bytes.Equal(data, mustRead(t, ours)), "LibreOffice wrote the file unchanged")

	t.Run("export", func(t *testing.T) {
		back := filepath.Join(dir, "back.json")
		code, _, stderr := binderRun("import", saved, "-o", back)
		require.Equal(t, 0, code, stderr)
		require.Equal(t, string(mustRead(t, binderExample)), string(mustRead(t, back)))
		fromJSON, fromXLSX := filepath.Join(dir, "json.pdf"), filepath.Join(dir, "xlsx.pdf")
		code, _, stderr = binderRun("binder", binderExample, "-o", fromJSON)
		require.Equal(t, 0, code, stderr)
		code, _, stderr = binderRun("binder", saved, "-o", fromXLSX)
		require.Equal(t, 0, code, stderr)
		require.True(t, bytes.Equal(mustRead(t, fromJSON), mustRead(t, fromXLSX)), "the binder from the workbook saved by LibreOffice differs from the binder from the JSON book")
	})
	t.Run("typed", func(t *testing.T) {
		typed := filepath.Join(out, "typed.xlsx")
		book, src, err := xlsx.Read(mustRead(t, typed), typed)
		require.NoError(t, err)
		require.Len(t, book.Forms, 1)
		require.Equal(t, typedForm, book.Forms[0])
		var warnings []string
		for _, p := range model.Validate(book, src) {
			require.Equal(t, model.Warning, p.Severity, p.String())
			warnings = append(warnings, pipeline.ProblemText(msg.English, p))
		}
		require.Contains(t, warnings, typed+": 填表说明: warning: not a form (no 项目名称 and no 一级指标 label): skipped")
		// Problems name the cells LibreOffice kept: the table starts at B2.
		p, ok := src.Location("forms[0].indicators[3].full_year")
		require.True(t, ok)
		require.Equal(t, typed+": 工作表1!F15", p.String())
	})
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// typedForm is what typedFODS holds.
var typedForm = model.Form{
	Title: model.DefaultTitle, Year: 2024,
	Unit: "江阴市人力资源和社会保障局（机关）", Department: "江阴市人力资源和社会保障局", Project: "就业见习补贴",
	// The formula =C7 shows its result in C7's format: 4012.80, as the user sees.
	TotalAmount: "4012.80", YearAmount: "4012.80",
	Overview:   "第一段：见习补贴。\n第二段：1. 补贴；2. 留用。",
	AnnualGoal: "促进高校毕业生就业。",
	Indicators: []model.Indicator{
		{Level1: "决策", Level2: "项目立项", Level3: "立项依据充分性", HalfYear: "充分", FullYear: "充分"},
		{Level1: "决策", Level2: "项目立项", Level3: "立项程序规范性", HalfYear: "规范", FullYear: "规范"},
		{Level1: "产出指标", Level2: "数量指标", Level3: "见习人数", HalfYear: "250", FullYear: "95%"},
		{Level1: "产出指标", Level2: "数量指标", Level3: "见习留用率", HalfYear: "≥50%", FullYear: "≥60%"},
		{Level1: "产出指标", Level2: "成本指标"},
		{Level1: "满意度指标", Level2: "服务对象满意度", Level3: "满意度", HalfYear: "=90%", FullYear: "≥90%"},
	},
}

// typedFODS is a form as typed in LibreOffice Calc, saved as flat ODS.
var typedFODS = func() string {
	s := func(text string) string {
		var b strings.Builder
		for _, p := range strings.Split(text, "\n") {
			fmt.Fprintf(&b, "<text:p>%s</text:p>", p)
		}
		return `<table:table-cell office:value-type="string">` + b.String() + `</table:table-cell>`
	}
	span := func(cols int, text string) string {
		return strings.Replace(s(text), "<table:table-cell ", fmt.Sprintf(`<table:table-cell table:number-columns-spanned="%d" `, cols), 1) +
			fmt.Sprintf(`<table:covered-table-cell table:number-columns-repeated="%d"/>`, cols-1)
	}
	vspan := func(rows int, text string) string {
		return strings.Replace(s(text), "<table:table-cell ", fmt.Sprintf(`<table:table-cell table:number-rows-spanned="%d" `, rows), 1)
	}
	blank := `<table:table-cell/>`
	covered := `<table:covered-table-cell/>`
	row := func(cells ...string) string {
		return "<table:table-row>" + blank + strings.Join(cells, "") + "</table:table-row>\n"
	}
	rows := []string{
		"<table:table-row><table:table-cell/></table:table-row>\n",
		row(span(5, "市级财政项目支出预算绩效目标表")),
		row(span(5, "2024年度")),
		row(blank, blank, blank, blank, s("单位：万元")),
		row(s("单位名称"), s("江阴市人力资源和社会保障局（机关）"), s("主管部门"), span(2, "江阴市人力资源和社会保障局")),
		row(s("项目名称："), span(4, "就业见习补贴")),
		row(s("项目总金额(万元)"), `<table:table-cell table:style-name="ce2" office:value-type="float" office:value="4012.8"><text:p>4012.80</text:p></table:table-cell>`,
			s("本年度项目金额（万元）"), `<table:table-cell table:number-columns-spanned="2" table:formula="of:=[.C7]" office:value-type="float" office:value="4012.8"><text:p>4012.8</text:p></table:table-cell><table:covered-table-cell/>`),
		row(s("项目概述"), span(4, "第一段：见习补贴。\n\n第二段：1. 补贴；2. 留用。")),
		row(s("年度绩效目标"), span(4, "促进高校毕业生就业。")),
		row(),
		row(s("一级指标"), s("二级指标"), s("三级指标"), s("半年（程）指标值"), s("全年（程）指标值")),
		row(vspan(2, "决策"), vspan(2, "项目立项"), s("立项依据充分性"), s("充分"), s("充分")),
		row(covered, covered, s("立项程序规范性"), s("规范"), s("规范")),
		row(s("产出指标"), s("数量指标"), s("见习人数"), `<table:table-cell office:value-type="float" office:value="250"><text:p>250</text:p></table:table-cell>`,
			`<table:table-cell table:style-name="ce1" office:value-type="percentage" office:value="0.95"><text:p>95%</text:p></table:table-cell>`),
		row(blank, blank, s("见习留用率"), s(">=50%"), s("≥60%")),
		row(blank, s("成本指标"), blank, blank, blank),
		row(s("满意度指标"), s("服务对象满意度"), s("满意度"),
			`<table:table-cell table:style-name="ce1" table:formula="of:=90%" office:value-type="percentage" office:value="0.9"><text:p>90%</text:p></table:table-cell>`, s("≥90%")),
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:percentage-style style:name="N1"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="工作表1"><table:table-column table:number-columns-repeated="6"/>
` + strings.Join(rows, "") + `</table:table>
<table:table table:name="填表说明"><table:table-column/><table:table-row>` + s("每张工作表填写一个项目。") + `</table:table-row></table:table>
</office:spreadsheet></office:body></office:document>
`
}()
