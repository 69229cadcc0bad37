package golden

import (
	"os"
	"os/exec"
	"testing"
)

// RequireToolsEnv names the environment variable that makes the external
// PDF checkers (pdftotext, pdffonts, pdfinfo, pdftoppm, qpdf) mandatory, as in CI.
const RequireToolsEnv = "JIXIAO_REQUIRE_TOOLS"

// Tool returns the path of an external tool. When the tool is missing the
// test is skipped, unless JIXIAO_REQUIRE_TOOLS=1, where that is a failure.
// Under go test -short (quick iteration) the tests that run external tools
// are skipped whatever is installed: CI runs them in full.
func Tool(t testing.TB, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("%s: not run under -short", name)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(RequireToolsEnv) == "1" {
			t.Fatalf("%s is required (%s=1) but not installed: %v", name, RequireToolsEnv, err)
		}
		t.Skipf("%s is not installed (set %s=1 to make this a failure)", name, RequireToolsEnv)
	}
	return p
}

// File returns path, a file an installed package provides (a font of
// Debian's fonts-hanazono, say). When the file is missing the test is
// skipped, unless JIXIAO_REQUIRE_TOOLS=1, where that is a failure.
func File(t testing.TB, path, pkg string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv(RequireToolsEnv) == "1" {
			t.Fatalf("%s (package %s) is required (%s=1): %v", path, pkg, RequireToolsEnv, err)
		}
		t.Skipf("%s is not installed (package %s; set %s=1 to make this a failure)", path, pkg, RequireToolsEnv)
	}
	return path
}
