package layout

import (
	"testing"

	"jixiao/model"
)

func TestMetaText(t *testing.T) {
	for in, want := range map[string]string{
		"体检费": "体检费", "体检\u202e费": "体检费", "a\u200bb\u2066c\u2069": "abc", "\ufeff标题": "标题",
		"两行\n文字": "两行 文字", "a\x1b[31mb": "a[31mb", "": "",
	} {
		if got := MetaText(in); got != want {
			t.Errorf("MetaText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFormMetaBidi: a form's document title, author and subject carry no
// bidi control (issue 20).
func TestFormMetaBidi(t *testing.T) {
	f := &model.Form{Year: 2024, Title: "目标\u202e表", Unit: "单位\u202eX", Project: "项目\u202e名", TotalAmount: "1", YearAmount: "1"}
	doc, err := Form(f, fixed{}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Title != "项目名" || doc.Meta.Author != "单位X" || doc.Meta.Subject != "目标表 2024年度" {
		t.Errorf("%+v", doc.Meta)
	}
}
