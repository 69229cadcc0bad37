package golden

import (
	"os"
	"os/exec"
	"testing"
)

// RequireToolsEnv names the environment variable that makes the external
// PDF checkers (pdftotext, pdffonts, pdfinfo, qpdf) mandatory, as in CI.
const RequireToolsEnv = "JIXIAO_REQUIRE_TOOLS"

// Tool returns the path of an external tool. When the tool is missing the
// test is skipped, unless JIXIAO_REQUIRE_TOOLS=1, where that is a failure.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(RequireToolsEnv) == "1" {
			t.Fatalf("%s is required (%s=1) but not installed: %v", name, RequireToolsEnv, err)
		}
		t.Skipf("%s is not installed (set %s=1 to make this a failure)", name, RequireToolsEnv)
	}
	return p
}
