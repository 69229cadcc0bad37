package fonts

// fonts has no golden files; importing golden registers its -update flag,
// so that `go test ./... -update` runs in every package.
import _ "jixiao/golden"
