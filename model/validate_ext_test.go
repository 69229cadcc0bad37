package model_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/model/seedtext"
	"jixiao/model/xlsx"
)

// Issue 23: the parallel check of a book's forms is the serial one for
// the books of the seed text and for workbooks, whose Source locates the
// problems at sheets and cells and holds the problems found while reading.
func TestValidateParallelSeedAndWorkbooks(t *testing.T) {
	f, err := os.Open("../testdata/seed-jiangyin-2024.txt")
	require.NoError(t, err)
	defer f.Close()
	seed, _, err := seedtext.Import(f, "seed.txt")
	require.NoError(t, err)
	model.SameAsSerial(t, "seed", seed, nil)

	r := rand.New(rand.NewPCG(17, 23))
	rounds := 8
	if testing.Short() {
		rounds = 3
	}
	cells, readErrs := 0, 0
	exported, toldMerged := 0, 0 // rows of a misspelt 二级 in the workbooks read, problems told of it
	for round := range rounds {
		b := &model.Book{Year: seed.Year}
		misspelt := 0
		for i := range 10 + r.IntN(30) {
			fm := seed.Forms[(i*7+round)%len(seed.Forms)]
			fm.Indicators = slices.Clone(fm.Indicators)
			if r.IntN(3) > 0 {
				model.BreakForm(r, &fm, 1+r.IntN(5))
			}
			if i%4 == 1 {
				// A 二级 misspelt on all its rows: one merged cell in a
				// workbook, whose rows each read it, told once (told).
				for k := range fm.Indicators {
					if fm.Indicators[k].Level2 == "数量指标" {
						fm.Indicators[k].Level2 = "数量"
						misspelt++
					}
				}
			}
			b.Forms = append(b.Forms, fm)
		}
		name := fmt.Sprintf("round %d", round)
		model.SameAsSerial(t, name+", seed forms", b, nil)

		var js bytes.Buffer
		require.NoError(t, model.EncodeJSON(&js, b))
		jb, jsrc, err := model.Decode(js.Bytes(), "seed.json", model.FormatAuto)
		require.NoError(t, err)
		model.SameAsSerial(t, name+", seed.json", jb, jsrc)

		var wb bytes.Buffer
		if err := xlsx.Export(&wb, b); err != nil {
			t.Logf("%s: not exported: %v", name, err)
			continue
		}
		xb, xsrc, err := xlsx.Read(wb.Bytes(), "seed.xlsx")
		if err != nil {
			t.Logf("%s: not read back: %v", name, err)
			continue
		}
		for _, p := range model.SameAsSerial(t, name+", seed.xlsx", xb, xsrc) {
			if p.Loc.Cell != "" {
				cells++
			}
			if p.Code == model.CodeLevel2NotInLevel1 && p.Args[0] == "数量" {
				toldMerged++
			}
		}
		exported += misspelt
		readErrs += len(xsrc.ReadProblems().Errors())
	}
	// Problems at cells, and errors found while reading, were compared.
	require.NotZero(t, cells, "no problem at a cell")
	require.NotZero(t, readErrs, "no workbook with errors found while reading")
	// The merged 二级 cells were told once each, not once a row.
	require.NotZero(t, toldMerged)
	require.Less(t, toldMerged, exported, "merged cells told once a row")
	t.Logf("%d rows of a misspelt 二级, told %d times", exported, toldMerged)
}
