package fonts

import (
	_ "embed"
	"fmt"
	"sync"
)

// The default fonts; see README.md for their origin and licence (OFL-1.1).
var (
	//go:embed NotoSerifSC-Regular.ttf
	serifRegular []byte
	//go:embed NotoSansSC-Bold.ttf
	sansBold []byte

	// What parse derives from each, kept beside it (tables.go); strings,
	// so that they are read-only.
	//go:embed NotoSerifSC-Regular.tab
	serifRegularTables string
	//go:embed NotoSansSC-Bold.tab
	sansBoldTables string
)

var (
	defaultBody  = sync.OnceValues(func() (*Font, error) { return embedded("NotoSerifSC-Regular.ttf", serifRegular, serifRegularTables) })
	defaultTitle = sync.OnceValues(func() (*Font, error) { return embedded("NotoSansSC-Bold.ttf", sansBold, sansBoldTables) })
)

// embedded returns the Font of the embedded font file data, made from its
// table file tab; parsed, when tab is not that of data (an edited font
// whose table file was not made again, which TestEmbeddedTables tells).
func embedded(name string, data []byte, tab string) (*Font, error) {
	if f, err := fromTables(data, tab); err == nil {
		return f, nil
	}
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("fonts: embedded %s: %w", name, err)
	}
	return f, nil
}

// DefaultBody returns the embedded Noto Serif SC Regular, the font of the
// 宋体 (body) role. It is parsed once per process; every call returns the
// same *Font.
func DefaultBody() (*Font, error) { return defaultBody() }

// DefaultTitle returns the embedded Noto Sans SC Bold, the font of the 黑体
// (title) role. It is parsed once per process.
func DefaultTitle() (*Font, error) { return defaultTitle() }

// DefaultSet returns a Set of the two embedded fonts, without fallbacks.
func DefaultSet() (*Set, error) {
	body, err := DefaultBody()
	if err != nil {
		return nil, err
	}
	title, err := DefaultTitle()
	if err != nil {
		return nil, err
	}
	return &Set{Body: body, Title: title}, nil
}
