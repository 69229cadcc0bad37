package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"jixiao/model"
	"jixiao/model/xlsx"
	"jixiao/msg"
)

// wrongLevel2Workbook writes the workbook of wrongLevel2Book, as jixiao
// export writes it, and returns its path and the words that name the sheet
// and cell of the wrong 二级 (as the workbook reader places it).
func wrongLevel2Workbook(t testing.TB) (path, where string) {
	t.Helper()
	book := wrongLevel2Model(t)
	var buf bytes.Buffer
	require.NoError(t, xlsx.Export(&buf, book))
	path = filepath.Join(t.TempDir(), "wrong-level2.xlsx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	b, src, err := xlsx.Read(buf.Bytes(), "wrong-level2.xlsx")
	require.NoError(t, err)
	for _, p := range model.Validate(b, src) {
		if p.Code == model.CodeLevel2NotInLevel1 {
			require.Regexp(t, `^[A-Z]+[0-9]+$`, p.Loc.Cell)
			require.NotEmpty(t, p.Loc.Sheet)
			return path, text(msg.Chinese, msg.LocCell, "wrong-level2.xlsx", p.Loc.Sheet, p.Loc.Cell)
		}
	}
	t.Fatal("the workbook's wrong 二级 is not found")
	return "", ""
}
