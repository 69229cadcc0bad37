package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/model/seedtext"
	"jixiao/msg"
	"jixiao/pipeline"
)

// problemCorpus returns the problems of inputs made to break most rules:
// decoding problems of broken files and the validator's of broken forms.
func problemCorpus(t *testing.T) []model.Problem {
	t.Helper()
	dir := t.TempDir()
	var out []model.Problem
	add := func(name, text string) {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		book, src, err := model.ReadFileSource(path)
		for _, de := range model.DecodeErrors(err) {
			out = append(out, de.Problems...)
		}
		if err == nil {
			out = append(out, model.Validate(book, src)...)
		}
	}
	add("empty.json", " \n")
	add("bin.json", "{\"a\x00\"}")
	add("gbk.json", "{\"project\": \"\xb2\xe2\"}")
	add("syntax.json", "{\"forms\": [")
	add("dup.json", `{"forms": [{"project": "a", "project": "b"}]}`)
	add("keys.json", `{"forms": [{"projct": "a", "zzzz": 1, "year": "x", "total_amount": true, "unit": 5, "indicators": {}}], "year": 2.5}`)
	add("types.yaml", "forms:\n  - year: 2024\n    unit: [1]\n    indicators:\n      - 7\n")
	add("notobj.json", `[1, 2]`)
	seed := func(text string) {
		_, _, err := seedtext.Import(strings.NewReader(text), "s.txt")
		var se *seedtext.SeedError
		require.True(t, errors.As(err, &se), "%q: %v", text, err)
		out = append(out, se.Problem())
	}
	seed("")
	seed("\x00\x01binary")
	seed("not the title\n")
	seed(model.DefaultTitle + "\n")
	seed(model.DefaultTitle + "\nno year here\n")
	seed(model.DefaultTitle + "\n2024年度\n单位名称\t甲\t主管部门\t乙\n单位名称\t甲\t主管部门\t乙\n")

	src, err := os.ReadFile("../../model/testdata/form.json")
	require.NoError(t, err)
	var form map[string]any
	require.NoError(t, json.Unmarshal(src, &form))
	edit := func(name string, change func(f map[string]any)) {
		var f map[string]any
		require.NoError(t, json.Unmarshal(src, &f))
		change(f)
		data, err := json.Marshal(map[string]any{"year": 2024, "forms": []any{f}})
		require.NoError(t, err)
		add(name, string(data))
	}
	rows := func(f map[string]any) []any { return f["indicators"].([]any) }
	row := func(f map[string]any, i int) map[string]any { return rows(f)[i].(map[string]any) }
	edit("fields.json", func(f map[string]any) {
		f["unit"] = ""
		f["year"] = 3000
		f["total_amount"] = "12.5.1"
		f["year_amount"] = "1.1234567"
		f["project"] = "a\nb"
		f["department"] = "x\x07"
	})
	edit("amounts.json", func(f map[string]any) {
		f["total_amount"] = "10"
		f["year_amount"] = "20"
	})
	edit("big.json", func(f map[string]any) { f["total_amount"] = "12345678901234567" })
	edit("year.json", func(f map[string]any) { f["year"] = 2023 })
	edit("noind.json", func(f map[string]any) { f["indicators"] = []any{} })
	edit("levels.json", func(f map[string]any) {
		row(f, 0)["level1"] = ""
		row(f, 1)["level1"] = "决册"
		row(f, 2)["level1"] = "完全不同的东西"
		row(f, 3)["level2"] = "组织目标"
		row(f, 4)["level2"] = ""
		row(f, 5)["level2"] = "产出数量"
		row(f, 6)["level2"] = "完全不同的二级"
		row(f, 7)["level3"] = ""
		row(f, 8)["half_year"] = ""
		row(f, 9)["full_year"] = ""
		r := row(f, 10)
		r["half_year"], r["full_year"] = "", ""
		row(f, 11)["level3"] = row(f, 12)["level3"]
	})
	edit("order.json", func(f map[string]any) {
		rs := rows(f)
		rs[0], rs[len(rs)-1] = rs[len(rs)-1], rs[0]
		f["indicators"] = rs[:len(rs)-3]
	})
	edit("split.json", func(f map[string]any) {
		rs := rows(f)
		f["indicators"] = append(rs, rs[0])
		empty := map[string]any{"level1": "产出指标", "level2": "数量指标", "level3": "", "half_year": "", "full_year": ""}
		f["indicators"] = append(f["indicators"].([]any), empty, empty)
	})
	return out
}

// TestProblemTexts: every problem of the corpus has a catalogue entry (a
// problem stores no text: the catalogue is its only words), and its
// English and Chinese texts have every value put in.
func TestProblemTexts(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range problemCorpus(t) {
		c := msg.Code(p.Code)
		require.True(t, msg.Has(c), "%s: no catalogue entry (%v)", p.Code, p)
		seen[p.Code] = true
		for _, l := range []msg.Lang{msg.English, msg.Chinese} {
			text := pipeline.ProblemText(l, p)
			require.NotRegexp(t, `\{\d+\}`, text, "%s: a value missing in %s", p.Code, l)
		}
	}
	var unseen []string
	for _, c := range msg.Codes() {
		if !seen[string(c)] && isModelCode(string(c)) {
			unseen = append(unseen, string(c))
		}
	}
	sort.Strings(unseen)
	t.Logf("%d codes seen in the corpus; not seen: %v", len(seen), unseen)
	require.Greater(t, len(seen), 30)
}

// isModelCode reports whether c is one of model's problem codes.
func isModelCode(c string) bool {
	for _, m := range modelCodes {
		if m == c {
			return true
		}
	}
	return false
}

var modelCodes = []string{model.CodeFileTooLarge, model.CodeStreamTooLarge, model.CodeTooManyProblems, model.CodeTooDeep, model.CodeTruncatedUTF8,
	model.CodeTextTooLong, model.CodeAmountTooLong, model.CodeTitleTooTall, model.CodeLabelTooTall, model.CodeRowTooTall,
	model.CodePageTooNarrow, model.CodeSignatureTooTall, model.CodeStampTooTall, model.CodeSeedTooLarge, model.CodeBinderYearDiffers}

func TestChineseProblem(t *testing.T) {
	p := model.Problem{Severity: model.Error, Code: model.CodeLevel2NotInLevel1, Path: "forms[4].indicators[7].level2",
		Loc: model.Location{File: "book.json", Line: 12, Column: 21}, Args: []string{"组织目标", "决策", "绩效目标"}}
	require.Equal(t, "book.json:12:21: forms[4].indicators[7].level2: 组织目标 is not a 二级指标 of 决策 (did you mean 绩效目标?)", pipeline.ProblemText(msg.English, p))
	require.Equal(t, "book.json 第 12 行第 21 列：二级指标“组织目标”不属于一级指标“决策”，是否应为“绩效目标”？（forms[4].indicators[7].level2）", pipeline.ProblemText(msg.Chinese, p))
	p.Severity = model.Warning
	require.True(t, strings.HasPrefix(pipeline.ProblemText(msg.Chinese, p), "book.json 第 12 行第 21 列：提醒：二级指标"))
	p.Args[0] = "\u202e组织\x1b[31m"
	require.Contains(t, pipeline.ProblemText(msg.Chinese, p), `“U+202E组织\u001b[31m”`)
}

// TestRepairTexts: every repair jixiao import makes on the seed (and on the
// damaged seeds of the fuzz corpus) has a code with an English and a
// Chinese text in the catalogue, its values put in, and no English word
// left in the Chinese.
func TestRepairTexts(t *testing.T) {
	inputs := []string{"../../testdata/seed-jiangyin-2024.txt"}
	seen := map[string]bool{}
	for _, name := range inputs {
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		_, reps, _ := seedtext.Import(bytes.NewReader(data), "seed.txt")
		for _, r := range reps {
			seen[r.Code] = true
			en, ok := msg.RepairText(msg.English, r.Code, r.Args)
			require.True(t, ok, "%s: no catalogue entry (%v)", r.Code, r)
			require.NotRegexp(t, `\{\d+\}`, en)
			zh, _ := msg.RepairText(msg.Chinese, r.Code, r.Args)
			require.NotRegexp(t, `\{\d+\}`, zh)
			require.Empty(t, englishWords(zh, r.Args...), "%s: %s", r.Code, zh)
		}
	}
	t.Logf("repair codes seen: %d", len(seen))
}
