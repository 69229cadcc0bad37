package layout

import (
	"strings"
	"testing"
)

// Issue #9: runs of blank lines in a long text print as one blank line:
// 1,000 newlines give no page of empty continuation.
func TestBlankLineRunsCollapsed(t *testing.T) {
	f := sampleForm()
	f.Overview = "甲" + strings.Repeat("\n", 1000) + "乙"
	opt := DefaultOptions()
	d, _ := layoutChecked(t, f, fixed{}, opt)
	g := sampleForm()
	g.Overview = "甲\n\n乙"
	want, _ := layoutChecked(t, g, fixed{}, opt)
	if len(d.Pages) != len(want.Pages) {
		t.Errorf("1,000 newlines: %d pages, one blank line: %d", len(d.Pages), len(want.Pages))
	}
}
